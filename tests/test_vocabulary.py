"""The edit verbs of each language on their own: empty bodies, calls without arguments, blocks at the end of a
file, CRLF files, tabs; and the symbolic names that decide whether a resource already exists."""

from __future__ import annotations

import pytest

from iacfix.fixers import kinds
from iacfix.fixers.cfn.document import parse as parse_cfn
from iacfix.fixers.document import CannotFix, Unit
from iacfix.fixers.hcl.document import parse as parse_hcl
from iacfix.fixers.names import Name, Symbol
from iacfix.fixers.pulumi.document import parse as parse_pulumi
from iacfix.fixers.text import apply_edits
from iacfix.fixers.values import Block, Json, Ref, join

PARSERS = {"tf": parse_hcl, "yaml": parse_cfn, "json": parse_cfn, "py": parse_pulumi}


def edited(kind: str, text: str, edit) -> str:  # type: ignore[no-untyped-def]
    """Apply ``edit(document, changes)`` to ``text``; the result must parse again."""
    document = PARSERS[kind](f"f.{kind}", text)
    changes = document.changes()
    edit(document, changes)
    result = apply_edits(text, changes.edits())
    PARSERS[kind](f"f.{kind}", result)
    return result


def first(document, kind=None):  # type: ignore[no-untyped-def]
    return document.resources(kind)[0]


# ------------------------------------------------------------------------------------------------ set
@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_s3_bucket" "b" {}', 'resource "aws_s3_bucket" "b" {\n  force_destroy = true\n}'),
    ("tf", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}', 'resource "aws_s3_bucket" "b" {\n  bucket        = "b"\n'
     '  force_destroy = true\n}'),
    ("tf", 'resource "aws_s3_bucket" "b" {\r\n  bucket = "b"\r\n}\r\n',
     'resource "aws_s3_bucket" "b" {\r\n  bucket        = "b"\r\n  force_destroy = true\r\n}\r\n'),
    ("tf", 'resource "aws_s3_bucket" "b" {\n\tbucket = "b"\n}\n', 'resource "aws_s3_bucket" "b" {\n\tbucket        = "b"\n'
     '\tforce_destroy = true\n}\n'),
    ("yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
     "    Properties:\n      ForceDestroy: true\n"),
    ("yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {}\n", "Resources:\n  B:\n"
     "    Type: AWS::S3::Bucket\n    Properties:\n      ForceDestroy: true\n"),
    ("yaml", "Resources:\r\n  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      Name: b\r\n",
     "Resources:\r\n  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      Name: b\r\n      ForceDestroy: true\r\n"),
    ("json", '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {}}}}',
     '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {\n  "ForceDestroy": true\n}}}}'),
    ("json", '{\n\t"Resources": {\n\t\t"B": {\n\t\t\t"Type": "AWS::S3::Bucket",\n\t\t\t"Properties": {\n'
     '\t\t\t\t"Name": "b"\n\t\t\t}\n\t\t}\n\t}\n}\n',
     '{\n\t"Resources": {\n\t\t"B": {\n\t\t\t"Type": "AWS::S3::Bucket",\n\t\t\t"Properties": {\n'
     '\t\t\t\t"Name": "b",\n\t\t\t\t"ForceDestroy": true\n\t\t\t}\n\t\t}\n\t}\n}\n'),
    ("py", 'import pulumi_aws as aws\nb = aws.s3.Bucket("b")\n',
     'import pulumi_aws as aws\nb = aws.s3.Bucket("b", force_destroy=True)\n'),
    ("py", 'import pulumi_aws as aws\nb = aws.s3.Bucket(\n\t"b",\n\tbucket="b"\n)\n',
     'import pulumi_aws as aws\nb = aws.s3.Bucket(\n\t"b",\n\tbucket="b",\n\tforce_destroy=True\n)\n'),
    ("py", 'import pulumi_aws as aws\r\nb = aws.s3.Bucket(\r\n    "b",\r\n    bucket="b",\r\n)\r\n',
     'import pulumi_aws as aws\r\nb = aws.s3.Bucket(\r\n    "b",\r\n    bucket="b",\r\n    force_destroy=True,\r\n)\r\n'),
])
def test_set_adds_a_setting_in_the_files_layout(kind: str, before: str, after: str) -> None:
    setting = kinds.Setting("force_destroy", "ForceDestroy")
    assert edited(kind, before, lambda d, c: c.set(first(d), setting, True)) == after


@pytest.mark.parametrize("kind, before, expected", [
    ("tf", 'resource "aws_lambda_function" "f" {\n  runtime = "python3.12"\n}\n',
     '  runtime = "python3.12"\n\n  tracing_config {\n    mode = "Active"\n  }\n}\n'),
    ("yaml", "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n",
     "      Runtime: python3.12\n      TracingConfig:\n        Mode: Active\n"),
    ("py", 'import pulumi_aws as aws\nf = aws.lambda_.Function("f", runtime="python3.12")\n',
     'runtime="python3.12", tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="Active"))\n'),
    ("py", 'import pulumi_aws as aws\nf = aws.lambda_.Function("f", environment={"variables": {}})\n',
     'environment={"variables": {}}, tracing_config={"mode": "Active"})\n'),
])
def test_set_creates_the_nested_blocks_on_its_path(kind: str, before: str, expected: str) -> None:
    tracing = kinds.Setting("tracing_config.mode", "TracingConfig.Mode")
    assert edited(kind, before, lambda d, c: c.set(first(d), tracing, "Active")).endswith(expected)


def test_two_settings_under_one_new_block_are_written_together() -> None:
    source = 'resource "aws_x" "a" {\n  name = "a"\n}\n'
    result = edited("tf", source, lambda d, c: (c.set(first(d), "b.one", 1), c.set(first(d), "b.two", 2)))
    assert result == 'resource "aws_x" "a" {\n  name = "a"\n\n  b {\n    one = 1\n    two = 2\n  }\n}\n'


def test_a_setting_written_by_an_expression_cannot_be_extended() -> None:
    document = parse_pulumi("f.py", 'import pulumi_aws as aws\nf = aws.lambda_.Function("f", tracing_config=cfg)\n')
    changes = document.changes()
    changes.set(first(document), "tracing_config.mode", "Active")  # the reason waits for the fix's edits
    with pytest.raises(CannotFix, match="through cfg"):
        changes.edits()


# --------------------------------------------------------------------------------------------- remove
@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "a" {\n  name = "a"\n  # why\n  count_me = 1\n  other_one = 2\n}\n',
     'resource "aws_x" "a" {\n  name      = "a"\n  other_one = 2\n}\n'),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Name: a\n      # why\n      Gone: 1\n",
     "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Name: a\n"),
    ("py", 'import pulumi_aws as aws\na = aws.s3.Bucket("a", gone=1, name="a")\n',
     'import pulumi_aws as aws\na = aws.s3.Bucket("a", name="a")\n'),
])
def test_remove_takes_the_comment_that_describes_it(kind: str, before: str, after: str) -> None:
    setting = {"tf": "count_me", "yaml": "Gone", "py": "gone"}[kind]
    assert edited(kind, before, lambda d, c: c.remove(first(d), setting)) == after


