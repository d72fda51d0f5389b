"""Real code written by others: every file is classified, parses or is reported, and round-trips untouched;
IAC003's fixes on it satisfy hclfmt, cfn-lint, checkov and the Python compiler, and are stable."""

from __future__ import annotations

import py_compile
from collections import Counter
from pathlib import Path

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Language
from tests import oracles
from tests.corpus import corpus_workspace, write_tree


@pytest.fixture(scope="module")
def workspace() -> dict[str, bytes]:
    return corpus_workspace()


@pytest.fixture(scope="module")
def log_retention_fix(workspace):
    return Engine(EngineConfig(select=("IAC003",))).fix(workspace)


def test_every_file_is_classified_parsed_and_round_trips(workspace) -> None:
    engine = Engine(EngineConfig(select=()))
    loaded = engine.load(workspace)
    accounted = set(loaded.documents) | {s.path for s in loaded.skipped} | {e.path for e in loaded.errors}
    assert accounted == set(workspace)
    languages = Counter(document.language for document in loaded.documents.values())
    assert languages[Language.TERRAFORM] == sum(1 for p in workspace if p.endswith(".tf"))
    assert languages[Language.PULUMI] == sum(1 for p in workspace if p.endswith(".py"))
    assert languages[Language.CLOUDFORMATION] > 250
    for error in loaded.errors:
        assert error.line >= 1 and error.reason
    for path, document in loaded.documents.items():
        assert document.text.encode("utf-8") == workspace[path]


def test_no_exception_escapes_a_full_scan(workspace) -> None:
    report = Engine().scan(workspace)
    assert [e for e in report.errors if "could not check" in e.reason] == []


@pytest.mark.oracle
def test_attributes_inserted_into_every_corpus_block_keep_terraform_fmt_layout(workspace, tmp_path: Path) -> None:
    """The corpus has no log group to fix, so probe the layout engine on every real block instead."""
    from iacfix.fixers.hcl.document import parse
    from iacfix.fixers.text import apply_edits

    probed, blocks = {}, 0
    for path, data in workspace.items():
        if not path.endswith(".tf"):
            continue
        document = parse(path, data.decode())
        changes = document.changes()
        for resource in document.declared:  # resources and data sources
            changes.set(resource, "iacfix_probe", 14)
            blocks += 1
        edits = changes.edits()
        if edits:
            probed[path] = apply_edits(document.text, edits)
    assert len(probed) > 20 and blocks > 100
    problems = {str(path): oracles.hclfmt(path) for path in write_tree(tmp_path, probed)}
    assert {path: found for path, found in problems.items() if found} == {}


@pytest.mark.oracle
def test_fixed_templates_gain_no_cfn_lint_error(workspace, log_retention_fix, tmp_path: Path) -> None:
    fixed = {p: t for p, t in log_retention_fix.files.items() if not p.endswith((".tf", ".py"))}
    assert len(fixed) > 10
    before = write_tree(tmp_path / "before", {p: workspace[p] for p in fixed})
    after = write_tree(tmp_path / "after", fixed)
    errors_before = oracles.cfn_lint_many(before)
    errors_after = oracles.cfn_lint_many(after)
    for old, new in zip(before, after, strict=True):
        codes_before = Counter(error.split(":", 1)[0] for error in errors_before.get(str(old), set()))
        codes_after = Counter(error.split(":", 1)[0] for error in errors_after.get(str(new), set()))
        assert codes_after - codes_before == Counter(), (new, errors_after[str(new)])


def test_fixed_pulumi_programs_compile(log_retention_fix, tmp_path: Path) -> None:
    fixed = {p: t for p, t in log_retention_fix.files.items() if p.endswith(".py")}
    assert fixed
    for path in write_tree(tmp_path, fixed):
        py_compile.compile(str(path), doraise=True)


def test_fixing_twice_changes_nothing(workspace, log_retention_fix) -> None:
    refixed = Engine(EngineConfig(select=("IAC003",))).fix({**workspace, **log_retention_fix.files})
    assert refixed.files == {}
    assert log_retention_fix.failures == []


@pytest.mark.oracle
def test_checkov_no_longer_fails_retention_on_fixed_templates(workspace, log_retention_fix, tmp_path: Path) -> None:
    templates = {p: t for p, t in log_retention_fix.files.items() if p.endswith((".yaml", ".yml", ".json", ".template"))}
    assert templates
    write_tree(tmp_path / "before", {p: workspace[p] for p in templates})
    write_tree(tmp_path / "after", templates)
    # The same check on the same templates before the fix: checkov must see the log groups the fix changed.
    assert oracles.checkov(tmp_path / "before", "cloudformation", ["CKV_AWS_66"]).get("CKV_AWS_66", [])
    assert oracles.checkov(tmp_path / "after", "cloudformation", ["CKV_AWS_66"]).get("CKV_AWS_66", []) == []
