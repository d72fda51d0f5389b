"""Turns a webhook delivery into the job it asks for, or says why it asks for none.

Only what a job needs is read from the payload; the job itself reads everything else fresh from the API,
so a stale or forged payload can at worst ask for a scan.
"""

from __future__ import annotations

import shlex
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

PR_ACTIONS = {"opened", "synchronize", "reopened", "ready_for_review"}
HANDLED_EVENTS = {"pull_request", "issue_comment", "pull_request_review_comment", "check_run", "check_suite"}
LOGGED_EVENTS = {"installation", "installation_repositories", "ping"}


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


def _get(payload: dict[str, Any], *path: str) -> Any:
    value: Any = payload
    for key in path:
        if not isinstance(value, dict) or key not in value:
            raise BadPayload(f"the payload has no {'.'.join(path)}")
        value = value[key]
    return value


def _common(payload: dict[str, Any]) -> dict[str, Any]:
    installation = _get(payload, "installation", "id")
    repo = _get(payload, "repository", "full_name")
    if not isinstance(installation, int) or not isinstance(repo, str) or "/" not in repo:
        raise BadPayload("installation.id must be a number and repository.full_name owner/name")
    sender = payload.get("sender") or {}
    return {"installation_id": installation, "repo": repo, "sender": sender.get("login")}


def job_for(event: str, delivery: str, payload: Any) -> JobRequest | None:
    """The job a delivery asks for; None when the event needs no work. Raises BadPayload with the reason."""
    if event not in HANDLED_EVENTS:
        return None
    if not isinstance(payload, dict):
        raise BadPayload("the payload must be a JSON object")
    action = payload.get("action")
    try:
        if event == "pull_request":
            if action not in PR_ACTIONS:
                return None
            if _get(payload, "pull_request", "state") != "open":
                return None
            return JobRequest(kind="review", delivery=delivery, pr=_get(payload, "pull_request", "number"),
                              head_sha=_get(payload, "pull_request", "head", "sha"), **_common(payload))
        if event == "issue_comment":
            if action != "created" or "pull_request" not in _get(payload, "issue"):
                return None
            command = parse_fix_command(_get(payload, "comment", "body") or "")
            if command is None:
                return None
            return JobRequest(kind="fix", delivery=delivery, pr=_get(payload, "issue", "number"),
                              comment_id=_get(payload, "comment", "id"), comment_kind="issue", command=command,
                              **_common(payload))
        if event == "pull_request_review_comment":
            comment = _get(payload, "comment")
            if action != "created" or not comment.get("in_reply_to_id"):
                return None
            command = parse_fix_command(comment.get("body") or "")
            if command is None:
                return None
            return JobRequest(kind="fix-suggestion", delivery=delivery, pr=_get(payload, "pull_request", "number"),
                              comment_id=_get(payload, "comment", "id"), comment_kind="review", command=command,
                              **_common(payload))
        if event == "check_run":
            pulls = _get(payload, "check_run", "pull_requests")
            if not pulls or action not in ("rerequested", "requested_action"):
                return None
            if action == "requested_action" and _get(payload, "requested_action", "identifier") != "fix":
                return None
            kind = "fix" if action == "requested_action" else "review"
            return JobRequest(kind=kind, delivery=delivery, pr=_get(pulls[0], "number"),
                              head_sha=_get(payload, "check_run", "head_sha"),
                              comment_kind="check_run" if kind == "fix" else None,
                              command=FixCommand() if kind == "fix" else None, **_common(payload))
        if event == "check_suite":
            pulls = _get(payload, "check_suite", "pull_requests")
            if action != "rerequested" or not pulls:
                return None
            return JobRequest(kind="review", delivery=delivery, pr=_get(pulls[0], "number"),
                              head_sha=_get(payload, "check_suite", "head_sha"), **_common(payload))
    except (ValidationError, TypeError, AttributeError, IndexError) as error:
        raise BadPayload(f"the {event} payload is malformed: {error}") from error
    return None
