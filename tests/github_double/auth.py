"""Who is calling: the App with a JWT, an installation with a token, or nobody; and what each may do.

GitHub Apps authenticate in two steps (an RS256 JWT signed with the App key, exchanged for an installation token
that lasts an hour), each endpoint needs one of the two, and an installation token only reaches the repositories
of the account it is installed on and only with the permissions the App was granted. The double checks all of it.
"""

from __future__ import annotations

import secrets
import string
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import jwt

from tests.github_double.errors import ApiError
from tests.github_double.state import DoubleState, Installation, Token, now

JWT_OPERATIONS = {"apps/create-installation-access-token", "apps/get-authenticated", "apps/get-repo-installation"}
OPEN_OPERATIONS = {"rate-limit/get"}
LEVELS = {"read": 1, "write": 2, "admin": 3}
# What an installation token needs for each operation the double serves (any one of the alternatives).
REQUIRED_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "repos/get": (("metadata", "read"),),
    "repos/get-collaborator-permission-level": (("metadata", "read"),),
    "pulls/get": (("pull_requests", "read"),),
    "pulls/list": (("pull_requests", "read"),),
    "pulls/list-files": (("pull_requests", "read"),),
    "pulls/create": (("pull_requests", "write"),),
    "pulls/create-review": (("pull_requests", "write"),),
    "pulls/list-reviews": (("pull_requests", "read"),),
    "pulls/list-review-comments": (("pull_requests", "read"),),
    "pulls/get-review-comment": (("pull_requests", "read"),),
    "pulls/create-reply-for-review-comment": (("pull_requests", "write"),),
    "git/get-blob": (("contents", "read"),),
    "git/get-tree": (("contents", "read"),),
    "git/create-tree": (("contents", "write"),),
    "git/get-commit": (("contents", "read"),),
    "git/create-commit": (("contents", "write"),),
    "git/get-ref": (("contents", "read"),),
    "git/create-ref": (("contents", "write"),),
    "git/update-ref": (("contents", "write"),),
    "repos/get-content": (("contents", "read"),),
    "repos/get-commit": (("contents", "read"),),
    "checks/create": (("checks", "write"),),
    "checks/update": (("checks", "write"),),
    "checks/get": (("checks", "read"),),
    "checks/list-for-ref": (("checks", "read"),),
    "checks/list-annotations": (("checks", "read"),),
    "issues/create-comment": (("issues", "write"), ("pull_requests", "write")),
    "issues/list-comments": (("issues", "read"), ("pull_requests", "read")),
    "reactions/create-for-issue-comment": (("issues", "write"), ("pull_requests", "write")),
    "reactions/create-for-pull-request-review-comment": (("pull_requests", "write"),),
}
ALL_PERMISSIONS = {"contents": "write", "pull_requests": "write", "checks": "write", "issues": "write",
                   "metadata": "read"}
ALL_EVENTS = ["pull_request", "issue_comment", "pull_request_review_comment", "check_run", "check_suite"]


def manifest_grants(manifest: Path) -> tuple[dict[str, str], list[str]]:
    """The permissions and events an App registered from this manifest (app.yml) is granted."""
    if not manifest.exists():
        return dict(ALL_PERMISSIONS), list(ALL_EVENTS)
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(manifest.read_text()) or {}
    return dict(data.get("default_permissions") or {}), list(data.get("default_events") or [])


@dataclass
class Caller:
    kind: str  # "app", "installation" or "anonymous"
    rate_key: str
    installation: Installation | None = None


@dataclass
class Budget:
    limit: int
    reset: int
    used: int = 0

    def headers(self) -> dict[str, str]:
        return {"x-ratelimit-limit": str(self.limit), "x-ratelimit-remaining": str(max(0, self.limit - self.used)),
                "x-ratelimit-reset": str(self.reset), "x-ratelimit-used": str(self.used),
                "x-ratelimit-resource": "core"}


@dataclass
class RateLimits:
    """Hourly request budgets per credential, counted down with every request as GitHub does."""

    installation_limit: int = 5000
    budgets: dict[str, Budget] = field(default_factory=dict)

    def budget(self, caller: Caller) -> Budget:
        limit = {"installation": self.installation_limit, "app": 5000}.get(caller.kind, 60)
        budget = self.budgets.get(caller.rate_key)
        if budget is None or budget.reset <= time.time():
            budget = self.budgets[caller.rate_key] = Budget(limit, int(time.time()) + 3600)
        budget.limit = limit
        return budget


def issue_token(state: DoubleState, installation: Installation) -> Token:
    alphabet = string.ascii_letters + string.digits
    value = "ghs_" + "".join(secrets.choice(alphabet) for _ in range(36))
    token = Token(value, installation.id, now() + timedelta(hours=1))
    state.tokens[value] = token
    return token


def _credential(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") and value.strip() else None


def _verify_jwt(state: DoubleState, public_key: str, token: str) -> None:
    try:
        claims = jwt.decode(token, public_key, algorithms=["RS256"], options={
            "require": ["iat", "exp", "iss"], "verify_iat": False, "verify_exp": False})
    except jwt.PyJWTError:
        raise ApiError(401, "A JSON web token could not be decoded") from None
    moment = time.time()
    if not isinstance(claims["iat"], int) or claims["iat"] > moment + 60:
        raise ApiError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion "
                            "was issued")
    if not isinstance(claims["exp"], int) or claims["exp"] <= moment:
        raise ApiError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time "
                            "at which the assertion expires")
    if claims["exp"] > moment + 600 + 5:
        raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
    if str(claims["iss"]) != str(state.app_id):
        raise ApiError(401, "'Issuer' claim ('iss') must be the App's id")


def identify(state: DoubleState, header: str | None) -> Caller:
    """Whose rate limit budget a request counts against, before (and whether or not) it authenticates."""
    credential = _credential(header)
    token = state.tokens.get(credential or "")
    if token is not None and token.expires_at > now():
        return Caller("installation", token.value, state.installations[token.installation_id])
    if credential is not None and credential.count(".") == 2:
        return Caller("app", "app")
    return Caller("anonymous", "anonymous")


def authenticate(state: DoubleState, public_key: str, header: str | None, operation_id: str) -> Caller:
    credential = _credential(header)
    if operation_id in JWT_OPERATIONS:
        if credential is None or credential.count(".") != 2:
            raise ApiError(401, "A JSON web token could not be decoded")
        _verify_jwt(state, public_key, credential)
        return Caller("app", "app")
    if credential is None:
        if operation_id in OPEN_OPERATIONS:
            return Caller("anonymous", "anonymous")
        raise ApiError(401, "Requires authentication")
    token = state.tokens.get(credential)
    if token is None or token.expires_at <= now():
        raise ApiError(401, "Bad credentials")
    return Caller("installation", credential, state.installations[token.installation_id])


def require_permission(state: DoubleState, operation_id: str) -> None:
    """403 when the App was not granted what the operation needs, as GitHub answers an under-privileged App."""
    needs = REQUIRED_PERMISSIONS.get(operation_id)
    if not needs:
        return
    for permission, level in needs:
        if permission == "metadata":
            return  # every App can read repository metadata
        granted = state.permissions.get(permission)
        if granted is not None and LEVELS.get(granted, 0) >= LEVELS[level]:
            return
    raise ApiError(403, "Resource not accessible by integration")