# ---------------------------------------------------------------------------------------- add_to_list
@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "a" {\n  items = []\n}\n', 'resource "aws_x" "a" {\n  items = ["b"]\n}\n'),
    ("tf", 'resource "aws_x" "a" {\n  items = ["a"]\n}\n', 'resource "aws_x" "a" {\n  items = ["a", "b"]\n}\n'),
    ("tf", 'resource "aws_x" "a" {\n  items = [\n    "a",\n  ]\n}\n',
     'resource "aws_x" "a" {\n  items = [\n    "a",\n    "b",\n  ]\n}\n'),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items:\n        - a\n",
     "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items:\n        - a\n        - b\n"),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items: [a]\n",
     "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items: [a, b]\n"),
    ("json", '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Items": []}}}}',
     '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Items": ["b"]}}}}'),
    ("py", 'import pulumi_aws as aws\na = aws.s3.Bucket("a", items=["a"])\n',
     'import pulumi_aws as aws\na = aws.s3.Bucket("a", items=["a", "b"])\n'),
])
def test_add_to_list_follows_the_lists_layout(kind: str, before: str, after: str) -> None:
    setting = kinds.Setting("items", "Items")
    assert edited(kind, before, lambda d, c: c.add_to_list(first(d).get(setting), "b")) == after


# ----------------------------------------------------------------------------------- add_resource_after
def test_a_terraform_resource_added_at_the_end_of_a_file_without_a_final_newline() -> None:
    source = 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}'
    result = edited("tf", source, lambda d, c: c.add_resource_after(
        first(d), kinds.LOG_GROUP, {kinds.LOG_GROUP_NAME: join("/aws/lambda/", Ref(first(d), "name"))}, role="logs"))
    assert result == source + '\n\nresource "aws_cloudwatch_log_group" "f" {\n' \
        '  name = "/aws/lambda/${aws_lambda_function.f.function_name}"\n}'


def test_an_added_resource_carries_its_owners_condition() -> None:
    source = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Condition: InProd\n    Properties:\n      Runtime: x\n"
    result = edited("yaml", source, lambda d, c: c.add_resource_after(
        first(d), kinds.LOG_GROUP, {kinds.LOG_GROUP_NAME: join("/aws/lambda/", Ref(first(d), "name"))}, role="logs"))
    assert result.endswith("  FLogGroup:\n    Type: AWS::Logs::LogGroup\n    Condition: InProd\n    Properties:\n"
                           "      LogGroupName: !Sub /aws/lambda/${F}\n")


def test_an_added_pulumi_resource_stays_in_its_owners_block() -> None:
    source = ('import pulumi_aws as aws\nif prod:\n    f = aws.lambda_.Function("f")\n'
              'else:\n    f = None\n')
    result = edited("py", source, lambda d, c: c.add_resource_after(
        first(d), kinds.LOG_GROUP, {"retention_in_days": 7}, role="logs"))
    assert '\n    f_logs = aws.cloudwatch.LogGroup(\n        "f-logs",\n        retention_in_days=7,\n    )\n' \
           '\nelse:' in result


def test_names_of_added_resources_are_free_in_the_unit() -> None:
    source = ('resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n\n'
              'resource "aws_cloudwatch_log_group" "f" {\n  name = "other"\n}\n')
    document = parse_hcl("main.tf", source)
    changes = document.changes(Unit([document]))
    added = changes.add_resource_after(first(document, kinds.LAMBDA_FUNCTION), kinds.LOG_GROUP, {}, role="logs")
    assert added.name == "f_logs"


# A queue named after its function, where a queue of that name may already exist: the verb refuses (AWS would).
TAKEN_NAMES = {
    "tf": ('resource "aws_lambda_function" "f" {\n  function_name = "${var.prefix}-f"\n}\n\n'
           'resource "aws_sqs_queue" "q" {\n  name = "${var.stage}-f-dlq"\n}\n'),
    "yaml": ("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: !Sub ${Prefix}-f\n"
             "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub ${Stage}-f-dlq\n"),
    "py": ('import pulumi_aws as aws\nf = aws.lambda_.Function("f", name=f"{prefix}-f")\n'
           'q = aws.sqs.Queue("q", name=f"{stage}-f-dlq")\n'),
}


@pytest.mark.parametrize("kind", sorted(TAKEN_NAMES))
def test_a_resource_whose_real_name_may_be_taken_is_not_added(kind: str) -> None:
    document = PARSERS[kind](f"f.{kind}", TAKEN_NAMES[kind])
    changes = document.changes()
    function = first(document, kinds.LAMBDA_FUNCTION)
    with pytest.raises(CannotFix, match="may already have"):
        changes.add_resource_after(function, kinds.SQS_QUEUE, {kinds.SQS_QUEUE.name_setting: join(
            Ref(function, "name"), "-dlq")}, role="dlq")
        changes.edits()


@pytest.mark.parametrize("kind", sorted(TAKEN_NAMES))
def test_a_name_made_for_another_resource_of_the_same_type_is_free(kind: str) -> None:
    """``<g's name>-dlq`` cannot be ``<f's name>-dlq``: two functions never share a name."""
    other = {"tf": ('resource "aws_lambda_function" "g" {\n  function_name = var.g\n}\n\n'
                    'resource "aws_sqs_queue" "q" {\n  name = "${var.g}-dlq"\n}\n'),
             "yaml": ("  G:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: !Ref GName\n"
                      "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub ${GName}-dlq\n"),
             "py": 'g = aws.lambda_.Function("g", name=g_name)\nq = aws.sqs.Queue("q", name=f"{g_name}-dlq")\n'}[kind]
    source = TAKEN_NAMES[kind].split("resource \"aws_sqs_queue\"")[0].split("  Q:")[0].split("q = aws")[0] + other
    document = PARSERS[kind](f"f.{kind}", source)
    changes = document.changes()
    function = next(r for r in document.resources(kinds.LAMBDA_FUNCTION) if r.name in ("aws_lambda_function.f", "F", "f"))
    changes.add_resource_after(function, kinds.SQS_QUEUE, {kinds.SQS_QUEUE.name_setting: join(
        Ref(function, "name"), "-dlq")}, role="dlq")
    assert changes.edits()


def test_a_reference_to_one_of_several_instances_is_refused() -> None:
    source = 'resource "aws_lambda_function" "f" {\n  count = 2\n}\n\nresource "aws_x" "y" {\n  name = "y"\n}\n'
    document = parse_hcl("main.tf", source)
    changes = document.changes()
    changes.set(document.resources()[1], "target", Ref(document.resources()[0], "arn"))
    with pytest.raises(CannotFix, match="several resources"):
        changes.edits()


def test_blocks_render_as_args_objects_or_dicts_as_the_program_does() -> None:
    source = 'import pulumi_aws as aws\nt = aws.dynamodb.Table("t", attributes=[{"name": "id", "type": "S"}])\n'
    result = edited("py", source, lambda d, c: c.set(first(d), "server_side_encryption", Block({"enabled": True})))
    assert 'server_side_encryption={"enabled": True}' in result


# ------------------------------------------------------------------------------------------------ names
def test_terraform_names_through_locals_format_and_references() -> None:
    source = ('locals {\n  prefix = "shop-${var.env}"\n}\n\n'
              'resource "aws_lambda_function" "f" {\n  function_name = format("%s-api", local.prefix)\n}\n\n'
              'resource "aws_cloudwatch_log_group" "g" {\n  name = "/aws/lambda/${aws_lambda_function.f.function_name}"\n}\n'
              'resource "aws_cloudwatch_log_group" "h" {\n  name = "/aws/lambda/shop-${var.env}-api"\n}\n')
    document = parse_hcl("main.tf", source)
    unit = Unit([document])
    function, group, other = document.resources()
    expected = Name.of("/aws/lambda/shop-", Symbol("var.env"), "-api")
    assert group.real_name(unit).certainly_equals(expected)
    assert other.real_name(unit).certainly_equals(expected)
    assert function.real_name(unit).certainly_equals(Name.of("shop-", Symbol("var.env"), "-api"))


