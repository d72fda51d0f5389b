"""The storage, alarm and template-hygiene rules judged by independent tools, each run once over every example.

checkov runs once per framework over every before and after file (the before files are its positive control: they
must fail the checks the rules name), cfn-lint once over every template, hclfmt on every fixed Terraform file, and
Pulumi's mocks once over every fixed program. Where no checker exists the fixed structure is asserted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from tests import iam_oracle, oracles
from tests.corpus import write_tree
from tests.examples import Example, examples

CODES = ("IAC012", "IAC013", "IAC015", "IAC016", "IAC017", "IAC020", "IAC021")
FRAMEWORKS = {"terraform": "terraform", "cloudformation": "cloudformation"}
BUCKET = "aws:s3/bucket:Bucket"

# Runs every program in the sub-folders of its own folder, in one process, tagging each resource with its program.
BATCH_MAIN = """
import asyncio, json, os, runpy, sys
import pulumi
from pulumi.runtime.stack import wait_for_rpcs

resources, current = [], [None]

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        outputs = dict(args.inputs)
        outputs.setdefault("name", args.name)
        outputs.setdefault("arn", f"arn:aws:mock:us-east-1:123456789012:{args.typ}/{args.name}")
        resources.append({"program": current[0], "type": args.typ, "name": args.name, "inputs": args.inputs})
        return [args.name + "_id", outputs]

    def call(self, args):
        if args.token == "aws:iam/getPolicyDocument:getPolicyDocument":
            return {"json": json.dumps({"Version": "2012-10-17", "Statement": args.args.get("statements", [])})}
        return {}

pulumi.runtime.set_mocks(Mocks(), project="oracle", stack="test", preview=False)
loop = asyncio.get_event_loop()
root = os.path.dirname(os.path.abspath(__file__))
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    if os.path.isfile(os.path.join(folder, "__main__.py")):
        current[0] = name
        os.chdir(folder)
        runpy.run_path(os.path.join(folder, "__main__.py"), run_name="__main__")
        loop.run_until_complete(wait_for_rpcs())
print("PULUMI-RESOURCES:" + json.dumps(resources, default=str))
"""


@dataclass
class Case:
    """One example of one of these rules, fixed by the engine (``after`` is None when it is not fixed)."""

    example: Example
    before: dict[str, str]
    after: dict[str, str] | None
    fixed_subjects: list[str] = field(default_factory=list)

    @property
    def folder(self) -> str:
        """A folder name per case: single-file cases of one name differ by their extension (``bucket.yaml``)."""
        files = list(self.before)
        suffix = f"-{Path(files[0]).suffix.lstrip('.')}" if len(files) == 1 else ""
        return f"{self.example.code}-{self.example.name}{suffix}"


def fixed(example: Example) -> Case:
    report = Engine(EngineConfig(select=(example.code,), unsafe=True)).fix(example.before)
    assert report.failures == [], [(f.finding.message, f.reason) for f in report.failures]
    after = {**example.before, **report.files} if report.files else None
    return Case(example, example.before, after, [f.subject for f in report.fixed])


@pytest.fixture(scope="module")
def cases() -> dict[str, list[Case]]:
    """Every non-good example of these rules, by language, with the engine's fix."""
    found: dict[str, list[Case]] = defaultdict(list)
    for example in examples():
        if example.code in CODES and not example.good:
            found[example.language].append(fixed(example))
    return found


# -------------------------------------------------------------------------------------------- checkov
@dataclass
class Verdicts:
    """checkov's results as (check id, case folder, before|after, resource) for passed and failed checks."""

    passed: set[tuple[str, str, str, str]] = field(default_factory=set)
    failed: set[tuple[str, str, str, str]] = field(default_factory=set)

    def failing(self, check: str, folder: str, side: str) -> set[str]:
        return {r for c, f, s, r in self.failed if (c, f, s) == (check, folder, side)}

    def passing(self, check: str, folder: str, side: str) -> set[str]:
        return {r for c, f, s, r in self.passed if (c, f, s) == (check, folder, side)}


