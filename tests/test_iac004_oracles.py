"""IAC004 judged by independent tools: cfn-lint sees the same cycles and none after the fix, hclfmt finds fixed
Terraform canonical, fixed Pulumi programs compile and register every resource under Pulumi's mocks; the same
holds for every fix IAC004 makes on the real corpus, and fixing twice changes nothing."""

from __future__ import annotations

import py_compile
from collections import Counter
from pathlib import Path

import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Report
from tests import oracles
from tests.corpus import corpus_workspace, write_tree
from tests.examples import Example, examples

CODE = "IAC004"
EXAMPLES = [example for example in examples() if example.code == CODE]
SUFFIXES = {"cloudformation": (".yaml", ".yml", ".json"), "terraform": (".tf",), "pulumi": (".py",)}

# Runs every program found in the folders beside it, as `pulumi up` would run each one's __main__.py.
BATCH_PROGRAM = """
import pathlib, runpy, sys

for main in sorted(pathlib.Path(__file__).parent.glob("*/__main__.py")):
    sys.path.insert(0, str(main.parent))
    runpy.run_path(str(main), run_name="__main__")
    sys.path.remove(str(main.parent))
"""


def engine() -> Engine:
    return Engine(EngineConfig(select=(CODE,), unsafe=True))


def fixed_tree(example: Example) -> dict[str, str]:
    return {**example.before, **engine().fix(example.before).files}


def of_language(language: str) -> list[Example]:
    return [example for example in EXAMPLES if example.language == language]


def codes(errors: set[str]) -> Counter[str]:
    return Counter(error.split(":", 1)[0] for error in errors)


@pytest.mark.oracle
def test_cfn_lint_sees_the_same_cycles_and_none_after_the_fix(tmp_path: Path) -> None:
    cases = []
    for example in of_language("cloudformation"):
        (name, text), = example.before.items()
        before = write_tree(tmp_path / "before" / example.name, {name: text})[0]
        after = write_tree(tmp_path / "after" / example.name, fixed_tree(example))[0]
        cycles = [f for f in engine().scan(example.before).remaining if f.subject.startswith("cycle ")]
        cases.append((example, before, after, cycles))
    errors = oracles.cfn_lint_many([path for _, before, after, _ in cases for path in (before, after)])
    assert any(cycles for *_, cycles in cases) and any(not cycles for *_, cycles in cases)
    for example, before, after, cycles in cases:
        found_before, found_after = errors.get(str(before), set()), errors.get(str(after), set())
        assert ("E3004" in codes(found_before)) == bool(cycles), (example.id, found_before)
        if example.after is not None:
            assert "E3004" not in codes(found_after), (example.id, found_after)
        assert codes(found_after) - codes(found_before) == Counter(), (example.id, found_after)


@pytest.mark.oracle
def test_fixed_terraform_keeps_terraform_fmt_layout(tmp_path: Path) -> None:
    fixed = {}
    for example in of_language("terraform"):
        if example.after is not None:
            fixed.update({f"{example.name}/{name}": text for name, text in fixed_tree(example).items()})
    assert fixed
    problems = {str(path): oracles.hclfmt(path) for path in write_tree(tmp_path, fixed) if path.suffix == ".tf"}
    assert {path: found for path, found in problems.items() if found} == {}


def _program_batch(root: Path, trees: dict[str, dict[str, str]]) -> Path:
    """One folder per program (a single file becomes its ``__main__.py``) and a program that runs them all."""
    for name, tree in trees.items():
        files = tree if "__main__.py" in tree else {"__main__.py": next(iter(tree.values()))}
        write_tree(root / name, files)
    (root / "__main__.py").write_text(BATCH_PROGRAM)
    return root


