"""The App end to end: the real ``iacfix serve`` process, real signed webhook payloads, the GitHub double
backed by real git repositories; the assertions read the git history and what the double recorded."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from iacfix.fixers.engine import Engine, EngineConfig
from tests.app_harness import RunningApp, wait_for
from tests.github_double import GitHubDouble, webhook_payload

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPO = "octo/infra"
COMMIT_MODE = "mode: commit\n"


def example_files() -> dict[str, str]:
    """The bundled examples: documented failures in Terraform, CloudFormation and Pulumi."""
    return {p.relative_to(ROOT).as_posix(): p.read_text() for p in sorted(EXAMPLES.rglob("*")) if p.is_file()}


def expected_fixes(files: dict[str, str], unsafe: bool = False) -> dict[str, str]:
    changed = frozenset(p for p in files if p.endswith((".tf", ".yaml", ".py")))
    report = Engine(EngineConfig(unsafe=unsafe, paths=changed)).fix(files)
    return {**files, **report.files}


@pytest.fixture
def double(tmp_path):
    with GitHubDouble(tmp_path / "github") as running:
        running.install("octo")
        yield running
        running.assert_honest()


@pytest.fixture
def app(tmp_path, double):
    running = RunningApp(tmp_path, double).start()
    yield running
    running.stop()
    log = running.log()
    assert double.private_key_pem.splitlines()[1] not in log, "the App's key must never be logged"
    assert "ghs_" not in log, "installation tokens must never be logged"
    if not getattr(running, "expected_failures", False):
        assert "Traceback" not in log, log[-5000:]


def open_pull(double: GitHubDouble, files: dict[str, str], config: str | None = None, **pull) -> tuple[int, str]:
    base = {"README.md": "# infra\n", **({".github/iacfix.yml": config} if config else {})}
    double.create_repo(REPO, files=base, default_branch="main")
    head = double.commit(REPO, "feature", files=files, message="Add the order service", author="alice",
                         parent_branch="main")
    number = double.open_pull(REPO, head="feature", base="main", user="alice", **pull)
    return number, head


def commits(double: GitHubDouble, branch: str = "feature") -> list[tuple[str, str, str]]:
    """(sha, parents, subject) newest first."""
    lines = double.git(REPO, "log", "--format=%H|%P|%s", branch).strip().splitlines()
    return [tuple(line.split("|", 2)) for line in lines]


def completed_check(double: GitHubDouble, head: str) -> dict:
    def find():
        runs = [r for r in double.check_runs if r["head_sha"] == head and r["status"] == "completed"]
        return runs[-1] if runs else None

    return wait_for(find, 60, f"a completed check run on {head[:7]}")


def apply_suggestions(text: str, comments: list[dict]) -> str:
    """GitHub's semantics: the commented lines are replaced by the suggestion block's lines."""
    lines = text.splitlines()
    for comment in sorted(comments, key=lambda c: c["line"], reverse=True):
        body = comment["body"]
        fence_start = body.index("suggestion\n") + len("suggestion\n")
        fence = body[: fence_start - len("suggestion\n")].rsplit("\n", 1)[-1]
        block = body[fence_start : body.index("\n" + fence, fence_start)] if not body[fence_start:].startswith(fence) \
            else ""
        start = comment.get("start_line") or comment["line"]
        lines[start - 1 : comment["line"]] = block.split("\n") if block else []
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


# ------------------------------------------------------------------------------------- commit mode
def test_commit_mode_fixes_all_three_languages_in_one_commit_on_the_analysed_head(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files, COMMIT_MODE)
    payload = webhook_payload("pull_request.opened", double, repo=REPO, number=number)
    assert app.deliver("pull_request", payload, delivery="first").status_code == 202
    new = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 60, "the fix commit")
    assert new[1] == head, "the fix commit's parent is the analysed head"
    assert "IAC003" in new[2] or "finding" in new[2]
    assert double.files_at(REPO, "feature") == {**expected_fixes(files), "README.md": "# infra\n",
                                                ".github/iacfix.yml": COMMIT_MODE}
    check = completed_check(double, head)
    assert check["conclusion"] in ("neutral", "failure")
    assert check["output"]["annotations_count"] > 0

    # The same delivery again is acknowledged, not run again.
    assert app.deliver("pull_request", payload, delivery="first").json()["status"] == "duplicate"
    # The App's own commit arrives as a synchronize: it is checked, never fixed again.
    sync = webhook_payload("pull_request.synchronize", double, repo=REPO, number=number)
    assert app.deliver("pull_request", sync).status_code == 202
    completed_check(double, new[0])
    assert len(commits(double)) == 3


def test_a_pull_request_without_infrastructure_code_gets_a_neutral_check_and_nothing_else(double, app) -> None:
    number, head = open_pull(double, {"docs/guide.md": "# Guide\n"}, COMMIT_MODE)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = completed_check(double, head)
    assert check["conclusion"] == "neutral"
    assert double.reviews == [] and double.issue_comments == [] and len(commits(double)) == 2


def test_a_push_made_during_the_job_is_kept_and_the_fix_lands_on_the_new_head(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files, COMMIT_MODE)
    pushed = {}

    def push_first(full_name, ref, new_sha):
        if not pushed:
            pushed["sha"] = double.commit(REPO, "feature", files={"NOTES.md": "meanwhile\n"}, message="A push meanwhile",
                                          author="alice")

    double.before_ref_update = push_first
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    top = wait_for(lambda: len(commits(double)) == 4 and commits(double)[0], 90, "the fix on the new head")
    assert top[1] == pushed["sha"], "the fix sits on the push made meanwhile"
    assert double.files_at(REPO, "feature")["NOTES.md"] == "meanwhile\n"
    assert [c[2] for c in commits(double)].count("A push meanwhile") == 1


def test_github_errors_and_rate_limits_are_retried_until_the_fix_lands_once(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files, COMMIT_MODE)
    reset = str(int(time.time()) + 1)
    double.fail_next("GET", r"/pulls/\d+/files", status=403,
                     headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset, "x-ratelimit-limit": "5000"})
    double.fail_next("POST", r"/git/commits$", status=502)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    top = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 90, "the fix after retries")
    assert top[1] == head
    assert double.files_at(REPO, "feature") == {**expected_fixes(files), "README.md": "# infra\n",
                                                ".github/iacfix.yml": COMMIT_MODE}
    completed_check(double, head)
    [check] = [r for r in double.check_runs if r["head_sha"] == head]
    assert check["status"] == "completed" and check["output"]["title"] != "Retrying", "retries share one check run"


# ------------------------------------------------------------------------------------ suggest mode
def test_suggest_mode_posts_a_review_whose_suggestions_equal_the_engines_fixes(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = completed_check(double, head)
    [review] = wait_for(lambda: double.reviews, 30, "the review")
    comments = [c for c in double.review_comments if c.get("pull_request_review_id") == review["id"]]
    expected = expected_fixes(files, unsafe=True)
    for path, text in files.items():
        mine = [c for c in comments if c["path"] == path]
        assert apply_suggestions(text, mine) == expected[path], path
    assert len(commits(double)) == 2, "suggest mode pushes nothing"
    assert any(a["identifier"] == "fix" for a in check.get("actions", []))

    # Delivered again (a re-run), the same suggestions are not posted twice.
    app.deliver("check_suite", webhook_payload("check_suite.rerequested", double, repo=REPO, number=number))
    wait_for(lambda: len([r for r in double.check_runs if r["status"] == "completed"]) == 2, 60, "the second run")
    assert len(double.reviews) == 1


def test_a_fork_pull_request_gets_suggestions_and_no_push(double, app) -> None:
    double.create_repo(REPO, files={"README.md": "# infra\n", ".github/iacfix.yml": COMMIT_MODE})
    double.fork(REPO, "mallory/infra")
    files = example_files()
    double.commit("mallory/infra", "feature", files=files, message="Add service", author="mallory",
                  parent_branch="main")
    number = double.open_pull(REPO, head="feature", base="main", user="mallory", head_repo="mallory/infra")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: double.reviews, 60, "the review")
    assert "fork" in json.dumps(double.reviews).lower() or "fork" in json.dumps(double.check_runs).lower()
    assert double.branch_sha(REPO, "feature") is None
    assert len(double.git("mallory/infra", "log", "--format=%H", "feature").split()) == 2


# --------------------------------------------------------------------------------------------- /fix
def fix_comment(double: GitHubDouble, number: int, user: str, body: str = "/fix") -> dict:
    return webhook_payload("issue_comment.created", double, repo=REPO, number=number,
                           comment={"body": body, "user": {"login": user}}, sender={"login": user})


def test_fix_from_a_reader_is_refused_and_from_a_maintainer_commits(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files)
    double.set_permission(REPO, "reader", "read")
    double.set_permission(REPO, "maintainer", "write")
    app.deliver("issue_comment", fix_comment(double, number, "reader"))
    refusal = wait_for(lambda: [c for c in double.issue_comments if "write access" in c["body"]], 60, "the refusal")
    assert "@reader" in refusal[0]["body"]
    assert len(commits(double)) == 2

    app.deliver("issue_comment", fix_comment(double, number, "maintainer"))
    top = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 60, "the commit asked for")
    assert top[1] == head
    assert double.files_at(REPO, "feature") == {**expected_fixes(files), "README.md": "# infra\n"}
    contents = {r["content"] for r in double.reactions}
    assert {"eyes", "+1"} <= contents
    wait_for(lambda: any("committed" in c["body"] for c in double.issue_comments), 30, "the answer")


def test_a_fix_github_refuses_is_answered_with_the_reason(double, app) -> None:
    number, _ = open_pull(double, example_files())
    double.set_permission(REPO, "maintainer", "write")
    double.fail_next("POST", r"/git/trees$", status=422, body={"message": "tree.path contains a malformed path component",
                                                                "documentation_url": "https://docs.github.com/rest"})
    app.deliver("issue_comment", fix_comment(double, number, "maintainer"))
    [answer] = wait_for(lambda: [c for c in double.issue_comments if "could not complete" in c["body"]], 60, "the answer")
    assert "422" in answer["body"] and "@maintainer" in answer["body"]
    wait_for(lambda: any(r["content"] == "confused" for r in double.reactions), 30, "the 😕 reaction")
    assert len(commits(double)) == 2
    app.expected_failures = True


def test_fix_dry_run_answers_with_the_diff_and_commits_nothing(double, app) -> None:
    number, _ = open_pull(double, example_files())
    double.set_permission(REPO, "maintainer", "admin")
    app.deliver("issue_comment", fix_comment(double, number, "maintainer", "/fix log-retention --dry-run"))
    [answer] = wait_for(lambda: [c for c in double.issue_comments if "```" in c["body"]], 60, "the diff")
    assert "+++ b/examples/terraform/main.tf" in answer["body"] or "+++ b/examples/" in answer["body"]
    assert len(commits(double)) == 2


# ------------------------------------------------------------------------------------ the webhook
def test_unsigned_and_wrongly_signed_deliveries_are_refused_and_enqueue_nothing(double, app) -> None:
    number, _ = open_pull(double, example_files(), COMMIT_MODE)
    payload = webhook_payload("pull_request.opened", double, repo=REPO, number=number)
    assert app.deliver("pull_request", payload, signature=None).status_code == 401
    assert app.deliver("pull_request", payload, signature="sha256=" + "0" * 64).status_code == 401
    assert httpx.get(f"{app.url}/healthz").json()["queued"] == 0
    assert double.check_runs == [] and len(commits(double)) == 2


def test_malformed_deliveries_get_a_4xx_with_the_reason(double, app) -> None:
    assert app.deliver("pull_request", b"{not json").status_code == 400
    response = app.deliver("pull_request", {"action": "opened", "pull_request": {"state": "open"}})
    assert response.status_code == 400 and "payload" in response.json()["reason"]
    assert app.deliver("ping", {"zen": "Keep it logically awesome."}).status_code == 200
    assert app.deliver("star", {"action": "created"}).status_code == 202
    huge = b'{"x": "' + b"a" * (26 * 1024 * 1024) + b'"}'
    assert app.deliver("pull_request", huge).status_code == 413
    metrics = app.metrics()
    assert 'iacfix_webhook_deliveries_total{event="pull_request",outcome="unauthorized"}' in metrics or \
        'iacfix_webhook_deliveries_total{event="pull_request",outcome="rejected"}' in metrics


# ------------------------------------------------------------------------------------- durability
def test_a_consumer_killed_mid_job_finishes_the_job_once_after_a_restart(tmp_path, double) -> None:
    files = example_files()
    number, head = open_pull(double, files, COMMIT_MODE)
    first = RunningApp(tmp_path, double).start()
    first.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: any("blobs" in call.path for call in double.calls), 60, "the job to start reading files")
    first.kill()
    if len(commits(double)) == 3:
        pytest.skip("the job finished before it could be killed")
    second = RunningApp(tmp_path, double).start()
    try:
        top = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 90, "the job to complete")
        assert top[1] == head
        second.deliver("pull_request", webhook_payload("pull_request.synchronize", double, repo=REPO, number=number))
        completed_check(double, top[0])
        assert len(commits(double)) == 3, "the job completed once"
    finally:
        second.stop()


# ------------------------------------------------------------------------------ the other ways in
def test_pull_request_mode_opens_a_fix_pull_request_into_the_branch(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files, "mode: pull-request\n")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    [fix_pull] = wait_for(lambda: double.created_pulls, 60, "the fix pull request")
    assert fix_pull["head"]["ref"] == f"iacfix/pr-{number}" and fix_pull["base"]["ref"] == "feature"
    assert double.git(REPO, "log", "--format=%P", "-1", f"iacfix/pr-{number}").strip() == head
    assert double.files_at(REPO, f"iacfix/pr-{number}") == {**expected_fixes(files), "README.md": "# infra\n",
                                                            ".github/iacfix.yml": "mode: pull-request\n"}
    assert len(commits(double)) == 2, "the pull request's own branch is untouched"


def test_a_fix_reply_on_one_suggestion_commits_just_that_suggestion(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files)
    double.set_permission(REPO, "maintainer", "write")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: double.reviews, 60, "the review")
    chosen = next(c for c in double.review_comments if "aws_cloudwatch_log_group.audit keeps its logs" in c["body"])
    reply = webhook_payload("pull_request_review_comment.created", double, repo=REPO, number=number,
                            comment={"body": "/fix", "in_reply_to_id": chosen["id"], "user": {"login": "maintainer"}},
                            sender={"login": "maintainer"})
    app.deliver("pull_request_review_comment", reply)
    top = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 60, "the commit of one suggestion")
    assert top[1] == head
    after = double.files_at(REPO, "feature")
    changed = [path for path in files if after[path] != files[path]]
    assert changed == ["examples/terraform/main.tf"]
    assert after["examples/terraform/main.tf"] == apply_suggestions(files["examples/terraform/main.tf"], [chosen])
    wait_for(lambda: any(c.get("in_reply_to_id") == chosen["id"] and "committed" in c["body"]
                         for c in double.review_comments), 30, "the answer in the thread")


def test_the_fix_all_button_commits_for_a_maintainer(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files)
    double.set_permission(REPO, "maintainer", "admin")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    completed_check(double, head)
    button = webhook_payload("check_run.requested_action", double, repo=REPO, number=number,
                             requested_action={"identifier": "fix"}, sender={"login": "maintainer"})
    app.deliver("check_run", button)
    top = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 60, "the commit the button asked for")
    assert top[1] == head
    assert double.files_at(REPO, "feature") == {**expected_fixes(files), "README.md": "# infra\n"}


def test_bot_commits_stop_at_the_configured_limit(double, app) -> None:
    number, head = open_pull(double, example_files(), "mode: commit\nmax_bot_commits: 0\n")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = completed_check(double, head)
    assert "max_bot_commits" in check["output"]["summary"]
    assert len(commits(double)) == 2


def test_an_invalid_repository_config_is_shown_on_the_check_run_and_the_defaults_apply(double, app) -> None:
    number, head = open_pull(double, example_files(), "mode: sometimes\n")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = completed_check(double, head)
    assert "Configuration problems" in check["output"]["summary"] and "mode" in check["output"]["summary"]
    wait_for(lambda: double.reviews, 30, "suggestions, the default mode")


def test_more_than_fifty_annotations_reach_the_check_run_in_batches(double, app) -> None:
    groups = "".join(f'resource "aws_cloudwatch_log_group" "g{n}" {{\n  name = "/g/{n}"\n}}\n\n' for n in range(60))
    number, head = open_pull(double, {"logs/main.tf": groups})
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    check = wait_for(lambda: [r for r in double.check_runs if r["head_sha"] == head
                              and r["output"]["annotations_count"] == 60], 60, "60 annotations")
    assert check[-1]["conclusion"] == "failure"


def test_a_resource_the_base_branch_already_declares_is_adopted_not_created_again(double, app) -> None:
    """The base branch deployed the function, so Lambda has made its log group: the fix imports that one (a
    second log group of the same name would fail to deploy), as `iacfix fix --base` does on the command line."""
    case = ROOT / "tests" / "fixtures" / "IAC003" / "terraform" / "deployed_function"
    base, before = (case / "base" / "main.tf").read_text(), (case / "before" / "main.tf").read_text()
    config = COMMIT_MODE + "rules:\n  enable: [IAC003]\n  unsafe: [IAC003]\n"  # an import is an unsafe fix
    double.create_repo(REPO, files={"README.md": "# infra\n", ".github/iacfix.yml": config,
                                    "billing/main.tf": base}, default_branch="main")
    double.commit(REPO, "feature", files={"billing/main.tf": before}, message="Python 3.12", author="alice",
                         parent_branch="main")
    number = double.open_pull(REPO, head="feature", base="main", user="alice")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: len(commits(double)) == 3, 60, "the fix commit")
    assert double.files_at(REPO, "feature")["billing/main.tf"] == (case / "after" / "main.tf").read_text()
