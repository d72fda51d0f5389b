"""The command line as a user meets it: exit codes, reports, in-place fixes, diffs and bad input."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOG_GROUP = 'resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n'
CLEAN = 'resource "aws_cloudwatch_log_group" "audit" {\n  name              = "/audit"\n  retention_in_days = 14\n}\n'


def iacfix(*args: str, cwd: Path, columns: int = 200, colour: bool = False) -> subprocess.CompletedProcess[str]:
    """The command, its output piped: plain text, or styled by rich as on a terminal when ``colour``."""
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "iacfix.bot.cli", *args], capture_output=True, text=True, cwd=cwd,
        env={**environment, "PYTHONPATH": str(ROOT), "COLUMNS": str(columns),
             **({"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"})},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "logs.tf").write_text(LOG_GROUP)
    (tmp_path / "infra" / "clean.tf").write_text(CLEAN)
    (tmp_path / "infra" / "README.md").write_text("# not infrastructure\n")
    return tmp_path


def test_scan_reports_file_line_and_code_and_exits_1(project: Path) -> None:
    result = iacfix("scan", "infra", cwd=project)
    assert result.returncode == 1
    assert "infra/logs.tf:1:1: IAC003" in result.stdout
    assert "clean.tf" not in result.stdout


@pytest.mark.parametrize("command", [("scan", "-v"), ("fix", "--diff", "-v")])
def test_styled_and_plain_output_say_the_same(project: Path, command: tuple[str, ...]) -> None:
    """On a terminal rich styles the lines; piped, the same lines come plain: one text, two looks."""
    (project / "infra" / "broken.tf").write_text('resource "aws_s3_bucket" "b" {\n')
    (project / "infra" / "values.yaml").write_text("replicas: 3\n")
    plain = iacfix(*command, "infra", cwd=project)
    styled = iacfix(*command, "infra", cwd=project, colour=True)
    assert ANSI.search(styled.stdout + styled.stderr) and not ANSI.search(plain.stdout + plain.stderr)
    assert ANSI.sub("", styled.stdout) == plain.stdout and ANSI.sub("", styled.stderr) == plain.stderr
    said = plain.stdout + plain.stderr
    assert "infra/logs.tf:1" in said and "IAC003" in said
    assert "error infra/broken.tf:" in said and "skipped infra/values.yaml" in said


def test_scan_of_clean_files_exits_0(project: Path) -> None:
    assert iacfix("scan", "infra/clean.tf", cwd=project).returncode == 0


def test_verbose_says_why_files_are_skipped(project: Path) -> None:
    (project / "infra" / "values.yaml").write_text("replicas: 3\n")
    result = iacfix("scan", "-v", "infra", cwd=project)
    assert "skipped infra/values.yaml: YAML/JSON that is not a CloudFormation template" in result.stdout


def test_json_report_follows_the_documented_schema(project: Path) -> None:
    result = iacfix("scan", "--format", "json", "infra", cwd=project)
    report = json.loads(result.stdout)
    assert report["version"] == 1
    [finding] = report["findings"]
    assert finding == {
        "code": "IAC003", "name": "log-retention", "file": "infra/logs.tf",
        "start_line": 1, "start_column": 1, "end_line": 1, "end_column": 46,
        "message": finding["message"], "severity": "warning", "fixable": True,
        "fix_applicability": "safe", "fix_applied_by_default": True, "not_fixed_reason": None,
        "answers": ["checkov:CKV_AWS_66"],
    }
    assert report["errors"] == []


def test_sarif_report_has_rules_with_help_and_located_results(project: Path) -> None:
    sarif = json.loads(iacfix("scan", "--format", "sarif", "infra", cwd=project).stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert "IAC003" in {rule["id"] for rule in rules}
    assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
    [result] = run["results"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "IAC003"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "infra/logs.tf"
    assert location["region"]["startLine"] == 1


def test_fix_writes_in_place_and_a_second_run_changes_nothing(project: Path) -> None:
    result = iacfix("fix", "infra", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "infra" / "logs.tf").read_text() == CLEAN
    assert "fixed infra/logs.tf:1 IAC003" in result.stdout
    assert not list((project / "infra").glob(".*.iacfix"))
    again = iacfix("fix", "infra", cwd=project)
    assert "0 fixes applied" in again.stdout


def test_fix_diff_prints_a_unified_diff_and_writes_nothing(project: Path) -> None:
    result = iacfix("fix", "--diff", "infra", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/infra/logs.tf\n+++ b/infra/logs.tf\n")
    assert "+  retention_in_days = 14\n" in result.stdout
    assert (project / "infra" / "logs.tf").read_text() == LOG_GROUP


def test_rule_selection_by_code_or_name(project: Path) -> None:
    assert iacfix("scan", "--rule", "log-retention", "infra", cwd=project).returncode == 1
    other = iacfix("scan", "--ignore", "IAC003", "infra", cwd=project)
    assert other.returncode == 0
    unknown = iacfix("scan", "--rule", "IAC999", "infra", cwd=project)
    assert unknown.returncode == 2 and "unknown rule 'IAC999'" in unknown.stderr


def test_rule_options_change_the_fix(project: Path) -> None:
    iacfix("fix", "--option", "log-retention.retention_days=30", "infra", cwd=project)
    assert "retention_in_days = 30" in (project / "infra" / "logs.tf").read_text()


def test_rules_lists_the_catalog_and_shows_one_rule(project: Path) -> None:
    listing = iacfix("rules", cwd=project)
    assert "IAC003" in listing.stdout and "log-retention" in listing.stdout
    docs = iacfix("rules", "log-retention", cwd=project)
    for section in ("What it does", "Why is this bad?", "Fix safety", "Options"):
        assert section in docs.stdout


def test_piped_rules_are_plain_text_with_nothing_cut_at_any_width(project: Path) -> None:
    from iacfix.fixers.registry import all_rules

    listing = iacfix("rules", cwd=project, columns=40)
    assert "\x1b[" not in listing.stdout and "…" not in listing.stdout
    lines = listing.stdout.splitlines()
    for rule in all_rules():
        (line,) = [line for line in lines if line.startswith(rule.code + " ")]
        assert rule.name in line and rule.title in line and rule.applicability.value in line


@pytest.mark.parametrize("code", ["IAC001", "IAC002", "IAC003", "IAC004"])
def test_piped_rule_docs_are_the_docs_themselves_without_internal_metadata(project: Path, code: str) -> None:
    from iacfix.fixers.registry import resolve

    rule = resolve(code)
    shown = iacfix("rules", code, cwd=project, columns=40).stdout
    assert f"{rule.code} {rule.name}" in shown and rule.title in shown
    for line in rule.docs().splitlines():
        assert line in shown  # every line whole: nothing wrapped or cut to the terminal
    rest = shown
    for part in re.split(r"\n(?=## )", rule.docs()):  # the sections, between which the examples are shown
        assert part in rest
        rest = rest.replace(part, "")
    assert "seed" not in rest


def test_rule_docs_show_an_example_per_language_from_the_fixtures(project: Path) -> None:
    from iacfix.bot.cli import RULE_LANGUAGES
    from iacfix.fixers.examples import representative

    shown = iacfix("rules", "IAC005", cwd=project).stdout
    chosen = representative("IAC005", ROOT / "tests" / "fixtures")
    assert sorted(chosen) == ["cloudformation", "pulumi", "terraform"]
    examples = shown[shown.index("## Example\n"):shown.index("## What the fix does\n")]
    sections = dict(re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", examples, re.MULTILINE | re.DOTALL))
    assert list(sections) == ["Terraform", "CloudFormation", "Pulumi"]
    for language, example in chosen.items():
        section = sections[RULE_LANGUAGES[language]]
        assert example.after is not None
        (path,) = example.before  # the simplest case: one file, shown whole, the fix's lines marked
        before, after = example.before[path].splitlines(), example.after[path].splitlines()
        assert f"`{path}`" in section
        diff = section[section.index("```diff\n") + 8:section.rindex("```")].splitlines()
        assert [line[1:] for line in diff if not line.startswith("+")] == before
        assert [line[1:] for line in diff if not line.startswith("-")] == after
        assert any(line.startswith("+") for line in diff)


def test_rules_on_a_narrow_terminal_wrap_titles_and_keep_names_whole(monkeypatch) -> None:
    from iacfix.bot.cli import rule_examples
    from iacfix.fixers.registry import all_rules
    from iacfix.fixers.reporting import render_rule, render_rules

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "30")
    monkeypatch.setenv("NO_COLOR", "1")
    shown = Terminal()
    render_rules(all_rules(), shown)
    lines = [line.rstrip() for line in ANSI.sub("", shown.getvalue()).splitlines()]
    assert max(len(line.rstrip()) for line in lines) > 30, "a name longer than the terminal is kept whole"
    words = " ".join(lines).split()
    for rule in all_rules():
        assert f"{rule.code}  {rule.name}" in lines
        assert " ".join(rule.title.split()) in " ".join(words)
    docs = Terminal()
    rule = all_rules()[1]
    render_rule(rule, docs, examples=rule_examples(rule.code))
    shown = ANSI.sub("", docs.getvalue())
    assert all(len(line.rstrip()) <= 30 for line in shown.splitlines()), "prose and examples wrap"
    assert "Example" in shown and "Terraform" in shown and "```" not in shown, "the examples are rendered"


def test_version_is_the_packages(project: Path) -> None:
    from iacfix.fixers import __version__

    result = iacfix("--version", cwd=project)
    assert result.returncode == 0 and result.stdout.strip() == f"iacfix {__version__}"


def test_serve_help_shows_the_defaults(project: Path) -> None:
    shown = iacfix("serve", "--help", cwd=project).stdout
    assert "(default: 127.0.0.1" in shown and "(default: 8000" in shown
    assert "(default: 2" in iacfix("worker", "--help", cwd=project).stdout


SHIFTING = (
    'resource "aws_cloudwatch_log_group" "a" {\n  name = "/a"\n}\n\n'
    'resource "aws_cloudwatch_log_group" "b" {\n  name = "/b"\n}\n\n'
    'resource "aws_iam_role_policy" "p" {\n  role = "r"\n  policy = jsonencode({ Version = "2012-10-17", '
    'Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })\n}\n'
)


def test_fix_says_which_file_its_line_numbers_are_in(project: Path) -> None:
    """A fix above another shifts it: what was fixed is placed in the file as written, what remains in the
    file as fixed, and each list says which."""
    (project / "infra" / "shifting.tf").write_text(SHIFTING)
    result = iacfix("fix", "infra/shifting.tf", cwd=project)
    fixed_text = (project / "infra" / "shifting.tf").read_text()
    lines = result.stdout.splitlines()
    assert "Fixed (line numbers of the original file):" in lines
    assert any(line.strip().startswith("fixed infra/shifting.tf:1 IAC003") for line in lines)
    assert any(line.strip().startswith("fixed infra/shifting.tf:5 IAC003") for line in lines)
    assert "Left to fix (line numbers of the fixed file):" in lines
    policy_line = fixed_text.splitlines().index('resource "aws_iam_role_policy" "p" {') + 1
    assert policy_line == 11
    remaining = [line for line in lines if "IAC002" in line]
    assert remaining and all(f"infra/shifting.tf:{policy_line + 2}:" in line for line in remaining), remaining


def test_summaries_count_files_with_findings_apart_from_files_scanned(project: Path) -> None:
    (project / "infra" / "other.tf").write_text(LOG_GROUP.replace("audit", "other"))
    scanned = json.loads(iacfix("scan", "--format", "json", "infra", cwd=project).stdout)["summary"]["files_scanned"]
    assert scanned == 3
    assert "2 findings in 2 files; 3 files scanned" in iacfix("scan", "infra", cwd=project).stdout
    assert "2 fixes applied in 2 files; 0 findings left; 3 files scanned" in iacfix("fix", "infra", cwd=project).stdout


def test_hcl_syntax_errors_name_the_token_as_written(project: Path) -> None:
    (project / "infra" / "extra.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n}\n')
    (project / "infra" / "list.tf").write_text('locals {\n  ids = [1, 2\n}\n')
    shown = iacfix("scan", "infra", cwd=project).stdout
    assert "error infra/extra.tf:4:1: HCL syntax error: unexpected `}`, expected the end of the file" in shown
    assert "error infra/list.tf:3:1: HCL syntax error: unexpected `}`, expected `,`, `]` or a new line" in shown
    assert "RBRACE" not in shown and "Token(" not in shown


def test_missing_path_is_a_usage_error(project: Path) -> None:
    result = iacfix("scan", "nowhere", cwd=project)
    assert result.returncode == 2 and "nowhere: no such file or directory" in result.stderr


BAD_INPUTS = {
    "truncated.tf": ('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = {\n', "truncated.tf:"),
    "tabs.yaml": ("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n\tBucket:\n\t\tType: AWS::S3::Bucket\n", "tabs.yaml:3:"),
    "broken.py": ("import pulumi\nbucket = aws.s3.Bucket(\n", "broken.py:"),
    "binary.tf": (b"\x7fELF\x00\x01\x02", "binary.tf:1:1: binary file, not text"),
    "huge.tf": ("# padding\n" * 550_000, "huge.tf:1:1: file is 5.2 MB"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_reported_with_file_and_line_and_other_files_still_scanned(project: Path, name: str) -> None:
    content, expected = BAD_INPUTS[name]
    bad = project / "infra" / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = iacfix("scan", "infra", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert f"error infra/{expected}" in result.stdout
    assert "infra/logs.tf:1:1: IAC003" in result.stdout
    fixed = iacfix("fix", "infra", cwd=project)
    assert fixed.returncode == 2
    assert bad.read_bytes() == (content if isinstance(content, bytes) else content.encode())
    assert (project / "infra" / "logs.tf").read_text() == CLEAN


def test_empty_files_are_fine(project: Path) -> None:
    (project / "infra" / "empty.tf").write_text("")
    (project / "infra" / "empty.yaml").write_text("")
    result = iacfix("scan", "infra", cwd=project)
    assert result.returncode == 1 and "error" not in result.stdout
