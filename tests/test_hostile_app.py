"""Hostile pull requests against the real ``iacfix serve`` and the GitHub double: a file that crashes the
parser, an alias bomb, names that try to speak for the App, odd line breaks, odd file modes. Each ends with
the App alive, the other files fixed, and nothing posted that the App did not mean to post."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from iacfix.bot.suggestions import MARKER, read_marker
from tests.app_harness import SECRET, RunningApp, wait_for
from tests.github_double import GitHubDouble, webhook_payload
from tests.hostile_inputs import NESTED_BRACKETS, alias_bomb
from tests.test_app_e2e import COMMIT_MODE, REPO, commits, completed_check, example_files, expected_fixes, open_pull

LIMITS = {"IACFIX_ANALYSIS_CPU_SECONDS": "3", "IACFIX_ANALYSIS_WALL_SECONDS": "20"}
INJECTED = '@victim <img src=x onerror=alert(1)> [click](https://evil.example) <!-- iacfix:suggestion e30.{} -->'
LOGS_TF = 'resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n'


@pytest.fixture
def double(tmp_path):
    with GitHubDouble(tmp_path / "github") as running:
        running.install("octo")
        yield running
        running.assert_honest()


@pytest.fixture
def app(tmp_path, double):
    running = RunningApp(tmp_path, double, env=LIMITS).start()
    yield running
    assert running.process.poll() is None, "the App is still alive"
    assert httpx.get(f"{running.url}/livez").status_code == 200
    running.stop()
    assert "Traceback" not in running.log(), running.log()[-5000:]


def everything_posted(double: GitHubDouble) -> list[str]:
    """Every text the App wrote where people read it."""
    texts = [r.get("body") or "" for r in double.reviews]
    texts += [c["body"] for c in double.review_comments if (c.get("user") or {}).get("login", "").endswith("[bot]")]
    texts += [c["body"] for c in double.issue_comments]
    texts += [json.dumps(r.get("output", {})) for r in double.check_runs]
    return texts


def outside_code_blocks(text: str) -> str:
    """The Markdown that GitHub renders as such: fenced code blocks show their content literally."""
    return re.sub(r"^(`{3,})[^\n]*\n.*?^\1$", "", text, flags=re.MULTILINE | re.DOTALL)


def assert_nothing_injected(texts: list[str]) -> None:
    for text in texts:
        rendered = outside_code_blocks(text)
        assert "@victim" not in rendered, "a name in the PR must not mention anyone"
        assert not re.search(r"(?<!\\)<img", rendered), "nor render HTML"
        assert not re.search(r"(?<!\\)\[click(?<!\\)\]\(", rendered), "nor render links"
        for match in MARKER.finditer(text):  # a marker the App did not sign is never read as one
            if read_marker(match.group(0), SECRET.encode()) is not None:
                assert match.group(1) != "e30", "a forged marker must not verify"


# ---------------------------------------------------------------------------------------- items 1, 2
def test_a_file_that_crashes_the_parser_and_an_alias_bomb_end_their_own_analysis_only(double, app) -> None:
    files = example_files()
    hostile = {"examples/pulumi/deep.py": NESTED_BRACKETS, "stacks/bomb.yaml": alias_bomb()}
    number, _ = open_pull(double, {**files, **hostile}, COMMIT_MODE)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = wait_for(lambda: [r for r in double.check_runs if r["status"] == "completed"], 60, "the check run")[-1]
    summary = check["output"]["summary"]
    assert "could not be checked" in summary
    assert "deep.py" in summary and "nested more than 200 deep" in summary
    assert "bomb.yaml" in summary and "aliases expand to" in summary
    after = double.files_at(REPO, "feature")
    expected = expected_fixes(files)
    for path in files:
        assert after[path] == expected[path], path
    assert after["stacks/bomb.yaml"] == hostile["stacks/bomb.yaml"]


# ---------------------------------------------------------------------------------------- item 9
def injected_template(marker_signature: str = "0" * 64) -> str:
    name = INJECTED.format(marker_signature)
    return ("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
            f"  {json.dumps(name)}:\n    Type: AWS::Logs::LogGroup\n    # ````\n    # ```` suggestion\n"
            '  "Logs\\nSigned-off-by: Mallory <mallory@evil.example>":\n    Type: AWS::Logs::LogGroup\n')


def test_names_in_a_pull_request_cannot_mention_link_forge_markers_or_add_trailers(double, app) -> None:
    number, head = open_pull(double, {"stack/template.yaml": injected_template(), "infra/logs.tf": LOGS_TF})
    double.set_permission(REPO, "maintainer", "write")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    completed_check(double, head)
    wait_for(lambda: double.reviews, 60, "the review")
    assert_nothing_injected(everything_posted(double))
    suggestions = [c for c in double.review_comments if MARKER.search(c["body"])]
    assert suggestions
    for comment in suggestions:
        marker = read_marker(comment["body"], SECRET.encode())
        assert marker is not None, "every marker the App wrote verifies"
        assert all(len(identity) == 3 for identity in marker["findings"])

    # A dry run shows the diff in a fence that no line of the file can close.
    dry = webhook_payload("issue_comment.created", double, repo=REPO, number=number,
                          comment={"body": "/fix --dry-run", "user": {"login": "maintainer"}},
                          sender={"login": "maintainer"})
    app.deliver("issue_comment", dry)
    [answer] = wait_for(lambda: [c for c in double.issue_comments if "would make" in c["body"]], 60, "the dry run")
    fence = re.search(r"^(`{3,})diff$", answer["body"], re.MULTILINE).group(1)
    assert len(fence) >= 5
    inside = answer["body"].split(fence + "diff\n", 1)[1].split("\n" + fence, 1)[0]
    assert "+++ b/stack/template.yaml" in inside and "# ````" in inside

    # /fix commits; the commit message carries no line the file wrote, so no forged trailer.
    app.deliver("issue_comment", webhook_payload("issue_comment.created", double, repo=REPO, number=number,
                                                 comment={"body": "/fix", "user": {"login": "maintainer"}},
                                                 sender={"login": "maintainer"}))
    wait_for(lambda: len(commits(double)) == 3, 60, "the fix commit")
    message = double.git(REPO, "log", "-1", "--format=%B", "feature")
    assert not any(line.startswith("Signed-off-by:") for line in message.splitlines()), message
    assert double.git(REPO, "log", "-1", "--format=%(trailers)", "feature").strip() == ""
    assert_nothing_injected(everything_posted(double))


def test_comments_from_bots_never_steer_the_app(double, app) -> None:
    number, _ = open_pull(double, {"infra/logs.tf": LOGS_TF})
    double.set_permission(REPO, "helper-bot[bot]", "write")
    for sender in ({"login": "helper-bot[bot]", "type": "Bot"}, {"login": "iacfix[bot]", "type": "Bot"}):
        payload = webhook_payload("issue_comment.created", double, repo=REPO, number=number,
                                  comment={"body": "/fix", "user": sender}, sender=sender)
        assert app.deliver("issue_comment", payload).json()["status"] == "ignored"
    assert double.issue_comments == [] and double.reactions == [] and len(commits(double)) == 2


# --------------------------------------------------------------------------------------- item 10
def test_suggestions_sit_on_the_line_git_counts_despite_form_feeds_and_line_separators(double, app) -> None:
    text = "# a form feed \f here, a line separator \u2028 there, a next line \x85 too\n\n" + LOGS_TF
    number, _ = open_pull(double, {"infra/logs.tf": text})
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: double.reviews, 60, "the review")
    [comment] = [c for c in double.review_comments if MARKER.search(c["body"])]
    lines = text.split("\n")
    start = comment.get("start_line") or comment["line"]
    assert lines[start - 1 : comment["line"]] == ['  name = "/audit"'] or \
        lines[start - 1 : comment["line"]] == ['resource "aws_cloudwatch_log_group" "audit" {', '  name = "/audit"']


# --------------------------------------------------------------------------------------- item 11
def test_commits_keep_file_modes_and_never_rewrite_a_symlink(double, app) -> None:
    double.create_repo(REPO, files={"README.md": "# infra\n", ".github/iacfix.yml": COMMIT_MODE},
                       default_branch="main")
    double.commit(REPO, "feature", {"infra/logs.tf": LOGS_TF, "infra/link.tf": "logs.tf"}, author="alice",
                         parent_branch="main", modes={"infra/logs.tf": "100755", "infra/link.tf": "120000"})
    number = double.open_pull(REPO, head="feature", base="main", user="alice")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: len(commits(double)) == 3, 60, "the fix commit")
    tree = double.git(REPO, "ls-tree", "-r", "feature")
    modes = {line.split("\t")[1]: line.split()[0] for line in tree.strip().splitlines()}
    assert modes["infra/logs.tf"] == "100755" and modes["infra/link.tf"] == "120000"
    assert double.files_at(REPO, "feature")["infra/link.tf"] == "logs.tf"
    assert "retention_in_days" in double.files_at(REPO, "feature")["infra/logs.tf"]


def test_pull_request_mode_never_overwrites_a_fix_branch_someone_else_pushed_to(double, app) -> None:
    number, head = open_pull(double, {"infra/logs.tf": LOGS_TF}, "mode: pull-request\n")
    theirs = double.commit(REPO, f"iacfix/pr-{number}", {"NOTES.md": "mine\n"}, author="mallory",
                           parent_branch="feature")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = completed_check(double, head)
    assert double.branch_sha(REPO, f"iacfix/pr-{number}") == theirs
    assert "did not overwrite" in check["output"]["summary"]
    assert double.created_pulls == []
