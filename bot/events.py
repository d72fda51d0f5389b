"""Turns a webhook delivery into the job it asks for, or says why it asks for none.

One small handler per event, combined in one routing table (``ROUTES``), as bedevere routes its events.
Only what a job needs is read from the payload; the job itself reads everything else fresh from the API,
so a stale or forged payload can at worst ask for a scan.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

PR_ACTIONS = {"opened", "synchronize", "reopened", "ready_for_review"}
LOGGED_EVENTS = {"installation", "installation_repositories"}


class BadPayload(ValueError):
    """The delivery lacks what its event needs: answered with 400 and this reason."""


class FixCommand(BaseModel):
    rules: list[str] = []
    dry_run: bool = False


class JobRequest(BaseModel):
    """One unit of work for the queue; serialisable, so it survives a restart and crosses machines."""

    kind: Literal["review", "fix", "fix-suggestion"]
    delivery: str
    repo: str
    installation_id: int
    pr: int
    head_sha: str | None = None
    sender: str | None = None
    # Where a /fix came from, to react and reply there.
    comment_id: int | None = None
    comment_kind: Literal["issue", "review", "check_run"] | None = None
    command: FixCommand | None = None
    attempt: int = 1
    # A retried review keeps the check run its first attempt opened: one check run per head.
    check_run_id: int | None = None

    @property
    def lock_name(self) -> str:
        return f"pr:{self.repo}#{self.pr}"

    @property
    def job_key(self) -> str:
        """This job and no other: a retry (next attempt) is another job, a recovered one the same."""
        return f"{self.delivery}:{self.kind}:{self.attempt}"


def parse_fix_command(body: str) -> FixCommand | None:
    """``/fix``, ``/fix IAC002 log-retention``, ``/fix --dry-run``: the first line that starts with /fix."""
    for line in body.splitlines():
        stripped = line.strip()
        if stripped == "/fix" or stripped.startswith("/fix "):
            try:
                words = shlex.split(stripped)[1:]
            except ValueError:
                words = stripped.split()[1:]
            dry_run = "--dry-run" in words
            return FixCommand(rules=[w for w in words if w != "--dry-run"], dry_run=dry_run)
    return None


@dataclass(frozen=True)
class Delivery:
    """One webhook delivery as a handler sees it: its id, action and payload, with checked accessors."""

    event: str
    id: str
    payload: dict[str, Any]

    @property
    def action(self) -> Any:
        return self.payload.get("action")

    def get(self, *path: str) -> Any:
        """The value at ``path`` (``"pull_request", "head", "sha"``); BadPayload naming it when it is absent."""
        value: Any = self.payload
        for key in path:
            if not isinstance(value, dict) or key not in value:
                raise BadPayload(f"the payload has no {'.'.join(path)}")
            value = value[key]
        return value

    def job(self, kind: str, pr: Any, **fields: Any) -> JobRequest:
        """A job for this delivery's installation and repository."""
        installation = self.get("installation", "id")
        repo = self.get("repository", "full_name")
        if not isinstance(installation, int) or not isinstance(repo, str) or "/" not in repo:
            raise BadPayload("installation.id must be a number and repository.full_name owner/name")
        sender = self.payload.get("sender") or {}
        return JobRequest(kind=kind, delivery=self.id, pr=pr, installation_id=installation, repo=repo,
                          sender=sender.get("login"), **fields)


def from_a_bot(delivery: Delivery) -> bool:
    """A comment written by a bot (the App itself included) is never a command: bots must not steer the App."""
    for who in (delivery.payload.get("sender"), (delivery.payload.get("comment") or {}).get("user")):
        if isinstance(who, dict) and (who.get("type") == "Bot" or str(who.get("login", "")).endswith("[bot]")):
            return True
    return False


def on_pull_request(delivery: Delivery) -> JobRequest | None:
    if delivery.action not in PR_ACTIONS or delivery.get("pull_request", "state") != "open":
        return None
    return delivery.job("review", delivery.get("pull_request", "number"),
                        head_sha=delivery.get("pull_request", "head", "sha"))


def on_issue_comment(delivery: Delivery) -> JobRequest | None:
    if delivery.action != "created" or "pull_request" not in delivery.get("issue") or from_a_bot(delivery):
        return None
    command = parse_fix_command(delivery.get("comment", "body") or "")
    if command is None:
        return None
    return delivery.job("fix", delivery.get("issue", "number"), comment_id=delivery.get("comment", "id"),
                        comment_kind="issue", command=command)


def on_review_comment(delivery: Delivery) -> JobRequest | None:
    comment = delivery.get("comment")
    if delivery.action != "created" or not comment.get("in_reply_to_id") or from_a_bot(delivery):
        return None
    command = parse_fix_command(comment.get("body") or "")
    if command is None:
        return None
    return delivery.job("fix-suggestion", delivery.get("pull_request", "number"),
                        comment_id=delivery.get("comment", "id"), comment_kind="review", command=command)


def on_check_run(delivery: Delivery) -> JobRequest | None:
    pulls = delivery.get("check_run", "pull_requests")
    if not pulls or delivery.action not in ("rerequested", "requested_action"):
        return None
    head_sha = delivery.get("check_run", "head_sha")
    if delivery.action == "rerequested":
        return delivery.job("review", pulls[0]["number"], head_sha=head_sha)
    if delivery.get("requested_action", "identifier") != "fix":
        return None
    return delivery.job("fix", pulls[0]["number"], head_sha=head_sha, comment_kind="check_run",
                        command=FixCommand())


def on_check_suite(delivery: Delivery) -> JobRequest | None:
    pulls = delivery.get("check_suite", "pull_requests")
    if delivery.action != "rerequested" or not pulls:
        return None
    return delivery.job("review", pulls[0]["number"], head_sha=delivery.get("check_suite", "head_sha"))


ROUTES: dict[str, Callable[[Delivery], JobRequest | None]] = {
    "pull_request": on_pull_request,
    "issue_comment": on_issue_comment,
    "pull_request_review_comment": on_review_comment,
    "check_run": on_check_run,
    "check_suite": on_check_suite,
}
HANDLED_EVENTS = frozenset(ROUTES)


def job_for(event: str, delivery: str, payload: Any) -> JobRequest | None:
    """The job a delivery asks for; None when the event needs no work. Raises BadPayload with the reason."""
    handler = ROUTES.get(event)
    if handler is None:
        return None
    if not isinstance(payload, dict):
        raise BadPayload("the payload must be a JSON object")
    try:
        return handler(Delivery(event, delivery, payload))
    except (ValidationError, TypeError, AttributeError, IndexError, KeyError) as error:
        raise BadPayload(f"the {event} payload is malformed: {error}") from error
