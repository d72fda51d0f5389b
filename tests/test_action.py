"""The GitHub Action: ``action.yml`` checked against the published schema of action metadata (the one
check-jsonschema ships), and its scripts run as the action runs them, against the GitHub double: the changed
files, SARIF valid against the OASIS schema, review suggestions that equal the engine's fixes, and a push."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from tests.github_double import GitHubDouble, webhook_payload
from tests.test_app_e2e import apply_suggestions, example_files, expected_fixes
from tests.test_github_double import installation_token

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "action" / "iacfix_action.py"
REPO = "octo/infra"
pytestmark = pytest.mark.slow  # check-jsonschema comes with the test extra, not the unit one


def check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions",
                           str(path)], capture_output=True, text=True)


def test_action_yml_is_valid_action_metadata(tmp_path: Path) -> None:
    valid = check_jsonschema(ACTION)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    broken = tmp_path / "action.yml"
    broken.write_text(ACTION.read_text().replace("using: composite", "using: teleport"))
    assert check_jsonschema(broken).returncode == 1, "the schema is really applied"


def test_the_inputs_are_the_documented_ones_and_never_pasted_into_a_script() -> None:
    action = YAML(typ="safe").load(ACTION.read_text())
    assert {"mode", "rules", "unsafe", "python-version"} <= set(action["inputs"])
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), f"{step['name']}: inputs reach scripts through env only"
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in action["runs"]["steps"])


@pytest.fixture
def double(tmp_path: Path):
    with GitHubDouble(tmp_path / "github") as running:
        running.install("octo")
        yield running
        running.assert_honest()


@pytest.fixture
def workflow(tmp_path: Path, double: GitHubDouble):
    """A pull request on the double, its checkout, and the environment GitHub Actions gives the action's steps."""
    files = {**example_files(), "docs/guide.md": "# Guide\n"}
    double.create_repo(REPO, files={"README.md": "# infra\n"}, default_branch="main")
    double.commit(REPO, "feature", files=files, message="Add the services", author="alice", parent_branch="main")
    number = double.open_pull(REPO, head="feature", base="main", user="alice")
    workspace = tmp_path / "workspace"
    for path, text in {**files, "README.md": "# infra\n"}.items():
        (workspace / path).parent.mkdir(parents=True, exist_ok=True)
        (workspace / path).write_text(text)
    event = tmp_path / "event.json"
    event.write_text(json.dumps(webhook_payload("pull_request.opened", double, repo=REPO, number=number)))
    (tmp_path / "runner").mkdir()
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))},
                   "GITHUB_API_URL": double.url, "GITHUB_REPOSITORY": REPO, "GITHUB_EVENT_PATH": str(event),
                   "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(tmp_path / "runner"),
                   "GITHUB_TOKEN": installation_token(double)}
    return files, environment


def step(environment: dict[str, str], *arguments: str, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {**environment, **{f"INPUT_{key.upper()}": value for key, value in inputs.items()}}
    result = subprocess.run([sys.executable, str(SCRIPT), *arguments], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_scripts_list_the_changed_files_and_write_valid_sarif(workflow) -> None:
    files, environment = workflow
    step(environment, "files")
    listed = (Path(environment["RUNNER_TEMP"]) / "iacfix-files.txt").read_text().split()
    assert listed == sorted(path for path in files if re.search(r"\.(tf|ya?ml|py)$", path))
    scan = step(environment, "scan", rules="IAC003, log-retention")
    sarif = json.loads((Path(environment["RUNNER_TEMP"]) / "iacfix.sarif").read_text())
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results and {r["ruleId"] for r in results} == {"IAC003"}, "the rules input chooses the rules"
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} <= set(listed)
    assert "::warning file=examples/" in scan.stdout, "annotations on the run"


def test_suggest_posts_one_review_whose_suggestions_equal_the_engines_fixes(workflow, double: GitHubDouble) -> None:
    files, environment = workflow
    step(environment, "files")
    step(environment, "deliver", "suggest", unsafe="true")
    [review] = double.reviews
    comments = [c for c in double.review_comments if c.get("pull_request_review_id") == review["id"]]
    expected = expected_fixes(files, unsafe=True)
    for path, text in files.items():
        assert apply_suggestions(text, [c for c in comments if c["path"] == path]) == expected[path], path
    step(environment, "deliver", "suggest", unsafe="true")
    assert len(double.reviews) == 1, "the same suggestions are not posted twice"
    assert double.git(REPO, "rev-list", "--count", "feature").strip() == "2", "suggest pushes nothing"


def test_push_commits_the_safe_fixes_on_the_pull_requests_head(workflow, double: GitHubDouble) -> None:
    files, environment = workflow
    program = "examples/pulumi/__main__.py"
    head = double.commit(REPO, "feature", files={program: files[program]}, modes={program: "100755"},
                         message="Make the program executable", author="alice")
    Path(environment["GITHUB_EVENT_PATH"]).write_text(json.dumps(webhook_payload("pull_request.synchronize", double,
                                                                                 repo=REPO)))
    shutil.rmtree(Path(environment["GITHUB_WORKSPACE"]) / "examples" / "pulumi")  # a checkout is not the source
    step(environment, "files")
    step(environment, "deliver", "push")
    parent = double.git(REPO, "log", "--format=%P", "-1", "feature").strip()
    assert parent == head, "one commit on top of the analysed head"
    assert double.files_at(REPO, "feature") == {**expected_fixes(files), "README.md": "# infra\n"}
    assert double.files_at(REPO, "feature")[program] != files[program], "the program was fixed"
    assert double.git(REPO, "ls-tree", "feature", program).split()[0] == "100755", "and kept its mode"


def test_a_wrong_mode_or_a_missing_environment_is_an_error_annotation_not_a_traceback(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    wrong = subprocess.run([sys.executable, str(SCRIPT), "deliver", "merge\n::warning::x"], env=clean,
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and wrong.stdout.startswith("::error title=iacfix::mode must be scan, suggest or push")
    assert wrong.stdout.count("\n") == 1 and "Traceback" not in wrong.stderr, "one annotation, on one line"
    outside = subprocess.run([sys.executable, str(SCRIPT), "files"], env=clean, capture_output=True, text=True)
    assert outside.returncode == 2 and "GITHUB_EVENT_PATH is not set" in outside.stdout
