"""What a handler receives and returns, and the table from GitHub operation ids to handlers.

Handlers are keyed by the `operationId` of GitHub's description, so a request reaches one only after it matched
that operation's path template and method.
"""

from __future__ import annotations

import copy
import math
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.github_double.auth import Caller
from tests.github_double.errors import ApiError, not_found
from tests.github_double.objects import Objects
from tests.github_double.state import DoubleState, PullRequest, Repository

RefHook = Callable[[str, str, str], None]


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ApiRequest:
    state: DoubleState
    objects: Objects
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    caller: Caller
    path: str = "/"
    raw_query: list[tuple[str, str]] = field(default_factory=list)
    before_ref_update: RefHook | None = None
    rate_budget: Any = None

    @property
    def json(self) -> dict[str, Any]:
        return self.body if isinstance(self.body, dict) else {}

    def repository(self) -> Repository:
        """The addressed repository; 404 unless it exists and the calling installation's account owns it."""
        repository = self.state.repository(f"{self.params['owner']}/{self.params['repo']}")
        if repository is None:
            raise not_found()
        installation = self.caller.installation
        if installation is not None and installation.account.login.lower() != repository.owner.login.lower():
            raise not_found()
        return repository

    def integer(self, name: str) -> int:
        value = self.params[name]
        if not value.isdigit():
            raise not_found()
        return int(value)

    def query_integer(self, name: str, default: int) -> int:
        value = self.query.get(name)
        return int(value) if value is not None and value.lstrip("-").isdigit() else default

    def pull(self) -> PullRequest:
        pull = self.state.pull(self.repository(), self.integer("pull_number"))
        if pull is None:
            raise not_found()
        return pull

    def record(self, kind: str, obj: dict[str, Any], repository: Repository) -> dict[str, Any]:
        """Keeps a copy of what the API answered, marked with its repository, for the tests to inspect."""
        recorded = {**copy.deepcopy(obj), "repository": repository.full_name}
        self.state.recorded[kind].append(recorded)
        return recorded


Handler = Callable[[ApiRequest], Reply]
HANDLERS: dict[str, Handler] = {}


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[operation_id] = handler
        return handler

    return register


def require(condition: bool, error: ApiError) -> None:
    if not condition:
        raise error


def paginated(request: ApiRequest, items: list[Any], render: Callable[[Any], Any]) -> Reply:
    """One page of a list, with GitHub's RFC 5988 Link header (next, last, first, prev) when there are others."""
    per_page = min(max(request.query_integer("per_page", 30), 1), 100)
    page = max(request.query_integer("page", 1), 1)
    last = max(1, math.ceil(len(items) / per_page))
    kept = [(name, value) for name, value in request.raw_query if name not in ("page", "per_page")]

    def url(number: int) -> str:
        query = urllib.parse.urlencode([*kept, ("per_page", str(per_page)), ("page", str(number))])
        return f"{request.objects.base}{request.path}?{query}"

    relations = []
    if page < last:
        relations += [("next", page + 1), ("last", last)]
    if page > 1:
        relations += [("first", 1), ("prev", min(page - 1, last))]
    headers = {"Link": ", ".join(f'<{url(number)}>; rel="{rel}"' for rel, number in relations)} if relations else {}
    chunk = items[(page - 1) * per_page:page * per_page]
    return Reply(200, [render(item) for item in chunk], headers)
