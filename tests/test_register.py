"""`iacfix register`: GitHub's manifest flow, run against a local stand-in for GitHub's web pages and REST API.

The stand-in plays both sides a person meets: the "create App" page that receives the manifest form and
redirects back with a one-time code, and ``POST /app-manifests/{code}/conversions``, whose answers are checked
against the schema GitHub publishes for that operation, so the test cannot drift from GitHub's real answer.
"""

from __future__ import annotations

import gzip
import json
import re
import secrets
import socket
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jsonschema
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from dotenv import dotenv_values

from iacfix.bot.register import RegistrationError, api_url_for, register

OPENAPI = Path(__file__).resolve().parent / "github" / "api.github.com.openapi.json.gz"
WEBHOOK_URL = "https://iacfix.example.org/webhook"
EXPECTED_PERMISSIONS = {"contents": "write", "pull_requests": "write", "checks": "write", "issues": "write",
                        "metadata": "read"}
EXPECTED_EVENTS = {"pull_request", "issue_comment", "pull_request_review_comment", "check_run", "check_suite"}


# ------------------------------------------------------------------------------------ GitHub's published schema
def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable`` in JSON Schema terms, so jsonschema can check GitHub's schemas as published."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if not node.get("nullable"):
        return converted
    if "enum" in converted:
        converted["enum"] = [*converted["enum"], None]
    if isinstance(converted.get("type"), str):
        converted["type"] = [converted["type"], "null"]
        return converted
    return {"anyOf": [{"type": "null"}, converted]}


@cache
def _openapi() -> dict[str, Any]:
    with gzip.open(OPENAPI, "rt", encoding="utf-8") as stream:
        return json.load(stream)


def _operation(operation_id: str) -> dict[str, Any]:
    for methods in _openapi()["paths"].values():
        for operation in methods.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise LookupError(operation_id)


