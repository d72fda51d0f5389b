"""One configuration: with the same non-default ``.github/iacfix.yml``, ``iacfix fix`` on a checkout writes exactly
what the App commits to the pull request (the real ``iacfix serve`` against the GitHub double)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_harness import RunningApp, wait_for
from tests.github_double import GitHubDouble, webhook_payload
from tests.test_app_e2e import REPO, commits, example_files, open_pull
from tests.test_cli import iacfix

pytestmark = pytest.mark.e2e

CONFIG = """\
mode: commit
rules:
  disable: [lambda-error-alarms, IAC005]
  unsafe: [lambda-reserved-concurrency]
  options:
    log-retention: {retention_days: 30}
    lambda-reserved-concurrency: {reserved: 20}
"""


def test_the_command_line_and_the_app_make_the_same_fixes_with_the_same_configuration(tmp_path: Path) -> None:
    files = example_files()
    with GitHubDouble(tmp_path / "github") as double:
        double.install("octo")
        app = RunningApp(tmp_path, double).start()
        try:
            number, head = open_pull(double, files, CONFIG)
            app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
            wait_for(lambda: len(commits(double)) == 3, 90, "the App's fix commit")
            committed = double.files_at(REPO, "feature")
        finally:
            app.stop()
        double.assert_honest()

    checkout = tmp_path / "checkout"
    for path, text in {**files, ".github/iacfix.yml": CONFIG}.items():
        (checkout / path).parent.mkdir(parents=True, exist_ok=True)
        (checkout / path).write_text(text)
    result = iacfix("fix", "examples", cwd=checkout)
    assert result.returncode in (0, 1), result.stderr
    fixed = {path: (checkout / path).read_text() for path in files}

    assert fixed == {path: committed[path] for path in files}
    main_tf = fixed["examples/terraform/main.tf"]
    assert "retention_in_days = 30" in main_tf and "reserved_concurrent_executions = 20" in main_tf
    assert fixed != files
