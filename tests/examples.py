"""Discovers the before/after example files that are every rule's tests.

Layout: ``tests/fixtures/<CODE>/<language>/`` holds, per case,
- a single file ``<case>.<ext>`` with ``<case>.fixed.<ext>`` beside it when the rule fixes it, or with no
  ``.fixed`` file when the finding is reported but deliberately not fixed;
- files named ``good*.<ext>``, which must produce no finding;
- or a folder ``<case>/`` with ``before/`` and ``after/`` trees for cases that span several files (a Terraform
  module, a Pulumi program with its handler source); ``after/`` is absent when nothing is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LANGUAGES = ("terraform", "cloudformation", "pulumi")


@dataclass(frozen=True)
class Example:
    code: str
    language: str
    name: str
    before: dict[str, str]
    after: dict[str, str] | None  # None: found but not fixed
    good: bool  # must produce no finding at all

    @property
    def id(self) -> str:
        return f"{self.code}-{self.language}-{self.name}"


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def examples() -> list[Example]:
    found: list[Example] = []
    for rule_folder in sorted(FIXTURES.glob("IAC*")):
        for language in LANGUAGES:
            folder = rule_folder / language
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir()):
                name = entry.name
                if entry.is_dir():
                    after = entry / "after"
                    found.append(Example(rule_folder.name, language, name, _tree(entry / "before"),
                                         _tree(after) if after.is_dir() else None, False))
                elif ".fixed." in name:
                    continue
                else:
                    stem, _, suffix = name.partition(".")
                    fixed = entry.with_name(f"{stem}.fixed.{suffix}")
                    before = {name: entry.read_text()}
                    after = {name: fixed.read_text()} if fixed.exists() else None
                    found.append(Example(rule_folder.name, language, stem, before, after, stem.startswith("good")))
    return found
