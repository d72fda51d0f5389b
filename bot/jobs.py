"""The jobs the queue runs: review a pull request's head, or fix it on request.

Every job reads the pull request afresh from the API (the payload only says which one), so a delayed or
retried job works on what is there now. Safety rules live here: the App never fixes its own commits, never
fixes one head twice, never writes more than ``max_bot_commits`` commits on a PR by itself, and only acts on
``/fix`` from people with write access, checked through the API.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from iacfix.bot import metrics, publish, texts
from iacfix.bot.config import CONFIG_PATH, RepoConfig, parse_config
from iacfix.bot.events import JobRequest
from iacfix.bot.github import AppAuth, GitHubClient, GitHubError, TransientError
from iacfix.bot.logs import log
from iacfix.bot.publish import Analysis, BranchMoved
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings
from iacfix.bot.suggestions import read_marker
from iacfix.bot.workspace import changed_iac_files, read_workspace
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.model import Applicability, Finding, Report
from iacfix.fixers.registry import UnknownRule, resolve
from iacfix.fixers.text import unified_diff

logger = logging.getLogger("iacfix.jobs")

WRITERS = ("admin", "write")
REPLY_DEFAULTS: dict[str, Any] = {
    "refused": False, "permission": "", "error": "", "dry_run": False, "diff": "", "commit": "", "pull": 0,
    "note": "", "fixed": [], "declined": [],
}


class JobRunner:
    """Runs one job; transient GitHub failures go back on the queue with exponential backoff."""

    def __init__(self, settings: Settings, auth: AppAuth | None = None) -> None:
        self.settings = settings
        self.auth = auth or AppAuth(settings)

    def __call__(self, request: JobRequest, queue: JobQueue) -> None:
        started = time.monotonic()
        outcome = "done"
        try:
            client = self.auth.client(request.installation_id, request.repo)
            job = {"review": self.review, "fix": self.fix, "fix-suggestion": self.fix_suggestion}[request.kind]
            job(request, queue, client)
            log(logger, logging.INFO, "job done", kind=request.kind, pr=request.lock_name, calls=dict(client.calls))
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
            self._report_failure(request, error)
        finally:
            metrics.jobs.labels(request.kind, outcome).inc()
            metrics.job_seconds.labels(request.kind).observe(time.monotonic() - started)

    def _report_failure(self, request: JobRequest, error: Exception) -> None:
        """Whoever asked for ``/fix`` hears that it failed (😕 and a reply), rather than nothing at all."""
        if request.kind == "review":
            return
        reason = str(error) if isinstance(error, (GitHubError, TransientError)) else "an internal error (see the logs)"
        try:
            client = self.auth.client(request.installation_id, request.repo)
            body = texts.render("reply.md.j2", **{**REPLY_DEFAULTS, "user": request.sender,
                                                  "error": f"`/fix` could not complete: {reason}."})
            client.comment(request.pr, body)
            if request.comment_id and request.comment_kind in ("issue", "review"):
                client.react(request.comment_kind, request.comment_id, "confused")
        except Exception:  # GitHub itself may be what failed
            logger.warning("could not report the failure of a /fix", exc_info=True)

    def _retry(self, request: JobRequest, queue: JobQueue, error: TransientError) -> str:
        if request.attempt >= self.settings.max_attempts:
            log(logger, logging.ERROR, "giving up after transient failures", error=str(error), attempts=request.attempt)
            self._report_failure(request, error)
            return "gave-up"
        delay = error.delay or self.settings.retry_base_seconds * 2 ** (request.attempt - 1)
        log(logger, logging.WARNING, "transient failure, retrying", error=str(error), delay=delay,
            attempt=request.attempt)
        retry = {"attempt": request.attempt + 1, "check_run_id": getattr(error, "check_run_id", request.check_run_id)}
        queue.enqueue(request.model_copy(update=retry), delay=delay)
        return "retrying"

    # --------------------------------------------------------------------------- shared steps
    @staticmethod
    def read_config(client: GitHubClient, pull: dict[str, Any]) -> tuple[RepoConfig, list[str]]:
        default_branch = pull["base"]["repo"]["default_branch"]
        try:
            return parse_config(client.file_text(CONFIG_PATH, default_branch))
        except GitHubError as error:
            return RepoConfig(), [f"{CONFIG_PATH} could not be read: {error}"]

    @staticmethod
    def engine_config(config: RepoConfig, *, unsafe: bool = False, rules: list[str] = (),
                      only: frozenset[tuple[str, str, str]] | None = None) -> EngineConfig:
        select = tuple(rules) if rules else (tuple(config.rules.enable) if config.rules.enable is not None else None)
        return EngineConfig(
            select=select,
            ignore=tuple(r for r in config.rules.disable if not rules),
            options=config.rules.options,
            unsafe=unsafe,
            unsafe_rules=(*config.rules.unsafe, *rules),
            only=only,
        )

    @staticmethod
    def analyse(client: GitHubClient, pull: dict[str, Any], config: RepoConfig, engine_config: EngineConfig,
                ) -> tuple[Analysis, dict[str, Any]]:
        head_sha = pull["head"]["sha"]
        head_commit = client.commit(head_sha)
        changed = changed_iac_files(client.pull_files(pull["number"]), config)
        workspace = read_workspace(client, head_sha, head_commit["tree"]["sha"], changed)
        engine = Engine(replace(engine_config, paths=frozenset(workspace.changed)))
        fix = engine.fix(workspace.files) if workspace.changed else Report()
        originals = {path: workspace.files[path].decode("utf-8", errors="replace") for path in workspace.changed}
        analysis = Analysis(
            head_sha=head_sha, tree_sha=workspace.tree_sha, branch=pull["head"]["ref"], originals=originals,
            changed=workspace.changed, patches=workspace.patches, fix=fix, rules=[rule.code for rule in engine.rules],
        )
        for finding in analysis.findings:
            metrics.findings.labels(finding.code).inc()
        return analysis, head_commit

    def is_own_commit(self, queue: JobQueue, repo: str, commit: dict[str, Any]) -> bool:
        if queue.seen(f"botcommit:{repo}@{commit['sha']}"):
            return True
        return (commit.get("author") or {}).get("name") == self.auth.bot_login()

    @staticmethod
    def is_fork(pull: dict[str, Any], repo: str) -> bool:
        head_repo = pull["head"].get("repo")
        return head_repo is None or head_repo["full_name"] != repo

    # ---------------------------------------------------------------------------------- review
    def review(self, request: JobRequest, queue: JobQueue, client: GitHubClient) -> None:
        pull = client.pull(request.pr)
        if pull["state"] != "open":
            return
        if request.head_sha and request.head_sha != pull["head"]["sha"]:
            log(logger, logging.INFO, "superseded by a newer push", pr=request.lock_name)
            return
        config, problems = self.read_config(client, pull)
        if pull.get("draft") and not config.drafts:
            log(logger, logging.INFO, "draft pull request skipped", pr=request.lock_name)
            return
        fork = self.is_fork(pull, request.repo)
        mode = "suggest" if fork else config.mode
        check_run = request.check_run_id or publish.start_check_run(client, pull["head"]["sha"])
        try:
            analysis, head_commit = self.analyse(client, pull, config,
                                                 self.engine_config(config, unsafe=mode == "suggest"))
            if not analysis.changed:
                publish.finish_check_run(client, check_run, analysis, conclusion="neutral", config_problems=problems)
                return
            note = "This pull request comes from a fork the App cannot push to, so its fixes are suggested." \
                if fork and config.mode != "suggest" else ""
            delivery, committed = self.deliver(request, queue, client, pull, config, analysis, head_commit, mode, note)
        except TransientError as error:  # the retry reports on this same check run
            publish.note_retry(client, check_run, f"GitHub asked to retry later ({error}); retrying.")
            error.check_run_id = check_run
            raise
        except BranchMoved:  # the new head gets its own check run
            publish.abandon_check_run(client, check_run, "The branch moved during the check: the new head is checked.")
            raise
        except GitHubError as error:
            publish.abandon_check_run(client, check_run, f"GitHub refused a request: {error}", conclusion="failure")
            raise
        remaining = analysis.fix.remaining if committed else analysis.findings
        # Suggestions already include unsafe fixes; other modes leave them to an explicit `/fix CODE`.
        unsafe = [] if mode == "suggest" else sorted(
            {f.code for f in analysis.findings if f.fix and f.fix.applicability is Applicability.UNSAFE})
        conclusion = "success" if not analysis.findings else ("neutral" if not remaining else "failure")
        offer_fix = any(f.fixable for f in remaining) and mode == "suggest"
        publish.finish_check_run(client, check_run, analysis, conclusion=conclusion, delivery=delivery,
                                 config_problems=problems, offer_fix=offer_fix, unsafe=unsafe)

    def deliver(self, request: JobRequest, queue: JobQueue, client: GitHubClient, pull: dict[str, Any],
                config: RepoConfig, analysis: Analysis, head_commit: dict[str, Any], mode: str, note: str,
                ) -> tuple[str, bool]:
        """Deliver the fixes of an automatic run by the repository's mode.

        Returns what was done, for the check run's summary, and whether the fixes were committed to the branch.
        """
        files = analysis.fixed_files
        if not files:
            return note, False
        if mode == "suggest":
            comments, _ = publish.review_suggestions(client, request.pr, analysis, self.auth.bot_login(), note)
            return f"Suggested {comments} fix{'es' if comments != 1 else ''} in a review. {note}".strip(), False
        if self.is_own_commit(queue, request.repo, head_commit):
            return "The head commit was made by iacfix: checked, not fixed again.", False
        if queue.count(f"botcommits:{request.repo}#{request.pr}") >= config.max_bot_commits:
            return (f"iacfix has already committed {config.max_bot_commits} times to this pull request "
                    "(`max_bot_commits`): comment `/fix` to commit the fixes."), False
        # A fix pull request leaves the branch where it is, so `/fix` may still commit on that head.
        fact = f"{'fixed' if mode == 'commit' else 'fix-pull'}:{request.repo}@{analysis.head_sha}"
        if queue.seen(fact):
            return "This head was already fixed.", False
        fixed = [f for f in analysis.fix.fixed if f.path in files]
        plural = "es" if len(fixed) != 1 else ""
        if mode == "commit":
            sha = publish.commit_fixes(client, analysis, fixed, files)
            self._record_commit(queue, request, analysis.head_sha, sha, fixed, mode)
            return f"Committed {sha[:7]} with {len(fixed)} fix{plural}.", True
        number = publish.open_fix_pull(client, analysis, request.pr, fixed, files)
        queue.claim(fact)
        self._count_fixes(fixed, mode)
        return f"Opened #{number} with {len(fixed)} fix{plural}.", False

    def _record_commit(self, queue: JobQueue, request: JobRequest, head_sha: str, sha: str, fixed: list[Finding],
                       mode: str) -> None:
        """Facts recorded only once the commit landed, so a job that dies before is simply run again."""
        queue.claim(f"fixed:{request.repo}@{head_sha}")
        queue.claim(f"botcommit:{request.repo}@{sha}")
        queue.count(f"botcommits:{request.repo}#{request.pr}", 1)
        self._count_fixes(fixed, mode)

    @staticmethod
    def _count_fixes(fixed: list[Finding], mode: str) -> None:
        for finding in fixed:
            metrics.fixes.labels(finding.code, mode).inc()

    # ------------------------------------------------------------------------------------ /fix
    def fix(self, request: JobRequest, queue: JobQueue, client: GitHubClient,
            only: frozenset[tuple[str, str, str]] | None = None, reply_thread: int | None = None) -> None:
        """``/fix`` in a comment, or the check run's "Fix all" button: commit the fixes the sender asks for."""
        command = request.command
        assert command is not None

        def answer(reaction: str | None = None, **values: Any) -> None:
            body = texts.render("reply.md.j2", **{**REPLY_DEFAULTS, "user": request.sender, **values})
            if reply_thread is not None:
                client.reply_to_review_comment(request.pr, reply_thread, body)
            else:
                client.comment(request.pr, body)
            if reaction and request.comment_id and request.comment_kind in ("issue", "review"):
                client.react(request.comment_kind, request.comment_id, reaction)

        permission = client.permission(request.sender) if request.sender else "none"
        if permission not in WRITERS:
            answer(refused=True, permission=permission)
            return
        if request.comment_id and request.comment_kind in ("issue", "review"):
            client.react(request.comment_kind, request.comment_id, "eyes")
        try:
            rules = [resolve(selector).code for selector in command.rules]
        except UnknownRule as error:
            answer("confused", error=f"unknown rule {error.args[0]!r}: see `iacfix rules` for the catalog.")
            return
        pull = client.pull(request.pr)
        if pull["state"] != "open":
            answer("confused", error="this pull request is closed.")
            return
        config, _ = self.read_config(client, pull)
        unsafe = only is not None  # a suggestion asked for by name is applied as suggested
        analysis, _ = self.analyse(client, pull, config, self.engine_config(config, unsafe=unsafe, rules=rules,
                                                                            only=only))
        files = analysis.fixed_files
        fixed = [f for f in analysis.fix.fixed if f.path in files]
        declined = analysis.fix.remaining if only is None else []
        if command.dry_run:
            diff = "".join(unified_diff(path, analysis.originals[path], files[path]) for path in sorted(files))
            answer("+1", dry_run=True, diff=diff.rstrip("\n"), fixed=fixed, declined=declined)
            return
        if not files:
            answer("+1", declined=declined)
            return
        if self.is_fork(pull, request.repo):
            comments, _ = publish.review_suggestions(client, request.pr, analysis, self.auth.bot_login())
            answer("+1", note=f"this pull request comes from a fork the App cannot push to: {comments} fix"
                               f"{'es were' if comments != 1 else ' was'} suggested in a review instead.")
            return
        if queue.seen(f"fixed:{request.repo}@{analysis.head_sha}"):
            answer("confused", error=f"{analysis.head_sha[:7]} was already fixed; push a change and try again.")
            return
        sha = publish.commit_fixes(client, analysis, fixed, files, requested_by=request.sender)
        self._record_commit(queue, request, analysis.head_sha, sha, fixed, "command")
        answer("+1", commit=sha, fixed=fixed, declined=declined)

    def fix_suggestion(self, request: JobRequest, queue: JobQueue, client: GitHubClient) -> None:
        """``/fix`` replied to one of the App's suggestions: commit just that suggestion."""
        reply = client.review_comment(request.comment_id)
        root_id = reply.get("in_reply_to_id") or request.comment_id
        root = client.review_comment(root_id)
        marker = read_marker(root.get("body", "")) if (root.get("user") or {}).get("login") == self.auth.bot_login() \
            else None
        if marker is None:
            return  # a /fix in somebody else's thread: the PR-wide /fix is the way
        only = frozenset(tuple(identity) for identity in marker["findings"])
        self.fix(request, queue, client, only=only, reply_thread=root_id)


