"""The Lambda and data-resilience rules' fixes judged by independent tools, each run once over every example:
checkov on the Terraform and CloudFormation before and after files, hclfmt on the fixed Terraform, cfn-lint on
every template, and Pulumi's mocks on every program, whose registered inputs must show the fix."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests import iam_oracle, oracles
from tests.corpus import write_tree
from tests.examples import Example, examples

CODES = ("IAC005", "IAC006", "IAC009", "IAC010", "IAC023")
CHECKOV = {  # the check RULES.md names, per rule and language
    ("IAC005", "terraform"): "CKV_AWS_116", ("IAC005", "cloudformation"): "CKV_AWS_116",
    ("IAC006", "terraform"): "CKV2_AWS_16",
    ("IAC010", "terraform"): "CKV_AWS_115", ("IAC010", "cloudformation"): "CKV_AWS_115",
}
FUNCTION = "aws:lambda/function:Function"
TABLE = "aws:dynamodb/table:Table"
STATE_MACHINE = "aws:sfn/stateMachine:StateMachine"
LAMBDA_ERRORS = {"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                 "Lambda.TooManyRequestsException"}
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mine(language: str, *, fixed: bool = True) -> list[Example]:
    return [e for e in examples() if e.code in CODES and e.language == language and (e.after is not None or not fixed)]


def only(example: Example) -> tuple[str, str]:
    """The single file of a one-file example: its name and its fixed text."""
    assert example.after is not None and len(example.after) == 1
    return next(iter(example.after.items()))


# --------------------------------------------------------------------------------------------- checkov
@pytest.fixture(scope="module")
def checkov_failures(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str, str]]:
    """One checkov run over every before and after file, a folder per case (Terraform modules stay apart)."""
    root = tmp_path_factory.mktemp("checkov")
    for example in mine("terraform") + mine("cloudformation"):
        write_tree(root / "before" / example.id, dict(example.before))
        write_tree(root / "after" / example.id, dict(example.after or {}))
    return oracles.checkov_failures(root, ("terraform", "cloudformation"))


def failing(failures: set[tuple[str, str, str]], side: str, example: Example) -> set[tuple[str, str]]:
    paths = {f"{side}/{example.id}/{name}" for name in example.before}
    return {(resource, check) for path, resource, check in failures if path in paths}


# Checks a resource the fix adds may fail, and why that is right.
ADDED_MAY_FAIL = {
    ("cloudformation", "CKV_AWS_27"): "checkov accepts only a KMS key on a CloudFormation queue; the queue is "
                                      "encrypted with SQS-managed keys, asserted below",
}


CHECKED = [e for e in mine("terraform") + mine("cloudformation") if (e.code, e.language) in CHECKOV]


@pytest.mark.oracle
@pytest.mark.parametrize("example", CHECKED, ids=lambda e: e.id)
def test_the_check_rules_md_names_fails_before_the_fix_and_passes_after(example: Example, checkov_failures) -> None:
    check = CHECKOV[example.code, example.language]
    assert {r for r, c in failing(checkov_failures, "before", example) if c == check}, "checkov must see the failure"
    assert {r for r, c in failing(checkov_failures, "after", example) if c == check} == set()


@pytest.mark.oracle
@pytest.mark.parametrize("example", mine("terraform") + mine("cloudformation"), ids=lambda e: e.id)
def test_no_checkov_check_that_passed_starts_failing(example: Example, checkov_failures) -> None:
    before = failing(checkov_failures, "before", example)
    after = failing(checkov_failures, "after", example)
    added = {(resource, check) for resource, check in after - before
             if (example.language, check) in ADDED_MAY_FAIL and resource.rsplit(".", 1)[-1] not in str(example.before)}
    assert after - before - added == set()


# ---------------------------------------------------------------------------------------------- hclfmt
def test_fixed_terraform_stays_as_terraform_fmt_writes_it(tmp_path: Path) -> None:
    files = {f"{e.id}/{name}": text for e in mine("terraform") for name, text in (e.after or {}).items()}
    control = "unformatted/main.tf"
    files[control] = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds = 0\n}\n'
    problems = {str(path.relative_to(tmp_path)): oracles.hclfmt(path) for path in write_tree(tmp_path, files)}
    assert problems.pop(control), "hclfmt must flag the misaligned control file"
    assert problems
    assert {path: found for path, found in problems.items() if found} == {}


# -------------------------------------------------------------------------------------------- cfn-lint
def test_no_template_gains_a_cfn_lint_error(tmp_path: Path) -> None:
    before = {f"{e.id}/{name}": text for e in mine("cloudformation") for name, text in e.before.items()}
    after = {f"{e.id}/{name}": text for e in mine("cloudformation") for name, text in (e.after or {}).items()}
    control = "control/template.yaml"
    before[control] = ("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
                       "      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n"
                       "      Code: {ZipFile: x}\n      MemorySize: lots\n")
    errors = oracles.cfn_lint_many(write_tree(tmp_path / "before", before) + write_tree(tmp_path / "after", after))
    assert errors[str(tmp_path / "before" / control)], "cfn-lint must flag the control template"
    assert after
    for name in after:
        old = Counter(e.split(":", 1)[0] for e in errors.get(str(tmp_path / "before" / name), set()))
        new = Counter(e.split(":", 1)[0] for e in errors.get(str(tmp_path / "after" / name), set()))
        assert new - old == Counter(), (name, errors.get(str(tmp_path / "after" / name)))


# ------------------------------------------------------------------------------------------ Pulumi mocks
@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """Every Pulumi example, before and after its fix, run under Pulumi's mocks in one process."""
    sources = {}
    for example in mine("pulumi"):
        sources[f"before-{example.id}"] = {"__main__.py": next(iter(example.before.values()))}
        sources[f"after-{example.id}"] = {"__main__.py": only(example)[1]}
    return oracles.pulumi_programs(tmp_path_factory.mktemp("pulumi"), sources)