def run_checkov(root: Path, framework: str) -> Verdicts:
    binary = oracles._tool(oracles.TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    result = subprocess.run([binary, "-d", str(root), "--framework", framework, "-o", "json", "--compact"],
                            capture_output=True, text=True)
    reports = json.loads(result.stdout or "[]")
    verdicts = Verdicts()
    for report in reports if isinstance(reports, list) else [reports]:
        for kind, into in (("passed_checks", verdicts.passed), ("failed_checks", verdicts.failed)):
            for check in report.get("results", {}).get(kind, []):
                folder, side = Path(check["file_path"].lstrip("/")).parts[:2]
                into.add((check["check_id"], folder, side, check["resource"]))
    return verdicts


@pytest.fixture(scope="module")
def checkov(cases, tmp_path_factory) -> dict[str, Verdicts]:
    """One checkov run per framework over the before and after files of every case."""
    verdicts = {}
    for language, framework in FRAMEWORKS.items():
        root = tmp_path_factory.mktemp(f"checkov-{language}")
        for case in cases[language]:
            write_tree(root / case.folder / "before", case.before)
            if case.after is not None:
                write_tree(root / case.folder / "after", case.after)
        verdicts[language] = run_checkov(root, framework)
    return verdicts


def checked(cases: list[Case], code: str) -> list[Case]:
    chosen = [case for case in cases if case.example.code == code]
    assert chosen, f"no {code} examples"
    return chosen


@pytest.mark.parametrize("language, code, check, part", [
    ("terraform", "IAC012", "CKV2_AWS_61", ""),
    ("terraform", "IAC013", "CKV2_AWS_6", ":public-access"),
    ("cloudformation", "IAC013", "CKV_AWS_53", ":public-access"),
    ("cloudformation", "IAC013", "CKV_AWS_54", ":public-access"),
    ("cloudformation", "IAC013", "CKV_AWS_55", ":public-access"),
    ("cloudformation", "IAC013", "CKV_AWS_56", ":public-access"),
])
@pytest.mark.oracle
def test_checkov_fails_the_buckets_before_and_passes_them_after(cases, checkov, language, code, check, part) -> None:
    """``part`` picks the cases whose fix covers what the check looks at (a finding's subject ends with it)."""
    verdicts = checkov[language]
    fixed_any = False
    for case in checked(cases[language], code):
        failing = verdicts.failing(check, case.folder, "before")
        if case.after is None or not any(subject.endswith(part) for subject in case.fixed_subjects):
            continue
        assert failing, (case.folder, "checkov must fail the original")  # the run's positive control
        assert verdicts.failing(check, case.folder, "after") == set(), case.folder
        assert failing <= verdicts.passing(check, case.folder, "after"), case.folder
        fixed_any = True
    assert fixed_any


@pytest.mark.oracle
def test_lifecycle_configurations_added_abort_incomplete_uploads(cases, checkov) -> None:
    verdicts = checkov["terraform"]
    for case in checked(cases["terraform"], "IAC012"):
        if case.after is not None:
            assert verdicts.passing("CKV_AWS_300", case.folder, "after"), case.folder
            assert verdicts.failing("CKV_AWS_300", case.folder, "after") == set(), case.folder


@pytest.mark.oracle
@pytest.mark.parametrize("language", FRAMEWORKS)
def test_no_check_that_passed_fails_after_a_fix(cases, checkov, language) -> None:
    verdicts = checkov[language]
    for case in cases[language]:
        if case.after is None:
            continue
        passed = {(c, r) for c, f, s, r in verdicts.passed if f == case.folder and s == "before"}
        failed = {(c, r) for c, f, s, r in verdicts.failed if f == case.folder and s == "after"}
        assert passed & failed == set(), case.folder


# -------------------------------------------------------------------------------------- cfn-lint, hclfmt
CONTROL_TEMPLATE = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: [not, a, string]\n"


@pytest.fixture(scope="module")
def linted(cases, tmp_path_factory) -> dict[str, set[str]]:
    """cfn-lint's matches (every level, ``ID:message``) by ``<case>/<before|after>/<file>``, in one run."""
    root = tmp_path_factory.mktemp("cfn-lint")
    files: dict[str, str] = {"control/broken.yaml": CONTROL_TEMPLATE}
    for case in cases["cloudformation"]:
        for path in case.before:
            files[f"{case.folder}/before/{path}"] = case.before[path]
            if case.after is not None:
                files[f"{case.folder}/after/{path}"] = case.after[path]
    binary = oracles._tool(Path(sys.executable).parent / "cfn-lint", "cfn-lint")
    result = subprocess.run([binary, "--format", "json", *map(str, write_tree(root, files))],
                            capture_output=True, text=True)
    matches: dict[str, set[str]] = {name: set() for name in files}
    for match in json.loads(result.stdout or "[]"):
        name = Path(match["Filename"]).relative_to(root).as_posix()
        matches[name].add(f"{match['Rule']['Id']}:{match['Message']}")
    assert any(m.startswith("E") for m in matches["control/broken.yaml"]), "cfn-lint must flag the control template"
    return matches


@pytest.mark.oracle
def test_fixed_templates_gain_no_cfn_lint_error(linted) -> None:
    for name, found in linted.items():
        if "/after/" in name:
            errors = {m for m in found - linted[name.replace("/after/", "/before/")] if m.startswith("E")}
            assert errors == set(), name


@pytest.mark.oracle
def test_unused_parameters_are_no_longer_reported_by_cfn_lint(cases, linted) -> None:
    """W2001 (cfn-lint skips templates with a transform, so SAM templates are checked by the rule's examples)."""
    checked_any = False
    for case in checked(cases["cloudformation"], "IAC016"):
        if case.after is None or "Transform" in next(iter(case.before.values())):
            continue
        for path in case.after:
            before = {m for m in linted[f"{case.folder}/before/{path}"] if m.startswith("W2001")}
            assert before, case.folder
            assert not any(m.startswith("W2001") for m in linted[f"{case.folder}/after/{path}"]), case.folder
            checked_any = True
    assert checked_any


def test_fixed_terraform_is_formatted_as_terraform_fmt_formats_it(cases, tmp_path: Path) -> None:
    control = write_tree(tmp_path, {"control/main.tf": 'resource "aws_s3_bucket" "b" {\nbucket="b"\n}\n'})[0]
    assert oracles.hclfmt(control), "hclfmt must flag the control file"
    written = [path for case in cases["terraform"] if case.after is not None
               for path in write_tree(tmp_path / case.folder, {p: t for p, t in case.after.items() if p.endswith(".tf")})]
    assert written
    assert {str(path): problems for path in written if (problems := oracles.hclfmt(path))} == {}


# ---------------------------------------------------------------------------------------------- Pulumi
@pytest.fixture(scope="module")
def pulumi_runs(cases, tmp_path_factory) -> dict[str, dict[str, list[dict]]]:
    """Resources registered by every program, before and after its fix, in one run of Pulumi's mocks per side."""
    runs: dict[str, dict[str, list[dict]]] = {}
    for side in ("before", "after"):
        root = tmp_path_factory.mktemp(f"pulumi-{side}")
        programs = {case.folder: case.before if side == "before" else case.after
                    for case in cases["pulumi"] if case.after is not None}
        write_tree(root, {f"{folder}/__main__.py": next(iter(files.values())) for folder, files in programs.items()})
        (root / "__main__.py").write_text(BATCH_MAIN)
        registered: dict[str, list[dict]] = defaultdict(list)
        for resource in oracles.pulumi_resources(root):
            registered[resource.pop("program")].append(resource)
        assert set(registered) == set(programs), "every program must run under the mocks"
        runs[side] = registered
    return runs


def configured(resources: list[dict], type_token: str) -> dict[str, dict]:
    """The inputs of each resource of a type, by the id of the bucket it configures."""
    return {r["inputs"]["bucket"]: r["inputs"] for r in resources if r["type"] == type_token}


@pytest.mark.oracle
def test_fixed_programs_give_every_bucket_a_lifecycle_that_aborts_uploads(cases, pulumi_runs) -> None:
    token = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
    for case in checked(cases["pulumi"], "IAC012"):
        if case.after is None:
            continue
        buckets = {f"{r['name']}_id" for r in pulumi_runs["after"][case.folder] if r["type"] == BUCKET}
        before = configured(pulumi_runs["before"][case.folder], token)
        after = configured(pulumi_runs["after"][case.folder], token)
        assert set(after) == buckets and not before, case.folder
        for inputs in after.values():
            rule = inputs["rules"][0]
            assert rule["status"] == "Enabled" and rule["abortIncompleteMultipartUpload"]["daysAfterInitiation"] == 7
            assert rule["transitions"] == [{"days": 30, "storageClass": "INTELLIGENT_TIERING"}]


@pytest.mark.oracle
def test_fixed_programs_encrypt_and_block_public_access_to_every_bucket(cases, pulumi_runs) -> None:
    encryption = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
    block = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
    for case in checked(cases["pulumi"], "IAC013"):
        if case.after is None:
            continue
        resources = pulumi_runs["after"][case.folder]
        buckets = {f"{r['name']}_id": r for r in resources if r["type"] == BUCKET}
        for bucket_id, bucket in buckets.items():
            rules = configured(resources, encryption).get(bucket_id, {}).get("rules") or [
                bucket["inputs"].get("serverSideEncryptionConfiguration", {}).get("rule")]
            assert rules[0]["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "AES256", case.folder
            flags = configured(resources, block)[bucket_id]
            assert all(flags[name] is True for name in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls",
                                                        "restrictPublicBuckets")), case.folder


# ------------------------------------------------------------------------------------------ structure
def test_environment_suffixes_accept_a_pattern_that_takes_every_value_they_took(cases) -> None:
    from iacfix.fixers.cfn.document import parse

    for case in checked(cases["cloudformation"], "IAC017"):
        if case.after is None:
            continue
        for path, text in case.after.items():
            before = parse(path, case.before[path]).section("Parameters")
            after = parse(path, text).section("Parameters")
            names = before.keys()
            for name in names:
                listed = before.get(f"{name}.AllowedValues")
                if listed is None:
                    continue
                assert after.get(f"{name}.AllowedValues") is None, (case.folder, name)
                pattern = after.get(f"{name}.AllowedPattern").literal
                default = after.get(f"{name}.Default")
                values = [item.literal for item in listed.items()] + ([default.literal] if default else [])
                assert all(re.search(pattern, str(value)) for value in values), (case.folder, name)
                assert re.search(pattern, "pr-1234"), "a new environment's suffix must be accepted"


@pytest.mark.oracle
def test_fixed_programs_name_only_documented_alarm_dimensions(cases, pulumi_runs) -> None:
    from iacfix.fixers.rules.cloudwatch_alarm_dimensions import documented_dimensions

    alarm = "aws:cloudwatch/metricAlarm:MetricAlarm"
    for case in checked(cases["pulumi"], "IAC015"):
        if case.after is None:
            continue
        for side, expected in (("before", False), ("after", True)):
            alarms = [r["inputs"] for r in pulumi_runs[side][case.folder] if r["type"] == alarm]
            documented = [set(a["dimensions"]) <= documented_dimensions()[a["namespace"]] for a in alarms]
            assert alarms and all(documented) is expected, (case.folder, side)


@pytest.mark.oracle
def test_fixed_programs_alarm_on_every_function_and_dead_letter_queue(cases, pulumi_runs) -> None:
    alarm, function, queue, topic = ("aws:cloudwatch/metricAlarm:MetricAlarm", "aws:lambda/function:Function",
                                     "aws:sqs/queue:Queue", "aws:sns/topic:Topic")
    for case in checked(cases["pulumi"], "IAC020"):
        if case.after is None:
            continue
        resources = pulumi_runs["after"][case.folder]
        watched = {(a["inputs"]["metricName"], next(iter(a["inputs"]["dimensions"].values())))
                   for a in resources if a["type"] == alarm}
        topics = [f"arn:aws:mock:us-east-1:123456789012:{topic}/{r['name']}" for r in resources if r["type"] == topic]
        for resource in resources:
            if resource["type"] == function:
                name = resource["inputs"].get("name", resource["name"])
                assert {("Errors", name), ("Throttles", name)} <= watched, case.folder
        queues = {r["name"] for r in resources if r["type"] == queue}
        assert queues <= {name for metric, name in watched if metric == "ApproximateNumberOfMessagesVisible"}
        for inputs in (a["inputs"] for a in resources if a["type"] == alarm):
            assert inputs.get("alarmActions", []) == topics[:1], case.folder


def denies_plain_http(statements: list[dict], bucket: object) -> bool:
    """Whether one statement denies every principal every S3 action on the bucket and its objects without TLS."""
    name = bucket["Fn::GetAtt"][0] if isinstance(bucket, dict) else ""
    objects = bucket + "/*" if isinstance(bucket, str) else {"Fn::Sub": "${" + name + ".Arn}/*"}
    for statement in statements:
        condition = statement.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport")
        if statement.get("Effect") == "Deny" and str(iam_oracle.one(condition)).lower() == "false" \
                and statement.get("Principal") in ("*", {"AWS": "*"}) and statement.get("Action") in ("s3:*", ["s3:*"]) \
                and {json.dumps(r) for r in iam_oracle.listed(statement.get("Resource"))} >= {json.dumps(bucket),
                                                                                              json.dumps(objects)}:
            return True
    return False


@pytest.mark.oracle
def test_fixed_programs_deny_plain_http_to_every_bucket(cases, pulumi_runs) -> None:
    policy = "aws:s3/bucketPolicy:BucketPolicy"
    for case in checked(cases["pulumi"], "IAC021"):
        if case.after is None:
            continue
        resources = pulumi_runs["after"][case.folder]
        buckets = {r["name"] for r in resources if r["type"] == BUCKET}
        policies = {r["inputs"]["bucket"]: json.loads(r["inputs"]["policy"]) for r in resources if r["type"] == policy}
        assert set(policies) == {f"{name}_id" for name in buckets}, case.folder
        for name in buckets:
            statements = [s if "Effect" in s or "effect" not in s and "actions" not in s else iam_oracle.from_block(s)
                          for s in iam_oracle.listed(policies[f"{name}_id"]["Statement"])]
            assert denies_plain_http(statements, f"arn:aws:mock:us-east-1:123456789012:{BUCKET}/{name}"), case.folder
            assert [p for s in statements for p in iam_oracle.statement_problems(s)] == [], case.folder


def test_fixed_templates_give_every_bucket_a_policy_denying_plain_http(cases) -> None:
    from cfnlint.decode.decode import decode_str

    for case in checked(cases["cloudformation"], "IAC021"):
        if case.after is None:
            continue
        template, problems = decode_str(next(iter(case.after.values())))
        assert not problems, case.folder
        resources = template["Resources"]
        buckets = {name for name, body in resources.items() if body["Type"] == "AWS::S3::Bucket"}
        policies = {body["Properties"]["Bucket"]["Ref"]: body for body in resources.values()
                    if body["Type"] == "AWS::S3::BucketPolicy"}
        assert set(policies) == buckets, case.folder
        for name, body in policies.items():
            statements = iam_oracle.listed(body["Properties"]["PolicyDocument"]["Statement"])
            assert denies_plain_http(statements, {"Fn::GetAtt": [name, "Arn"]}), case.folder
            assert [p for s in statements for p in iam_oracle.statement_problems(s)] == [], case.folder
            assert body.get("Condition") == resources[name].get("Condition"), "the policy exists with its bucket"


def test_fixed_terraform_policies_deny_plain_http_to_every_bucket(cases, tmp_path: Path) -> None:
    """As checkov's Terraform graph renders the fixed modules: ``jsonencode``, heredocs and policy documents."""
    fixed = [case for case in checked(cases["terraform"], "IAC021") if case.after is not None]
    for case in fixed:
        write_tree(tmp_path / case.folder, case.after)
    modules = iam_oracle.terraform_graph(tmp_path)
    for case in fixed:
        module = modules[case.folder]
        for address in (a for a, body in module.items() if body.get("resource_type") == ["aws_s3_bucket"]):
            policies = [(holder, body["policy"]) for holder, body in module.items() if body.get("resource_type") ==
                        ["aws_s3_bucket_policy"] and iam_oracle.reference(body["bucket"]) == f"{address}.id"]
            assert len(policies) == 1, (case.folder, address)
            statements = [{**s, "Resource": [re.sub(r"\$\{([^}]*)\}", r"\1", r) for r in iam_oracle.listed(s["Resource"])]}
                          for s in iam_oracle.terraform_statements(module, policies[0][1], policies[0][0], case.after)]
            assert denies_plain_http(statements, f"{address}.arn"), (case.folder, address)
            assert [p for s in statements for p in iam_oracle.statement_problems(s)] == [], case.folder


@pytest.mark.parametrize("language", ["terraform", "cloudformation", "pulumi"])
def test_iac002_finds_nothing_to_narrow_in_the_statements_added(cases, language) -> None:
    def narrowed(files: dict[str, str]) -> set[str]:
        return {f.subject for f in Engine(EngineConfig(select=("IAC002",))).scan(files).remaining}

    for case in checked(cases[language], "IAC021"):
        if case.after is not None:
            assert narrowed(case.after) <= narrowed(case.before), case.folder