def test_cloudformation_names_through_sub_join_and_parameters() -> None:
    source = ("Parameters:\n  Env:\n    Type: String\nResources:\n"
              "  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: !Sub tap-${Env}\n"
              "  G:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Join ['', [/aws/lambda/, !Ref F]]\n"
              "  H:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub /aws/lambda/tap-${Env}\n")
    document = parse_cfn("t.yaml", source)
    unit = Unit([document])
    _, group, other = document.resources()
    assert group.real_name(unit).certainly_equals(other.real_name(unit))


def test_pulumi_names_through_fstrings_apply_and_autonaming() -> None:
    source = ('import pulumi_aws as aws\nf = aws.lambda_.Function("api")\n'
              'g = aws.cloudwatch.LogGroup("g", name=f.name.apply(lambda n: f"/aws/lambda/{n}"))\n'
              'h = aws.cloudwatch.LogGroup("h", name="/aws/lambda/api-123abcd")\n')
    document = parse_pulumi("__main__.py", source)
    unit = Unit([document])
    function, group, other = document.resources()
    assert group.real_name(unit).certainly_equals(Name.of("/aws/lambda/", function.real_name(unit)))
    assert other.real_name(unit).may_equal(group.real_name(unit))
    assert not other.real_name(unit).certainly_equals(group.real_name(unit))


@pytest.mark.parametrize("left, right, may", [
    (Name.of("/aws/lambda/", Symbol("x")), Name.of("/aws/lambda/api"), True),
    (Name.of("/ecs/", Symbol("x")), Name.of("/aws/lambda/api"), False),
    (Name.of("a-", Symbol("x"), "-z"), Name.of("a-", Symbol("y")), True),
    (Name.of("abc"), Name.of("abd"), False),
])
def test_names_may_equal_when_some_values_make_them_equal(left: Name, right: Name, may: bool) -> None:
    assert left.may_equal(right) is may
    assert right.may_equal(left) is may


# ------------------------------------------------------------------------------ storage: blocks keyed by settings
RULE_ID = kinds.Setting("id", "Id")
RULE_FILTER = kinds.Setting("filter", None)
RULE_ABORT_DAYS = kinds.Setting("abort.days", "Abort.Days")
RULES = kinds.Setting("rule", "Rules", pulumi="rules")


@pytest.mark.parametrize("kind, before, expected", [
    ("tf", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
     '  rule {\n    id = "one"\n\n    filter {}\n\n    abort {\n      days = 7\n    }\n  }\n\n'
     '  rule {\n    id = "two"\n\n    filter {}\n\n    abort {\n      days = 7\n    }\n  }\n}\n'),
    ("yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: b\n",
     "      Rules:\n        - Id: one\n          Abort:\n            Days: 7\n        - Id: two\n          Abort:\n"
     "            Days: 7\n"),
    ("py", 'import pulumi_aws as aws\nb = aws.s3.Bucket("b", versioning=aws.s3.BucketVersioningArgs(enabled=True))\n',
     'rules=[aws.s3.BucketRuleArgs(id="one", filter=aws.s3.BucketRuleFilterArgs(), abort=aws.s3.BucketRuleAbortArgs('
     'days=7)), aws.s3.BucketRuleArgs(id="two", filter=aws.s3.BucketRuleFilterArgs(), abort=aws.s3.BucketRuleAbortArgs('
     'days=7))])\n'),
])
def test_a_list_of_blocks_keyed_by_settings_is_written_in_each_languages_terms(kind: str, before: str,
                                                                              expected: str) -> None:
    rules = [Block({RULE_ID: name, RULE_FILTER: Block({}), RULE_ABORT_DAYS: 7}) for name in ("one", "two")]
    assert edited(kind, before, lambda d, c: c.set(first(d), RULES, rules)).endswith(expected)


def test_a_new_pulumi_resource_lays_long_arguments_out_one_item_per_line() -> None:
    source = 'import pulumi_aws as aws\n\nb = aws.s3.Bucket("b")\n'
    rules = [Block({RULE_ID: "abort-incomplete-uploads", RULE_FILTER: Block({}), RULE_ABORT_DAYS: 7})]
    result = edited("py", source, lambda d, c: c.add_resource_after(
        first(d), kinds.S3_LIFECYCLE_CONFIGURATION, {kinds.BUCKET_OF: Ref(first(d), "id"), RULES: rules},
        role="lifecycle"))
    assert result.endswith(
        'b_lifecycle = aws.s3.BucketLifecycleConfiguration(\n    "b-lifecycle",\n    bucket=b.id,\n    rules=[\n'
        '        aws.s3.BucketLifecycleConfigurationRuleArgs(\n            id="abort-incomplete-uploads",\n'
        '            filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(),\n'
        '            abort=aws.s3.BucketLifecycleConfigurationRuleAbortArgs(days=7),\n        ),\n    ],\n)\n')


@pytest.mark.parametrize("kind, source, path", [
    ("tf", 'resource "aws_s3_bucket_policy" "p" {\n  policy = jsonencode({\n    Statement = [{ Principal = "*" }]\n'
     '  })\n}\n', "policy"),
    ("py", 'import json\nimport pulumi_aws as aws\np = aws.s3.BucketPolicy("p", policy=json.dumps({"Statement": '
     '[{"Principal": "*"}]}))\n', "policy"),
    ("py", 'import pulumi\nimport pulumi_aws as aws\ndoc = {"Statement": [{"Principal": "*"}]}\n'
     'p = aws.s3.BucketPolicy("p", policy=pulumi.Output.json_dumps(doc))\n', "policy"),
])
def test_a_value_encoded_as_json_reads_as_the_value_it_encodes(kind: str, source: str, path: str) -> None:
    document = PARSERS[kind](f"f.{kind}", source)
    statements = first(document).get(path).get("Statement")
    assert [item.get("Principal").literal for item in statements.items()] == ["*"]


def test_at_reads_a_setting_inside_a_value_by_the_documents_language() -> None:
    status = kinds.Setting("status", "Status")
    template = parse_cfn("t.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Rules:\n"
                                   "        - Status: Disabled\n")
    program = parse_pulumi("p.py", 'import pulumi_aws as aws\nb = aws.s3.Bucket("b", rules=[{"status": "Disabled"}])\n')
    for document in (template, program):
        rule = first(document).get(RULES).items()[0]
        assert rule.at(status).literal == "Disabled"
        assert rule.at(RULE_FILTER) is None


# ------------------------------------------------------------------------------------ storage: delete, sections
@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "a" {\n  items = ["a", "b", "c"]\n}\n', 'resource "aws_x" "a" {\n  items = ["a", "c"]\n}\n'),
    ("tf", 'resource "aws_x" "a" {\n  items = [\n    "a",\n    "b",\n  ]\n}\n',
     'resource "aws_x" "a" {\n  items = [\n    "a",\n  ]\n}\n'),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items:\n        - a\n        # b is old\n"
     "        - b\n        - c\n", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items:\n        - a\n"
     "        - c\n"),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items: [a, b]\n",
     "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Items: [a]\n"),
    ("json", '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Items": ["a", "b", "c"]}}}}',
     '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Items": ["a", "c"]}}}}'),
    ("py", 'import pulumi_aws as aws\na = aws.s3.Bucket("a", items=["a", "b", "c"])\n',
     'import pulumi_aws as aws\na = aws.s3.Bucket("a", items=["a", "c"])\n'),
])
def test_delete_removes_a_list_item_with_its_separator(kind: str, before: str, after: str) -> None:
    setting = kinds.Setting("items", "Items")

    def remove_b(document, changes) -> None:  # type: ignore[no-untyped-def]
        changes.remove(next(item for item in first(document).get(setting).items() if item.literal == "b"))

    assert edited(kind, before, remove_b) == after


