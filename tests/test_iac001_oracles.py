"""IAC001's fixes judged by independent tools: hclfmt reads the Terraform, cfn-lint the templates, and Pulumi's
mocks run the programs and show which alias each provisioned concurrency configuration ends up on.

Besides the example files, the rule runs on the real corpus, and on corpus code given the failure on purpose
(provisioned concurrency written on each real function), so that the fixes meet code nobody here wrote.
"""

from __future__ import annotations

import py_compile
from collections import Counter
from pathlib import Path

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.kinds import LAMBDA_FUNCTION, PROVISIONED_CONCURRENCY
from iacfix.fixers.model import Report
from iacfix.fixers.text import apply_edits
from iacfix.fixers.values import Block, Ref
from tests import oracles
from tests.corpus import CORPUS, corpus_workspace, write_tree
from tests.examples import Example, examples

FUNCTION = "aws:lambda/function:Function"
ALIAS = "aws:lambda/alias:Alias"
CONFIG = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"

# Runs every program found in the sub-folders of its own folder, each from its own folder, in one process.
BATCH_MAIN = """
import os, runpy, sys

root = os.path.dirname(os.path.abspath(__file__))
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    if os.path.isfile(os.path.join(folder, "__main__.py")):
        os.chdir(folder)
        sys.path.insert(0, folder)
        loaded = set(sys.modules)
        runpy.run_path(os.path.join(folder, "__main__.py"), run_name="__main__")
        sys.path.remove(folder)
        for module in set(sys.modules) - loaded:  # programs may have sibling modules of the same name
            if (getattr(sys.modules[module], "__file__", None) or "").startswith(folder + os.sep):
                del sys.modules[module]
os.chdir(root)
"""


def engine() -> Engine:
    return Engine(EngineConfig(select=("IAC001",)))


def fixed_examples(language: str) -> list[Example]:
    return [e for e in examples() if e.code == "IAC001" and e.language == language and e.after is not None]


def fix(workspace: dict[str, str]) -> Report:
    report = engine().fix(workspace)
    assert report.failures == [], [(f.finding.message, f.reason) for f in report.failures]
    return report


def error_codes(errors: set[str]) -> Counter[str]:
    return Counter(error.split(":", 1)[0] for error in errors)


def run_programs(root: Path, programs: dict[str, dict[str, str | bytes]]) -> list[dict]:
    """Register the resources of several programs (folder name -> files) in one run of Pulumi's mocks."""
    write_tree(root, {f"{name}/{path}": content for name, files in programs.items() for path, content in files.items()})
    (root / "__main__.py").write_text(BATCH_MAIN)
    return oracles.pulumi_resources(root)


def concurrency_problems(resources: list[dict]) -> dict[str, str]:
    """Per function with a registered configuration, why Lambda could not allocate it ('' when it can).

    The mocks echo inputs as outputs, so ``qualifier=alias.name`` arrives as the alias's ``name`` input and
    ``function_name=fn.name`` as the function's name; function names must be unique across the batch.
    """
    functions = [r for r in resources if r["type"] == FUNCTION]
    by_name = {r["inputs"].get("name", r["name"]): r for r in functions}
    assert len(by_name) == len(functions), "function names must be unique across a batch"
    aliases = [r for r in resources if r["type"] == ALIAS]
    problems: dict[str, str] = {}
    for config in (r for r in resources if r["type"] == CONFIG):
        function_name, qualifier = config["inputs"].get("functionName"), config["inputs"].get("qualifier")
        function = by_name.get(function_name)
        alias = next(
            (a for a in aliases if a["inputs"].get("functionName") == function_name and a["inputs"].get("name") == qualifier),
            None,
        )
        problem = ""
        if function is None:
            problem = "no such function"
        elif function["inputs"].get("publish") is not True:
            problem = "the function does not publish versions"
        elif alias is None:
            problem = f"qualifier {qualifier!r} is no alias of the function"
        elif alias["inputs"].get("functionVersion") in (None, "$LATEST"):
            problem = f"alias {qualifier} points at $LATEST"
        assert function_name not in problems, "one configuration per function"
        problems[function_name] = problem
    return problems