@pytest.mark.oracle
def test_fixed_pulumi_programs_compile_and_register_every_resource(tmp_path: Path) -> None:
    from iacfix.fixers.pulumi.document import parse

    programs = [example for example in of_language("pulumi") if example.good or example.after is not None]
    before = {example.name: example.before for example in programs}
    after = {example.name: fixed_tree(example) for example in programs}
    declared = 0
    for name, tree in after.items():
        for path in write_tree(tmp_path / "compiled" / name, tree):
            if path.suffix == ".py":
                py_compile.compile(str(path), doraise=True)
                declared += len(parse(path.name, path.read_text()).resources())
    registered_before = oracles.pulumi_resources(_program_batch(tmp_path / "before", before))
    registered_after = oracles.pulumi_resources(_program_batch(tmp_path / "after", after))
    aws_before = Counter((r["type"], r["name"]) for r in registered_before if r["type"].startswith("aws:"))
    aws_after = Counter((r["type"], r["name"]) for r in registered_after if r["type"].startswith("aws:"))
    assert sum(aws_after.values()) == declared  # the fixed programs register every resource they declare
    assert aws_before < aws_after  # a cycle kept some of them from ever registering before the fix
    assert ("aws:sqs/queue:Queue", "jobs-dead-letters") in aws_after - aws_before


@pytest.fixture(scope="module")
def workspace() -> dict[str, bytes]:
    return corpus_workspace()


@pytest.fixture(scope="module")
def corpus_fix(workspace) -> Report:
    return engine().fix(workspace)


def test_corpus_fixes_verify_and_a_second_run_changes_nothing(workspace, corpus_fix: Report) -> None:
    assert corpus_fix.failures == [], [(f.finding.message, f.reason) for f in corpus_fix.failures]
    assert [e for e in corpus_fix.errors if CODE in e.reason] == []
    assert corpus_fix.files
    assert engine().fix({**workspace, **corpus_fix.files}).files == {}
    counts = Counter(finding.path.split("/", 1)[0] for finding in corpus_fix.fixed)
    left = Counter(finding.path.split("/", 1)[0] for finding in corpus_fix.remaining)
    print(f"\nIAC004 on the corpus: {len(corpus_fix.files)} files fixed, fixes per language {dict(counts)}, "
          f"findings left {dict(left)}")


@pytest.mark.oracle
def test_corpus_templates_fixed_gain_no_cfn_lint_error(workspace, corpus_fix: Report, tmp_path: Path) -> None:
    fixed = {p: t for p, t in corpus_fix.files.items() if p.endswith(SUFFIXES["cloudformation"])}
    assert fixed
    before = write_tree(tmp_path / "before", {p: workspace[p] for p in fixed})
    after = write_tree(tmp_path / "after", fixed)
    errors_before = oracles.cfn_lint_many(before)
    errors_after = oracles.cfn_lint_many(after)
    for old, new in zip(before, after, strict=True):
        found_before, found_after = errors_before.get(str(old), set()), errors_after.get(str(new), set())
        assert "E3004" not in codes(found_after), (new, found_after)
        assert codes(found_after) - codes(found_before) == Counter(), (new, found_after)


@pytest.mark.oracle
def test_corpus_terraform_and_pulumi_fixed_stay_canonical_compile_and_run(
    workspace, corpus_fix: Report, tmp_path: Path
) -> None:
    fixed = {p: t for p, t in corpus_fix.files.items() if p.endswith((".tf", ".py"))}
    assert any(path.endswith(".tf") for path in fixed)
    problems = {}
    for path in write_tree(tmp_path / "fixed", fixed):
        if path.suffix == ".tf":
            problems[str(path)] = oracles.hclfmt(path)
        else:
            py_compile.compile(str(path), doraise=True)
    assert {path: found for path, found in problems.items() if found} == {}
    for program in sorted({_program_of(path, workspace) for path in fixed if path.endswith(".py")} - {None}):
        files = {p.removeprefix(program + "/"): t for p, t in workspace.items() if p.startswith(program + "/")}
        changed = {p.removeprefix(program + "/"): t for p, t in fixed.items() if p.startswith(program + "/")}
        before = _program_dir(tmp_path / "before" / program, files)
        after = _program_dir(tmp_path / "after" / program, {**files, **changed})
        registered = [Counter((r["type"], r["name"]) for r in oracles.pulumi_resources(folder)) for folder in (before, after)]
        assert registered[0] == registered[1], program