@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "a" {\n  name = "a"\n  # why\n  gone = 1\n}\n', 'resource "aws_x" "a" {\n  name = "a"\n}\n'),
    ("yaml", "AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  A:\n    Type: String\n  # old\n  B:\n"
     "    Type: String\n", "AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  A:\n    Type: String\n"),
    ("json", '{"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"A": {"Type": "String"}, "B": {"Type": "String"}}}',
     '{"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"A": {"Type": "String"}}}'),
    ("py", 'import pulumi_aws as aws\na = aws.s3.Bucket("a", name="a", gone={"x": 1})\n',
     'import pulumi_aws as aws\na = aws.s3.Bucket("a", name="a")\n'),
])
def test_delete_removes_an_entry_with_its_key_and_comment(kind: str, before: str, after: str) -> None:
    def remove(document, changes) -> None:  # type: ignore[no-untyped-def]
        section = document.section("Parameters")
        changes.remove(section.get("B") if section is not None else first(document).get("gone"))

    assert edited(kind, before, remove) == after


def test_a_whole_section_can_be_deleted_and_other_languages_have_none() -> None:
    source = "Parameters:\n  A:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"
    assert edited("yaml", source, lambda d, c: c.remove(d.section("Parameters"))) == \
        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n"
    assert parse_hcl("m.tf", 'variable "a" {}\n').section("Parameters") is None
    assert parse_pulumi("p.py", "import pulumi\n").section("Parameters") is None


def test_the_only_item_of_a_block_list_is_removed_with_its_list() -> None:
    source = "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Name: a\n      Items:\n        - a\n"
    result = edited("yaml", source, lambda d, c: c.remove(first(d).get("Items").items()[0]))
    assert result == "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Name: a\n"


def test_a_finding_about_a_mapping_entry_points_at_its_key() -> None:
    document = parse_cfn("t.yaml", "AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  Env:\n    Type: String\n")
    parameter = document.section("Parameters").get("Env")
    assert document.text[slice(*parameter.header)] == "Env"


@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "a" {\n  dimensions = {\n    Table = "t"\n    Op    = "x"\n  }\n}\n',
     'resource "aws_x" "a" {\n  dimensions = {\n    TableName = "t"\n    Op        = "x"\n  }\n}\n'),
    ("tf", 'resource "aws_x" "a" {\n  dimensions = { "Table" = "t" }\n}\n',
     'resource "aws_x" "a" {\n  dimensions = { "TableName" = "t" }\n}\n'),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Dimensions:\n        Table: t\n",
     "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Dimensions:\n        TableName: t\n"),
    ("json", '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Dimensions": {"Table": "t"}}}}}',
     '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Dimensions": {"TableName": "t"}}}}}'),
    ("py", "import pulumi_aws as aws\na = aws.s3.Bucket('a', dimensions={'Table': 't'})\n",
     "import pulumi_aws as aws\na = aws.s3.Bucket('a', dimensions={'TableName': 't'})\n"),
])
def test_rename_writes_a_new_key_quoted_as_the_old_one(kind: str, before: str, after: str) -> None:
    setting = kinds.Setting("dimensions.Table", "Dimensions.Table")
    assert edited(kind, before, lambda d, c: c.rename(first(d).get(setting), "TableName")) == after


def test_a_block_value_replaced_by_a_scalar_is_written_on_its_keys_line() -> None:
    source = ("AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  Env:\n    Type: String\n    AllowedValues:\n"
              "      - dev\n      - prod\n")
    result = edited("yaml", source, lambda d, c: (
        c.rename(d.section("Parameters").get("Env.AllowedValues"), "AllowedPattern"),
        c.replace(d.section("Parameters").get("Env.AllowedValues"), "^[a-z]+$")))
    assert result.endswith("    Type: String\n    AllowedPattern: \"^[a-z]+$\"\n")


# ===================================================== several removals, repeated settings, inputs (wave 2)
CAPACITY = (kinds.Setting("read_capacity", "ReadCapacityUnits"), kinds.Setting("write_capacity", "WriteCapacityUnits"))


@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "t" {\n  name           = "t"\n  read_capacity  = 5\n  write_capacity = 5\n'
     '  hash_key       = "id"\n}\n', 'resource "aws_x" "t" {\n  name     = "t"\n  hash_key = "id"\n}\n'),
    ("tf", 'resource "aws_x" "t" {\n  read_capacity  = 5\n  write_capacity = 5\n}\n', 'resource "aws_x" "t" {\n}\n'),
    ("yaml", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties:\n      ReadCapacityUnits: 5\n"
     "      WriteCapacityUnits: 5\n      Name: t\n", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties:\n      Name: t\n"),
    ("yaml", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties: {Name: t, ReadCapacityUnits: 5, WriteCapacityUnits: 5}\n",
     "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties: {Name: t}\n"),
    ("json", '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {"A": 1, "ReadCapacityUnits": 5, '
     '"WriteCapacityUnits": 5}}}}', '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {"A": 1}}}}'),
    ("json", '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {"ReadCapacityUnits": 5, '
     '"WriteCapacityUnits": 5, "A": 1}}}}', '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {"A": 1}}}}'),
    ("json", '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {"ReadCapacityUnits": 5, '
     '"WriteCapacityUnits": 5}}}}', '{"Resources": {"T": {"Type": "AWS::X::Y", "Properties": {}}}}'),
    ("py", 'import pulumi_aws as aws\nt = aws.dynamodb.Table("t", read_capacity=5, write_capacity=5)\n',
     'import pulumi_aws as aws\nt = aws.dynamodb.Table("t")\n'),
    ("py", 'import pulumi_aws as aws\nt = aws.dynamodb.Table(\n    "t",\n    read_capacity=5,\n    hash_key="id",\n'
     '    write_capacity=5,\n)\n', 'import pulumi_aws as aws\nt = aws.dynamodb.Table(\n    "t",\n    hash_key="id",\n)\n'),
])
def test_settings_removed_together_leave_their_neighbours_written_as_before(kind: str, before: str, after: str) -> None:
    def remove_both(document, changes) -> None:  # type: ignore[no-untyped-def]
        for setting in CAPACITY:
            changes.remove(first(document), setting)

    assert edited(kind, before, remove_both) == after


GSI = kinds.Setting("global_secondary_index", "GlobalSecondaryIndexes", pulumi="global_secondary_indexes")


