"""The jobs the queue runs: review a pull request's head, or fix it on request.

Every job reads the pull request afresh from the API (the payload only says which one), so a delayed or
retried job works on what is there now. This module picks the job's handler, measures it, and decides what
a failure means: a moved branch runs again on the new head, a transient GitHub failure is retried with
exponential backoff, anything else is logged and, for a ``/fix``, answered.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from iacfix.bot import commands, metrics, publish
from iacfix.bot.context import JobContext
from iacfix.bot.events import JobRequest
from iacfix.bot.github import AppAuth, GitHubError, TransientError
from iacfix.bot.logs import log
from iacfix.bot.publish import BranchMoved
from iacfix.bot.queue import JobQueue
from iacfix.bot.review import review
from iacfix.bot.settings import Settings
from iacfix.bot.texts import phrase

logger = logging.getLogger("iacfix.jobs")

HANDLERS: dict[str, Callable[[JobContext], None]] = {
    "review": review,
    "fix": commands.fix,
    "fix-suggestion": commands.fix_suggestion,
}


class JobRunner:
    """Runs one job; transient GitHub failures go back on the queue with exponential backoff."""

    def __init__(self, settings: Settings, auth: AppAuth | None = None) -> None:
        self.settings = settings
        self.auth = auth or AppAuth(settings)

    def context(self, request: JobRequest, queue: JobQueue) -> JobContext:
        client = self.auth.client(request.installation_id, request.repo)
        return JobContext(request, queue, client, self.auth, self.settings.analysis_limits)

    def __call__(self, request: JobRequest, queue: JobQueue) -> None:
        started = time.monotonic()
        outcome = "done"
        try:
            context = self.context(request, queue)
            HANDLERS[request.kind](context)
            log(logger, logging.INFO, "job done", kind=request.kind, pr=request.lock_name,
                calls=dict(context.client.calls))
        except BranchMoved:
            outcome = "branch-moved"
            log(logger, logging.INFO, "the branch moved during the job: running again on the new head",
                pr=request.lock_name)
            queue.enqueue(request.model_copy(update={"head_sha": None}))
        except TransientError as error:
            outcome = self._retry(request, queue, error)
        except Exception as error:  # one bad job must never stop the worker
            outcome = "failed"
            logger.exception("job failed: %s", error)
            self._report_failure(request, queue, error)
        finally:
            metrics.jobs.labels(request.kind, outcome).inc()
            metrics.job_seconds.labels(request.kind).observe(time.monotonic() - started)

    def _report_failure(self, request: JobRequest, queue: JobQueue, error: Exception, reason: str = "") -> None:
        """Whoever asked for ``/fix`` hears that it failed (😕 and a reply), rather than nothing at all."""
        if request.kind == "review":
            return
        if not reason:
            reason = str(error) if isinstance(error, (GitHubError, TransientError)) else phrase("internal_error")
        try:
            commands.reply(self.context(request, queue), "confused", error=phrase("fix_failed", reason=reason))
        except Exception:  # GitHub itself may be what failed
            logger.warning("could not report the failure of a /fix", exc_info=True)

    def abandon(self, request: JobRequest, queue: JobQueue) -> None:
        """A poison job: say so where its asker looks (the check run, or a reply to the ``/fix``)."""
        if request.kind != "review":
            self._report_failure(request, queue, RuntimeError(phrase("poisoned")), reason=phrase("poisoned"))
            return
        try:
            context = self.context(request, queue)
            head_sha = request.head_sha or context.read_pull()["head"]["sha"]
            publish.abandon_check_run(context.client, request.check_run_id or publish.start_check_run(
                context.client, head_sha), phrase("poisoned").capitalize() + ".", conclusion="failure")
        except Exception:  # GitHub may be down too: the log has the poison record
            logger.warning("could not report a poison job", exc_info=True)

    def _retry(self, request: JobRequest, queue: JobQueue, error: TransientError) -> str:
        if request.attempt >= self.settings.max_attempts:
            log(logger, logging.ERROR, "giving up after transient failures", error=str(error), attempts=request.attempt)
            self._report_failure(request, queue, error)
            return "gave-up"
        delay = error.delay or self.settings.retry_base_seconds * 2 ** (request.attempt - 1)
        log(logger, logging.WARNING, "transient failure, retrying", error=str(error), delay=delay,
            attempt=request.attempt)
        retry = {"attempt": request.attempt + 1, "check_run_id": getattr(error, "check_run_id", request.check_run_id)}
        queue.enqueue(request.model_copy(update=retry), delay=delay)
        return "retrying"
