"""The report formats CI systems read, each checked against its published schema or documented format: SARIF
against the OASIS SARIF 2.1.0 schema and GitHub code scanning's documented limits, JUnit XML against Jenkins'
JUnit schema, GitLab Code Quality and GitHub workflow commands against their documentation
(``tests/schemas/SOURCES.md`` says where each comes from)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from iacfix.fixers.ci_formats import github_commands, gitlab_code_quality, junit_xml
from iacfix.fixers.model import FileError, Finding, Position, Report, Severity
from iacfix.fixers.reporting import SARIF_MAX_RESULTS, report_sarif
from tests.test_cli import iacfix

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "tests" / "schemas"
# GitHub's "SARIF results exceed limit" page: what code scanning accepts in one file.
GITHUB_LIMITS = {"runs": 20, "results": 25_000, "rules": 25_000, "locations": 1_000, "tags": 20}
# GitLab's "Code Quality report format": the fields a custom tool must write, as a JSON schema.
GITLAB_DOCUMENTED = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}
# GitHub's "Workflow commands for GitHub Actions": ::LEVEL key=value,...::message, one per line.
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\n]*)(?:,[a-zA-Z]+=[^,:\n]*)*)::([^\r\n]*)$")
GITHUB_PROPERTIES = {"file", "line", "endLine", "col", "endColumn", "title"}
HOSTILE = "50% <b>&amp;</b> done\r\n::error::forged,\x01 still one line"


def finding(index: int, severity: Severity = Severity.WARNING, message: str = "log group keeps logs forever",
            path: str = "main.tf") -> Finding:
    return Finding("IAC003", "log-retention", path, f"aws_cloudwatch_log_group.g{index}", message, severity,
                   Position(index + 1, 1), Position(index + 1, 20))


@pytest.fixture(scope="module")
def examples_sarif() -> dict:
    result = iacfix("scan", "--no-cache", "--format", "sarif", "examples", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def test_sarif_of_the_examples_is_valid_oasis_sarif_2_1_0(examples_sarif: dict) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(examples_sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert examples_sarif["runs"][0]["results"], "the examples have findings"


def test_sarif_stays_within_github_code_scanning_limits_and_metadata(examples_sarif: dict) -> None:
    runs = examples_sarif["runs"]
    assert len(runs) <= GITHUB_LIMITS["runs"]
    for run in runs:
        rules = run["tool"]["driver"]["rules"]
        assert len(rules) <= GITHUB_LIMITS["rules"] and len(run["results"]) <= GITHUB_LIMITS["results"]
        for rule in rules:
            assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
            assert len(rule["properties"]["tags"]) <= 10, "code scanning shows 10 tags a rule"
        fingerprints = set()
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert 1 <= len(result["locations"]) <= GITHUB_LIMITS["locations"]
            assert not Path(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).is_absolute()
            fingerprints.add(json.dumps(result["partialFingerprints"], sort_keys=True))
        assert len(fingerprints) == len(run["results"]), "each alert is told apart across runs"


def test_sarif_keeps_the_most_severe_results_github_accepts_and_says_what_it_left_out() -> None:
    report = Report(remaining=[finding(n) for n in range(SARIF_MAX_RESULTS)] + [finding(-1, Severity.ERROR)])
    run = report_sarif(report, [])["runs"][0]
    assert len(run["results"]) == SARIF_MAX_RESULTS and run["results"][0]["level"] == "error"
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert "1 findings of lower severity were left out" in note["message"]["text"]


def test_github_workflow_commands_follow_the_documented_syntax_and_escape_what_they_carry(tmp_path: Path) -> None:
    report = Report(remaining=[finding(0, Severity.ERROR, HOSTILE, "in,fra:/a%b.tf"), finding(1, Severity.NOTE)],
                    errors=[FileError("broken.tf", 3, 7, "HCL syntax error: unexpected ::")])
    lines = github_commands(report).splitlines()
    assert len(lines) == 3
    parsed = [WORKFLOW_COMMAND.match(line) for line in lines]
    assert all(parsed), lines
    levels = [match.group(1) for match in parsed]
    assert levels == ["error", "notice", "error"]
    properties = dict(pair.split("=", 1) for pair in parsed[0].group(2).split(","))
    assert set(properties) <= GITHUB_PROPERTIES
    assert unescape(properties["file"]) == "in,fra:/a%b.tf" and properties["line"] == "1"
    assert unescape(parsed[0].group(3)) == HOSTILE

    (tmp_path / "main.tf").write_text('resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n')
    cli = iacfix("scan", "--format", "github", "main.tf", cwd=tmp_path)
    assert cli.returncode == 1 and cli.stdout.startswith("::warning file=main.tf,line=1,"), cli.stdout


def test_gitlab_code_quality_has_the_documented_fields_and_stable_unique_fingerprints(tmp_path: Path) -> None:
    report = Report(remaining=[finding(n) for n in range(3)], errors=[FileError("broken.tf", 0, 0, "empty")])
    issues = json.loads(gitlab_code_quality(report))
    jsonschema.validate(issues, GITLAB_DOCUMENTED)
    assert len({issue["fingerprint"] for issue in issues}) == 4
    moved = Report(remaining=[Finding(**{**vars(finding(0)), "start": Position(40, 1), "end": Position(40, 9)})])
    assert json.loads(gitlab_code_quality(moved))[0]["fingerprint"] == issues[0]["fingerprint"], "lines move"

    (tmp_path / "main.tf").write_text('resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n')
    cli = json.loads(iacfix("scan", "--format", "gitlab", "main.tf", cwd=tmp_path).stdout)
    jsonschema.validate(cli, GITLAB_DOCUMENTED)
    assert cli[0]["check_name"] == "IAC003" and cli[0]["location"] == {"path": "main.tf", "lines": {"begin": 1, "end": 1}}


def test_junit_xml_is_valid_against_the_junit_schema_with_a_failure_per_finding(tmp_path: Path) -> None:
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))
    report = Report(remaining=[finding(0, message=HOSTILE), finding(1)], errors=[FileError("broken.tf", 3, 1, "bad")],
                    scanned=3)
    document = junit_xml(report)
    schema.validate(document)
    suite = schema.to_dict(document)["testsuite"][0]
    assert (suite["@tests"], suite["@failures"], suite["@errors"]) == ("3", "2", "1")
    assert [case["failure"][0]["@type"] for case in suite["testcase"][:2]] == ["IAC003", "IAC003"]
    assert "<b>" in suite["testcase"][0]["failure"][0]["@message"], "the message is kept, as text"

    clean = junit_xml(Report(scanned=2))
    schema.validate(clean)
    assert 'tests="1" failures="0" errors="0"' in clean

    (tmp_path / "main.tf").write_text('resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n')
    cli = iacfix("scan", "--format", "junit", "main.tf", cwd=tmp_path)
    schema.validate(cli.stdout)
    assert cli.returncode == 1 and 'failures="1"' in cli.stdout
