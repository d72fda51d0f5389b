"""The command line reads the App's ``.github/iacfix.yml``: found above the paths, or named, or ignored; the same
model and the same problems as the App."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from iacfix.bot.config import parse_config
from iacfix.bot.local_config import find_config
from tests.test_cli import LOG_GROUP, iacfix

CONFIG = """\
rules:
  disable: [lambda-error-alarms]
  severity: {log-retention: error}
  options:
    log-retention: {retention_days: 30}
paths:
  exclude: ["legacy/**"]
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "iacfix.yml").write_text(CONFIG)
    for folder in ("infra/logs", "legacy"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "main.tf").write_text(LOG_GROUP)
    return tmp_path


def test_the_configuration_is_found_above_the_paths_up_to_the_repository_root(repository: Path) -> None:
    assert find_config([str(repository / "infra" / "logs" / "main.tf")]) == repository / ".github" / "iacfix.yml"
    assert find_config([str(repository / "infra"), str(repository / "legacy")]) == repository / ".github/iacfix.yml"
    nested = repository / "vendored"
    (nested / ".git").mkdir(parents=True)
    assert find_config([str(nested)]) is None, "a repository inside another does not read its parent's file"


def test_the_found_configuration_sets_options_severity_and_paths(repository: Path) -> None:
    result = iacfix("scan", "--format", "json", ".", "../legacy", cwd=repository / "infra")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert {f["file"] for f in findings} == {"logs/main.tf"}, "legacy/** is excluded"
    assert [f["severity"] for f in findings if f["code"] == "IAC003"] == ["error"]

    iacfix("fix", ".", cwd=repository)
    assert "retention_in_days = 30" in (repository / "infra" / "logs" / "main.tf").read_text()
    assert (repository / "legacy" / "main.tf").read_text() == LOG_GROUP


def test_command_line_flags_win_over_the_file(repository: Path) -> None:
    iacfix("fix", "--option", "IAC003.retention_days=90", "infra", cwd=repository)
    assert "retention_in_days = 90" in (repository / "infra" / "logs" / "main.tf").read_text()


def test_isolated_reads_no_file_and_config_names_one(repository: Path, tmp_path_factory) -> None:
    isolated = json.loads(iacfix("scan", "--isolated", "--format", "json", ".", cwd=repository).stdout)
    assert {f["file"] for f in isolated["findings"]} == {"infra/logs/main.tf", "legacy/main.tf"}
    assert {f["severity"] for f in isolated["findings"] if f["code"] == "IAC003"} == {"warning"}

    other = tmp_path_factory.mktemp("elsewhere") / "strict.yml"
    other.write_text("rules:\n  enable: [IAC007]\n")
    named = iacfix("scan", "--config", str(other), ".", cwd=repository)
    assert named.returncode == 0 and "0 findings" in named.stdout, "only IAC007 runs, and nothing needs it"


@pytest.mark.parametrize("text", [
    "rules:\n  options:\n    log-retention: {retention_days: 31}\n",
    "rules:\n  options:\n    log-retention: {days: 30}\n",
    "rules:\n  severity: {log-retention: loud}\n",
    "rules:\n  enable: [IAC999]\n",
    "mode: [unclosed\n",
])
def test_an_invalid_file_stops_the_command_line_with_the_apps_own_words(repository: Path, text: str) -> None:
    (repository / ".github" / "iacfix.yml").write_text(text)
    result = iacfix("scan", "infra", cwd=repository)
    assert result.returncode == 2 and result.stdout == ""
    _, problems = parse_config(text, str(Path(".github/iacfix.yml").resolve()))
    app_words = [problem.split(": ", 1)[1] for problem in problems]
    assert problems and all(words in result.stderr for words in app_words), result.stderr
    assert (repository / "infra" / "logs" / "main.tf").read_text() == LOG_GROUP


def test_an_unreadable_named_file_is_a_usage_error(repository: Path) -> None:
    result = iacfix("scan", "--config", "missing.yml", "infra", cwd=repository)
    assert result.returncode == 2 and "missing.yml: cannot be read" in result.stderr
