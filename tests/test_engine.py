"""The engine's promises: verified fixes only, overlaps deferred, bounded repetition, errors contained."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Applicability, Edit, Finding, Language
from iacfix.fixers.registry import _REGISTERED, Rule, RuleContext, all_rules


class _TestRule(Rule):
    """Test rules are registered only while a test uses them."""

    languages = (Language.TERRAFORM,)


@pytest.fixture
def register_rule():
    added: list[str] = []

    def add(rule: type[Rule]) -> type[Rule]:
        _REGISTERED[rule.code] = rule
        all_rules.cache_clear()
        added.append(rule.code)
        return rule

    yield add
    for code in added:
        _REGISTERED.pop(code, None)
    all_rules.cache_clear()


TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'


def test_a_fix_that_breaks_the_file_is_dropped_and_reported(register_rule) -> None:
    class Breaks(_TestRule):
        code, name, title = "IAC900", "breaks-syntax", "test"

        def check_terraform(self, document, context: RuleContext) -> Iterator[Finding]:
            for block in document.resources("aws_s3_bucket"):
                yield self.finding(document, subject=block.address, message="m", start=block.start, end=block.end,
                                   edits=[Edit(block.open_brace, block.open_brace + 1, "{{")])

    register_rule(Breaks)
    report = Engine(EngineConfig(select=("IAC900",))).fix({"main.tf": TF})
    assert report.files == {}
    [failure] = report.failures
    assert "would not parse" in failure.reason
    assert [f.code for f in report.findings] == ["IAC900"]


def test_a_fix_that_leaves_its_finding_is_dropped(register_rule) -> None:
    class Useless(_TestRule):
        code, name, title = "IAC901", "useless-fix", "test"

        def check_terraform(self, document, context: RuleContext) -> Iterator[Finding]:
            for block in document.resources("aws_s3_bucket"):
                yield self.finding(document, subject=block.address, message="m", start=block.start, end=block.end,
                                   edits=[document.insert_attribute(block, "force_destroy", "false")])

    register_rule(Useless)
    report = Engine(EngineConfig(select=("IAC901",))).fix({"main.tf": TF})
    assert report.files == {}
    assert "still there" in report.failures[0].reason


def test_unsafe_fixes_wait_to_be_asked_for(register_rule) -> None:
    class Unsafe(_TestRule):
        code, name, title = "IAC902", "unsafe-fix", "test"
        applicability = Applicability.UNSAFE

        def check_terraform(self, document, context: RuleContext) -> Iterator[Finding]:
            for block in document.resources("aws_s3_bucket"):
                if "force_destroy" not in block.attributes:
                    yield self.finding(document, subject=block.address, message="m", start=block.start, end=block.end,
                                       edits=[document.insert_attribute(block, "force_destroy", "true")])

    register_rule(Unsafe)
    assert Engine(EngineConfig(select=("IAC902",))).fix({"main.tf": TF}).files == {}
    asked = Engine(EngineConfig(select=("IAC902",), unsafe_rules=("unsafe-fix",))).fix({"main.tf": TF})
    assert "force_destroy = true" in asked.files["main.tf"]


def test_overlapping_fixes_are_applied_over_several_passes(register_rule) -> None:
    class AddsOne(_TestRule):
        code, name, title = "IAC903", "adds-attributes", "test"

        def check_terraform(self, document, context: RuleContext) -> Iterator[Finding]:
            for block in document.resources("aws_s3_bucket"):
                for attribute in ("acl", "force_destroy"):
                    if attribute not in block.attributes:
                        yield self.finding(document, subject=f"{block.address}.{attribute}", message="m",
                                           start=block.start, end=block.end,
                                           edits=[document.insert_attribute(block, attribute, '"x"')])

    register_rule(AddsOne)
    report = Engine(EngineConfig(select=("IAC903",))).fix({"main.tf": TF})
    assert report.files["main.tf"] == (
        'resource "aws_s3_bucket" "logs" {\n  bucket        = "logs"\n  acl           = "x"\n  force_destroy = "x"\n}\n'
    )
    assert report.failures == [] and report.findings == []


def test_a_crashing_rule_is_reported_and_the_other_rules_still_run(register_rule) -> None:
    class Crashes(_TestRule):
        code, name, title = "IAC904", "crashes", "test"

        def check_terraform(self, document, context: RuleContext) -> Iterator[Finding]:
            raise RuntimeError("boom")

    register_rule(Crashes)
    source = TF + 'resource "aws_cloudwatch_log_group" "g" {}\n'
    report = Engine(EngineConfig(select=("IAC904", "IAC003"))).scan({"main.tf": source})
    assert [f.code for f in report.findings] == ["IAC003"]
    assert "IAC904 could not check this file" in report.errors[0].reason


def test_files_with_nothing_to_fix_are_never_rewritten() -> None:
    crlf = 'resource "aws_cloudwatch_log_group" "g" {\r\n  retention_in_days = 7\r\n}\r\n'
    report = Engine().fix({"a.tf": crlf, "b.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"})
    assert report.files == {}


def test_crlf_files_get_crlf_insertions() -> None:
    crlf = 'resource "aws_cloudwatch_log_group" "g" {\r\n  name = "g"\r\n}\r\n'
    fixed = Engine().fix({"a.tf": crlf}).files["a.tf"]
    assert fixed == 'resource "aws_cloudwatch_log_group" "g" {\r\n  name              = "g"\r\n  retention_in_days = 14\r\n}\r\n'


@pytest.mark.parametrize("source", [
    '# iacfix:ignore IAC003 kept by policy\nresource "aws_cloudwatch_log_group" "g" {}\n',
    '# a log group\n# iacfix:ignore log-retention\nresource "aws_cloudwatch_log_group" "g" {}\n',
    'resource "aws_cloudwatch_log_group" "g" {} # iacfix:ignore\n',
])
def test_inline_suppressions(source: str) -> None:
    assert Engine().scan({"main.tf": source}).findings == []


def test_a_suppression_for_another_rule_does_not_hide_the_finding() -> None:
    source = '# iacfix:ignore IAC002 not this one\nresource "aws_cloudwatch_log_group" "g" {}\n'
    assert [f.code for f in Engine().scan({"main.tf": source}).findings] == ["IAC003"]


def test_origins_place_every_fix_in_the_original_text_even_when_made_in_a_later_pass() -> None:
    """IAC001's alias and IAC003's log group both go right after the function: one of them waits a pass."""
    import difflib
    from pathlib import Path

    from iacfix.fixers.text import LineIndex

    path = "main.tf"
    text = (Path(__file__).resolve().parent.parent / "examples" / "terraform" / "main.tf").read_text()
    report = Engine(EngineConfig(select=("IAC001", "IAC003"))).fix({path: text})
    lines = LineIndex(text)
    assert len(report.fixed) >= 3
    for finding in report.fixed:
        alone = Engine(EngineConfig(select=(finding.code,), only=frozenset({finding.identity}))).fix({path: text})
        changed = [
            line
            for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=text.splitlines(), b=alone.files[path].splitlines())
            .get_opcodes() if tag != "equal"
            for line in (range(i1 + 1, i2 + 1) if i2 > i1 else (i1,))
        ]
        start, end = report.origins[finding.identity]
        first, last = lines.position(start).line, lines.position(end).line
        assert all(first - 1 <= line <= last + 1 for line in changed), (finding.code, changed, first, last)
