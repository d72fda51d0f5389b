"""Reads the before/after examples that are every rule's tests and the source of its rendered docs.

Layout: ``<CODE>/<language>/`` holds, per case,
- a single file ``<case>.<ext>`` with ``<case>.fixed.<ext>`` beside it when the rule fixes it, or with no
  ``.fixed`` file when the finding is reported but deliberately not fixed;
- files named ``good*.<ext>``, which must produce no finding;
- or a folder ``<case>/`` with ``before/`` and ``after/`` trees for cases that span several files (a Terraform
  module, a Pulumi program with its handler source); ``after/`` is absent when nothing is fixed; ``base/`` holds
  the files as they were before the change, when the case depends on what already existed.
Beside each case, ``<file>.findings.json`` (``<case>/findings.json`` for a folder) records the findings the
rule must report on the before file.

The examples live in the repository's ``tests/fixtures`` and are installed with the package as
``iacfix.rule_examples``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGUAGES = ("terraform", "cloudformation", "pulumi")


@dataclass(frozen=True)
class Example:
    code: str
    language: str
    name: str
    before: dict[str, str]
    after: dict[str, str] | None  # None: found but not fixed
    good: bool  # must produce no finding at all
    findings_file: Path
    base: dict[str, str] | None = None  # the files before the change, when the case says (``<case>/base/``)

    @property
    def id(self) -> str:
        return f"{self.code}-{self.language}-{self.name}"

    @property
    def fixed(self) -> bool:
        """A case that shows a fix, on its own: found, fixed, and independent of any earlier version."""
        return not self.good and self.after is not None and self.base is None

    @property
    def expected(self) -> list[dict[str, Any]] | None:
        """The recorded findings, or None when the case has no record yet."""
        if not self.findings_file.exists():
            return [] if self.good else None
        return json.loads(self.findings_file.read_text())


def examples_root() -> Path:
    """Where the examples are: the installed ``iacfix.rule_examples``, or the source tree's ``tests/fixtures``
    when the installed package predates them (an editable install made before they were packaged)."""
    try:
        module = importlib.import_module("iacfix.rule_examples")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    return Path(module.__path__[0])


def _tree(folder: Path) -> dict[str, str]:
    """The files of a case folder, without the bytecode that installers compile beside Python files."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.relative_to(folder).parts)
    return {p.relative_to(folder).as_posix(): p.read_text() for p in files}


def read_examples(root: Path | None = None, codes: tuple[str, ...] = ()) -> list[Example]:
    """Every case under ``root`` (by default :func:`examples_root`), of the rules ``codes`` or all rules."""
    found: list[Example] = []
    root = root or examples_root()
    for rule_folder in sorted(root.glob("IAC*")):
        if codes and rule_folder.name not in codes:
            continue
        for language in LANGUAGES:
            folder = rule_folder / language
            if folder.is_dir():
                found.extend(_cases(rule_folder.name, language, folder))
    return found


def _cases(code: str, language: str, folder: Path) -> list[Example]:
    found = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name == "__pycache__":
            continue
        if entry.is_dir():
            after, base = entry / "after", entry / "base"
            found.append(Example(code, language, name, _tree(entry / "before"),
                                 _tree(after) if after.is_dir() else None, False, entry / "findings.json",
                                 _tree(base) if base.is_dir() else None))
        elif ".fixed." in name or name.endswith(".findings.json"):
            continue
        else:
            stem, _, suffix = name.partition(".")
            fixed = entry.with_name(f"{stem}.fixed.{suffix}")
            before = {name: entry.read_text()}
            after = {name: fixed.read_text()} if fixed.exists() else None
            found.append(Example(code, language, stem, before, after, stem.startswith("good"),
                                 entry.with_name(f"{name}.findings.json")))
    return found


def representative(code: str, root: Path | None = None) -> dict[str, Example]:
    """Per language, the simplest case that shows the rule's fix."""
    by_language: dict[str, list[Example]] = {}
    for example in read_examples(root, (code,)):
        if example.fixed:
            by_language.setdefault(example.language, []).append(example)
    return {language: min(cases, key=_size) for language, cases in by_language.items()}


def _size(example: Example) -> tuple[int, int, int]:
    """Files in the spelling most people write first (YAML templates, double quotes), then fewest, then shortest."""
    texts = [*example.before.values(), *(example.after or {}).values()]
    unusual = "single_quotes" in example.name or any(name.endswith(".json") for name in example.before)
    return int(unusual), len(example.before), sum(map(len, texts))