def _program_of(path: str, workspace: dict[str, bytes]) -> str | None:
    """The folder of the Pulumi program a file belongs to: the nearest one with a Pulumi.yaml."""
    folder = path.rsplit("/", 1)[0]
    while folder:
        if f"{folder}/Pulumi.yaml" in workspace:
            return folder
        folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
    return None


def _program_dir(root: Path, files: dict[str, str | bytes]) -> Path:
    write_tree(root, files)
    return root


def _removed(document, graph, removed) -> str:
    """The document's text with ``removed`` entries taken out by the graph's own removal."""
    from iacfix.fixers.text import apply_edits

    changes = document.changes()
    graph.remove(changes, removed)
    return apply_edits(document.text, changes.edits())


def test_removing_any_dependson_entry_of_a_corpus_template_keeps_everything_else(workspace) -> None:
    """The removal verbs on every real DependsOn layout: each entry alone, and all of a resource's at once."""
    import json

    from iacfix.fixers.cfn.dependencies import template_graph
    from iacfix.fixers.engine import parse_document
    from iacfix.fixers.model import Language

    tried = 0
    for path, document in engine().load(workspace).documents.items():
        if document.language is not Language.CLOUDFORMATION:
            continue
        graph = template_graph(document)
        for source in dict.fromkeys(entry.source for entry in graph.entries):
            own = [entry for entry in graph.entries if entry.source == source]
            for removed in [[entry] for entry in own] + [own]:
                text = _removed(document, graph, removed)
                fixed = parse_document(Language.CLOUDFORMATION, path, text)
                if path.endswith(".json"):
                    json.loads(text)
                expected = [(e.source, e.target) for e in graph.entries if e not in removed]
                assert [(e.source, e.target) for e in template_graph(fixed).entries] == expected, (path, source)
                assert set(fixed.by_logical_id) == set(document.by_logical_id)
                tried += 1
    assert tried > 100


@pytest.mark.oracle
def test_removing_any_depends_on_entry_of_the_corpus_keeps_terraform_fmt_layout(workspace, tmp_path: Path) -> None:
    from iacfix.fixers.hcl.dependencies import module_graph
    from iacfix.fixers.hcl.document import parse

    results = {}
    for path, data in workspace.items():
        if not path.endswith(".tf"):
            continue
        document = parse(path, data.decode())
        graph = module_graph([document])
        for source in dict.fromkeys(entry.source for entry in graph.entries):
            own = [entry for entry in graph.entries if entry.source == source]
            for index, removed in enumerate([[entry] for entry in own] + [own]):
                text = _removed(document, graph, removed)
                left = [(e.source, e.target) for e in module_graph([parse(path, text)]).entries]
                expected = [(e.source, e.target) for e in graph.entries if e not in removed]
                assert left == expected, (path, source)
                results[f"{index}-{source}/{path}"] = text
    assert len(results) > 10
    problems = {str(p): oracles.hclfmt(p) for p in write_tree(tmp_path, results)}
    assert {path: found for path, found in problems.items() if found} == {}


# ------------------------------------------------------------------------------------------- cost and safety
NETWORKX_PROBE = """
import sys
from iacfix.fixers.engine import Engine, EngineConfig

report = Engine(EngineConfig(select=("IAC004",))).scan({{"main.tf": {text!r}}})
assert report.errors == [], report.errors
print("networkx" in sys.modules, len(report.remaining))
"""


