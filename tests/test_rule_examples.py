"""Every rule's before/after examples: found as recorded, fixed byte for byte, clean afterwards, stable."""

from __future__ import annotations

import re

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.registry import DOC_SECTIONS, all_rules
from tests.examples import LANGUAGES, Example, examples, finding_records

EXAMPLES = examples()


def engine_for(example: Example) -> Engine:
    return Engine(EngineConfig(select=(example.code,), unsafe=True, base=example.base))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_example(example: Example) -> None:
    engine = engine_for(example)
    report = engine.scan(example.before)
    assert report.errors == []
    findings = [f for f in report.remaining if f.code == example.code]
    assert example.expected is not None, f"no findings record: run `python -m tests.examples --update {example.code}`"
    assert finding_records(example, findings) == example.expected
    if example.good:
        assert findings == [], [f.message for f in findings]
        return
    assert findings, "the bad example must be found"
    fixed = engine.fix(example.before)
    assert fixed.failures == [], [(f.finding.message, f.reason) for f in fixed.failures]
    result = {**example.before, **fixed.files}
    if example.after is None:
        assert fixed.files == {}, "this example documents a finding that is not fixed automatically"
        assert all(not f.fixable for f in findings)
        return
    assert result == example.after
    again = engine.scan(example.after)
    assert [f.message for f in again.remaining if f.code == example.code] == []
    assert engine.fix(example.after).files == {}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_has_docs_and_examples_per_language(rule) -> None:
    from iacfix.bot.cli import RULE_LANGUAGES, rule_examples

    sections = rule.doc_sections()
    assert [s for s in DOC_SECTIONS if s not in sections] == []
    assert "Example" not in sections and "```" not in sections["What the fix does"], "examples come from fixtures"
    covered = {e.language for e in EXAMPLES if e.code == rule.code and e.fixed}
    assert {language.value for language in rule.languages} <= covered
    assert all(language in LANGUAGES for language in covered)
    rendered = rule_examples(rule.code)
    shown = re.findall(r"^### (\w+)$", rendered, re.MULTILINE)
    assert shown == [RULE_LANGUAGES[language] for language in RULE_LANGUAGES if language in covered]
    assert rendered.count("```diff\n") >= len(shown)


QUOTED = [e for e in EXAMPLES if e.language == "pulumi" and "single_quotes" in e.name and e.after is not None]


@pytest.mark.parametrize("example", QUOTED, ids=lambda e: e.id)
def test_inserted_strings_follow_the_files_quotes(example: Example) -> None:
    """A program written with single quotes gets single-quoted names and strings from every rule."""
    for path, after in (example.after or {}).items():
        before = set(example.before[path].splitlines())
        added = [line for line in after.splitlines() if line not in before]
        assert added, path
        assert not [line for line in added if '"' in line], path


def test_every_rule_has_a_single_quoted_program() -> None:
    rules = {rule.code for rule in all_rules() if any(language.value == "pulumi" for language in rule.languages)}
    assert rules <= {example.code for example in QUOTED}
