"""``iacfix fix --from``: real checkov and cfn-lint reports (JSON and SARIF) fed back to iacfix, which fixes the
findings its rules answer and reports the rest; the same tools then judge the fixed files.

Each tool runs as few times as it can: one checkov run writes both its JSON and SARIF reports over every file, one
more judges both fixed copies; cfn-lint runs once per format and once to judge.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iacfix.fixers.external import Outcome, answered_by, mapping, read_report
from tests.oracles import TOOLS, _tool
from tests.test_cli import iacfix

pytestmark = pytest.mark.oracle

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FILES = {
    "tf/app/main.tf": ROOT / "examples" / "terraform" / "main.tf",
    "tf/storage/main.tf": FIXTURES / "IAC018" / "terraform" / "storage.tf",
    "tf/bucket/main.tf": FIXTURES / "IAC012" / "terraform" / "bucket.tf",
    "cfn/app.yaml": ROOT / "examples" / "cloudformation" / "template.yaml",
    "cfn/storage.yaml": FIXTURES / "IAC018" / "cloudformation" / "storage.yaml",
}
CFN_FILES = {
    "cfn/app.yaml": ROOT / "examples" / "cloudformation" / "template.yaml",
    "cfn/params.yaml": FIXTURES / "IAC016" / "cloudformation" / "only_parameter.yaml",
    "cfn/cycle.yaml": FIXTURES / "IAC004" / "cloudformation" / "seed_api_key.yaml",
}
ROW = re.compile(r"^  (fixed|no iacfix rule|found by the rule, not fixable|found by the rule, not fixed|not found by the rule"
                 r"|file not scanned)\s+(\S+) (\S+)\s+(\S+):(\d+)\s+(.*)$")


def lay_out(folder: Path, files: dict[str, Path]) -> Path:
    for name, source in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / name)
    return folder


def run_checkov(folder: Path, *outputs: str, into: Path | None = None) -> None:
    binary = _tool(TOOLS / "checkov-venv" / "bin" / "checkov", "checkov")
    command = [binary, "-d", ".", "--framework", "terraform", "cloudformation", "--quiet", "--compact",
               "--skip-download"]
    for output in outputs:
        command += ["-o", output]
    if into is not None:
        command += ["--output-file-path", str(into)]
    subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=600)


def run_cfn_lint(folder: Path, form: str, names: list[str]) -> str:
    """cfn-lint through this Python (its SARIF output needs the ``sarif`` extra installed beside it)."""
    script = "import sys; from cfnlint.runner.cli import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", script, "--format", form, *names], cwd=folder,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode & ~0b1110 == 0, result.stderr[-2000:]
    return result.stdout


def outcomes(stdout: str) -> list[tuple[str, str, str]]:
    """(outcome, check, file) rows of the ``--from`` table (SARIF names no resource, so neither do these)."""
    rows = []
    for line in stdout.splitlines():
        match = ROW.match(line)
        if match:
            outcome, _tool_name, check, path, _line, _rest = match.groups()
            rows.append((outcome, check, path))
    return rows


def failed_checks(report: Path) -> set[tuple[str, str, str]]:
    """(file relative to where checkov ran, resource, check) of a checkov JSON report."""
    data = json.loads(report.read_text())
    failed = set()
    for run in data if isinstance(data, list) else [data]:
        for check in run["results"]["failed_checks"]:
            failed.add((check["file_path"].lstrip("/"), check["resource"], check["check_id"]))
    return failed


def test_checkov_findings_from_json_and_sarif_are_fixed_and_pass_checkov_afterwards(tmp_path: Path) -> None:
    by_json = lay_out(tmp_path / "json", FILES)
    run_checkov(by_json, "json", "sarif", into=tmp_path / "reports")
    by_sarif = shutil.copytree(by_json, tmp_path / "sarif")
    before = failed_checks(tmp_path / "reports" / "results_json.json")
    assert ("tf/app/main.tf", "aws_dynamodb_table.orders", "CKV_AWS_28") in before, "checkov ran and failed the table"

    from_json = iacfix("fix", "--unsafe", "--from", str(tmp_path / "reports" / "results_json.json"), cwd=by_json)
    from_sarif = iacfix("fix", "--unsafe", "--from", str(tmp_path / "reports" / "results_sarif.sarif"), cwd=by_sarif)
    assert from_json.returncode == 1 and from_sarif.returncode == 1, from_json.stderr + from_sarif.stderr
    rows = outcomes(from_json.stdout)
    assert len(rows) == len(before), from_json.stdout
    assert sorted(rows) == sorted(outcomes(from_sarif.stdout)), "SARIF and JSON reports lead to the same outcomes"
    fixed = {(path, check) for outcome, check, path in rows if outcome == "fixed"}
    assert {("tf/app/main.tf", "CKV_AWS_28"), ("tf/app/main.tf", "CKV_AWS_66"), ("cfn/app.yaml", "CKV_AWS_28"),
            ("tf/bucket/main.tf", "CKV2_AWS_61")} <= fixed
    assert ("no iacfix rule", "CKV_AWS_158", "tf/app/main.tf") in rows

    run_checkov(tmp_path, "json", into=tmp_path / "after")
    after = failed_checks(tmp_path / "after" / "results_json.json")
    for copy in ("json", "sarif"):
        still = {(path, check) for path, _, check in after if path.startswith(copy + "/")}
        assert not {(f"{copy}/{path}", check) for path, check in fixed} & still, f"checkov still fails in {copy}"
        unanswered = {(path, check) for outcome, check, path in rows if outcome == "no iacfix rule"}
        assert {(f"{copy}/{path}", check) for path, check in unanswered} <= still, "what was not fixed is untouched"


def test_cfn_lint_findings_from_json_and_sarif_are_fixed_and_pass_cfn_lint_afterwards(tmp_path: Path) -> None:
    names = sorted(CFN_FILES)
    by_json = lay_out(tmp_path / "json", CFN_FILES)
    by_sarif = lay_out(tmp_path / "sarif", CFN_FILES)
    (tmp_path / "cfn-lint.json").write_text(run_cfn_lint(by_json, "json", names))
    (tmp_path / "cfn-lint.sarif").write_text(run_cfn_lint(by_sarif, "sarif", names))
    before = {(f.path, f.check) for f in read_report((tmp_path / "cfn-lint.json").read_text(), "json", [by_json])}
    assert {(str(by_json / "cfn/params.yaml"), "W2001"), (str(by_json / "cfn/cycle.yaml"), "E3004")} <= before

    from_json = iacfix("fix", "--unsafe", "--from", str(tmp_path / "cfn-lint.json"), cwd=by_json)
    from_sarif = iacfix("fix", "--unsafe", "--from", str(tmp_path / "cfn-lint.sarif"), cwd=by_sarif)
    rows = outcomes(from_json.stdout)
    assert sorted(rows) == sorted(outcomes(from_sarif.stdout)), from_json.stdout + from_sarif.stdout
    assert {("fixed", "W2001", "cfn/params.yaml"), ("fixed", "E3004", "cfn/cycle.yaml"),
            ("fixed", "E3002", "cfn/app.yaml")} <= set(rows)
    fixed = {(path, check) for outcome, check, path in rows if outcome == "fixed"}

    after = json.loads(run_cfn_lint(tmp_path, "json", [f"{copy}/{name}" for copy in ("json", "sarif")
                                                       for name in names]))
    remaining = {(match["Filename"], match["Rule"]["Id"]) for match in after}
    for copy in ("json", "sarif"):
        assert not {(f"{copy}/{path}", check) for path, check in fixed} & remaining, remaining


def test_the_mapping_names_real_rules_and_scan_json_lists_the_checks_each_finding_answers(tmp_path: Path) -> None:
    assert mapping("Checkov", "CKV_AWS_28").rule == "IAC007"
    assert mapping("cfn-lint", "W2001").rule == "IAC016"
    assert mapping("checkov", "CKV_AWS_158").rule is None and mapping("checkov", "CKV_AWS_158").note
    assert mapping("tfsec", "aws-s3-enable-versioning") is None
    assert "checkov:CKV_AWS_66" in answered_by("IAC003")

    lay_out(tmp_path, {"main.tf": FILES["tf/app/main.tf"]})
    report = json.loads(iacfix("scan", "--format", "json", "main.tf", cwd=tmp_path).stdout)
    answers = {f["code"]: f["answers"] for f in report["findings"]}
    assert answers["IAC007"] == ["checkov:CKV_AWS_28"] and "checkov:CKV_AWS_66" in answers["IAC003"]
    assert "cfn-lint:W2001" not in answers.get("IAC016", []), "cfn-lint's checks are not Terraform's"
    docs = iacfix("rules", "IAC016", cwd=tmp_path).stdout
    assert "cfn-lint:W2001" in docs


@pytest.mark.parametrize("text, problem", [
    ("{not json", "is not JSON"),
    ('{"results": []}', "neither a checkov JSON report"),
])
def test_a_file_that_is_not_a_report_is_a_usage_error(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "report.json").write_text(text)
    result = iacfix("fix", "--from", "report.json", cwd=tmp_path)
    assert result.returncode == 2 and problem in result.stderr


def test_findings_of_files_that_are_not_here_are_reported_as_not_scanned(tmp_path: Path) -> None:
    lay_out(tmp_path, {"main.tf": FILES["tf/app/main.tf"]})
    report = [{"check_type": "terraform", "results": {"failed_checks": [
        {"check_id": "CKV_AWS_28", "file_path": "/gone.tf", "file_line_range": [1, 3], "resource": "aws_x.y",
         "check_name": "Ensure DynamoDB point in time recovery (backup) is enabled"}]}}]
    (tmp_path / "report.json").write_text(json.dumps(report))
    result = iacfix("fix", "--from", "report.json", "main.tf", cwd=tmp_path)
    assert result.returncode == 1
    assert [row[0] for row in outcomes(result.stdout)] == [Outcome.NOT_SCANNED.value]
