"""Every rule's before/after examples: found, fixed byte for byte, clean afterwards, stable under a re-run."""

from __future__ import annotations

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.registry import all_rules
from tests.examples import LANGUAGES, Example, examples

EXAMPLES = examples()


def engine_for(code: str) -> Engine:
    return Engine(EngineConfig(select=(code,), unsafe=True))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_example(example: Example) -> None:
    engine = engine_for(example.code)
    report = engine.scan(example.before)
    assert report.errors == []
    findings = [f for f in report.findings if f.code == example.code]
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
    assert [f.message for f in again.findings if f.code == example.code] == []
    assert engine.fix(example.after).files == {}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_has_docs_and_examples_per_language(rule) -> None:
    sections = rule.doc_sections()
    missing = [s for s in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Options", "References") if s not in sections]
    assert missing == []
    covered = {e.language for e in EXAMPLES if e.code == rule.code and not e.good and e.after is not None}
    assert {language.value for language in rule.languages} <= covered
    assert all(language in LANGUAGES for language in covered)