@cache
def response_validator(operation_id: str, status: str) -> jsonschema.Draft4Validator:
    """A validator for one documented response; its ``$ref``s resolve against the description's components."""
    response = _operation(operation_id)["responses"][status]
    if "$ref" in response:
        response = _openapi()["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = dict(response["content"]["application/json"]["schema"])
    schema["components"] = {"schemas": _json_schema(_openapi()["components"]["schemas"])}
    return jsonschema.Draft4Validator(_json_schema(schema))


# ------------------------------------------------------------------------------------------- GitHub stand-in
@dataclass
class FakeGitHub:
    """GitHub Enterprise Server's layout on one port: web pages at ``/``, the REST API under ``/api/v3``."""

    url: str = ""
    manifests: list[dict[str, Any]] = field(default_factory=list)
    form_urls: list[str] = field(default_factory=list)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    conversion_headers: list[dict[str, str]] = field(default_factory=list)

    def create_app(self, manifest: dict[str, Any]) -> str:
        """What GitHub does when the person confirms the form: create the App, hand out a one-time code."""
        number = 100_000 + len(self.codes)
        slug = re.sub(r"[^a-z0-9]+", "-", manifest["name"].lower()).strip("-")
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
        code = secrets.token_hex(10)
        self.codes[code] = {
            "id": number, "slug": slug, "node_id": f"A_kwDO{number}", "client_id": f"Iv23li{number}",
            "owner": self._owner(), "name": manifest["name"], "description": manifest.get("description"),
            "external_url": manifest["url"], "html_url": f"{self.url}/apps/{slug}",
            "created_at": "2025-01-07T10:00:00Z", "updated_at": "2025-01-07T10:00:00Z",
            "permissions": dict(manifest.get("default_permissions", {})),
            "events": list(manifest.get("default_events", [])),
            "client_secret": secrets.token_hex(20), "webhook_secret": secrets.token_hex(20), "pem": pem,
        }
        return code

    def _owner(self) -> dict[str, Any]:
        api = f"{self.url}/api/v3/users/octo-admin"
        return {
            "login": "octo-admin", "id": 7, "node_id": "MDQ6VXNlcjc=", "avatar_url": f"{self.url}/avatars/u/7",
            "gravatar_id": "", "url": api, "html_url": f"{self.url}/octo-admin",
            "followers_url": f"{api}/followers", "following_url": f"{api}/following{{/other_user}}",
            "gists_url": f"{api}/gists{{/gist_id}}", "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/subscriptions", "organizations_url": f"{api}/orgs",
            "repos_url": f"{api}/repos", "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events", "type": "User", "site_admin": False,
        }

    def convert(self, code: str) -> tuple[int, dict[str, Any]]:
        """A code works once: GitHub forgets it when it is exchanged."""
        app = self.codes.pop(code, None)
        if app is None:
            return 404, {"message": "Not Found",
                         "documentation_url": "https://docs.github.com/rest/apps/apps#create-a-github-app-from-a-manifest"}
        return 201, app


def _fake_github_handler(github: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Pages(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            conversion = re.fullmatch(r"/api/v3/app-manifests/([^/]+)/conversions", parts.path)
            if conversion:
                github.conversion_headers.append(dict(self.headers))
                status, answer = github.convert(conversion.group(1))
                github.answers.append((status, answer))
                self._send(status, json.dumps(answer).encode(), "application/json; charset=utf-8")
            elif re.fullmatch(r"(/organizations/[^/]+)?/settings/apps/new", parts.path):
                github.form_urls.append(f"{github.url}{self.path}")
                manifest = json.loads(parse_qs(body.decode())["manifest"][0])
                github.manifests.append(manifest)
                state = parse_qs(parts.query).get("state", [""])[0]
                code = github.create_app(manifest)
                self.send_response(302)
                self.send_header("Location", f"{manifest['redirect_url']}?code={code}&state={state}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(404, b"{}", "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Pages


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _fake_github_handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


# ------------------------------------------------------------------------------------------ the person's side
class FormReader(HTMLParser):
    """The form a browser would submit: its action, method and fields."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.method = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.action, self.method = values.get("action", ""), values.get("method", "get").lower()
        elif tag == "input" and "name" in values:
            self.fields[values["name"]] = values.get("value", "")


@dataclass
class Registration:
    """``register`` running in the background, as it runs in the terminal while the person uses the browser."""

    port: int
    thread: threading.Thread
    outcome: dict[str, Any] = field(default_factory=dict)

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def form(self) -> FormReader:
        deadline = time.monotonic() + 10
        while True:
            try:
                page = httpx.get(self.page_url, timeout=5)
                break
            except httpx.ConnectError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        assert page.status_code == 200
        reader = FormReader()
        reader.feed(page.text)
        return reader

    def submit(self, form: FormReader) -> str:
        """Post the form to GitHub as the browser does; returns where GitHub sends the person back to."""
        assert form.method == "post"
        answer = httpx.post(form.action, data=form.fields, timeout=10)
        assert answer.status_code == 302
        return answer.headers["location"]

    def finish(self) -> dict[str, Any]:
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "register did not return after the callback"
        if "error" in self.outcome:
            raise self.outcome["error"]
        return self.outcome["app"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_registration(env_file: Path, github: FakeGitHub, **options: Any) -> Registration:
    port = _free_port()
    registration = Registration(port=port, thread=threading.Thread(target=lambda: None))

    def run() -> None:
        try:
            registration.outcome["app"] = register(env_file, port, github_url=github.url, open_browser=False,
                                                   **options)
        except Exception as error:  # handed to the test's thread by finish()
            registration.outcome["error"] = error

    registration.thread = threading.Thread(target=run, daemon=True)
    registration.thread.start()
    return registration


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------------------------------------------------ tests
def test_registration_creates_the_app_from_the_manifest_and_saves_its_credentials(
    tmp_path: Path, github: FakeGitHub, capsys: pytest.CaptureFixture[str],
) -> None:
    env_file = tmp_path / "deploy.env"
    env_file.write_text(
        "# iacfix settings\n"
        "IACFIX_LOG_LEVEL=debug\n"
        "IACFIX_APP_ID=1\n"
        'IACFIX_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\n'
        "MIIEowIBAAKCAQEAold\n"
        '-----END RSA PRIVATE KEY-----"\n'
        "IACFIX_REDIS_URL=redis://cache:6379/0\n"
    )
    registration = start_registration(env_file, github, webhook_url=WEBHOOK_URL)
    form = registration.form()

    assert form.action.startswith(f"{github.url}/settings/apps/new?state=")
    manifest = json.loads(form.fields["manifest"])
    assert manifest["name"] == "iacfix"
    assert manifest["public"] is False
    assert manifest["default_permissions"] == EXPECTED_PERMISSIONS
    assert set(manifest["default_events"]) == EXPECTED_EVENTS
    assert manifest["hook_attributes"] == {"url": WEBHOOK_URL, "active": True}
    assert manifest["redirect_url"] == f"http://127.0.0.1:{registration.port}/callback"

    back = registration.submit(form)
    assert back.startswith(manifest["redirect_url"] + "?code=")
    done = httpx.get(back, timeout=30)
    assert done.status_code == 200
    app = registration.finish()

    status, answer = github.answers[-1]
    assert status == 201
    response_validator("apps/create-from-manifest", "201").validate(answer)
    assert github.conversion_headers[-1]["Accept"] == "application/vnd.github+json"
    assert app["id"] == answer["id"] and app["slug"] == "iacfix"
    assert app["permissions"] == EXPECTED_PERMISSIONS
    assert not {"pem", "webhook_secret", "client_secret"} & set(app)

    key_file = tmp_path / "iacfix.private-key.pem"
    assert key_file.read_text() == answer["pem"]
    assert _mode(key_file) == 0o600
    assert _mode(env_file) == 0o600  # it holds the webhook secret
    settings = dotenv_values(env_file)
    assert settings == {
        "IACFIX_LOG_LEVEL": "debug",
        "IACFIX_APP_ID": str(answer["id"]),
        "IACFIX_REDIS_URL": "redis://cache:6379/0",
        "IACFIX_PRIVATE_KEY_PATH": str(key_file),
        "IACFIX_WEBHOOK_SECRET": answer["webhook_secret"],
        "IACFIX_GITHUB_API_URL": f"{github.url}/api/v3",
    }
    assert env_file.read_text().startswith("# iacfix settings\nIACFIX_LOG_LEVEL=debug\n")

    printed = capsys.readouterr().out
    assert f"{github.url}/apps/iacfix/installations/new" in printed
    for secret in (answer["webhook_secret"], answer["client_secret"], "PRIVATE KEY"):
        assert secret not in printed


def test_a_callback_with_another_state_is_refused_and_changes_nothing(tmp_path: Path, github: FakeGitHub) -> None:
    env_file = tmp_path / ".env"
    registration = start_registration(env_file, github, webhook_url=WEBHOOK_URL)
    form = registration.form()
    back = registration.submit(form)
    code = parse_qs(urlsplit(back).query)["code"][0]

    forged = httpx.get(f"http://127.0.0.1:{registration.port}/callback",
                       params={"code": code, "state": "not-the-state-this-page-sent"}, timeout=10)
    assert forged.status_code == 400
    missing = httpx.get(f"http://127.0.0.1:{registration.port}/callback", params={"code": code}, timeout=10)
    assert missing.status_code == 400
    assert github.answers == []  # the code was not spent
    assert not env_file.exists()
    assert registration.thread.is_alive()  # still waiting for GitHub's real redirect

    assert httpx.get(back, timeout=30).status_code == 200
    assert registration.finish()["id"] == github.answers[-1][1]["id"]
    with pytest.raises(httpx.ConnectError):  # the local server stops once the App is saved
        httpx.get(back, timeout=5)


def test_an_organization_app_without_a_webhook_url_is_created_with_its_webhook_off(
    tmp_path: Path, github: FakeGitHub, capsys: pytest.CaptureFixture[str],
) -> None:
    env_file = tmp_path / ".env"
    registration = start_registration(env_file, github, organization="acme-infra", api_url=f"{github.url}/api/v3/")
    form = registration.form()
    assert form.action.startswith(f"{github.url}/organizations/acme-infra/settings/apps/new?state=")
    manifest = json.loads(form.fields["manifest"])
    assert manifest["hook_attributes"]["active"] is False

    assert httpx.get(registration.submit(form), timeout=30).status_code == 200
    registration.finish()
    assert dotenv_values(env_file)["IACFIX_GITHUB_API_URL"] == f"{github.url}/api/v3"
    assert f"{github.url}/organizations/acme-infra/settings/apps/iacfix" in capsys.readouterr().out


def test_a_code_github_no_longer_accepts_fails_the_registration_and_writes_nothing(
    tmp_path: Path, github: FakeGitHub,
) -> None:
    env_file = tmp_path / ".env"
    registration = start_registration(env_file, github, webhook_url=WEBHOOK_URL)
    back = registration.submit(registration.form())
    github.codes.clear()  # expired: GitHub's codes last an hour

    answer = httpx.get(back, timeout=30)
    assert answer.status_code == 502
    assert "start again" in answer.text
    with pytest.raises(RegistrationError, match="404"):
        registration.finish()
    status, body = github.answers[-1]
    assert status == 404
    response_validator("apps/create-from-manifest", "404").validate(body)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("github_url", "api_url"), [
    ("https://github.com", "https://api.github.com"),
    ("https://github.example.com", "https://github.example.com/api/v3"),
])
def test_the_api_url_saved_follows_the_github_it_registered_on(github_url: str, api_url: str) -> None:
    assert api_url_for(github_url) == api_url