def registered(programs: dict[str, list[dict]], side: str, example: Example, resource_type: str) -> dict[str, dict]:
    """The inputs of the resources of one type a program registered, by resource name."""
    found = {r["name"]: r["inputs"] for r in programs[f"{side}-{example.id}"] if r["type"] == resource_type}
    assert found, f"{side} of {example.id} registered no {resource_type}"
    return found


def memory(inputs: dict) -> int | None:
    return int(inputs["memorySize"]) if "memorySize" in inputs else None


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in mine("pulumi") if e.code == "IAC009"], ids=lambda e: e.id)
def test_oversized_functions_run_with_the_target_memory(example: Example, programs) -> None:
    before = registered(programs, "before", example, FUNCTION)
    after = registered(programs, "after", example, FUNCTION)
    oversized = {name for name, inputs in before.items() if (memory(inputs) or 0) >= 3008}
    assert oversized
    assert {name: memory(after[name]) for name in oversized} == {name: 1024 for name in oversized}


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in mine("pulumi") if e.code == "IAC010"], ids=lambda e: e.id)
def test_every_function_reserves_concurrency_after_the_fix(example: Example, programs) -> None:
    before = registered(programs, "before", example, FUNCTION)
    after = registered(programs, "after", example, FUNCTION)
    assert any("reservedConcurrentExecutions" not in inputs for inputs in before.values())
    assert {name: inputs.get("reservedConcurrentExecutions") for name, inputs in after.items()} == {
        name: 100 for name in after}


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in mine("pulumi") if e.code == "IAC006"], ids=lambda e: e.id)
def test_tables_are_billed_per_request_with_no_capacity_left(example: Example, programs) -> None:
    def capacities(inputs: dict) -> list:
        indexes = inputs.get("globalSecondaryIndexes") or []
        return [value for holder in [inputs, *indexes] for key, value in holder.items() if key.endswith("Capacity")]

    before = registered(programs, "before", example, TABLE)
    after = registered(programs, "after", example, TABLE)
    assert all(inputs.get("billingMode", "PROVISIONED") == "PROVISIONED" and capacities(inputs)
               for inputs in before.values())
    assert {name: (inputs.get("billingMode"), capacities(inputs)) for name, inputs in after.items()} == {
        name: ("PAY_PER_REQUEST", []) for name in after}