@pytest.mark.parametrize("kind, before, after", [
    ("tf", 'resource "aws_x" "t" {\n  read_capacity = 5\n\n  global_secondary_index {\n    name          = "a"\n'
     '    read_capacity = 5\n  }\n\n  global_secondary_index {\n    name          = "b"\n    read_capacity = 5\n  }\n}\n',
     'resource "aws_x" "t" {\n  global_secondary_index {\n    name = "a"\n  }\n\n  global_secondary_index {\n'
     '    name = "b"\n  }\n}\n'),
    ("yaml", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties:\n      ReadCapacityUnits: 5\n"
     "      GlobalSecondaryIndexes:\n        - IndexName: a\n          ReadCapacityUnits: 5\n        - {IndexName: b, "
     "ReadCapacityUnits: 5}\n", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties:\n"
     "      GlobalSecondaryIndexes:\n        - IndexName: a\n        - {IndexName: b}\n"),
    ("py", 'import pulumi_aws as aws\nt = aws.dynamodb.Table("t", read_capacity=5, global_secondary_indexes=['
     'aws.dynamodb.TableGlobalSecondaryIndexArgs(name="a", read_capacity=5), {"name": "b", "read_capacity": 5}])\n',
     'import pulumi_aws as aws\nt = aws.dynamodb.Table("t", global_secondary_indexes=['
     'aws.dynamodb.TableGlobalSecondaryIndexArgs(name="a"), {"name": "b"}])\n'),
])
def test_values_inside_repeated_settings_are_removed_with_the_resources_own(kind: str, before: str, after: str) -> None:
    def remove_everywhere(document, changes) -> None:  # type: ignore[no-untyped-def]
        table = first(document)
        changes.remove(table, CAPACITY[0])
        for index in table.each(GSI):
            changes.remove(index.get(table.path_of(CAPACITY[0])))

    assert edited(kind, before, remove_everywhere) == after


def test_repeated_settings_written_by_an_expression_are_unknown() -> None:
    dynamic = parse_hcl("t.tf", 'resource "aws_x" "t" {\n  dynamic "global_secondary_index" {\n'
                        '    for_each = var.indexes\n    content {\n      name = each.value\n    }\n  }\n}\n')
    assert first(dynamic).each(GSI) is None
    computed = parse_cfn("t.yaml", "Resources:\n  T:\n    Type: AWS::X::Y\n    Properties:\n"
                         "      GlobalSecondaryIndexes: !If [C, [], []]\n")
    assert first(computed).each(GSI) is None
    assert first(parse_pulumi("p.py", 'import pulumi_aws as aws\nt = aws.dynamodb.Table("t")\n')).each(GSI) == []


@pytest.mark.parametrize("kind, source, name, default", [
    ("tf", 'variable "memory" {\n  default = 3008\n}\n\nresource "aws_x" "f" {\n  memory_size = var.memory\n}\n',
     "var.memory", 3008),
    ("tf", 'variable "memory" {}\n\nresource "aws_x" "f" {\n  memory_size = var.memory\n}\n', "var.memory", None),
    ("yaml", "Parameters:\n  Memory:\n    Type: Number\n    Default: 3008\nResources:\n  F:\n    Type: AWS::X::Y\n"
     "    Properties:\n      MemorySize: !Ref Memory\n", "Memory", 3008),
    ("py", 'import pulumi_aws as aws\nMEMORY = 3008\nf = aws.lambda_.Function("f", memory_size=MEMORY)\n', "MEMORY", 3008),
])
def test_a_value_taken_from_an_input_names_it_with_its_default(kind: str, source: str, name: str, default) -> None:  # type: ignore[no-untyped-def]
    document = PARSERS[kind](f"f.{kind}", source)
    found = first(document).get(kinds.MEMORY_SIZE).input(Unit([document]))
    assert found is not None and found.name == name
    assert (found.default.literal if found.default is not None else None) == default


def test_references_to_resources_and_literals_are_not_inputs() -> None:
    document = parse_pulumi("p.py", 'import pulumi_aws as aws\nr = aws.iam.Role("r")\n'
                                    'f = aws.lambda_.Function("f", role=r, memory_size=128)\n')
    function = document.resources()[1]
    assert function.get("role").input(Unit([document])) is None
    assert function.get(kinds.MEMORY_SIZE).input(Unit([document])) is None


# ------------------------------------------- structure encoded as JSON, and entries added to any mapping
@pytest.mark.parametrize("kind, source, value_of", [
    ("tf", 'resource "aws_x" "m" {\n  definition = jsonencode({\n    States = {\n      "A.b" = { Type = "Task" }\n    }\n  })\n}\n',
     "definition"),
    ("tf", 'resource "aws_x" "m" {\n  definition = <<EOF\n{"States": {"A.b": {"Type": "Task"}}}\nEOF\n}\n', "definition"),
    ("yaml", "Resources:\n  M:\n    Type: AWS::X::Y\n    Properties:\n      Definition:\n        States:\n"
     "          A.b: {Type: Task}\n", "Definition"),
    ("yaml", 'Resources:\n  M:\n    Type: AWS::X::Y\n    Properties:\n      DefinitionString: !Sub |\n'
     '        {"States": {"A.b": {"Type": "Task"}}}\n', "DefinitionString"),
    ("json", '{"Resources": {"M": {"Type": "AWS::X::Y", "Properties": {"DefinitionString": '
     '"{\\"States\\": {\\"A.b\\": {\\"Type\\": \\"Task\\"}}}"}}}}', "DefinitionString"),
    ("py", 'import json\nimport pulumi_aws as aws\nm = aws.sfn.StateMachine("m", definition=json.dumps('
     '{"States": {"A.b": {"Type": "Task"}}}))\n', "definition"),
    ("py", 'import pulumi_aws as aws\nm = aws.sfn.StateMachine("m", definition=f.arn.apply(lambda arn: """{\n'
     '  "States": {"A.b": {"Type": "Task", "Resource": "%s"}}\n}""" % arn))\n', "definition"),
])
def test_json_a_value_encodes_reads_as_nodes_whatever_its_form(kind: str, source: str, value_of: str) -> None:
    document = PARSERS[kind](f"f.{kind}", source)
    decoded = first(document).get(value_of).decoded()
    assert decoded is not None
    [(name, state)] = decoded.get("States").entries()
    assert name == "A.b" and state.get("Type").literal == "Task"


@pytest.mark.parametrize("kind, source, expected", [
    ("tf", 'resource "aws_x" "m" {\n  definition = <<EOF\n{\n  "A": {\n    "Type": "Task"\n  }\n}\nEOF\n}\n',
     '    "Type": "Task",\n    "Retry": [\n      {\n        "Max": 2\n      }\n    ]\n  }'),
    ("yaml", 'Resources:\n  M:\n    Type: AWS::X::Y\n    Properties:\n      DefinitionString: !Sub |\n'
     '        {"A": {"Type": "Task"}}\n', '{"A": {"Type": "Task", "Retry": [{"Max": 2}]}}'),
    ("yaml", "Resources:\n  M:\n    Type: AWS::X::Y\n    Properties:\n      Definition:\n        A:\n          Type: Task\n",
     "          Type: Task\n          Retry:\n            - Max: 2\n"),
    ("py", 'import json\nimport pulumi_aws as aws\nm = aws.sfn.StateMachine("m", definition=json.dumps({\n'
     '    "A": {\n        "Type": "Task",\n    },\n}))\n', '        "Type": "Task",\n        "Retry": [{"Max": 2}],\n'),
])
def test_an_entry_added_to_a_mapping_follows_its_layout(kind: str, source: str, expected: str) -> None:
    setting = "DefinitionString" if "DefinitionString" in source else "Definition" if kind == "yaml" else "definition"
    result = edited(kind, source, lambda d, c: c.add_entry(first(d).get(setting).decoded().get("A"), "Retry",
                                                           [{"Max": 2}]))
    assert expected in result


