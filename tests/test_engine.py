"""The engine's promises: verified fixes only, overlaps deferred, bounded repetition, errors contained."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from iacfix.fixers import kinds
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Applicability, Edit, Finding, Fix, Language, Severity
from iacfix.fixers.registry import OptionError, Rule, RuleContext
from iacfix.fixers.rules.log_retention import LogRetention


class _TestRule(Rule):
    """Rules made for one test: the engine takes them as an argument."""

    languages = (Language.TERRAFORM,)


def _with_edits(rule: Rule, resource, edits: list[Edit], subject: str | None = None) -> Finding:
    """A finding whose fix is exactly ``edits``: tests of what the engine does with any fix."""
    finding = rule.finding(resource, "m", subject=subject)
    return dataclasses.replace(finding, fix=Fix(tuple(edits), rule.applicability, "test"))


TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
BUCKET = Kind("bucket", "aws_s3_bucket", (), None)


def test_a_fix_that_breaks_the_file_is_dropped_and_reported() -> None:
    class Breaks(_TestRule):
        code, name, title = "IAC900", "breaks-syntax", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                opening = bucket.header[1] - 1
                yield _with_edits(self, bucket, [Edit(opening, opening + 1, "{{")])

    report = Engine(rules=[Breaks()]).fix({"main.tf": TF})
    assert report.files == {}
    [failure] = report.failures
    assert "would not parse" in failure.reason
    assert [f.code for f in report.remaining] == ["IAC900"]


def test_a_fix_that_leaves_its_finding_is_dropped() -> None:
    class Useless(_TestRule):
        code, name, title = "IAC901", "useless-fix", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                changes = context.changes(document)
                changes.set(bucket, "force_destroy", False)
                yield self.finding(bucket, "m", fix=changes)

    report = Engine(rules=[Useless()]).fix({"main.tf": TF})
    assert report.files == {}
    assert "still there" in report.failures[0].reason


def test_a_fix_must_add_exactly_the_resources_it_says() -> None:
    class Sneaky(_TestRule):
        code, name, title = "IAC905", "adds-unannounced", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                if bucket.get("force_destroy") is None:
                    at = bucket.end
                    yield _with_edits(self, bucket, [
                        Edit(bucket.header[1], bucket.header[1], "\n  force_destroy = true"),
                        Edit(at, at, '\nresource "aws_s3_bucket_policy" "logs" {}\n'),
                    ])

    report = Engine(rules=[Sneaky()]).fix({"main.tf": TF})
    assert report.files == {}
    assert "it would add aws_s3_bucket_policy.logs" in report.failures[0].reason


def test_unsafe_fixes_wait_to_be_asked_for() -> None:
    class Unsafe(_TestRule):
        code, name, title = "IAC902", "unsafe-fix", "test"
        applicability = Applicability.UNSAFE

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                if bucket.get("force_destroy") is None:
                    changes = context.changes(document)
                    changes.set(bucket, "force_destroy", True)
                    yield self.finding(bucket, "m", fix=changes)

    assert Engine(rules=[Unsafe()]).fix({"main.tf": TF}).files == {}
    asked = Engine(EngineConfig(unsafe_rules=("IAC003",)), rules=[Unsafe()]).fix({"main.tf": TF})
    assert asked.files == {}
    asked = Engine(EngineConfig(unsafe=True), rules=[Unsafe()]).fix({"main.tf": TF})
    assert "force_destroy = true" in asked.files["main.tf"]


def test_display_only_fixes_are_never_applied() -> None:
    class Shown(_TestRule):
        code, name, title = "IAC906", "display-only", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                changes = context.changes(document)
                changes.set(bucket, "acl", "private")
                yield self.finding(bucket, "m", fix=changes, applicability=Applicability.DISPLAY_ONLY)

    report = Engine(EngineConfig(unsafe=True), rules=[Shown()]).fix({"main.tf": TF})
    assert report.files == {}
    [finding] = report.remaining
    assert finding.fix is not None and not finding.fixable


def test_overlapping_fixes_are_applied_over_several_passes() -> None:
    class AddsOne(_TestRule):
        code, name, title = "IAC903", "adds-attributes", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                for attribute in ("acl", "force_destroy"):
                    if bucket.get(attribute) is None:
                        changes = context.changes(document)
                        changes.set(bucket, attribute, "x")
                        yield self.finding(bucket, "m", subject=f"{bucket.subject}.{attribute}", fix=changes)

    report = Engine(rules=[AddsOne()]).fix({"main.tf": TF})
    assert report.files["main.tf"] == (
        'resource "aws_s3_bucket" "logs" {\n  bucket        = "logs"\n  acl           = "x"\n  force_destroy = "x"\n}\n'
    )
    assert report.failures == [] and report.remaining == []


def test_a_crashing_rule_is_reported_and_the_other_rules_still_run() -> None:
    class Crashes(_TestRule):
        code, name, title = "IAC904", "crashes", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            raise RuntimeError("boom")

    source = TF + 'resource "aws_cloudwatch_log_group" "g" {}\n'
    report = Engine(rules=[Crashes(), LogRetention()]).scan({"main.tf": source})
    assert [f.code for f in report.remaining] == ["IAC003"]
    assert "IAC904 could not check this file" in report.errors[0].reason


def test_options_are_validated_by_the_rules_own_types() -> None:
    with pytest.raises(OptionError, match="no option retention"):
        Engine(EngineConfig(select=("IAC003",), options={"log-retention": {"retention": 30}}))
    with pytest.raises(OptionError, match="retention_days"):
        Engine(EngineConfig(select=("IAC003",), options={"IAC003": {"retention_days": 31}}))
    engine = Engine(EngineConfig(select=("IAC003",), options={"IAC003": {"retention_days": 30}}))
    fixed = engine.fix({"main.tf": 'resource "aws_cloudwatch_log_group" "g" {}\n'}).files["main.tf"]
    assert "retention_in_days = 30" in fixed


def test_severity_is_configurable_per_rule() -> None:
    engine = Engine(EngineConfig(select=("IAC003",), severity={"log-retention": Severity.ERROR}))
    [finding] = engine.scan({"main.tf": 'resource "aws_cloudwatch_log_group" "g" {}\n'}).remaining
    assert finding.severity is Severity.ERROR


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
    assert Engine().scan({"main.tf": source}).remaining == []


def test_a_suppression_for_another_rule_does_not_hide_the_finding() -> None:
    source = '# iacfix:ignore IAC002 not this one\nresource "aws_cloudwatch_log_group" "g" {}\n'
    assert [f.code for f in Engine().scan({"main.tf": source}).remaining] == ["IAC003"]


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


def test_edited_gives_each_edit_of_a_fix_in_the_original_text() -> None:
    """A dead-letter queue fix edits the function and grants its role: two places, not the span between them,
    where an unrelated resource sits untouched."""
    text = (
        'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = aws_iam_role.r.arn\n'
        '  handler       = "f.handler"\n  runtime       = "python3.12"\n  filename      = "f.zip"\n}\n\n'
        'resource "aws_s3_bucket" "between" {\n  bucket = "between"\n}\n\n'
        'resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n  inline_policy {\n    name   = "p"\n'
        '    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"]'
        ', Resource = ["arn:aws:s3:::b/*"] }] })\n  }\n}\n'
    )
    report = Engine(EngineConfig(select=("IAC005",))).fix({"main.tf": text})
    [finding] = report.fixed
    spans = report.edited[finding.identity]
    between = (text.index('resource "aws_s3_bucket"'), text.index('resource "aws_iam_role"'))
    assert len(spans) >= 2
    assert any(end <= between[0] for _, end in spans) and any(start >= between[1] for start, _ in spans)
    assert not any(between[0] <= start < between[1] for start, _ in spans)
    assert report.origins[finding.identity] == (min(s for s, _ in spans), max(e for _, e in spans))


def test_a_rejected_fix_does_not_delay_the_others_to_a_second_run() -> None:
    """One bad fix in a batch: the good ones beside it still land in the same run, computed on the new text."""

    class Mixed(_TestRule):
        code, name, title = "IAC907", "mixed", "test"

        def check(self, document, context: RuleContext) -> Iterator[Finding]:
            for bucket in document.resources(BUCKET):
                if bucket.get("force_destroy") is not None:
                    continue
                if bucket.name == "aws_s3_bucket.bad":
                    opening = bucket.header[1] - 1
                    yield _with_edits(self, bucket, [Edit(opening, opening + 1, "{{")])
                    continue
                changes = context.changes(document)
                changes.add_resource_after(bucket, kinds.LOG_GROUP, {"name": bucket.label}, role="logs")
                changes.set(bucket, "force_destroy", True)
                yield self.finding(bucket, "m", fix=changes)

    source = "".join(f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n' for name in ("a", "bad", "b", "c"))
    report = Engine(rules=[Mixed()]).fix({"main.tf": source})
    assert [failure.finding.subject for failure in report.failures] == ["aws_s3_bucket.bad"]
    assert [f.subject for f in report.remaining] == ["aws_s3_bucket.bad"]
    again = Engine(rules=[Mixed()]).fix({"main.tf": report.files["main.tf"]})
    assert again.files == {}
