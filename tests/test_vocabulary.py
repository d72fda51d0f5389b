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
    with pytest.raises(CannotFix, match="through cfg"):
        document.changes().set(first(document), "tracing_config.mode", "Active")


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
                                           role="logs", used_by_anchor=True)
        changes.set(first(document), "access_log_settings.destination_arn", Ref(group, "arn"))

    assert edited("py", source, add) == (
        'import pulumi_aws as aws\n\nx = 1\n\nstage_logs = aws.cloudwatch.LogGroup(\n    "live-logs",\n'
        '    retention_in_days=7,\n)\n\n# The stage bidders call.\nstage = aws.apigatewayv2.Stage("live", api_id="a", '
        'access_log_settings=aws.apigatewayv2.StageAccessLogSettingsArgs(destination_arn=stage_logs.arn))\n')


def test_a_resource_its_anchor_uses_cannot_refer_to_the_anchor() -> None:
    document = parse_pulumi("p.py", 'import pulumi_aws as aws\nstage = aws.apigatewayv2.Stage("live", api_id="a")\n')
    changes = document.changes()
    changes.add_resource_after(first(document), kinds.LOG_GROUP, {kinds.LOG_GROUP_NAME: Ref(first(document), "id")},
                               role="logs", used_by_anchor=True)
    with pytest.raises(CannotFix, match="each need the other"):
        changes.edits()
