"""The storage, alarm and template rules with their options, together in one run, and with a rule that adds a
dead-letter queue the alarms must then watch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from iacfix.fixers.document import Document
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.kinds import DEAD_LETTER_TARGET, LAMBDA_FUNCTION, SQS_QUEUE
from iacfix.fixers.model import Finding, Language
from iacfix.fixers.registry import OptionError, Rule, RuleContext, resolve
from iacfix.fixers.values import Ref

CODES = ("IAC012", "IAC013", "IAC015", "IAC016", "IAC017", "IAC020", "IAC021")


def fixed(files: dict[str, str], code: str | tuple[str, ...], **options: object) -> dict[str, str]:
    codes = (code,) if isinstance(code, str) else code
    engine = Engine(EngineConfig(select=codes, unsafe=True, options={codes[0]: options} if options else {}))
    report = engine.fix(files)
    assert report.failures == [], [(f.finding.message, f.reason) for f in report.failures]
    return {**files, **report.files}


def remaining(files: dict[str, str], *codes: str) -> list[Finding]:
    return Engine(EngineConfig(select=codes, unsafe=True)).scan(files).remaining


BUCKET_TF = 'resource "aws_kms_key" "data" {\n  description = "data"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'


# ------------------------------------------------------------------------------------------------ options
@pytest.mark.parametrize("key, expected", [
    ("aws_kms_key.data", "kms_master_key_id = aws_kms_key.data.arn"),
    ("arn:aws:kms:eu-west-1:123456789012:key/abc", 'kms_master_key_id = "arn:aws:kms:eu-west-1:123456789012:key/abc"'),
])
def test_a_configured_kms_key_encrypts_with_sse_kms_and_a_bucket_key(key: str, expected: str) -> None:
    text = fixed({"main.tf": BUCKET_TF}, "IAC013", kms_key=key)["main.tf"]
    assert 'sse_algorithm     = "aws:kms"' in text and expected in text and "bucket_key_enabled = true" in text


def test_a_kms_key_that_names_nothing_declared_leaves_encryption_unfixed() -> None:
    report = Engine(EngineConfig(select=("IAC013",), options={"IAC013": {"kms_key": "aws_kms_key.gone"}})).scan(
        {"main.tf": BUCKET_TF})
    encryption = next(f for f in report.remaining if f.subject.endswith(":encryption"))
    assert encryption.fix is None and "aws_kms_key.gone" in (encryption.not_fixed_reason or "")


def test_lifecycle_without_tiering_only_aborts_incomplete_uploads() -> None:
    text = fixed({"main.tf": BUCKET_TF}, "IAC012", intelligent_tiering_days=None, abort_incomplete_upload_days=3)[
        "main.tf"]
    assert "days_after_initiation = 3" in text and "transition" not in text
    assert 'id     = "abort-incomplete-uploads"' in text


def test_a_configured_alarm_topic_is_notified() -> None:
    source = ('resource "aws_sns_topic" "a" {}\n\nresource "aws_sns_topic" "oncall" {}\n\n'
              'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n')
    text = fixed({"main.tf": source}, "IAC020", alarm_topic="aws_sns_topic.oncall", throttles=False)["main.tf"]
    assert text.count("alarm_actions       = [aws_sns_topic.oncall.arn]") == 1 and "Throttles" not in text


def test_without_a_single_topic_the_alarms_notify_nobody_and_say_so() -> None:
    source = ('resource "aws_sns_topic" "a" {}\n\nresource "aws_sns_topic" "b" {}\n\n'
              'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n')
    finding = remaining({"main.tf": source}, "IAC020")[0]
    assert "no SNS topic to notify" in finding.message and "alarm_actions" not in fixed({"main.tf": source}, "IAC020")[
        "main.tf"]


def test_a_configured_pattern_that_refuses_a_listed_value_is_reported() -> None:
    source = "AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  Stage:\n    Type: String\n    AllowedValues: [dev, qa]\n"
    report = Engine(EngineConfig(select=("IAC017",), options={"IAC017": {"pattern": "^dev$"}})).scan({"t.yaml": source})
    assert "refuses qa" in (report.remaining[0].not_fixed_reason or "")


def test_known_dimensions_extend_the_documented_ones() -> None:
    source = ('resource "aws_cloudwatch_metric_alarm" "a" {\n  namespace   = "AWS/Lambda"\n  metric_name = "Errors"\n'
              '  dimensions = {\n    EventSourceMappingUUID = "x"\n  }\n}\n')
    assert remaining({"main.tf": source}, "IAC015")
    known = Engine(EngineConfig(select=("IAC015",), options={"IAC015": {
        "known_dimensions": {"AWS/Lambda": ["EventSourceMappingUUID"]}}})).scan({"main.tf": source})
    assert known.remaining == []


@pytest.mark.parametrize("code, options", [
    ("IAC012", {"abort_incomplete_upload_days": 0}),
    ("IAC017", {"pattern": "["}),
    ("IAC020", {"period": 45}),
    ("IAC013", {"kms_key": " "}),
])
def test_invalid_options_are_refused_with_the_reason(code: str, options: dict) -> None:
    with pytest.raises(OptionError):
        resolve(code).parse_options(options)


# ------------------------------------------------------------------------------------------- together
TOGETHER = {
    "tf/main.tf": (
        'resource "aws_sns_topic" "alerts" {}\n\n'
        'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n\n'
        'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::1:role/f"\n'
        '  handler       = "f.handler"\n  runtime       = "python3.12"\n  filename      = "f.zip"\n}\n\n'
        'resource "aws_cloudwatch_metric_alarm" "table" {\n  alarm_name  = "t"\n  namespace   = "AWS/DynamoDB"\n'
        '  metric_name = "ThrottledRequests"\n  dimensions = {\n    table = "orders"\n  }\n}\n'),
    "cfn/template.yaml": (
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  EnvironmentSuffix:\n    Type: String\n"
        "    AllowedValues: [dev, prod]\n  Unused:\n    Type: String\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n"
        "    Properties:\n      BucketName: !Sub data-${EnvironmentSuffix}\n  Worker:\n    Type: AWS::Lambda::Function\n"
        "    Properties:\n      Handler: w.handler\n      Runtime: python3.12\n      Role: arn:aws:iam::1:role/w\n"
        "      Code:\n        ZipFile: 'def handler(e, c): pass'\n"),
    "py/__main__.py": (
        "import pulumi_aws as aws\n\ndata = aws.s3.Bucket('data')\n"
        "worker = aws.lambda_.Function('worker', runtime='python3.12', handler='w.handler', role='arn:aws:iam::1:role/w')\n"),
}


def test_every_rule_together_leaves_nothing_to_find_and_a_second_run_changes_nothing() -> None:
    engine = Engine(EngineConfig(select=CODES, unsafe=True))
    report = engine.fix(TOGETHER)
    assert report.failures == [], [(f.finding.message, f.reason) for f in report.failures]
    assert {f.code for f in report.found} == set(CODES)
    assert [(f.code, f.subject) for f in report.remaining] == []
    again = engine.fix({**TOGETHER, **report.files})
    assert again.files == {} and again.remaining == []


# ------------------------------------------------------------------------ a queue added in the same run
class AddsDeadLetterQueue(Rule):
    """A stand-in for a rule that gives functions a dead-letter queue (the alarms must follow in the same run).

    ## What it does
    Test only.
    """

    code, name, title = "IAC900", "adds-dead-letter-queue", "Functions get a dead-letter queue"
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        for function in document.resources(LAMBDA_FUNCTION):
            if function.get(DEAD_LETTER_TARGET) is not None:
                continue
            changes = context.changes(document)
            queue = changes.add_resource_after(function, SQS_QUEUE, {}, role="dlq", noun="dead letter queue")
            changes.set(function, DEAD_LETTER_TARGET, Ref(queue, "arn"))
            yield self.finding(function, "no dead-letter queue", subject=f"{function.subject}:dlq", fix=changes)


@pytest.mark.parametrize("path, text, alarmed", [
    ("main.tf", 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n', "aws_sqs_queue.f.name"),
    ("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::Lambda::Function\n"
               "    Properties:\n      Handler: f.handler\n", "!GetAtt FDeadLetterQueue.QueueName"),
    ("__main__.py", "import pulumi_aws as aws\n\nf = aws.lambda_.Function('f')\n", "f_dead_letter_queue.name"),
])
def test_a_dead_letter_queue_added_in_the_same_run_gets_its_alarm(path: str, text: str, alarmed: str) -> None:
    from iacfix.fixers.registry import resolve as rule_named

    rules = [AddsDeadLetterQueue(), rule_named("IAC020")()]
    report = Engine(EngineConfig(unsafe=True), rules=rules).fix({path: text})
    assert report.failures == [] and report.remaining == []
    result = report.files[path]
    assert "ApproximateNumberOfMessagesVisible" in result and alarmed in result
