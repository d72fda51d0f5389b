"""Pull-request manners, end to end against the real ``iacfix serve`` and the GitHub double: one summary comment
per pull request, edited on every run; display-only fixes shown as suggestions and never applied; no more
automatic commits once a person has pushed on top of the App's commit, and ``/fix`` asked for instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from iacfix.bot.summary import MARKER
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Applicability
from iacfix.fixers.text import apply_edits
from tests.app_harness import wait_for
from tests.github_double import webhook_payload
from tests.test_app_e2e import (
    COMMIT_MODE,
    REPO,
    apply_suggestions,
    commits,
    completed_check,
    example_files,
    fix_comment,
    open_pull,
)
from tests.test_app_e2e import app as app  # the fixtures, used by name
from tests.test_app_e2e import double as double

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
POLICY = (ROOT / "tests" / "fixtures" / "IAC002" / "terraform" / "no_function.tf").read_text()
LOGS = 'resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n'


def summaries(double) -> list[dict]:
    """The App's summary comments on the pull request as they read now."""
    return [c for c in double.comments_on(REPO, 1) if MARKER in c["body"] and c["user"]["login"].endswith("[bot]")]


def summary_on(double, head: str) -> str:
    found = wait_for(lambda: [c for c in summaries(double) if head[:7] in c["body"]], 60, f"the summary of {head[:7]}")
    return found[0]["body"]


def test_one_summary_comment_is_edited_on_every_run(double, app) -> None:
    files = example_files()
    number, head = open_pull(double, files)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    first = summary_on(double, head)
    assert "**Offered as review suggestions**" in first and "IAC003" in first
    assert "**Fixed**" not in first, "suggest mode commits nothing"

    second_head = double.commit(REPO, "feature", files={"infra/logs.tf": LOGS}, message="Add the audit logs",
                                author="alice")
    app.deliver("pull_request", webhook_payload("pull_request.synchronize", double, repo=REPO, number=number))
    second = summary_on(double, second_head)
    [comment] = summaries(double)
    assert comment["body"] == second and head[:7] not in second and "infra/logs.tf" in second
    assert len(double.issue_comments) == 1 and len(double.edited_issue_comments) == 1, "edited, not added"
    assert comment["updated_at"] >= comment["created_at"]


def test_a_summary_someone_else_wrote_with_the_marker_is_left_alone(double, app) -> None:
    number, head = open_pull(double, {"infra/logs.tf": LOGS})
    double.add_issue_comment(REPO, number, f"{MARKER}\nforged by a contributor", "alice")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    summary_on(double, head)
    assert [c["body"] for c in double.comments_on(REPO, number) if c["user"]["login"] == "alice"] == [
        f"{MARKER}\nforged by a contributor"]
    assert double.edited_issue_comments == []


def test_a_display_only_fix_is_shown_as_a_suggestion_and_never_committed(double, app) -> None:
    files = {"infra/role.tf": POLICY, "infra/logs.tf": LOGS}
    number, head = open_pull(double, files, COMMIT_MODE)
    [shown] = [f for f in Engine(EngineConfig(unsafe=True)).scan(files).remaining
               if f.fix and f.fix.applicability is Applicability.DISPLAY_ONLY]
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    [fix_commit] = wait_for(lambda: commits(double)[:-2], 60, "the commit of the safe fix")
    summary = summary_on(double, head)
    assert "**Fixed** (1)" in summary and "IAC003" in summary
    assert "**Shown as suggestions for you to adapt** (1" in summary and "IAC002" in summary

    [review] = wait_for(lambda: double.reviews, 30, "the review of the shown fix")
    [suggestion] = [c for c in double.review_comments if c.get("pull_request_review_id") == review["id"]]
    assert "never applies it" in suggestion["body"] and "Reply `/fix`" not in suggestion["body"]
    assert apply_suggestions(POLICY, [suggestion]) == apply_edits(POLICY, shown.fix.edits)
    after = double.files_at(REPO, "feature")
    assert after["infra/role.tf"] == POLICY, "a display-only fix is never committed"
    assert after["infra/logs.tf"] != LOGS

    # The App's own commit comes back as a synchronize: nothing is posted twice.
    app.deliver("pull_request", webhook_payload("pull_request.synchronize", double, repo=REPO, number=number))
    completed_check(double, fix_commit[0])
    assert len(double.reviews) == 1 and len(summaries(double)) == 1


def test_after_a_person_pushes_on_top_of_its_commit_the_app_asks_for_fix(double, app) -> None:
    number, head = open_pull(double, {"infra/logs.tf": LOGS}, COMMIT_MODE)
    double.set_permission(REPO, "maintainer", "write")
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    wait_for(lambda: len(commits(double)) == 3, 60, "the App's commit")
    app.deliver("pull_request", webhook_payload("pull_request.synchronize", double, repo=REPO, number=number))
    completed_check(double, commits(double)[0][0])

    more = LOGS.replace("audit", "access")
    pushed = double.commit(REPO, "feature", files={"infra/access.tf": more}, message="Add access logs", author="alice")
    app.deliver("pull_request", webhook_payload("pull_request.synchronize", double, repo=REPO, number=number))
    check = completed_check(double, pushed)
    assert "comment `/fix`" in check["output"]["summary"] and "pushed on top" in check["output"]["summary"]
    assert "pushed on top" in summary_on(double, pushed) and "**Ready to fix: comment `/fix`** (1)" in \
        summary_on(double, pushed)
    assert commits(double)[0][0] == pushed, "no commit on top of the person's push"

    app.deliver("issue_comment", fix_comment(double, number, "maintainer"))
    top = wait_for(lambda: len(commits(double)) == 5 and commits(double)[0], 60, "the commit /fix asked for")
    assert top[1] == pushed and double.files_at(REPO, "feature")["infra/access.tf"] != more


def test_a_long_summary_lists_fifty_of_each_kind_and_stays_within_githubs_comment_limit() -> None:
    from dataclasses import replace

    from iacfix.bot.analysis import Analysis
    from iacfix.bot.summary import MAX_BODY, Delivery, render
    from iacfix.fixers.model import Finding, Position, Report, Severity

    findings = [Finding("IAC005", "lambda-dead-letter-queue", "infra/main.tf", f"fn{n}", "no dead-letter queue",
                        Severity.WARNING, Position(n + 1, 1), Position(n + 1, 9), not_fixed_reason="x" * 2000)
                for n in range(60)]
    analysis = Analysis(head_sha="a" * 40, tree_sha="", branch="feature", originals={}, changed=["infra/main.tf"],
                        patches={}, fix=Report(remaining=findings, found=findings), rules=["IAC005"])
    assert "**Not fixed** (60)" in (short := render(analysis, Delivery()))
    assert short.count("\n- `IAC005`") == 25 and "and 35 more" in short and len(short) <= MAX_BODY
    brief = [replace(f, not_fixed_reason="x") for f in findings]
    body = render(replace(analysis, fix=Report(remaining=brief, found=brief)), Delivery())
    assert body.count("\n- `IAC005`") == 50 and "and 10 more" in body