# ------------------------------------------------------------------------------------- examples
def test_fixed_terraform_is_laid_out_as_terraform_fmt_writes_it(tmp_path: Path) -> None:
    cases = fixed_examples("terraform")
    assert cases
    fixed = {}
    for example in cases:
        report = fix(example.before)
        fixed.update({f"{example.name}/{path}": text for path, text in report.files.items()})
    assert len(fixed) >= len(cases)
    problems = {str(path): oracles.hclfmt(path) for path in write_tree(tmp_path, fixed)}
    assert {path: found for path, found in problems.items() if found} == {}


def test_fixed_templates_lose_the_errors_cloudformation_reports(tmp_path: Path) -> None:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for example in fixed_examples("cloudformation"):
        report = fix(example.before)
        for path, text in report.files.items():
            before[f"{example.name}/{path}"] = example.before[path]
            after[f"{example.name}/{path}"] = text
    errors_before = oracles.cfn_lint_many(write_tree(tmp_path / "before", before))
    errors_after = oracles.cfn_lint_many(write_tree(tmp_path / "after", after))
    rejected = 0
    for name in before:
        old = error_codes(errors_before.get(str(tmp_path / "before" / name), set()))
        new = error_codes(errors_after.get(str(tmp_path / "after" / name), set()))
        assert new - old == Counter(), (name, errors_after.get(str(tmp_path / "after" / name)))
        if old["E3002"] or old["E0001"]:
            rejected += 1
            assert not new["E3002"] and not new["E0001"], (name, errors_after.get(str(tmp_path / "after" / name)))
            assert sum(new.values()) < sum(old.values())
    assert rejected >= 3, "the examples must include templates CloudFormation or SAM rejects"


def test_fixed_programs_put_provisioned_concurrency_on_an_alias_of_a_published_version(tmp_path: Path) -> None:
    cases = fixed_examples("pulumi")
    assert cases
    before = {e.name: {"__main__.py": text} for e in cases for text in e.before.values()}
    after = {}
    for example in cases:
        report = fix(example.before)
        assert len(report.files) == 1
        after[example.name] = {"__main__.py": next(iter(report.files.values()))}
    assert set(after) == set(before)
    problems_before = concurrency_problems(run_programs(tmp_path / "before", before))
    problems_after = concurrency_problems(run_programs(tmp_path / "after", after))
    assert len(problems_before) == len(before) and all(problems_before.values()), problems_before
    assert problems_after == {name: "" for name in problems_before}


# --------------------------------------------------------------------------------------- corpus
@pytest.fixture(scope="module")
def workspace() -> dict[str, bytes]:
    return corpus_workspace()


@pytest.fixture(scope="module")
def corpus_fix(workspace) -> Report:
    return engine().fix(workspace)


def test_the_corpus_is_left_unchanged(corpus_fix: Report) -> None:
    """The corpus has no IAC001 failure (0 findings): its two configurations publish through an expression.

    Nothing is fixed, so a second run is the same run; the probes below check fixes of real code, and reruns.
    """
    assert corpus_fix.failures == []
    assert [f.message for f in corpus_fix.remaining if f.code == "IAC001"] == []
    assert corpus_fix.files == {}


def test_real_configurations_that_publish_through_an_expression_are_left_to_their_author(workspace) -> None:
    configurations = [
        path for path, data in workspace.items()
        if path.endswith((".tf", ".py"))
        and (b'"aws_lambda_provisioned_concurrency_config"' in data or b"ProvisionedConcurrencyConfig(" in data)
    ]
    assert len(configurations) >= 2
    report = engine().scan({path: workspace[path] for path in configurations})
    assert report.errors == [] and report.remaining == []


