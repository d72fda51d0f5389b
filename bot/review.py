"""The automatic review of a pushed head: check it, deliver its fixes by the repository's mode, report.

Safety rules live here: the App never fixes its own commits, never fixes one head twice, never writes more
than ``max_bot_commits`` commits on a pull request by itself, and stops committing by itself once a person has
pushed on top of one of its commits (from then on it asks for ``/fix``). Every run with infrastructure code
edits the one summary comment on the pull request.
"""

from __future__ import annotations

import logging

from iacfix.bot import facts, metrics, publish, summary
from iacfix.bot.analysis import Analysis, analyse
from iacfix.bot.config import DeliveryMode, engine_config
from iacfix.bot.context import JobContext
from iacfix.bot.github import GitHubError, TransientError
from iacfix.bot.logs import log
from iacfix.bot.publish import BranchMoved, FixBranchTaken
from iacfix.bot.summary import Delivery
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
            summary.keep_summary(client, context.number, context.bot_login,
                                 summary.render(analysis, Delivery()), create=False)
            return
        note = phrase("fork_suggests") if context.is_fork and config.mode is not DeliveryMode.SUGGEST else ""
        delivered = deliver(context, analysis, head_commit, mode, note)
        if not delivered.own_head:  # the App's own commit: the summary of the run that made it stands
            summary.keep_summary(client, context.number, context.bot_login, summary.render(analysis, delivered))
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
    remaining = analysis.fix.remaining if delivered.committed else analysis.findings
    # Suggestions already include unsafe fixes; other modes leave them to an explicit `/fix CODE`.
    unsafe = [] if mode is DeliveryMode.SUGGEST else sorted(
        {f.code for f in analysis.findings if f.fix and f.fix.applicability is Applicability.UNSAFE})
    conclusion = "success" if not analysis.findings else ("neutral" if not remaining else "failure")
    offer_fix = any(f.fixable for f in remaining) and mode is DeliveryMode.SUGGEST
    publish.finish_check_run(client, check_run, analysis, conclusion=conclusion, delivery=delivered.text,
                             config_problems=context.config_problems, offer_fix=offer_fix, unsafe=unsafe)


def deliver(context: JobContext, analysis: Analysis, head_commit: dict, mode: DeliveryMode, note: str) -> Delivery:
    """Deliver the fixes of an automatic run by the repository's mode; display-only fixes are suggested in
    every mode."""
    files = analysis.fixed_files
    client, queue = context.client, context.queue
    if mode is DeliveryMode.SUGGEST:
        comments, _ = publish.review_suggestions(client, context.number, analysis, context.bot_login,
                                                 context.marker_key, note)
        return Delivery(phrase("suggested", comments=comments, note=note), suggested=True) if files else Delivery(note)
    if context.is_own_commit(head_commit):
        return Delivery(phrase("own_head"), own_head=True)
    publish.review_suggestions(client, context.number, analysis, context.bot_login, context.marker_key, fixes=False)
    if not files:
        return Delivery(note)
    limit = context.config.max_bot_commits
    committed_before = queue.count(facts.bot_commits(context.repo, context.number))
    if committed_before >= limit:
        return Delivery(phrase("commit_limit", limit=limit))
    if mode is DeliveryMode.COMMIT and committed_before:  # the head is not the App's: a person pushed on top
        return Delivery(phrase("pushed_on_top"))
    # A fix pull request leaves the branch where it is, so `/fix` may still commit on that head.
    fact = (facts.fixed_head if mode is DeliveryMode.COMMIT else facts.fix_pull)(context.repo, analysis.head_sha)
    if queue.seen(fact):
        return Delivery(phrase("head_fixed"))
    fixed = [f for f in analysis.fix.fixed if f.path in files]
    if mode is DeliveryMode.COMMIT:
        sha = publish.commit_fixes(client, analysis, fixed, files)
        record_commit(context, analysis.head_sha, sha, fixed, mode)
        return Delivery(phrase("committed", sha=sha, fixes=len(fixed)), committed=True, delivered=True)
    try:
        number = publish.open_fix_pull(client, analysis, context.number, fixed, files, context.bot_login)
    except FixBranchTaken as taken:
        return Delivery(phrase("fix_branch_taken", branch=str(taken)))
    queue.claim(fact)
    count_fixes(fixed, mode)
    return Delivery(phrase("opened_pull", number=number, fixes=len(fixed)), delivered=True)


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
