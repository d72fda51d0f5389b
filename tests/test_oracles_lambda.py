"""The Lambda and data-resilience rules' fixes judged by independent tools, each run once over every example:
checkov on the Terraform and CloudFormation before and after files, hclfmt on the fixed Terraform, cfn-lint on
every template, and Pulumi's mocks on every program, whose registered inputs must show the fix."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests import oracles
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
    prefix = f"{side}/{example.id}/"
    return {(resource, check) for path, resource, check in failures if path.startswith(prefix)}


CHECKED = [e for e in mine("terraform") + mine("cloudformation") if (e.code, e.language) in CHECKOV]


@pytest.mark.parametrize("example", CHECKED, ids=lambda e: e.id)
def test_the_check_rules_md_names_fails_before_the_fix_and_passes_after(example: Example, checkov_failures) -> None:
    check = CHECKOV[example.code, example.language]
    assert {r for r, c in failing(checkov_failures, "before", example) if c == check}, "checkov must see the failure"
    assert {r for r, c in failing(checkov_failures, "after", example) if c == check} == set()


@pytest.mark.parametrize("example", mine("terraform") + mine("cloudformation"), ids=lambda e: e.id)
def test_no_checkov_check_that_passed_starts_failing(example: Example, checkov_failures) -> None:
    before = failing(checkov_failures, "before", example)
    after = failing(checkov_failures, "after", example)
    assert after - before == set()


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


@pytest.mark.parametrize("example", [e for e in mine("pulumi") if e.code == "IAC009"], ids=lambda e: e.id)
def test_oversized_functions_run_with_the_target_memory(example: Example, programs) -> None:
    before = registered(programs, "before", example, FUNCTION)
    after = registered(programs, "after", example, FUNCTION)
    oversized = {name for name, inputs in before.items() if (memory(inputs) or 0) >= 3008}
    assert oversized
    assert {name: memory(after[name]) for name in oversized} == {name: 1024 for name in oversized}


@pytest.mark.parametrize("example", [e for e in mine("pulumi") if e.code == "IAC010"], ids=lambda e: e.id)
def test_every_function_reserves_concurrency_after_the_fix(example: Example, programs) -> None:
    before = registered(programs, "before", example, FUNCTION)
    after = registered(programs, "after", example, FUNCTION)
    assert any("reservedConcurrentExecutions" not in inputs for inputs in before.values())
    assert {name: inputs.get("reservedConcurrentExecutions") for name, inputs in after.items()} == {
        name: 100 for name in after}


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
