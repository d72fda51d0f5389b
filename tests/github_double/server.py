"""The HTTP side: every request is matched to a GitHub operation, authenticated, checked against GitHub's description,
answered by its handler, and the answer is checked too; then the server that runs it in a thread.

Mismatches never pass silently: they are kept in `violations`, which the tests assert empty at teardown.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import traceback
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

import uvicorn

from tests.github_double import openapi, routes_app, routes_checks, routes_git, routes_issues, routes_pulls
from tests.github_double.auth import OPEN_OPERATIONS, Budget, RateLimits, authenticate, identify, require_permission
from tests.github_double.errors import DOCUMENTATION_URL, ApiError
from tests.github_double.objects import Objects
from tests.github_double.routing import HANDLERS, ApiRequest, RefHook, Reply
from tests.github_double.state import DoubleState

# Importing the route modules registers their handlers.
ROUTE_MODULES = (routes_app, routes_checks, routes_git, routes_issues, routes_pulls)
DEFAULT_FAILURE_MESSAGES = {
    403: "API rate limit exceeded for installation.", 429: "You have exceeded a secondary rate limit. Please wait a "
    "few minutes before you try again.", 500: "Server Error", 502: "Server Error", 503: "Service Unavailable",
}


class Call(NamedTuple):
    method: str
    path: str
    operation_id: str | None
    status: int


@dataclass
class Incoming:
    method: str
    raw_path: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class InjectedFailure:
    method: str
    pattern: re.Pattern[str]
    status: int
    headers: dict[str, str]
    times: int
    body: Any


class Dispatcher:
    """The ASGI application: one request at a time, in order, under the state's lock."""

    def __init__(self, state: DoubleState, objects: Objects, public_key: str, rate_limits: RateLimits) -> None:
        self.state = state
        self.objects = objects
        self.public_key = public_key
        self.rate_limits = rate_limits
        self.routes = openapi.route_table()
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.unserved: list[str] = []
        self.failures: list[InjectedFailure] = []
        self.before_ref_update: RefHook | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        raw_path = scope.get("raw_path", scope["path"].encode()).decode("latin-1").split("?", 1)[0]
        status, response_headers, payload = self.handle(scope["method"], raw_path,
                                                        scope.get("query_string", b"").decode("latin-1"),
                                                        headers, b"".join(chunks))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(name.encode("latin-1"), value.encode("latin-1"))
                                for name, value in response_headers.items()]})
        await send({"type": "http.response.body", "body": payload})

    def handle(self, method: str, raw_path: str, query_string: str, headers: dict[str, str],
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        with self.state.lock:
            incoming = Incoming(method.upper(), raw_path, urllib.parse.unquote(raw_path),
                                urllib.parse.parse_qsl(query_string, keep_blank_values=True), headers, body)
            matched = self.routes.match(incoming.method, raw_path)
            budget = self.rate_limits.budget(identify(self.state, headers.get("authorization")))
            injected = self._injected(incoming.method, incoming.path)
            if injected is not None:
                reply = Reply(injected.status, injected.body, injected.headers)
            else:
                reply = self._answer(incoming, matched, budget)
            self.calls.append(Call(incoming.method, incoming.path, matched[0].operation_id if matched else None,
                                   reply.status))
            response_headers = {"content-type": "application/json; charset=utf-8",
                                "x-github-media-type": "github.v3; format=json",
                                "x-github-api-version-selected": "2022-11-28",
                                "x-github-request-id": uuid.uuid4().hex[:20].upper(), **budget.headers(),
                                **{name.lower(): value for name, value in reply.headers.items()}}
            payload = b"" if reply.body is None else json.dumps(reply.body).encode()
            return reply.status, response_headers, payload

    def _injected(self, method: str, path: str) -> InjectedFailure | None:
        for failure in self.failures:
            if failure.times > 0 and failure.method == method and failure.pattern.search(path):
                failure.times -= 1
                return failure
        return None

    def _answer(self, incoming: Incoming, matched: Any, budget: Budget) -> Reply:
        if matched is None:
            self._violate(incoming, ["no such operation in GitHub's REST API description"])
            budget.used += 1
            return Reply(404, {"message": "Not Found", "documentation_url": DOCUMENTATION_URL})
        operation, values = matched
        if operation.operation_id not in OPEN_OPERATIONS:
            if budget.used >= budget.limit:
                return Reply(403, {"message": "API rate limit exceeded for this installation.",
                                   "documentation_url": DOCUMENTATION_URL})
            budget.used += 1
        handler = HANDLERS.get(operation.operation_id)
        if handler is None:
            self.unserved.append(f"{incoming.method} {incoming.path} ({operation.operation_id})")
            return Reply(404, {"message": "Not Found", "documentation_url": DOCUMENTATION_URL})
        try:
            caller = authenticate(self.state, self.public_key, incoming.headers.get("authorization"),
                                  operation.operation_id)
        except ApiError as error:
            return self._finish(incoming, operation, Reply(error.status, error.body()))
        problems = openapi.check_path_parameters(operation, values) + openapi.check_query(operation, incoming.query)
        parsed, present = None, bool(incoming.body.strip())
        if present:
            try:
                parsed = json.loads(incoming.body)
            except ValueError:
                self._violate(incoming, ["request body is not JSON"])
                return Reply(400, {"message": "Problems parsing JSON", "documentation_url": DOCUMENTATION_URL})
        body_problems = openapi.check_body(operation, parsed, present) if incoming.method in (
            "POST", "PATCH", "PUT") else []
        self._violate(incoming, problems + body_problems)
        if body_problems:
            message = "Invalid request.\n\n" + "\n".join(body_problems)
            return self._finish(incoming, operation, Reply(422, {
                "message": message, "documentation_url": DOCUMENTATION_URL, "status": "422"}))
        request = ApiRequest(self.state, self.objects, values, dict(incoming.query), parsed, caller,
                             incoming.raw_path.rstrip("/"), incoming.query, self.before_ref_update, budget)
        try:
            if caller.kind == "installation":
                require_permission(self.state, operation.operation_id)
            reply = handler(request)
        except ApiError as error:
            reply = Reply(error.status, error.body(), error.headers)
        except Exception:  # noqa: BLE001 - a crash in the double must fail the test, not hang it
            self._violate(incoming, [f"the double failed:\n{traceback.format_exc()}"])
            reply = Reply(500, {"message": "Server Error", "documentation_url": DOCUMENTATION_URL})
        return self._finish(incoming, operation, reply)

    def _finish(self, incoming: Incoming, operation: openapi.Operation, reply: Reply) -> Reply:
        """Checks the answer against the operation's documented responses before it leaves."""
        self._violate(incoming, openapi.check_response(operation, reply.status, reply.body))
        return reply

    def _violate(self, incoming: Incoming, problems: list[str]) -> None:
        self.violations.extend(f"{incoming.method} {incoming.path}: {problem}" for problem in problems)


class ServerThread:
    """uvicorn on 127.0.0.1 with a port the OS picked, serving in a daemon thread."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self, app: Any) -> None:
        config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False, loop="asyncio",
                                http="h11", ws="none", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True,
                                       name=f"github-double-{self.port}")
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the GitHub double's server did not start")
            time.sleep(0.002)

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=5)
            self.server = self.thread = None
        self.socket.close()
