"""The automatic review of a pushed head: check it, deliver its fixes by the repository's mode, report.

Safety rules live here: the App never fixes its own commits, never fixes one head twice and never writes
more than ``max_bot_commits`` commits on a pull request by itself.
"""

from __future__ import annotations

import logging

from iacfix.bot import facts, metrics, publish
from iacfix.bot.analysis import Analysis, analyse
from iacfix.bot.config import DeliveryMode, engine_config
from iacfix.bot.context import JobContext
from iacfix.bot.github import GitHubError, TransientError
from iacfix.bot.logs import log
from iacfix.bot.publish import BranchMoved, FixBranchTaken
from iacfix.bot.texts import phrase
from iacfix.fixers.model import Applicability, Finding

logger = logging.getLogger("iacfix.jobs")


def review(context: JobContext) -> None:
    """Check the pull request's head and deliver what can be fixed; the check run tells the outcome."""
    request, client = context.request, context.client
    pull = context.read_pull()
    if pull["state"] != "open":
        return
    if request.head_sha and request.head_sha != context.head_sha:
        log(logger, logging.INFO, "superseded by a newer push", pr=request.lock_name)
        return
    config = context.read_config()
    if pull.get("draft") and not config.drafts:
        log(logger, logging.INFO, "draft pull request skipped", pr=request.lock_name)
        return
    mode = DeliveryMode.SUGGEST if context.is_fork else config.mode
    check_run = request.check_run_id or publish.start_check_run(client, context.head_sha)
    try:
        analysis, head_commit = analyse(context, engine_config(config, unsafe=mode is DeliveryMode.SUGGEST))
        if not analysis.changed:
            publish.finish_check_run(client, check_run, analysis, conclusion="neutral",
                                     config_problems=context.config_problems)
            return
        note = phrase("fork_suggests") if context.is_fork and config.mode is not DeliveryMode.SUGGEST else ""
        delivery, committed = deliver(context, analysis, head_commit, mode, note)
    except TransientError as error:  # the retry reports on this same check run
        publish.note_retry(client, check_run, phrase("retrying", error=str(error)))
        error.check_run_id = check_run
        raise
    except BranchMoved:  # the new head gets its own check run
        publish.abandon_check_run(client, check_run, phrase("branch_moved"))
        raise
    except GitHubError as error:
        publish.abandon_check_run(client, check_run, phrase("github_refused", error=str(error)), conclusion="failure")
        raise
    remaining = analysis.fix.remaining if committed else analysis.findings
    # Suggestions already include unsafe fixes; other modes leave them to an explicit `/fix CODE`.
    unsafe = [] if mode is DeliveryMode.SUGGEST else sorted(
        {f.code for f in analysis.findings if f.fix and f.fix.applicability is Applicability.UNSAFE})
    conclusion = "success" if not analysis.findings else ("neutral" if not remaining else "failure")
    offer_fix = any(f.fixable for f in remaining) and mode is DeliveryMode.SUGGEST
    publish.finish_check_run(client, check_run, analysis, conclusion=conclusion, delivery=delivery,
                             config_problems=context.config_problems, offer_fix=offer_fix, unsafe=unsafe)


def deliver(context: JobContext, analysis: Analysis, head_commit: dict, mode: DeliveryMode, note: str,
            ) -> tuple[str, bool]:
    """Deliver the fixes of an automatic run by the repository's mode.

    Returns what was done, for the check run's summary, and whether the fixes were committed to the branch.
    """
    files = analysis.fixed_files
    if not files:
        return note, False
    client, queue = context.client, context.queue
    if mode is DeliveryMode.SUGGEST:
        comments, _ = publish.review_suggestions(client, context.number, analysis, context.bot_login,
                                                   context.marker_key, note)
        return phrase("suggested", comments=comments, note=note), False
    if context.is_own_commit(head_commit):
        return phrase("own_head"), False
    limit = context.config.max_bot_commits
    if queue.count(facts.bot_commits(context.repo, context.number)) >= limit:
        return phrase("commit_limit", limit=limit), False
    # A fix pull request leaves the branch where it is, so `/fix` may still commit on that head.
    fact = (facts.fixed_head if mode is DeliveryMode.COMMIT else facts.fix_pull)(context.repo, analysis.head_sha)
    if queue.seen(fact):
        return phrase("head_fixed"), False
    fixed = [f for f in analysis.fix.fixed if f.path in files]
    if mode is DeliveryMode.COMMIT:
        sha = publish.commit_fixes(client, analysis, fixed, files)
        record_commit(context, analysis.head_sha, sha, fixed, mode)
        return phrase("committed", sha=sha, fixes=len(fixed)), True
    try:
        number = publish.open_fix_pull(client, analysis, context.number, fixed, files, context.bot_login)
    except FixBranchTaken as taken:
        return phrase("fix_branch_taken", branch=str(taken)), False
    queue.claim(fact)
    count_fixes(fixed, mode)
    return phrase("opened_pull", number=number, fixes=len(fixed)), False


def record_commit(context: JobContext, head_sha: str, sha: str, fixed: list[Finding], mode: str) -> None:
    """Facts recorded only once the commit landed, so a job that dies before is simply run again."""
    queue = context.queue
    queue.claim(facts.fixed_head(context.repo, head_sha))
    queue.claim(facts.bot_commit(context.repo, sha))
    queue.count(facts.bot_commits(context.repo, context.number), 1)
    count_fixes(fixed, mode)


def count_fixes(fixed: list[Finding], mode: str) -> None:
    for finding in fixed:
        metrics.fixes.labels(finding.code, str(mode)).inc()