def test_programs_not_fixed_still_run(tmp_path: Path) -> None:
    """The cases found but left to their author (and the good ones) are valid programs as written."""
    left = [e for e in mine("pulumi", fixed=False) if e.after is None]
    assert left
    ran = oracles.pulumi_programs(tmp_path, {e.id: {"__main__.py": next(iter(e.before.values()))} for e in left})
    assert [e.id for e in left if not ran[e.id]] == []


def test_options_reach_the_fixes() -> None:
    """Options from the configuration change what is written, and values outside what AWS accepts are refused."""
    from iacfix.fixers.engine import Engine, EngineConfig
    from iacfix.fixers.registry import OptionError

    source = json.dumps({"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 128}}}})
    engine = Engine(EngineConfig(select=("IAC009", "IAC010"), unsafe=True, options={
        "lambda-memory-rightsize": {"min_mb": 512}, "IAC010": {"reserved": 20}}))
    fixed = json.loads(engine.fix({"t.json": source}).files["t.json"])
    assert fixed["Resources"]["F"]["Properties"] == {"MemorySize": 512, "ReservedConcurrentExecutions": 20}
    for options in ({"IAC009": {"target_mb": 4096}}, {"IAC009": {"min_mb": 64}}, {"IAC010": {"reserved": 0}}):
        with pytest.raises(OptionError):
            Engine(EngineConfig(options=options))


# ---------------------------------------------------------------------------- state machine definitions
def states_of(definition: dict, prefix: str = "") -> dict[str, dict]:
    """Every state by path (``Fan out/Notify``), nested ones apart from the state that holds them."""
    found = {}
    for name, state in definition["States"].items():
        nested = [branch for branch in state.get("Branches", [])]
        nested += [state[key] for key in ("Iterator", "ItemProcessor") if key in state]
        found[prefix + name] = {k: v for k, v in state.items() if k not in ("Branches", "Iterator", "ItemProcessor")}
        for inner in nested:
            found.update(states_of(inner, f"{prefix}{name}/"))
    return found


def only_retries_added(before: dict, after: dict) -> set[str]:
    """The states given a Retry on Lambda's transient errors; every other state, and every other key, the same."""
    old, new = states_of(before), states_of(after)
    assert old.keys() == new.keys()
    changed = {path for path in old if old[path] != new[path]}
    for path in changed:
        retry = new[path].pop("Retry")
        assert new[path] == old[path] and old[path]["Type"] == "Task" and "Retry" not in old[path], path
        assert set(retry[0]["ErrorEquals"]) >= LAMBDA_ERRORS and retry[0]["BackoffRate"] > 1, retry
    return changed


def only_insertions(before: str, after: str) -> bool:
    """Every character of the original is still there in order: the fix only inserted text (and realigned)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return all(tag == "insert" or not before[i1:i2].strip() and not after[j1:j2].strip()
               for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


RETRIED = [e for language in ("terraform", "cloudformation", "pulumi") for e in mine(language) if e.code == "IAC023"]


@pytest.mark.parametrize("example", RETRIED, ids=lambda e: e.id)
def test_the_definition_keeps_every_byte_it_had(example: Example) -> None:
    name, text = only(example)
    assert only_insertions(example.before[name], text)


def test_terraform_definitions_gain_retries_and_nothing_else(tmp_path: Path) -> None:
    cases = [e for e in RETRIED if e.language == "terraform"]
    for example in cases:
        write_tree(tmp_path / f"before-{example.id}", dict(example.before))
        write_tree(tmp_path / f"after-{example.id}", dict(example.after or {}))
    rendered = oracles.terraform_values(tmp_path, "aws_sfn_state_machine", "definition")
    for example in cases:
        before, after = rendered[f"before-{example.id}"], rendered[f"after-{example.id}"]
        assert all(isinstance(value, dict) for value in [*before.values(), *after.values()]), "checkov must read them"
        assert all(only_retries_added(before[name], after[name]) for name in before)


def test_templates_definitions_gain_retries_and_nothing_else() -> None:
    from cfnlint.decode import decode_str

    def definitions(text: str) -> dict[str, dict]:
        template, problems = decode_str(text)
        assert not problems
        found = {}
        for name, resource in template["Resources"].items():
            properties = resource.get("Properties", {})
            written = properties.get("Definition") or properties.get("DefinitionString")
            if written is None:
                continue
            if isinstance(written, dict) and "Fn::Sub" in written:
                written = written["Fn::Sub"] if isinstance(written["Fn::Sub"], str) else written["Fn::Sub"][0]
            found[name] = json.loads(written) if isinstance(written, str) else json.loads(json.dumps(written))
        return found

    cases = [e for e in RETRIED if e.language == "cloudformation"]
    assert cases
    for example in cases:
        name, text = only(example)
        before, after = definitions(example.before[name]), definitions(text)
        assert before.keys() == after.keys() and all(only_retries_added(before[k], after[k]) for k in before)


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in RETRIED if e.language == "pulumi"], ids=lambda e: e.id)
def test_programs_register_definitions_with_retries_and_nothing_else(example: Example, programs) -> None:
    before = registered(programs, "before", example, STATE_MACHINE)
    after = registered(programs, "after", example, STATE_MACHINE)

    def definition(inputs: dict) -> Any:  # mocked ARNs name the program they come from
        return json.loads(inputs["definition"].replace(f"after-{example.id}~", f"before-{example.id}~"))

    assert all(only_retries_added(definition(before[name]), definition(after[name])) for name in before)


# ------------------------------------------------------------------------------------- dead-letter queues
QUEUE = "aws:sqs/queue:Queue"
DEAD_LETTERED = [e for language in ("terraform", "cloudformation", "pulumi") for e in mine(language)
                 if e.code == "IAC005"]


def test_templates_send_failures_to_new_encrypted_queues() -> None:
    from cfnlint.decode import decode_str

    cases = [e for e in DEAD_LETTERED if e.language == "cloudformation"]
    assert cases
    for example in cases:
        template, problems = decode_str(only(example)[1])
        assert not problems
        resources = template["Resources"]
        functions = {name: r for name, r in resources.items() if r["Type"].endswith("::Function")}
        for name, function in functions.items():
            properties = function["Properties"]
            target = (properties.get("DeadLetterConfig") or properties.get("DeadLetterQueue"))["TargetArn"]
            queue = resources[target["Fn::GetAtt"][0]]
            assert queue["Type"] == "AWS::SQS::Queue" and queue["Properties"]["SqsManagedSseEnabled"] is True
            assert queue.get("Condition") == function.get("Condition"), name


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in DEAD_LETTERED if e.language == "pulumi"], ids=lambda e: e.id)
def test_programs_send_failures_to_new_encrypted_queues(example: Example, programs) -> None:
    before = registered(programs, "before", example, FUNCTION)
    after = registered(programs, "after", example, FUNCTION)
    queues = {inputs.get("arn", f"arn:aws:mock:us-east-1:123456789012:{QUEUE}/after-{example.id}~{name}"): inputs
              for name, inputs in registered(programs, "after", example, QUEUE).items()}
    assert all("deadLetterConfig" not in inputs for inputs in before.values())
    for inputs in after.values():
        queue = queues[inputs["deadLetterConfig"]["targetArn"]]
        assert queue["sqsManagedSseEnabled"] is True and queue["messageRetentionSeconds"] == 1209600


def test_terraform_queues_are_encrypted(tmp_path: Path) -> None:
    cases = [e for e in DEAD_LETTERED if e.language == "terraform"]
    assert cases
    for example in cases:
        write_tree(tmp_path / example.id, dict(example.after or {}))
    rendered = oracles.terraform_values(tmp_path, "aws_sqs_queue", "sqs_managed_sse_enabled")
    assert rendered and all(value is True for queues in rendered.values() for value in queues.values())


# ------------------------------------------------------------------------------------------- together
TOGETHER = (*CODES, "IAC001", "IAC003", "IAC007", "IAC008")


@pytest.mark.parametrize("example", [e for language in ("terraform", "cloudformation", "pulumi")
                                     for e in mine(language, fixed=False)], ids=lambda e: e.id)
def test_every_rule_fixes_every_example_together_and_a_second_run_changes_nothing(example: Example) -> None:
    """The examples hold other failures too (functions without reserved concurrency or log groups): all the
    fixes together verify, and what is left is only what no rule can fix."""
    from iacfix.fixers.engine import Engine, EngineConfig

    engine = Engine(EngineConfig(select=TOGETHER, unsafe=True))
    report = engine.fix(example.before)
    assert report.failures == [], [(f.finding.code, f.finding.subject, f.reason) for f in report.failures]
    assert [f for f in report.remaining if f.fixable] == []
    assert engine.fix({**example.before, **report.files}).files == {}


# ------------------------------------------------------------------------------ permissions to send to the queue
# Lambda refuses a dead-letter queue its function's role cannot send to: after the fix, every function's role must be
# allowed sqs:SendMessage on the function's queue, as IAM reads the policies (not as iacfix does), and every
# statement the fix wrote must be one IAM accepts and IAC002 has nothing to narrow in.
SEND = "sqs:SendMessage"
ALL_ACTIONS = ("AdministratorAccess", "PowerUserAccess")


def plain(value: object) -> object:
    """A Terraform value with its interpolations unwrapped: ``"${aws_x.y.arn}"`` reads ``aws_x.y.arn``."""
    return re.sub(r"\$\{([^}]*)\}", r"\1", value) if isinstance(value, str) else value


def test_terraform_roles_may_send_to_their_functions_queues(tmp_path: Path) -> None:
    from tests.iam_oracle import one, reference, statement_problems, terraform_statements

    cases = [e for e in DEAD_LETTERED if e.language == "terraform"]
    for example in cases:
        write_tree(tmp_path / example.id, dict(example.after or {}))
    modules = iam_oracle.terraform_graph(tmp_path)
    checked = 0
    for example in cases:
        module = modules[example.id]
        for address, function in module.items():
            if not address.startswith("aws_lambda_function.") or "dead_letter_config" not in function:
                continue
            role = reference(function["role"]).removesuffix(".arn")
            policies = [(role, one(block["policy"])) for block in iam_oracle.listed(module[role].get("inline_policy"))]
            policies += [(holder, body["policy"]) for holder, body in module.items() if body.get("resource_type") ==
                         ["aws_iam_role_policy"] and reference(body["role"]).rsplit(".", 1)[0] == role]
            statements = [{**s, "Resource": [plain(r) for r in iam_oracle.listed(s.get("Resource"))]}
                          for holder, policy in policies
                          for s in terraform_statements(module, policy, holder, example.after)]
            queue = reference(function["dead_letter_config"]["target_arn"])
            assert iam_oracle.allows(statements, SEND, queue), (example.id, address)
            assert [problem for s in statements for problem in statement_problems(s)] == [], example.id
            checked += 1
    assert checked >= len(cases)


def cfn_statements(resources: dict, role: str) -> list[dict]:
    """What a template's role is allowed: its Policies, the AWS::IAM::Policy resources naming it, and its AWS managed
    policies that allow everything."""
    properties = resources[role].get("Properties", {})
    documents = [policy["PolicyDocument"] for policy in properties.get("Policies", [])]
    documents += [body["Properties"]["PolicyDocument"] for body in resources.values()
                  if body["Type"] == "AWS::IAM::Policy" and {"Ref": role} in body["Properties"].get("Roles", [])]
    statements = [s for document in documents for s in iam_oracle.listed(document["Statement"])]
    managed = json.dumps(properties.get("ManagedPolicyArns", []))
    if any(f"policy/{name}" in managed for name in ALL_ACTIONS):
        statements.append({"Effect": "Allow", "Action": "*", "Resource": "*"})
    return statements


def test_template_roles_may_send_to_their_functions_queues() -> None:
    from cfnlint.decode import decode_str

    cases = [e for e in DEAD_LETTERED if e.language == "cloudformation"]
    for example in cases:
        template, problems = decode_str(only(example)[1])
        assert not problems
        resources = template["Resources"]
        for name, function in resources.items():
            properties = function.get("Properties", {})
            dead_letter = properties.get("DeadLetterConfig") or properties.get("DeadLetterQueue")
            if not function["Type"].endswith("::Function") or dead_letter is None:
                continue
            target = dead_letter["TargetArn"]
            if "Role" not in properties:  # SAM makes the role and grants it; a function listing policies says so
                queue = target["Fn::GetAtt"][0]
                templates = [p for p in properties.get("Policies", []) if isinstance(p, dict)]
                assert "Policies" not in properties or {"SQSSendMessagePolicy": {
                    "QueueName": {"Fn::GetAtt": [queue, "QueueName"]}}} in templates, (example.id, name)
                continue
            statements = cfn_statements(resources, properties["Role"]["Fn::GetAtt"][0])
            assert iam_oracle.allows(statements, SEND, target), (example.id, name)
            written = [s for s in statements if s.get("Sid") == "SendToDeadLetterQueues"]
            assert [p for s in written for p in iam_oracle.statement_problems(s)] == [], example.id


@pytest.mark.oracle
@pytest.mark.parametrize("example", [e for e in DEAD_LETTERED if e.language == "pulumi"], ids=lambda e: e.id)
def test_program_roles_may_send_to_their_functions_queues(example: Example, programs) -> None:
    """The mocked inputs: each function's role (by its mocked ARN) and the policies naming the role (by its id)."""
    resources = programs[f"after-{example.id}"]
    program = f"after-{example.id}"

    def arn(resource: dict) -> str:
        return f"arn:aws:mock:us-east-1:123456789012:{resource['type']}/{program}~{resource['name']}"

    roles = {arn(r): r for r in resources if r["type"] == "aws:iam/role:Role"}
    for function in (r for r in resources if r["type"] == FUNCTION):
        role = roles[function["inputs"]["role"]]
        documents = [json.loads(p["policy"]) for p in role["inputs"].get("inlinePolicies", [])]
        documents += [json.loads(p["inputs"]["policy"]) for p in resources if p["type"] == "aws:iam/rolePolicy:RolePolicy"
                      and p["inputs"]["role"] == f"{program}~{role['name']}_id"]
        statements = [s if "Effect" in s else iam_oracle.from_block(s)
                      for document in documents for s in iam_oracle.listed(document["Statement"])]
        if any(name in json.dumps(role["inputs"].get("managedPolicyArns", [])) for name in ALL_ACTIONS):
            continue
        assert iam_oracle.allows(statements, SEND, function["inputs"]["deadLetterConfig"]["targetArn"]), function["name"]
        assert [p for s in statements for p in iam_oracle.statement_problems(s)] == []


@pytest.mark.parametrize("example", [e for e in DEAD_LETTERED if e.after is not None], ids=lambda e: e.id)
def test_iac002_finds_nothing_to_narrow_in_the_statements_added(example: Example) -> None:
    from iacfix.fixers.engine import Engine, EngineConfig

    def narrowed(files: dict[str, str]) -> set[str]:
        return {f.subject for f in Engine(EngineConfig(select=("IAC002",))).scan(files).remaining}

    assert narrowed({**example.before, **(example.after or {})}) <= narrowed(example.before)