@pytest.fixture(scope="module")
def templates_given_the_failure(workspace) -> dict[str, tuple[str, str]]:
    """Every corpus template with Lambda functions, and the same with ProvisionedConcurrencyConfig on each function."""
    from iacfix.fixers.cfn.document import parse
    from iacfix.fixers.document import NotInfrastructure, ParseFailure

    probed = {}
    for path, data in workspace.items():
        if not path.startswith("cloudformation/") or b"::Function" not in data:
            continue
        text = data.decode("utf-8")
        try:
            document = parse(path, text)
        except (NotInfrastructure, ParseFailure):
            continue
        changes = document.changes()
        for function in document.resources(LAMBDA_FUNCTION):
            if function.keys() and function.get("ProvisionedConcurrencyConfig") is None:
                changes.set(function, "ProvisionedConcurrencyConfig", Block({"ProvisionedConcurrentExecutions": 1}))
        edits = changes.edits()
        if edits:
            probed[path] = (text, apply_edits(text, edits))
    return probed


def test_real_templates_given_the_failure_are_fixed_to_templates_cloudformation_accepts(
    templates_given_the_failure, tmp_path: Path
) -> None:
    assert len(templates_given_the_failure) > 20
    injected = {path: pair[1] for path, pair in templates_given_the_failure.items()}
    report = fix(injected)
    assert [f.message for f in report.remaining] == []
    assert set(report.files) == set(injected)
    assert engine().fix({**injected, **report.files}).files == {}
    original = oracles.cfn_lint_many(write_tree(tmp_path / "original", {p: t for p, (t, _) in templates_given_the_failure.items()}))
    failing = oracles.cfn_lint_many(write_tree(tmp_path / "failing", injected))
    fixed = oracles.cfn_lint_many(write_tree(tmp_path / "fixed", report.files))
    for path in injected:
        codes_original = error_codes(original.get(str(tmp_path / "original" / path), set()))
        codes_failing = error_codes(failing.get(str(tmp_path / "failing" / path), set()))
        codes_fixed = error_codes(fixed.get(str(tmp_path / "fixed" / path), set()))
        # A SAM transform error (E0001) hides the template's other errors, so compare with the original template.
        assert set(codes_failing - codes_original) & {"E3002", "E0001"}, (path, failing.get(str(tmp_path / "failing" / path)))
        assert codes_fixed - codes_original == Counter(), (path, fixed.get(str(tmp_path / "fixed" / path)))


def test_real_programs_given_the_failure_get_an_alias_their_configuration_uses(workspace, tmp_path: Path) -> None:
    from iacfix.fixers.pulumi.document import parse

    injected = {}
    for path, data in workspace.items():
        if not (path.startswith("pulumi/") and path.endswith("__main__.py")) or b"lambda_.Function(" not in data:
            continue
        document = parse(path, data.decode("utf-8"))
        changes = document.changes()
        for function in document.resources(LAMBDA_FUNCTION):
            if function.name is not None:
                changes.add_resource_after(function, PROVISIONED_CONCURRENCY, {
                    "function_name": Ref(function, "name"), "qualifier": Ref(function, "version"),
                    "provisioned_concurrent_executions": 1,
                }, role="warm")
        edits = changes.edits()
        if edits:
            injected[path] = apply_edits(document.text, edits)
    assert len(injected) >= 4
    report = fix(injected)
    assert [f.message for f in report.remaining] == []
    assert len(report.files) >= 4, "every program whose function does not publish is fixed"
    assert engine().fix({**injected, **report.files}).files == {}
    programs: dict[str, dict[str, str | bytes]] = {}
    for path, text in report.files.items():
        folder = (CORPUS / path).parent
        programs[folder.name] = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        programs[folder.name][Path(path).name] = text
    problems = concurrency_problems(run_programs(tmp_path, programs))
    for name in programs:
        py_compile.compile(str(tmp_path / name / "__main__.py"), doraise=True)
    assert len(problems) >= len(programs)
    assert {name: problem for name, problem in problems.items() if problem} == {}
