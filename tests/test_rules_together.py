"""Every rule at once, on every example of every rule: the fixes of different rules meet in the same files (a
function that needs a log group, a dead-letter queue, alarms and reserved concurrency at once), so each run must
verify, a second run must change nothing, and the oracles must find nothing the fixes broke."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.registry import all_rules
from tests import oracles
from tests.examples import Example, examples

EVERY_RULE = tuple(rule.code for rule in all_rules())
CASES = [e for e in examples() if not e.good]


def fix_together(example: Example) -> dict[str, str]:
    """The example's files after one `iacfix fix --unsafe` with every rule selected."""
    engine = Engine(EngineConfig(select=EVERY_RULE, unsafe=True, base=example.base))
    report = engine.fix(example.before)
    assert report.errors == [], [(e.path, e.reason) for e in report.errors]
    assert report.failures == [], [(f.finding.code, f.finding.subject, f.reason) for f in report.failures]
    return {**example.before, **report.files}


@pytest.fixture(scope="module")
def fixed() -> dict[str, dict[str, str]]:
    return {example.id: fix_together(example) for example in CASES}


@pytest.mark.parametrize("example", CASES, ids=lambda e: e.id)
def test_every_rule_together_verifies_and_a_second_run_changes_nothing(example: Example, fixed) -> None:
    after = fixed[example.id]
    engine = Engine(EngineConfig(select=EVERY_RULE, unsafe=True, base=example.base))
    again = engine.fix(after)
    assert again.files == {}, sorted(again.files)
    assert [(f.code, f.subject) for f in again.fixed] == []
    assert [(f.code, f.subject) for f in again.remaining if f.fixable] == []


def write_cases(root: Path, language: str, fixed: dict[str, dict[str, str]], when: str) -> list[Path]:
    written = []
    for example in (e for e in CASES if e.language == language):
        files = example.before if when == "before" else fixed[example.id]
        for name, text in files.items():
            path = root / when / example.id / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            written.append(path)
    return written


def test_terraform_fixed_together_stays_formatted(tmp_path: Path, fixed) -> None:
    befores = write_cases(tmp_path, "terraform", fixed, "before")
    write_cases(tmp_path, "terraform", fixed, "after")
    broken = []
    for before in (path for path in befores if path.suffix == ".tf"):
        after = tmp_path / "after" / before.relative_to(tmp_path / "before")
        if not oracles.hclfmt(before):
            broken += [f"{after.relative_to(tmp_path)}: {problem}" for problem in oracles.hclfmt(after)]
    assert broken == []


TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")


def test_templates_fixed_together_gain_no_cfn_lint_error(tmp_path: Path, fixed) -> None:
    befores = [p for p in write_cases(tmp_path, "cloudformation", fixed, "before") if p.suffix in TEMPLATE_SUFFIXES]
    afters = [p for p in write_cases(tmp_path, "cloudformation", fixed, "after") if p.suffix in TEMPLATE_SUFFIXES]
    errors = oracles.cfn_lint_many([*befores, *afters])
    code = lambda error: error.split(":", 1)[0]  # noqa: E731
    new = {}
    for after in afters:
        before = tmp_path / "before" / after.relative_to(tmp_path / "after")
        added = {code(e) for e in errors[str(after)]} - {code(e) for e in errors.get(str(before), set())}
        if added:
            new[str(after.relative_to(tmp_path))] = sorted(errors[str(after)])
    assert new == {}


def declared(text: str, resource: str) -> bool:
    """Whether checkov's resource (``aws_x.name`` or ``AWS::X::Y.Name``) is declared in a file's text."""
    kind, _, name = resource.rpartition(".")
    if kind.startswith("AWS::"):
        return re.search(rf'^\s*"?{re.escape(name)}"?\s*:', text, re.MULTILINE) is not None
    return re.search(rf'resource\s+"{re.escape(kind)}"\s+"{re.escape(name)}"', text) is not None


@pytest.mark.parametrize("language, framework", [("terraform", "terraform"), ("cloudformation", "cloudformation")])
def test_no_checkov_check_that_passed_fails_after_every_rule(tmp_path: Path, fixed, language: str,
                                                             framework: str) -> None:
    """Checks that failed already, and checks on the resources the fixes add, are the rules' own business; a check
    that passed on a resource the user wrote must still pass."""
    write_cases(tmp_path, language, fixed, "before")
    write_cases(tmp_path, language, fixed, "after")
    failures = oracles.checkov_failures(tmp_path, (framework,))
    assert failures, "checkov found nothing at all: it did not read the examples"
    failed_before = {(path.removeprefix("before/"), resource, check) for path, resource, check in failures
                     if path.startswith("before/")}
    started = sorted((path, resource, check) for path, resource, check in failures if path.startswith("after/")
                     and (path.removeprefix("after/"), resource, check) not in failed_before
                     and declared((tmp_path / "before" / path.removeprefix("after/")).read_text(), resource))
    assert started == []
