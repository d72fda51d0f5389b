"""Encryption at rest, secret rotation, API throttling, access logs and cost tags, judged by other tools.

checkov runs once over every before and after file of these rules, cfn-lint once over every template, hclfmt on
each fixed Terraform file, and Pulumi's mocks once over every fixed program; each run includes a file it must
object to, so a tool that silently checked nothing cannot pass. Where no checker exists, the fixed structure is
read back from the mocks or the templates.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Language
from iacfix.fixers.rules.apigateway_throttling import BURST, RATE
from iacfix.fixers.taggable import TagShape, sources, tag_shape
from tests import oracles
from tests.corpus import write_tree
from tests.examples import Example, examples
from tests.test_iac001_oracles import run_programs

CODES = ("IAC018", "IAC019", "IAC014", "IAC022", "IAC011")
EXTENSIONS = {"terraform": ".tf", "cloudformation": ".yaml", "pulumi": ".py"}
# The checkov checks each rule answers, per framework (RULES.md; SQS-managed SSE is structural in templates).
CHECKS = {
    "IAC018": {"terraform": {"CKV_AWS_26", "CKV_AWS_27", "CKV_AWS_43"}, "cloudformation": {"CKV_AWS_26", "CKV_AWS_43"}},
    "IAC019": {"terraform": {"CKV2_AWS_57"}},
    "IAC022": {"terraform": {"CKV_AWS_76"}, "cloudformation": {"CKV_AWS_76", "CKV_AWS_95"}},  # TF: 76 for v1 and v2
}
# A template cfn-lint must reject, and a Terraform file hclfmt must reject: the positive controls.
BROKEN_TEMPLATE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      NoSuchProperty: 1\n"
UNFORMATTED_TERRAFORM = 'resource "aws_sqs_queue" "q" {\nname = "q"\n  fifo_queue= true\n}\n'

# Checks a resource the fix adds may fail: encrypting a log group needs a customer managed key, which the fix
# cannot invent (checkov's CKV_AWS_158); everything that existed before must fail nothing new.
ADDED_MAY_FAIL = {("CKV_AWS_158", f"aws_cloudwatch_log_group.{label}") for label in ("live", "default", "prod")} | {
    ("CKV_AWS_158", f"AWS::Logs::LogGroup.{logical_id}") for logical_id in ("LiveStageAccessLogGroup",
                                                                          "ProdStageAccessLogGroup", "OrdersApiAccessLogGroup")}

EXAMPLES = [e for e in examples() if e.code in CODES]
FIXED = [e for e in EXAMPLES if e.after is not None]


def fixed_files(example: Example) -> dict[str, str]:
    report = Engine(EngineConfig(select=(example.code,), unsafe=True)).fix(example.before)
    assert report.failures == [], [(f.finding.message, f.reason) for f in report.failures]
    return {**example.before, **report.files}


def place(example: Example, stage: str, path: str) -> str:
    """Where a case's file goes in the oracle tree: one folder per case, so Terraform modules stay apart."""
    return f"{example.code}/{example.language}/{stage}/{example.name}/{path}"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Every before and after file, with what the fix produced; returns the root and the fixed texts by place."""
    root = tmp_path_factory.mktemp("oracles")
    files: dict[str, str] = {}
    fixed: dict[str, str] = {}
    for example in EXAMPLES:
        for path, text in example.before.items():
            files[place(example, "before", path)] = text
        if example.after is not None:
            for path, text in fixed_files(example).items():
                files[place(example, "after", path)] = fixed[place(example, "after", path)] = text
    write_tree(root, files)
    return root, fixed


def checkov_failures(root: Path) -> dict[str, set[tuple[str, str]]]:
    """Every failed checkov check, as (check, resource) per file relative to ``root``: one run for everything."""
    binary = oracles._tool(oracles.TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    import subprocess

    result = subprocess.run([binary, "-d", str(root), "--framework", "terraform", "cloudformation", "-o", "json",
                             "--quiet", "--compact", "--skip-download"], capture_output=True, text=True)
    reports = json.loads(result.stdout or "[]")
    failed: dict[str, set[tuple[str, str]]] = {}
    for report in reports if isinstance(reports, list) else [reports]:
        for check in report.get("results", {}).get("failed_checks", []):
            failed.setdefault(check["file_path"].lstrip("/"), set()).add((check["check_id"], check["resource"]))
    return failed


@pytest.fixture(scope="module")
def checkov(tree) -> dict[str, set[tuple[str, str]]]:
    return checkov_failures(tree[0])


CHECKED = [e for e in FIXED if e.language in CHECKS.get(e.code, {})]


@pytest.mark.oracle
@pytest.mark.parametrize("example", CHECKED, ids=lambda e: e.id)
def test_checkov_stops_failing_the_rules_checks_and_no_other_starts(example: Example, checkov) -> None:
    checks = CHECKS[example.code][example.language]
    for path in example.before:
        before = checkov.get(place(example, "before", path), set())
        after = checkov.get(place(example, "after", path), set())
        assert {(c, r) for c, r in after if c in checks} == set(), path
        new = {(c, r) for c, r in after - before if (c, r) not in ADDED_MAY_FAIL}
        assert new == set(), path


@pytest.mark.oracle
@pytest.mark.parametrize("code, language", [(c, lang) for c, by in CHECKS.items() for lang in by])
def test_each_check_fails_on_some_file_before_the_fix(code: str, language: str, checkov) -> None:
    """The positive control: every check the rule answers does fail on its examples before they are fixed."""
    failing = {check for example in CHECKED if (example.code, example.language) == (code, language)
               for path in example.before for check, _ in checkov.get(place(example, "before", path), set())}
    assert CHECKS[code][language] <= failing


@pytest.mark.oracle
def test_cfn_lint_finds_no_new_error_in_fixed_templates(tree) -> None:
    root, _ = tree
    templates = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".json") and "/cloudformation/" in str(p))
    control = root / "control" / "broken.yaml"
    write_tree(root, {"control/broken.yaml": BROKEN_TEMPLATE})
    errors = oracles.cfn_lint_many([*templates, control])
    assert errors[str(control)], "cfn-lint must reject the control template"
    compared = 0
    for after in (p for p in templates if "/after/" in str(p)):
        before = Path(str(after).replace("/after/", "/before/"))
        old = Counter(e.split(":", 1)[0] for e in errors.get(str(before), set()))
        new = Counter(e.split(":", 1)[0] for e in errors.get(str(after), set()))
        assert new - old == Counter(), (after, errors.get(str(after)))
        compared += 1
    assert compared


@pytest.mark.oracle
def test_fixed_terraform_stays_formatted(tree) -> None:
    root, fixed = tree
    control = write_tree(root, {"control/unformatted.tf": UNFORMATTED_TERRAFORM})[0]
    assert oracles.hclfmt(control), "hclfmt must object to the control file"
    paths = [root / name for name in fixed if name.endswith(".tf")]
    assert paths
    assert {str(p): found for p in paths if (found := oracles.hclfmt(p))} == {}


@pytest.fixture(scope="module")
def pulumi_registered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, list[dict]]]:
    """Per rule, the resources its fixed programs register under Pulumi's mocks, and those the same programs
    registered before the fix (where the failure must show): one run for each side, made when first asked."""
    runs: dict[str, dict[str, list[dict]]] = {}

    def run(code: str) -> dict[str, list[dict]]:
        if code not in runs:
            before: dict[str, dict[str, str | bytes]] = {}
            after: dict[str, dict[str, str | bytes]] = {}
            for example in (e for e in FIXED if e.language == "pulumi" and e.code == code):
                before[example.name] = {"__main__.py": next(iter(example.before.values()))}
                after[example.name] = {"__main__.py": next(iter(fixed_files(example).values()))}
            root = tmp_path_factory.mktemp(code)
            runs[code] = {"before": run_programs(root / "before", before), "after": run_programs(root / "after", after)}
        return runs[code]

    return run


def registered(resources: list[dict], pulumi_type: str) -> list[dict]:
    return [r["inputs"] for r in resources if r["type"] == pulumi_type]


def template(text: str) -> dict:
    """A template as data, intrinsic functions as plain mappings."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: {suffix: loader.construct_yaml_object})
    return yaml.load(text, Loader=Loader)  # noqa: S506 (SafeLoader subclass)