def test_json_in_an_escaped_string_is_read_but_cannot_take_an_entry() -> None:
    document = parse_pulumi("p.py", 'import pulumi_aws as aws\nm = aws.sfn.StateMachine("m", definition='
                                    '"{\\"A\\": {\\"Type\\": \\"Task\\"}}")\n')
    state = first(document).get("definition").decoded().get("A")
    changes = document.changes()
    changes.add_entry(state, "Retry", [])
    with pytest.raises(CannotFix, match="escapes"):
        changes.edits()


def test_a_long_python_value_is_laid_out_one_item_per_line() -> None:
    source = 'import pulumi_aws as aws\nb = aws.s3.Bucket(\n    "b",\n    bucket="b",\n)\n'
    result = edited("py", source, lambda d, c: c.set(first(d), "tags", {f"key{n}": "a value" for n in range(8)}))
    assert '    tags={\n        "key0": "a value",\n' in result and '        "key7": "a value",\n    },\n)' in result


def test_a_pulumi_resource_the_anchor_reads_is_declared_before_it() -> None:
    source = ('import pulumi_aws as aws\n\nx = 1\n\n# the worker\nf = aws.lambda_.Function("f", runtime="python3.12")\n')

    def point_at_new_queue(document, changes) -> None:  # type: ignore[no-untyped-def]
        function = first(document)
        queue = changes.add_resource_after(function, kinds.SQS_QUEUE, {}, role="dlq")
        changes.set(function, kinds.DEAD_LETTER_TARGET, Ref(queue, "arn"))

    result = edited("py", source, point_at_new_queue)
    assert result.index("f_dlq = aws.sqs.Queue(") < result.index("# the worker") < result.index("f_dlq.arn")


# ------------------------------------------------------------------ depends_on, and what a new resource can name
@pytest.mark.parametrize("kind, before, expected", [
    ("tf", 'resource "aws_secretsmanager_secret" "s" {}\n\nresource "aws_lambda_permission" "p" {}\n',
     'resource "aws_secretsmanager_secret_rotation" "s" {\n  secret_id = aws_secretsmanager_secret.s.id\n\n'
     '  depends_on = [aws_lambda_permission.p]\n}\n'),
    ("yaml", "Resources:\n  S:\n    Type: AWS::SecretsManager::Secret\n  P:\n    Type: AWS::Lambda::Permission\n",
     "  SRotationSchedule:\n    Type: AWS::SecretsManager::RotationSchedule\n    DependsOn: P\n    Properties:\n"
     "      SecretId: !Ref S\n"),
    ("py", 'import pulumi_aws as aws\np = aws.lambda_.Permission("p")\ns = aws.secretsmanager.Secret("s")\n',
     's_rotation = aws.secretsmanager.SecretRotation(\n    "s-rotation",\n    secret_id=s.id,\n'
     '    opts=pulumi.ResourceOptions(depends_on=[p]),\n)\n'),
])
def test_an_added_resource_waits_for_what_it_depends_on(kind: str, before: str, expected: str) -> None:
    def add(document, changes):  # type: ignore[no-untyped-def]
        secret, permission = first(document, kinds.SECRET), first(document, kinds.LAMBDA_PERMISSION)
        changes.add_resource_after(secret, kinds.SECRET_ROTATION, {kinds.ROTATION_SECRET: Ref(secret, "id")},
                                   role="rotation", depends_on=[permission])

    result = edited(kind, before, add)
    assert expected in result
    if kind == "py":
        assert result.startswith("import pulumi_aws as aws\nimport pulumi\n")


@pytest.mark.parametrize("source, reason", [
    ('import pulumi_aws as aws\ns = aws.secretsmanager.Secret("s")\np = aws.lambda_.Permission("p")\n',
     "p is assigned after s"),
    ('import pulumi_aws as aws\nif x:\n    p = aws.lambda_.Permission("p")\ns = aws.secretsmanager.Secret("s")\n',
     "p is assigned inside a block s is not in"),
    ('import pulumi_aws as aws\naws.lambda_.Permission("p")\ns = aws.secretsmanager.Secret("s")\n',
     "has no name a reference could use"),
])
def test_a_pulumi_resource_added_after_its_anchor_names_only_what_is_assigned_before(source: str, reason: str) -> None:
    document = parse_pulumi("p.py", source)
    with pytest.raises(CannotFix, match=reason):
        document.changes().check_reachable(first(document, kinds.SECRET), first(document, kinds.LAMBDA_PERMISSION))


@pytest.mark.parametrize("before, expected", [
    ('import pulumi_aws as aws\ns = aws.apigatewayv2.Stage("s", api_id="a")\n',
     's = aws.apigatewayv2.Stage("s", api_id="a", default_route_settings=aws.apigatewayv2.StageDefaultRouteSettingsArgs('
     'throttling_rate_limit=1, throttling_burst_limit=2))\n'),
    ('import pulumi_aws as aws\ns = aws.apigatewayv2.Stage("s", api_id="a", tags={"a": "b"}, x={"y": 1})\n',
     's = aws.apigatewayv2.Stage("s", api_id="a", tags={"a": "b"}, x={"y": 1}, default_route_settings={'
     '"throttling_rate_limit": 1, "throttling_burst_limit": 2})\n'),
])
def test_two_settings_under_one_new_pulumi_argument_are_written_together(before: str, expected: str) -> None:
    def both(document, changes):  # type: ignore[no-untyped-def]
        changes.set(first(document), "default_route_settings.throttling_rate_limit", 1)
        changes.set(first(document), "default_route_settings.throttling_burst_limit", 2)

    assert edited("py", before, both).endswith(expected)


# ---------------------------------------------------------------------------------------- JSON documents
@pytest.mark.parametrize("kind, before, expected", [
    ("tf", 'resource "aws_x" "a" {\n  name = "a"\n}\n',
     'resource "aws_x" "a" {\n  name = "a"\n  format = jsonencode({\n    requestId = "$context.requestId"\n'
     '    status    = "$context.status"\n  })\n}\n'),
    ("yaml", "Resources:\n  A:\n    Type: AWS::X::Y\n    Properties:\n      Name: a\n",
     "      Format: '{\"requestId\":\"$context.requestId\",\"status\":\"$context.status\"}'\n"),
    ("json", '{"Resources": {"A": {"Type": "AWS::X::Y", "Properties": {"Name": "a"}}}}',
     '"Format": "{\\"requestId\\":\\"$context.requestId\\",\\"status\\":\\"$context.status\\"}"'),
    ("py", 'import pulumi_aws as aws\na = aws.x.Y("a")\n',
     'import pulumi_aws as aws\nimport json\na = aws.x.Y("a", format=json.dumps({"requestId": "$context.requestId", '
     '"status": "$context.status"}))\n'),
    ("py", "import json as j\nimport pulumi_aws as aws\na = aws.x.Y('a')\n",
     "a = aws.x.Y('a', format=j.dumps({'requestId': '$context.requestId', 'status': '$context.status'}))\n"),
])
def test_a_json_document_is_written_as_the_language_writes_json_text(kind: str, before: str, expected: str) -> None:
    document = {"requestId": "$context.requestId", "status": "$context.status"}
    setting = kinds.Setting("format", "Format")
    result = edited(kind, before, lambda d, c: c.set(first(d), setting, Json(document)))
    assert expected in result


