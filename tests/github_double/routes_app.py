"""The App's own endpoints (JWT-authenticated) and the rate limit overview."""

from __future__ import annotations

from tests.github_double.auth import LEVELS, issue_token
from tests.github_double.errors import ApiError, not_found
from tests.github_double.routing import ApiRequest, Reply, handles, require
from tests.github_double.state import timestamp


@handles("apps/create-installation-access-token")
def create_installation_token(request: ApiRequest) -> Reply:
    state = request.state
    installation = state.installations.get(request.integer("installation_id"))
    require(installation is not None, not_found())
    assert installation is not None
    for name in request.json.get("repositories", []):
        require(state.repository(f"{installation.account.login}/{name}") is not None, ApiError(
            422, "There is at least one repository that does not exist or is not accessible to the parent "
                 "installation."))
    for permission, level in request.json.get("permissions", {}).items():
        granted = state.permissions.get(permission)
        require(granted is not None and LEVELS.get(granted, 0) >= LEVELS.get(level, 9), ApiError(
            422, "The permissions requested are not granted to this installation."))
    token = issue_token(state, installation)
    permissions = request.json.get("permissions") or dict(state.permissions)
    return Reply(201, {"token": token.value, "expires_at": timestamp(token.expires_at), "permissions": permissions,
                       "repository_selection": "selected" if request.json.get("repositories") else "all"})


@handles("apps/get-authenticated")
def get_app(request: ApiRequest) -> Reply:
    return Reply(200, request.objects.integration())


@handles("apps/get-repo-installation")
def get_repository_installation(request: ApiRequest) -> Reply:
    repository = request.repository()
    installation = request.state.installation_for(repository.owner.login)
    require(installation is not None, not_found())
    assert installation is not None
    return Reply(200, request.objects.installation(installation))


@handles("rate-limit/get")
def get_rate_limit(request: ApiRequest) -> Reply:
    core = request.rate_budget
    rate = {"limit": core.limit, "remaining": max(0, core.limit - core.used), "reset": core.reset, "used": core.used}
    search = {"limit": 30, "remaining": 30, "reset": core.reset, "used": 0}
    return Reply(200, {"resources": {"core": rate, "search": search, "graphql": dict(rate)}, "rate": rate})