# ------------------------------------------------------------------------------------------------ IAC018
@pytest.mark.oracle
def test_programs_register_encrypted_queues_topics_streams_and_tables(pulumi_registered) -> None:
    pulumi_registered = pulumi_registered("IAC018")
    encrypted = {
        "aws:sqs/queue:Queue": lambda i: i.get("sqsManagedSseEnabled") is True or bool(i.get("kmsMasterKeyId")),
        "aws:sns/topic:Topic": lambda i: bool(i.get("kmsMasterKeyId")),
        "aws:kinesis/stream:Stream": lambda i: i.get("encryptionType") == "KMS" and bool(i.get("kmsKeyId")),
        "aws:dynamodb/table:Table": lambda i: (i.get("serverSideEncryption") or {}).get("enabled") is True,
    }
    for pulumi_type, is_encrypted in encrypted.items():
        before = registered(pulumi_registered["before"], pulumi_type)
        after = registered(pulumi_registered["after"], pulumi_type)
        assert [i for i in before if not is_encrypted(i)], f"no unencrypted {pulumi_type} before the fix"
        assert after and all(is_encrypted(i) for i in after), (pulumi_type, after)


@pytest.mark.oracle
def test_templates_turn_on_sqs_managed_encryption_that_checkov_cannot_see(tree) -> None:
    _, fixed = tree
    queues = 0
    for name, text in fixed.items():
        if name.startswith("IAC018/cloudformation/"):
            for resource in template(text)["Resources"].values():
                if resource["Type"] == "AWS::SQS::Queue":
                    queues += 1
                    assert resource["Properties"]["SqsManagedSseEnabled"] is True, name
    assert queues >= 3