@pytest.mark.parametrize(("text", "imported", "findings"), [
    ('resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n\n'
     'resource "aws_sns_topic" "done" {\n  name = aws_sqs_queue.jobs.name\n}\n', False, 0),
    ('resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n\n'
     'resource "aws_sns_topic" "done" {\n  name       = aws_sqs_queue.jobs.name\n'
     '  depends_on = [aws_sqs_queue.jobs]\n}\n', False, 1),
    ('resource "aws_sqs_queue" "jobs" {\n  name       = "jobs"\n  depends_on = [aws_sns_topic.done]\n}\n\n'
     'resource "aws_sns_topic" "done" {\n  name = aws_sqs_queue.jobs.name\n}\n', True, 1),
], ids=["without depends_on", "a redundant depends_on", "a cycle"])
def test_networkx_is_imported_only_for_a_cycle(text: str, imported: bool, findings: int) -> None:
    """A fresh interpreter scans one file: the graph library is loaded only when there is a cycle to break (the
    standard library's topological sort finds whether there is one; a redundant entry needs no graph)."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", NETWORKX_PROBE.format(text=text)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(imported), str(findings)]


ALIAS_BOMB = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Reader:
    Type: AWS::Lambda::Function
    DependsOn: Table
    Metadata:
      a: &a [!Ref Table, !Ref Table, !Ref Table, !Ref Table, !Ref Table, !Ref Table, !Ref Table, !Ref Table]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c]
      e: &e [*d, *d, *d, *d, *d, *d, *d, *d]
    Properties:
      Environment:
        Variables:
          TABLE: !Ref Table
"""


def test_aliased_nodes_are_walked_once_each() -> None:
    """Five levels of eight aliases stand for 32,768 references; the composer shares the nodes, and so does the
    walk: each written reference is read once, and the template is checked as any other."""
    from iacfix.fixers.cfn.dependencies import template_graph
    from iacfix.fixers.cfn.document import parse

    graph = template_graph(parse("bomb.yaml", ALIAS_BOMB))
    assert len(graph.references) == 9  # eight in the shared list, one in the environment
    [finding] = engine().scan({"bomb.yaml": ALIAS_BOMB}).remaining
    assert finding.message.startswith("redundant DependsOn Table of Reader: the !Ref at Properties/Environment")


def test_aliases_that_expand_beyond_any_real_template_are_reported_not_read() -> None:
    bomb = ALIAS_BOMB.replace("    Properties:", "      f: &f [*e, *e, *e, *e, *e, *e, *e, *e]\n"
                              "      g: &g [*f, *f, *f, *f, *f, *f, *f, *f]\n    Properties:", 1)
    report = engine().scan({"bomb.yaml": bomb})
    assert report.remaining == []
    [error] = report.errors
    assert error.path == "bomb.yaml" and "nodes (more than 200,000)" in error.reason


@pytest.mark.oracle
def test_no_cycle_is_reported_where_cfn_lint_finds_none(workspace, tmp_path: Path) -> None:
    """Every template of the corpus and of the examples that IAC004 says has a cycle, cfn-lint (which expands SAM
    first) says so too; the SAM templates among them are checked the same way, cycle or not."""
    templates = {p: t for p, t in workspace.items() if p.endswith(SUFFIXES["cloudformation"])}
    for example in of_language("cloudformation"):
        templates.update({f"examples/{example.name}/{name}": text for name, text in example.before.items()})
    report = engine().scan(templates)
    cyclic = {f.path for f in report.remaining if f.subject.startswith("cycle ")}
    sam = {path for path, text in templates.items()
           if "AWS::Serverless-2016-10-31" in (text if isinstance(text, str) else text.decode())}
    paths = sorted(cyclic | sam)
    written = dict(zip(paths, write_tree(tmp_path, {p: templates[p] for p in paths}), strict=True))
    errors = oracles.cfn_lint_many(list(written.values()))
    linted = {path for path in paths if "E3004" in codes(errors.get(str(written[path]), set()))}
    assert len(sam) > 3 and len(cyclic) > 3
    assert cyclic - linted == set()
