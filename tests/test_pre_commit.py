"""The pre-commit hooks, run as a user runs them: ``pre-commit try-repo`` installs this repository's hooks into an
environment of their own and runs them on a temporary git repository holding a failing example.

No network: pip installs the hook's package from the local clone with no index and no build isolation (the
hook's environment has the setuptools virtualenv seeds), and the packages iacfix needs are lent from the test's
own environment through ``PYTHONPATH`` (every installed package but iacfix itself and the packaging tools).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
LOGS = 'resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n'
NOT_LENT = ("iacfix", "__editable__", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence",
            "pip", "wheel", "virtualenv", "_virtualenv")


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for pre-commit: its own cache (one hook install for the module), no index, and this
    environment's packages lent to the hook."""
    lent = tmp_path_factory.mktemp("lent")
    for folder in dict.fromkeys(p for p in sys.path if p.endswith(("site-packages", "dist-packages"))):
        for entry in Path(folder).iterdir():
            if entry.suffix == ".pth" or entry.name.lower().startswith(NOT_LENT) or (lent / entry.name).exists():
                continue
            (lent / entry.name).symlink_to(entry)
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))},
            "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")), "PIP_NO_INDEX": "1",
            "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0", "PYTHONPATH": str(lent)}


def project(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(["git", "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "start"],
                   cwd=folder, check=True)
    return folder


def try_repo(folder: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def test_the_fix_hook_fixes_a_failing_example_and_fails_like_a_formatter(tmp_path: Path, offline) -> None:
    config = "rules:\n  options:\n    log-retention: {retention_days: 30}\n"
    repo = project(tmp_path, {"infra/logs.tf": LOGS, "values.yaml": "replicas: 3\n", "README.md": "# app\n",
                              ".github/iacfix.yml": config})
    first = try_repo(repo, "iacfix", offline)
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout, first.stdout + first.stderr
    assert "retention_in_days = 30" in (repo / "infra/logs.tf").read_text(), "the repository's config applies"
    assert (repo / "values.yaml").read_text() == "replicas: 3\n"
    again = try_repo(repo, "iacfix", offline)
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout


def test_the_scan_hook_reports_and_changes_nothing(tmp_path: Path, offline) -> None:
    repo = project(tmp_path, {"logs.tf": LOGS})
    result = try_repo(repo, "iacfix-scan", offline)
    assert result.returncode == 1 and "logs.tf:1:1: IAC003" in result.stdout, result.stdout + result.stderr
    assert (repo / "logs.tf").read_text() == LOGS


def test_the_hooks_are_a_valid_manifest_that_passes_only_infrastructure_files() -> None:
    from pre_commit.clientlib import load_manifest  # the test extra's, not the unit one's

    hooks = {hook["id"]: hook for hook in load_manifest(str(HOOKS))}
    assert set(hooks) == {"iacfix", "iacfix-scan"}
    assert (hooks["iacfix"]["entry"], hooks["iacfix-scan"]["entry"]) == ("iacfix fix", "iacfix scan")
    for hook in hooks.values():
        passed = re.compile(hook["files"])
        assert all(passed.search(name) for name in ("main.tf", "t.yaml", "t.yml", "t.json", "t.template", "app.py"))
        assert not any(passed.search(name) for name in ("README.md", "run.sh", "main.tf.bak", "Dockerfile"))