@pytest.mark.parametrize("path, text, kms_key, expected", [
    ("m.tf", 'resource "aws_kms_key" "data" {}\n\nresource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n',
     "aws_kms_key.data", "    kms_key_arn = aws_kms_key.data.arn\n"),
    ("t.yaml", "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n  T:\n    Type: AWS::SNS::Topic\n", "DataKey",
     "      KmsMasterKeyId: !GetAtt DataKey.Arn\n"),
    ("p.py", 'import pulumi_aws as aws\nkey = aws.kms.Key("k")\nq = aws.sqs.Queue("q")\n', "key",
     'q = aws.sqs.Queue("q", kms_master_key_id=key.arn)\n'),
    ("m.tf", 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', "alias/data", '  kms_master_key_id = "alias/data"\n'),
    ("a.yaml", "Resources:\n  Alias:\n    Type: AWS::KMS::Alias\n  T:\n    Type: AWS::SNS::Topic\n", "Alias",
     "      KmsMasterKeyId: !Ref Alias\n"),
    ("a.tf", 'resource "aws_kms_alias" "data" {}\n\nresource "aws_sns_topic" "t" {}\n', "aws_kms_alias.data",
     "  kms_master_key_id = aws_kms_alias.data.arn\n"),
])
def test_the_configured_key_replaces_the_managed_one(path: str, text: str, kms_key: str, expected: str) -> None:
    engine = Engine(EngineConfig(select=("IAC018",), options={"IAC018": {"kms_key": kms_key}}))
    assert expected in engine.fix({path: text}).files[path]


def test_a_configured_key_that_is_no_arn_cannot_encrypt_a_terraform_table() -> None:
    engine = Engine(EngineConfig(select=("IAC018",), options={"IAC018": {"kms_key": "alias/data"}}))
    report = engine.fix({"m.tf": 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n'})
    assert report.files == {}
    assert [f.not_fixed_reason for f in report.remaining] == [
        "DynamoDB's kms_key_arn takes a key ARN, and kms_key is alias/data"]


# ------------------------------------------------------------------------------------------------ IAC019
@pytest.mark.oracle
def test_programs_register_a_rotation_for_the_secret_with_the_rotation_function(pulumi_registered) -> None:
    pulumi_registered = pulumi_registered("IAC019")
    rotation = "aws:secretsmanager/secretRotation:SecretRotation"
    assert registered(pulumi_registered["before"], rotation) == []
    after = registered(pulumi_registered["after"], rotation)
    assert len(after) == len([e for e in FIXED if e.code == "IAC019" and e.language == "pulumi"])
    function = "aws:lambda/function:Function"
    functions = {f"arn:aws:mock:us-east-1:123456789012:{function}/{r['name']}" for r in pulumi_registered["after"]
                 if r["type"] == function}
    secrets = {f"{r['name']}_id" for r in pulumi_registered["after"] if r["type"] == "aws:secretsmanager/secret:Secret"}
    for inputs in after:
        assert inputs["secretId"] in secrets and inputs["rotationLambdaArn"] in functions, inputs
        assert inputs["rotationRules"] == {"automaticallyAfterDays": 30}


# ------------------------------------------------------------------------------------------------ IAC014
@pytest.mark.oracle
def test_programs_register_throttling_for_every_stage(pulumi_registered) -> None:
    pulumi_registered = pulumi_registered("IAC014")
    def limits(resources: list[dict]) -> list[tuple]:
        found = [(i["settings"].get("throttlingRateLimit"), i["settings"].get("throttlingBurstLimit"))
                 for i in registered(resources, "aws:apigateway/methodSettings:MethodSettings")
                 if i.get("methodPath") == "*/*"]
        found += [((i.get("defaultRouteSettings") or {}).get("throttlingRateLimit"),
                   (i.get("defaultRouteSettings") or {}).get("throttlingBurstLimit"))
                  for i in registered(resources, "aws:apigatewayv2/stage:Stage")]
        return found

    stages = registered(pulumi_registered["after"], "aws:apigateway/stage:Stage")
    assert (None, None) in limits(pulumi_registered["before"])
    assert limits(pulumi_registered["after"]).count((1000, 2000)) >= len(stages) + 1, limits(pulumi_registered["after"])


@pytest.mark.oracle
def test_templates_limit_every_method_of_every_stage(tree) -> None:
    _, fixed = tree
    stages = 0
    for name, text in fixed.items():
        if not name.startswith("IAC014/cloudformation/"):
            continue
        for resource in template(text)["Resources"].values():
            properties = resource.get("Properties") or {}
            if resource["Type"] in ("AWS::ApiGateway::Stage", "AWS::Serverless::Api"):
                every = [s for s in properties["MethodSettings"] if (s["ResourcePath"], s["HttpMethod"]) == ("/*", "*")]
                assert [(s["ThrottlingRateLimit"], s["ThrottlingBurstLimit"]) for s in every] == [(1000, 2000)], name
                stages += 1
            elif resource["Type"] in ("AWS::ApiGatewayV2::Stage", "AWS::Serverless::HttpApi"):
                assert properties["DefaultRouteSettings"] == {RATE: 1000, BURST: 2000}, name
                stages += 1
    assert stages >= 4


# ------------------------------------------------------------------------------------------------ IAC022
@pytest.mark.oracle
def test_programs_log_each_stage_as_json_to_a_group_with_retention(pulumi_registered) -> None:
    pulumi_registered = pulumi_registered("IAC022")
    group = "aws:cloudwatch/logGroup:LogGroup"
    stages = [i for t in ("aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage")
              for i in registered(pulumi_registered["after"], t) if "accessLogSettings" in i]
    assert not [i for t in ("aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage")
                for i in registered(pulumi_registered["before"], t) if "accessLogSettings" in i]
    groups = {f"arn:aws:mock:us-east-1:123456789012:{group}/{r['name']}": r["inputs"]
              for r in pulumi_registered["after"] if r["type"] == group}
    assert len(stages) >= 2
    for stage in stages:
        settings = stage["accessLogSettings"]
        assert groups[settings["destinationArn"]]["retentionInDays"] == 365
        assert groups[settings["destinationArn"]]["name"].startswith("/aws/apigateway/")
        fields = json.loads(settings["format"])
        assert {"requestId", "sourceIp", "status", "responseLatency"} <= set(fields), fields


def test_the_added_log_groups_keep_log_retention_quiet() -> None:
    fixed = [e for e in FIXED if e.code == "IAC022"]
    assert fixed
    for example in fixed:
        report = Engine(EngineConfig(select=("IAC003",))).scan(fixed_files(example))
        groups = [f.message for f in report.remaining if "log group" in f.message and "keeps its logs forever" in f.message]
        assert groups == [], example.id


# ------------------------------------------------------------------------------------------------ IAC011
@pytest.mark.parametrize("language, resource_type, shape", [
    (Language.TERRAFORM, "aws_sqs_queue", TagShape("tags", "map", True)),
    (Language.TERRAFORM, "aws_inspector_resource_group", TagShape("tags", "map", False)),
    (Language.TERRAFORM, "aws_lambda_permission", None),
    (Language.CLOUDFORMATION, "AWS::SQS::Queue", TagShape("Tags", "list")),
    (Language.CLOUDFORMATION, "AWS::SSM::Parameter", TagShape("Tags", "map")),
    (Language.CLOUDFORMATION, "AWS::EFS::FileSystem", TagShape("FileSystemTags", "list")),
    (Language.CLOUDFORMATION, "AWS::Serverless::Function", TagShape("Tags", "map")),
    (Language.CLOUDFORMATION, "AWS::AutoScaling::AutoScalingGroup", None),  # each tag needs PropagateAtLaunch
    (Language.CLOUDFORMATION, "AWS::Lambda::Permission", None),
    (Language.PULUMI, "lambda_.Function", TagShape("tags", "map")),
    (Language.PULUMI, "autoscaling.Group", None),  # tags are a list of blocks there
])
def test_taggable_types_come_from_the_tools_descriptions(language, resource_type: str, shape) -> None:
    assert tag_shape(language, resource_type) == shape


def test_the_taggable_data_names_the_versions_it_came_from() -> None:
    assert set(sources()) == {"terraform", "cloudformation", "pulumi"}
    assert "hashicorp/aws" in sources()["terraform"] and "cfn-lint" in sources()["cloudformation"]


@pytest.mark.parametrize("path, text, expected", [
    ("m.tf", 'resource "aws_sqs_queue" "a" {\n  name = "a"\n  tags = {\n    Team = "x"\n  }\n}\n',
     '  tags = {\n    Team       = "x"\n    CostCenter = "1234"\n  }\n'),
    ("m.tf", 'resource "aws_sqs_queue" "b" {\n  name = "b"\n}\n',
     '  tags = {\n    CostCenter = "1234"\n    Team       = "bids"\n  }\n'),
    ("m.tf", 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_sqs_queue" "b" {\n  name = "b"\n}\n',
     '  default_tags {\n    tags = {\n      CostCenter = "1234"\n      Team       = "bids"\n    }\n  }\n}\n\n'
     'resource "aws_sqs_queue" "b" {\n  name = "b"\n}\n'),
    ("t.yaml", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n        - Key: Team\n"
     "          Value: x\n", "        - Key: Team\n          Value: x\n        - Key: CostCenter\n          Value: \"1234\"\n"),
    ("t.yaml", "Resources:\n  B:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Tags:\n        Team: y\n",
     "      Tags:\n        Team: y\n        CostCenter: \"1234\"\n"),
    ("p.py", "import pulumi_aws as aws\nb = aws.sqs.Queue('b')\n", "b = aws.sqs.Queue('b', tags={'CostCenter': '1234', 'Team': 'bids'})"),
])
def test_required_tags_are_added_where_tags_are_written_out(path: str, text: str, expected: str) -> None:
    options = {"IAC011": {"required_tags": {"CostCenter": "1234", "Team": "bids"}}}
    report = Engine(EngineConfig(select=("IAC011",), options=options)).fix({path: text})
    assert report.failures == [] and report.remaining == []
    assert expected in report.files[path]


def test_required_tags_cannot_be_read_from_an_expression() -> None:
    options = {"IAC011": {"required_tags": {"CostCenter": "1234"}}}
    text = 'resource "aws_sqs_queue" "c" {\n  tags = var.tags\n}\n'
    assert Engine(EngineConfig(select=("IAC011",), options=options)).scan({"m.tf": text}).remaining == []


@pytest.mark.oracle
def test_programs_tag_every_taggable_resource(pulumi_registered) -> None:
    runs = pulumi_registered("IAC011")
    tokens = {"aws:sqs/queue:Queue", "aws:sns/topic:Topic", "aws:dynamodb/table:Table"}
    before = [r for r in runs["before"] if r["type"] in tokens]
    after = [r for r in runs["after"] if r["type"] in tokens]
    assert [r for r in before if not r["inputs"].get("tags")]
    assert len(after) == len(before) and all(r["inputs"].get("tags") for r in after), after
    common = {"Project": "data-processing", "Environment": "test", "ManagedBy": "Pulumi"}
    assert [r["inputs"]["tags"] for r in after if r["name"] == "dead-letters"] == [common]


@pytest.mark.oracle
def test_templates_tag_every_taggable_resource_in_its_own_form(tree) -> None:
    _, fixed = tree
    checked = 0
    for name, text in fixed.items():
        if not name.startswith("IAC011/cloudformation/"):
            continue
        for resource in template(text)["Resources"].values():
            shape = tag_shape(Language.CLOUDFORMATION, resource["Type"])
            if shape is None:
                continue
            tags = (resource.get("Properties") or {}).get(shape.setting)
            assert isinstance(tags, list if shape.form == "list" else dict) and tags, (name, resource)
            checked += 1
    assert checked >= 8
