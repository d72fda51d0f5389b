"""The rules' before/after examples as tests: the source tree's cases (read by ``iacfix.fixers.examples``, where
the layout is described) and their recorded findings.

Beside each case, ``<file>.findings.json`` (``<case>/findings.json`` for a folder) records the findings the
rule must report on the before file. Regenerate them with ``python -m tests.examples --update [CODE ...]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from iacfix.fixers.examples import LANGUAGES, Example, read_examples

__all__ = ["FIXTURES", "LANGUAGES", "Example", "examples", "finding_records", "scan", "update"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def examples() -> list[Example]:
    """Every case of this source tree, whichever copy of the package is installed."""
    return read_examples(FIXTURES)


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
