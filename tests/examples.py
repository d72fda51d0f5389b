"""Discovers the before/after example files that are every rule's tests and the source of its rendered docs.

Layout: ``tests/fixtures/<CODE>/<language>/`` holds, per case,
- a single file ``<case>.<ext>`` with ``<case>.fixed.<ext>`` beside it when the rule fixes it, or with no
  ``.fixed`` file when the finding is reported but deliberately not fixed;
- files named ``good*.<ext>``, which must produce no finding;
- or a folder ``<case>/`` with ``before/`` and ``after/`` trees for cases that span several files (a Terraform
  module, a Pulumi program with its handler source); ``after/`` is absent when nothing is fixed; ``base/`` holds
  the files as they were before the change, when the case depends on what already existed.
Beside each case, ``<file>.findings.json`` (``<case>/findings.json`` for a folder) records the findings the
rule must report on the before file. Regenerate them with ``python -m tests.examples --update [CODE ...]``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    findings_file: Path
    base: dict[str, str] | None = None  # the files before the change, when the case says (``<case>/base/``)

    @property
    def id(self) -> str:
        return f"{self.code}-{self.language}-{self.name}"

    @property
    def expected(self) -> list[dict[str, Any]] | None:
        """The recorded findings, or None when the case has no record yet."""
        if not self.findings_file.exists():
            return [] if self.good else None
        return json.loads(self.findings_file.read_text())


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
                    after, base = entry / "after", entry / "base"
                    found.append(Example(rule_folder.name, language, name, _tree(entry / "before"),
                                         _tree(after) if after.is_dir() else None, False, entry / "findings.json",
                                         _tree(base) if base.is_dir() else None))
                elif ".fixed." in name or name.endswith(".findings.json"):
                    continue
                else:
                    stem, _, suffix = name.partition(".")
                    fixed = entry.with_name(f"{stem}.fixed.{suffix}")
                    before = {name: entry.read_text()}
                    after = {name: fixed.read_text()} if fixed.exists() else None
                    found.append(Example(rule_folder.name, language, stem, before, after, stem.startswith("good"),
                                         entry.with_name(f"{name}.findings.json")))
    return found


def finding_records(example: Example, findings: list[Any]) -> list[dict[str, Any]]:
    """Findings as recorded: what a person reads of them, in a stable order."""
    records = []
    for finding in sorted(findings, key=lambda f: (f.path, f.start.line, f.start.column, f.subject)):
        record: dict[str, Any] = {}
        if len(example.before) > 1:
            record["file"] = finding.path
        record.update({
            "code": finding.code,
            "line": finding.start.line,
            "column": finding.start.column,
            "message": finding.message,
            "applicability": finding.fix.applicability.value if finding.fix else None,
            "not_fixed_reason": finding.not_fixed_reason,
        })
        records.append(record)
    return records


def scan(example: Example) -> Any:
    from iacfix.fixers.engine import Engine, EngineConfig

    return Engine(EngineConfig(select=(example.code,), unsafe=True, base=example.base)).scan(example.before)


def update(codes: list[str]) -> int:
    """Rewrite the findings records of the chosen rules' cases (all when none is named)."""
    changed = 0
    for example in examples():
        if codes and example.code not in codes:
            continue
        records = finding_records(example, [f for f in scan(example).remaining if f.code == example.code])
        if example.good and not records:
            continue
        text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        if not example.findings_file.exists() or example.findings_file.read_text() != text:
            example.findings_file.write_text(text)
            changed += 1
            print(f"updated {example.findings_file.relative_to(FIXTURES.parent.parent)}")
    print(f"{changed} findings record(s) updated")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--update" not in arguments:
        print("usage: python -m tests.examples --update [CODE ...]", file=sys.stderr)
        sys.exit(2)
    sys.exit(update([a.upper() for a in arguments if a != "--update"]))