def test_a_resource_its_anchor_uses_is_assigned_before_the_anchor_and_its_comments() -> None:
    source = ('import pulumi_aws as aws\n\nx = 1\n# The stage bidders call.\n'
              'stage = aws.apigatewayv2.Stage("live", api_id="a")\n')

    def add(document, changes):  # type: ignore[no-untyped-def]
        group = changes.add_resource_after(first(document), kinds.LOG_GROUP, {kinds.LOG_GROUP_RETENTION: 7},
                                           role="logs")
        changes.set(first(document), "access_log_settings.destination_arn", Ref(group, "arn"))

    assert edited("py", source, add) == (
        'import pulumi_aws as aws\n\nx = 1\n\nstage_logs = aws.cloudwatch.LogGroup(\n    "live-logs",\n'
        '    retention_in_days=7,\n)\n\n# The stage bidders call.\nstage = aws.apigatewayv2.Stage("live", api_id="a", '
        'access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(destination_arn=stage_logs.arn))\n')


def test_a_resource_its_anchor_uses_cannot_refer_to_the_anchor() -> None:
    document = parse_pulumi("p.py", 'import pulumi_aws as aws\nstage = aws.apigatewayv2.Stage("live", api_id="a")\n')
    changes = document.changes()
    group = changes.add_resource_after(first(document), kinds.LOG_GROUP,
                                       {kinds.LOG_GROUP_NAME: Ref(first(document), "id")}, role="logs")
    changes.set(first(document), "access_log_settings.destination_arn", Ref(group, "arn"))
    with pytest.raises(CannotFix, match="each need the other"):
        changes.edits()


