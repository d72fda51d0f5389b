"""GitHub access for one installation: App auth through PyGithub, every call counted, failures classified.

Installation tokens are cached until shortly before they expire. Calls go through PyGithub's requester so
that GitHub Enterprise Server (``IACFIX_GITHUB_API_URL``), auth headers and error types are PyGithub's; the
App's own retry policy (the queue's backoff) decides what happens on a failure, so no worker thread sleeps
through a rate-limit window.
"""

from __future__ import annotations

import base64
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import quote

from github import Auth, Github, GithubException, GithubIntegration
from requests import RequestException

from iacfix.bot import metrics
from iacfix.bot.settings import Settings

TOKEN_MARGIN_SECONDS = 300


class TransientError(Exception):
    """GitHub says to try again later (5xx, rate limit, network): the job is retried after ``delay`` seconds."""

    def __init__(self, message: str, delay: float | None = None) -> None:
        super().__init__(message)
        self.delay = delay


class GitHubError(Exception):
    """A refusal that retrying will not change (404, 422, 403 without a rate limit)."""

    def __init__(self, status: int, message: str, data: Any = None) -> None:
        super().__init__(f"GitHub answered {status}: {message}")
        self.status = status
        self.data = data


class AppAuth:
    """The App's identity: signs JWTs and exchanges them for installation tokens, cached per installation."""

    def __init__(self, settings: Settings) -> None:
        settings.require_app()
        self.settings = settings
        self._integration = GithubIntegration(
            auth=Auth.AppAuth(settings.app_id, settings.private_key_pem), base_url=settings.github_api_url
        )
        self._tokens: dict[int, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._slug: str | None = None

    def token(self, installation_id: int) -> str:
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached and cached[1] - TOKEN_MARGIN_SECONDS > time.time():
                return cached[0]
        try:
            authorization = self._integration.get_access_token(installation_id)
        except GithubException as error:
            raise _classify(error) from None
        except RequestException as error:
            raise TransientError(f"GitHub is unreachable: {error}") from None
        metrics.github_calls.labels("POST", "201").inc()
        expires = authorization.expires_at
        expiry = expires.timestamp() if isinstance(expires, datetime) else time.time() + 3600
        with self._lock:
            self._tokens[installation_id] = (authorization.token, expiry)
        return authorization.token

    def forget(self, installation_id: int) -> None:
        """Drop a cached token GitHub no longer accepts (revoked, or the installation was re-created)."""
        with self._lock:
            self._tokens.pop(installation_id, None)

    def bot_login(self) -> str:
        """The login the App's commits and comments carry (``<slug>[bot]``), for the loop guard."""
        if self._slug is None:
            try:
                self._slug = self._integration.get_app().slug
            except GithubException as error:
                raise _classify(error) from None
            metrics.github_calls.labels("GET", "200").inc()
        return f"{self._slug}[bot]"

    def client(self, installation_id: int, repo: str) -> GitHubClient:
        return GitHubClient(self, installation_id, repo)


class GitHubClient:
    """The REST calls the jobs make on one repository, each counted by kind for the per-PR cost report."""

    def __init__(self, auth: AppAuth, installation_id: int, repo: str) -> None:
        self.auth = auth
        self.installation_id = installation_id
        self.repo = repo
        self.calls: Counter[str] = Counter()
        self._connect()

    def _connect(self) -> None:
        settings = self.auth.settings
        self._github = Github(
            base_url=settings.github_api_url,
            auth=Auth.Token(self.auth.token(self.installation_id)),
            retry=None,
            per_page=100,
            seconds_between_requests=None,
            seconds_between_writes=settings.github_write_interval or None,
        )
        self._requester = self._github.requester

    # ---------------------------------------------------------------------------------- core
    def call(self, verb: str, path: str, *, params: dict[str, Any] | None = None, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[dict[str, Any], Any]:
        kind = f"{verb} {_kind(path)}"
        self.calls[kind] += 1
        try:
            try:
                response_headers, data = self._requester.requestJsonAndCheck(
                    verb, path, parameters=params, input=body, headers=headers
                )
            except GithubException as error:
                if error.status != 401:
                    raise
                # The cached installation token was refused: drop it, take a new one, try once more.
                metrics.github_calls.labels(verb, "401").inc()
                self.auth.forget(self.installation_id)
                self._connect()
                self.calls[kind] += 1
                response_headers, data = self._requester.requestJsonAndCheck(
                    verb, path, parameters=params, input=body, headers=headers
                )
        except GithubException as error:
            metrics.github_calls.labels(verb, str(error.status)).inc()
            raise _classify(error) from None
        except RequestException as error:
            metrics.github_calls.labels(verb, "network").inc()
            raise TransientError(f"GitHub is unreachable: {error}") from None
        metrics.github_calls.labels(verb, "ok").inc()
        remaining = response_headers.get("x-ratelimit-remaining")
        if remaining is not None and remaining.isdigit():
            metrics.rate_limit_remaining.set(int(remaining))
        return response_headers, data

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params or None)[1]

    def paginate(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every item of a list endpoint, 100 per page, following GitHub's Link header."""
        url: str | None = path
        query: dict[str, Any] | None = {"per_page": 100, **params}
        while url:
            headers, data = self.call("GET", url, params=query)
            items = data if isinstance(data, list) else data.get("check_runs", data.get("items", []))
            yield from items
            url = _next_link(headers.get("link", ""))
            query = None  # the next link carries the query

    @property
    def base(self) -> str:
        return f"/repos/{self.repo}"

    # ----------------------------------------------------------------------------- reading
    def pull(self, number: int) -> dict[str, Any]:
        return self.get(f"{self.base}/pulls/{number}")

    def pull_files(self, number: int) -> list[dict[str, Any]]:
        return list(self.paginate(f"{self.base}/pulls/{number}/files"))

    def blob(self, sha: str) -> bytes:
        data = self.get(f"{self.base}/git/blobs/{sha}")
        return base64.b64decode(data["content"]) if data.get("encoding") == "base64" else data["content"].encode()

    def tree(self, sha: str) -> list[dict[str, Any]]:
        data = self.get(f"{self.base}/git/trees/{sha}", recursive="1")
        return [entry for entry in data["tree"] if entry["type"] == "blob"]

    def commit(self, sha: str) -> dict[str, Any]:
        return self.get(f"{self.base}/git/commits/{sha}")

    def file_text(self, path: str, ref: str) -> str | None:
        """A file's text at a ref, or None when it does not exist there."""
        try:
            data = self.get(f"{self.base}/contents/{quote(path)}", ref=ref)
        except GitHubError as error:
            if error.status == 404:
                return None
            raise
        if not isinstance(data, dict) or data.get("type") != "file":
            return None
        return base64.b64decode(data.get("content", "")).decode("utf-8", errors="replace")

    def permission(self, user: str) -> str:
        data = self.get(f"{self.base}/collaborators/{quote(user)}/permission")
        return data.get("permission", "none")

    def review_comments(self, number: int) -> list[dict[str, Any]]:
        return list(self.paginate(f"{self.base}/pulls/{number}/comments"))

    def review_comment(self, comment_id: int) -> dict[str, Any]:
        return self.get(f"{self.base}/pulls/comments/{comment_id}")

    # ----------------------------------------------------------------------------- writing
    def create_tree(self, base_tree: str, files: dict[str, str | None], modes: dict[str, str] | None = None) -> str:
        """A tree on ``base_tree`` with these files' new contents, each keeping its mode (default 100644)."""
        entries = [
            {"path": path, "mode": (modes or {}).get(path, "100644"), "type": "blob",
             **({"content": text} if text is not None else {"sha": None})}
            for path, text in sorted(files.items())
        ]
        return self.call("POST", f"{self.base}/git/trees", body={"base_tree": base_tree, "tree": entries})[1]["sha"]

    def create_commit(self, message: str, tree: str, parent: str) -> str:
        body = {"message": message, "tree": tree, "parents": [parent]}
        return self.call("POST", f"{self.base}/git/commits", body=body)[1]["sha"]

    def update_branch(self, branch: str, sha: str) -> None:
        """Move the branch to ``sha`` without force: GitHub refuses (422) when the branch moved meanwhile."""
        self.call("PATCH", f"{self.base}/git/refs/heads/{quote(branch)}", body={"sha": sha, "force": False})

    def create_branch(self, branch: str, sha: str) -> None:
        self.call("POST", f"{self.base}/git/refs", body={"ref": f"refs/heads/{branch}", "sha": sha})

    def force_branch(self, branch: str, sha: str) -> None:
        self.call("PATCH", f"{self.base}/git/refs/heads/{quote(branch)}", body={"sha": sha, "force": True})

    def branch_sha(self, branch: str) -> str | None:
        try:
            return self.get(f"{self.base}/git/ref/heads/{quote(branch)}")["object"]["sha"]
        except GitHubError as error:
            if error.status == 404:
                return None
            raise

    def open_pulls(self, head: str, base: str) -> list[dict[str, Any]]:
        owner = self.repo.split("/")[0]
        return self.get(f"{self.base}/pulls", state="open", head=f"{owner}:{head}", base=base)

    def create_pull(self, title: str, body: str, head: str, base: str) -> dict[str, Any]:
        return self.call("POST", f"{self.base}/pulls", body={"title": title, "body": body, "head": head, "base": base})[1]

    def create_check_run(self, head_sha: str, **fields: Any) -> dict[str, Any]:
        body = {"name": "iacfix", "head_sha": head_sha, **fields}
        return self.call("POST", f"{self.base}/check-runs", body=body)[1]

    def update_check_run(self, check_run_id: int, **fields: Any) -> dict[str, Any]:
        return self.call("PATCH", f"{self.base}/check-runs/{check_run_id}", body=fields)[1]

    def create_review(self, number: int, commit_id: str, body: str, comments: list[dict[str, Any]]) -> dict[str, Any]:
        payload = {"commit_id": commit_id, "body": body, "event": "COMMENT", "comments": comments}
        return self.call("POST", f"{self.base}/pulls/{number}/reviews", body=payload)[1]

    def comment(self, number: int, body: str) -> dict[str, Any]:
        return self.call("POST", f"{self.base}/issues/{number}/comments", body={"body": body})[1]

    def issue_comments(self, number: int) -> list[dict[str, Any]]:
        return list(self.paginate(f"{self.base}/issues/{number}/comments"))

    def edit_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self.call("PATCH", f"{self.base}/issues/comments/{comment_id}", body={"body": body})[1]

    def reply_to_review_comment(self, number: int, comment_id: int, body: str) -> dict[str, Any]:
        return self.call("POST", f"{self.base}/pulls/{number}/comments/{comment_id}/replies", body={"body": body})[1]

    def react(self, comment_kind: str, comment_id: int, content: str) -> None:
        where = "issues" if comment_kind == "issue" else "pulls"
        self.call("POST", f"{self.base}/{where}/comments/{comment_id}/reactions", body={"content": content})


def _classify(error: GithubException) -> Exception:
    headers = {key.lower(): value for key, value in (error.headers or {}).items()}
    data = error.data if isinstance(error.data, dict) else {}
    message = data.get("message") or str(error.data)
    status = error.status
    if status in (403, 429):
        if "retry-after" in headers:
            return TransientError(f"GitHub asks to slow down: {message}", float(headers["retry-after"]))
        if headers.get("x-ratelimit-remaining") == "0":
            reset = float(headers.get("x-ratelimit-reset", time.time() + 60))
            return TransientError("GitHub's rate limit is used up", max(1.0, reset - time.time() + 1))
        if "secondary rate limit" in message.lower():
            return TransientError(f"GitHub's secondary rate limit: {message}", 60.0)
    if status >= 500:
        return TransientError(f"GitHub answered {status}: {message}")
    return GitHubError(status, message, error.data)


def _kind(path: str) -> str:
    """``/repos/o/r/git/blobs/abc`` -> ``git/blobs``: the call's kind, for counting."""
    parts = path.split("?")[0].strip("/").split("/")
    if parts[:1] == ["repos"]:
        parts = parts[3:]
    named = [p for p in parts if not (p.isdigit() or len(p) == 40 and all(c in "0123456789abcdef" for c in p))]
    if named[:2] in (["git", "refs"], ["git", "ref"]):
        return "/".join(named[:2])
    if named[:1] in (["contents"], ["collaborators"]):
        return named[0]
    return "/".join(named[:3]) or "/"


def _next_link(link: str) -> str | None:
    for part in link.split(","):
        if 'rel="next"' in part:
            return part[part.index("<") + 1 : part.index(">")]
    return None

