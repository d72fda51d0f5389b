"""The README's rule table is the registry's: every rule, with its code, name, fix applicability, languages and
title, in code order."""

from __future__ import annotations

import re
from pathlib import Path

from iacfix.fixers.registry import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| (IAC\d+) \| (.*?) \|$", re.MULTILINE)


def test_readme_rule_table_lists_every_rule_as_the_registry_defines_it() -> None:
    table = [(code, *(cell.strip() for cell in rest.split(" | "))) for code, rest in ROW.findall(README.read_text())]
    expected = [
        (rule.code, rule.name, rule.applicability.value, ", ".join(language.value for language in rule.languages),
         rule.title)
        for rule in all_rules()
    ]
    assert table == expected