# ------------------------------------------------------- statements added to policy documents, and role grants
def deny_plain_http(bucket) -> dict:  # type: ignore[no-untyped-def]
    return {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [Ref(bucket, "arn")], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


TF_BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n'
YAML_BUCKET = ("Resources:\n  B:\n    Type: AWS::S3::Bucket\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
               "      Bucket: !Ref B\n      PolicyDocument:\n")
PY_BUCKET = 'import json\n\nimport pulumi_aws as aws\n\nb = aws.s3.Bucket("b")\naws.s3.BucketPolicy("p", bucket=b.id, policy='


def deny_on_bucket(document, changes, path: str = "policy") -> None:  # type: ignore[no-untyped-def]
    bucket, holder = document.resources()[:2]
    changes.add_statement(holder.get(path), deny_plain_http(bucket))


@pytest.mark.parametrize("kind, source, expected", [
    ("tf", TF_BUCKET + '  policy = jsonencode({\n    Statement = [\n      {\n        Effect   = "Allow"\n'
     '        Action   = "s3:GetObject"\n        Resource = "*"\n      },\n    ]\n  })\n}\n',
     '      },\n      {\n        Sid       = "DenyInsecureTransport"\n        Effect    = "Deny"\n'
     '        Principal = "*"\n        Action    = "s3:*"\n        Resource  = [aws_s3_bucket.b.arn]\n'
     '        Condition = {\n          Bool = {\n            "aws:SecureTransport" = "false"\n          }\n        }\n'
     '      },\n    ]'),
    ("tf", TF_BUCKET + '  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = "s3:Get*"\n'
     '      Resource = "*"\n    }]\n  })\n}\n', '      Resource = "*"\n      }, {\n      Sid       = "DenyInsecureTransport"\n'),
    ("tf", TF_BUCKET + '  policy = <<EOF\n{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}\n'
     '  ]\n}\nEOF\n}\n', '"Resource": "*"},\n    {\n      "Sid": "DenyInsecureTransport",\n'),
    ("tf", TF_BUCKET + '  policy = data.aws_iam_policy_document.b.json\n}\n\ndata "aws_iam_policy_document" "b" {\n'
     '  statement {\n    actions   = ["s3:Get*"]\n    resources = ["*"]\n  }\n}\n',
     '  statement {\n    sid       = "DenyInsecureTransport"\n    effect    = "Deny"\n    actions   = ["s3:*"]\n'
     '    resources = [aws_s3_bucket.b.arn]\n\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n'
     '    }\n\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n'),
    ("yaml", YAML_BUCKET + "        Statement:\n          - Effect: Allow\n            Action: s3:Get*\n            Resource: '*'\n",
     "          - Sid: DenyInsecureTransport\n            Effect: Deny\n            Principal: '*'\n"
     "            Action: 's3:*'\n            Resource:\n              - !GetAtt B.Arn\n"),
    ("yaml", YAML_BUCKET + "        {Statement: [{Effect: Allow, Action: 's3:Get*', Resource: '*'}]}\n",
     "Resource: '*'}, {Sid: DenyInsecureTransport, Effect: Deny, Principal: '*', Action: 's3:*', "
     "Resource: [!GetAtt B.Arn], Condition: {Bool: {aws:SecureTransport: 'false'}}}]}"),
    ("json", '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "P": {"Type": "AWS::S3::BucketPolicy", "Properties": {\n'
     '  "PolicyDocument": {\n    "Statement": [\n      {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}\n    ]\n'
     '  }\n}}}}\n', '"Resource": "*"},\n      {\n        "Sid": "DenyInsecureTransport",\n'),
    ("py", PY_BUCKET + 'json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}))\n',
     'policy=pulumi.Output.json_dumps({"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}, {\n'
     '    "Sid": "DenyInsecureTransport",\n'),
    ("py", PY_BUCKET + 'aws.iam.get_policy_document(statements=[\n    aws.iam.GetPolicyDocumentStatementArgs(actions=['
     '"s3:Get*"], resources=["*"]),\n]).json)\n',
     'get_policy_document_output(statements=[\n    aws.iam.GetPolicyDocumentStatementArgs(actions=["s3:Get*"], '
     'resources=["*"]),\n    aws.iam.GetPolicyDocumentStatementArgs(\n        sid="DenyInsecureTransport",\n'),
])
def test_a_statement_is_added_to_a_policy_document_in_its_own_form(kind: str, source: str, expected: str,
                                                                    tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = "PolicyDocument" if kind in ("yaml", "json") else "policy"
    result = edited(kind, source, lambda d, c: deny_on_bucket(d, c, path))
    assert expected in result
    if kind == "tf":
        from tests import oracles

        written = tmp_path / "main.tf"
        written.write_text(result)
        assert oracles.hclfmt(written) == [], "a formatted file stays formatted"


@pytest.mark.parametrize("kind, source, expected", [
    ("tf", TF_BUCKET + '  policy = jsonencode({\n    Statement = {\n      Effect   = "Allow"\n      Action   = "s3:Get*"\n'
     '      Resource = "*"\n    }\n  })\n}\n', '    Statement = [{\n      Effect   = "Allow"\n'),
    ("yaml", YAML_BUCKET + "        Statement:\n          Effect: Allow  # reads\n          Action: s3:Get*\n"
     "          Resource: '*'\n",
     "        Statement:\n          - Effect: Allow  # reads\n            Action: s3:Get*\n            Resource: '*'\n"
     "          - Sid: DenyInsecureTransport\n"),
    ("json", '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "P": {"Type": "AWS::S3::BucketPolicy", "Properties": {\n'
     '  "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}\n}}}}\n',
     '"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}, {"Sid": "DenyInsecureTransport", '),
    ("py", PY_BUCKET + 'json.dumps({"Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}))\n',
     '"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}, {'),
])
def test_a_single_statement_becomes_a_list_with_the_new_one(kind: str, source: str, expected: str) -> None:
    path = "PolicyDocument" if kind in ("yaml", "json") else "policy"
    assert expected in edited(kind, source, lambda d, c: deny_on_bucket(d, c, path))


@pytest.mark.parametrize("kind, source, expected", [
    ("tf", 'resource "aws_sqs_queue" "a" {}\nresource "aws_sqs_queue" "b" {}\nresource "aws_iam_policy" "p" {\n'
     '  policy = jsonencode({\n    Statement = [{ Sid = "Send", Effect = "Allow", Action = "sqs:SendMessage", '
     'Resource = aws_sqs_queue.a.arn }]\n  })\n}\n', "Resource = [aws_sqs_queue.a.arn, aws_sqs_queue.b.arn]"),
    ("yaml", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n  P:\n    Type: AWS::IAM::Policy\n"
     "    Properties:\n      PolicyDocument:\n        Statement:\n          - Sid: Send\n            Effect: Allow\n"
     "            Action: sqs:SendMessage\n            Resource:\n              - !GetAtt A.Arn\n",
     "              - !GetAtt A.Arn\n              - !GetAtt B.Arn\n"),
    ("py", 'import pulumi\nimport pulumi_aws as aws\na = aws.sqs.Queue("a")\nb = aws.sqs.Queue("b")\n'
     'aws.iam.Policy("p", policy=pulumi.Output.json_dumps({"Statement": [{"Sid": "Send", "Effect": "Allow", '
     '"Action": "sqs:SendMessage", "Resource": a.arn}]}))\n', '"Resource": [a.arn, b.arn]'),
])
def test_a_statement_with_the_same_sid_is_extended_with_what_it_lacks(kind: str, source: str, expected: str) -> None:
    def send_to_both(document, changes) -> None:  # type: ignore[no-untyped-def]
        first, second, holder = document.resources()[:3]
        path = "PolicyDocument" if kind == "yaml" else "policy"
        statement = {"Sid": "Send", "Effect": "Allow", "Action": "sqs:SendMessage",
                     "Resource": [Ref(first, "arn"), Ref(second, "arn")]}
        changes.add_statement(holder.get(path), statement)

    result = edited(kind, source, send_to_both)
    assert expected in result and result.count("Sid") == source.count("Sid"), "no second statement"


@pytest.mark.parametrize("kind, source, reason", [
    ("py", PY_BUCKET + '"""{"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}""")\n',
     "JSON text, which cannot name b.arn"),
    ("py", 'import json\nimport pulumi_aws as aws\ndoc = json.dumps({"Statement": []})\nb = aws.s3.Bucket("b")\n'
     'aws.s3.BucketPolicy("p", bucket=b.id, policy=doc)\n', "written before b is assigned"),
    ("yaml", "Conditions:\n  C: !Equals [a, b]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: C\n"
     "  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Statement: []\n",
     "B exists only when C holds"),
    ("tf", TF_BUCKET + '  policy = jsonencode({\n    Statement = [{ Sid = "DenyInsecureTransport", Effect = "Allow", '
     'Action = "s3:*", Resource = "*" }]\n  })\n}\n', "says something else"),
])
def test_a_document_that_cannot_take_the_statement_is_refused_before_anything_is_written(
        kind: str, source: str, reason: str) -> None:
    document = PARSERS[kind](f"f.{kind}", source)
    changes = document.changes()
    bucket, holder = (document.resources()[0], document.resources()[-1])
    changes.add_statement(holder.get("PolicyDocument" if kind == "yaml" else "policy"), deny_plain_http(bucket))
    with pytest.raises(CannotFix, match=reason):
        changes.edits()


SEND_TO_QUEUE = {"Sid": "SendToDeadLetterQueues", "Effect": "Allow", "Action": "sqs:SendMessage"}


def grant_send(document, changes, **options) -> None:  # type: ignore[no-untyped-def]
    role = document.resources(kinds.IAM_ROLE)[0]
    queue = document.resources(kinds.SQS_QUEUE)[0]
    changes.grant(role, {**SEND_TO_QUEUE, "Resource": [Ref(queue, "arn")]}, word="dlq", **options)


@pytest.mark.parametrize("kind, source, expected", [
    ("tf", 'resource "aws_iam_role" "r" {\n  name = "r"\n}\n\nresource "aws_sqs_queue" "q" {}\n',
     'resource "aws_iam_role" "r" {\n  name = "r"\n}\n\nresource "aws_iam_role_policy" "r" {\n'
     '  role = aws_iam_role.r.id\n  policy = jsonencode({\n'),
    ("yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n  Q:\n    Type: AWS::SQS::Queue\n",
     "      RoleName: r\n      Policies:\n        - PolicyName: SendToDeadLetterQueues\n          PolicyDocument:\n"),
    ("py", 'import pulumi_aws as aws\n\nr = aws.iam.Role("r")\nq = aws.sqs.Queue("q")\n',
     'q = aws.sqs.Queue("q")\n\nq_dlq_policy = aws.iam.RolePolicy(\n    "q-dlq-policy",\n'
     '    policy=pulumi.Output.json_dumps({\n'),
])
def test_a_role_without_policies_of_its_own_gets_one(kind: str, source: str, expected: str) -> None:
    def grant(document, changes) -> None:  # type: ignore[no-untyped-def]
        grant_send(document, changes, beside=document.resources(kinds.SQS_QUEUE)[0])

    assert expected in edited(kind, source, grant)


def test_a_grant_goes_to_the_policy_that_holds_its_sid_and_past_those_that_cannot_take_it() -> None:
    source = ('import json\n\nimport pulumi\nimport pulumi_aws as aws\n\nr = aws.iam.Role("r")\nq = aws.sqs.Queue("q")\n'
              'aws.iam.RolePolicy("text", role=r.id, policy="""{"Statement": []}""")\n'
              'aws.iam.RolePolicy("logs", role=r.id, policy=json.dumps({"Statement": []}))\n'
              'aws.iam.RolePolicy("sends", role=r.id, policy=pulumi.Output.json_dumps({"Statement": [{\n'
              '    "Sid": "SendToDeadLetterQueues", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": []}]}))\n')
    result = edited("py", source, grant_send)
    assert '"Resource": [q.arn]}]}))' in result
    assert result.replace('"Resource": [q.arn]}]}))', '"Resource": []}]}))') == source, "only the Sid's policy changes"
    without_sid = source.replace('"SendToDeadLetterQueues"', '"Other"').replace('"Effect": "Allow"', '"Effect": "Deny"')
    result = edited("py", without_sid, grant_send)
    assert 'aws.iam.RolePolicy("text", role=r.id, policy="""{"Statement": []}""")' in result, "JSON text is passed by"
    assert 'policy=pulumi.Output.json_dumps({"Statement": [{\n    "Sid": "SendToDeadLetterQueues"' in result


@pytest.mark.parametrize("kind, source", [
    ("tf", 'resource "aws_iam_role" "r" {\n  inline_policy {\n    policy = file("p.json")\n  }\n}\n'
           'resource "aws_sqs_queue" "q" {}\n'),
    ("py", 'import pulumi_aws as aws\nr = aws.iam.Role("r", inline_policies=[{"policy": open("p.json").read()}])\n'
           'q = aws.sqs.Queue("q")\n'),
])
def test_a_role_whose_inline_policies_are_exclusive_gets_no_policy_beside_them(kind: str, source: str) -> None:
    document = PARSERS[kind](f"f.{kind}", source)
    changes = document.changes()
    grant_send(document, changes)
    with pytest.raises(CannotFix, match="inline policies in inline_polic"):
        changes.edits()
