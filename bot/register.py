"""Create the GitHub App from ``app.yml`` with GitHub's manifest flow, and save its credentials locally.

The flow needs a browser (GitHub asks the person to confirm, signed in) and a way back: a tiny server on
127.0.0.1 serves a page whose form posts the manifest to GitHub, and receives GitHub's redirect with a one-time
code, which is exchanged for the App's id, private key and webhook secret. Those are written to files only
(the key to a 0600 file, the rest to the env file the App reads) and are never printed.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import tempfile
import threading
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx

MANIFEST_NAME = "app.yml"
SECRET_FIELDS = ("pem", "webhook_secret", "client_secret")
GITHUB_API_VERSION = "2022-11-28"
ENV_NAME = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")
PLAIN_ENV_VALUE = re.compile(r"^[A-Za-z0-9_./:@+,-]*$")


class RegistrationError(Exception):
    """The App could not be created; the message says why and what to try."""


def register(
    env_file: Path,
    port: int,
    *,
    webhook_url: str | None = None,
    github_url: str = "https://github.com",
    api_url: str | None = None,
    organization: str | None = None,
    open_browser: bool = True,
) -> dict[str, Any]:
    """Run the manifest flow end to end and return what GitHub says about the new App, without its secrets.

    Without ``webhook_url`` the App is created with its webhook switched off, to be set in its settings once
    the server has a public address.
    """
    from rich.console import Console

    console = Console(highlight=False, emoji=False)  # a name like ":x:" is printed as written
    github_url = github_url.rstrip("/")
    api_url = (api_url or api_url_for(github_url)).rstrip("/")
    template = load_manifest()
    state = secrets.token_urlsafe(24)
    flow = _Flow(env_file=Path(env_file), api_url=api_url, state=state)
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(flow))
    except OSError as error:
        raise RegistrationError(f"cannot listen on 127.0.0.1:{port} ({error.strerror}): choose another port") from None
    redirect_url = f"http://127.0.0.1:{server.server_address[1]}/callback"
    manifest = build_manifest(template, webhook_url=webhook_url, redirect_url=redirect_url)
    flow.page = form_page(manifest, new_app_url(github_url, organization), state)

    thread = threading.Thread(target=server.serve_forever, name="iacfix-register", daemon=True)
    thread.start()
    start_url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        console.print(f"Open [bold]{start_url}[/bold] to create the iacfix GitHub App on {github_url}.")
        if open_browser:
            webbrowser.open(start_url)
        flow.finished.wait()
    finally:
        server.shutdown()
        server.server_close()
    if flow.error is not None:
        raise flow.error
    app = public_fields(flow.result)
    _print_next_steps(console, app, flow, github_url, organization, webhook_url)
    return app


def api_url_for(github_url: str) -> str:
    """GitHub.com's REST API has its own host; GitHub Enterprise Server serves it under /api/v3."""
    host = urlsplit(github_url).hostname or ""
    if host in ("github.com", "www.github.com"):
        return "https://api.github.com"
    return f"{github_url.rstrip('/')}/api/v3"


def new_app_url(github_url: str, organization: str | None) -> str:
    if organization:
        return f"{github_url}/organizations/{quote(organization, safe='')}/settings/apps/new"
    return f"{github_url}/settings/apps/new"


def settings_url(github_url: str, organization: str | None, slug: str) -> str:
    if organization:
        return f"{github_url}/organizations/{quote(organization, safe='')}/settings/apps/{slug}"
    return f"{github_url}/settings/apps/{slug}"


def load_manifest() -> dict[str, Any]:
    """The manifest of the source tree this module belongs to, else (an installed copy) the working directory's."""
    from ruamel.yaml import YAML

    for folder in (Path(__file__).resolve().parent.parent, Path.cwd()):
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            return YAML(typ="safe").load(candidate.read_text(encoding="utf-8"))
    raise RegistrationError(f"{MANIFEST_NAME} not found: run `iacfix register` from the iacfix source tree")


def build_manifest(template: dict[str, Any], *, webhook_url: str | None, redirect_url: str) -> dict[str, Any]:
    manifest = json.loads(json.dumps(template))  # a deep copy that is also proof it serialises
    hook = manifest.setdefault("hook_attributes", {})
    if webhook_url:
        hook["url"] = webhook_url
    else:
        hook["active"] = False
    manifest["redirect_url"] = redirect_url
    return manifest


def form_page(manifest: dict[str, Any], action: str, state: str) -> bytes:
    """A page that posts the manifest to GitHub as soon as it loads (the button is there without JavaScript)."""
    target = html.escape(f"{action}?{urlencode({'state': state})}", quote=True)
    value = html.escape(json.dumps(manifest), quote=True)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Create the iacfix GitHub App</title></head>
<body>
<form id="create-app" action="{target}" method="post">
<input type="hidden" name="manifest" value="{value}">
<p>GitHub will ask you to confirm the App's name, then send you back here.</p>
<button type="submit">Create the GitHub App</button>
</form>
<script>document.getElementById("create-app").submit();</script>
</body></html>
""".encode()


def public_fields(conversion: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in conversion.items() if key not in SECRET_FIELDS}


class _Flow:
    """What the local server shares with the waiting caller: the page, the expected state and the outcome."""

    def __init__(self, *, env_file: Path, api_url: str, state: str) -> None:
        self.env_file = env_file
        self.api_url = api_url
        self.state = state
        self.page = b""
        self.key_file: Path | None = None
        self.result: dict[str, Any] = {}
        self.error: RegistrationError | None = None
        self.claimed = False
        self.finished = threading.Event()
        self.lock = threading.Lock()

    def claim(self) -> bool:
        """True for the first valid callback only: a code is good once, and a reload must not spend it again."""
        with self.lock:
            first, self.claimed = not self.claimed, True
            return first

    def complete(self, code: str) -> None:
        """Exchange GitHub's one-time code and save the credentials."""
        try:
            conversion = exchange_code(self.api_url, code)
            self.key_file = save_credentials(self.env_file, conversion, self.api_url)
            self.result = conversion
        except RegistrationError as error:
            self.error = error
        except (OSError, ValueError) as error:  # an unwritable folder, an answer that is not JSON
            self.error = RegistrationError(f"could not finish the registration: {error}")
            self.error.__cause__ = error


def exchange_code(api_url: str, code: str) -> dict[str, Any]:
    """``POST /app-manifests/{code}/conversions``: the code works once, within an hour, without a token."""
    url = f"{api_url}/app-manifests/{quote(code, safe='')}/conversions"
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": GITHUB_API_VERSION}
    try:
        response = httpx.post(url, headers=headers, timeout=30)
    except httpx.HTTPError as error:
        raise RegistrationError(f"could not reach {api_url}: {error}") from None
    if response.status_code != HTTPStatus.CREATED:
        message = response.json().get("message", "") if _is_json(response) else response.text[:200]
        raise RegistrationError(f"GitHub refused the code ({response.status_code} {message}): start again")
    conversion = response.json()
    missing = [field for field in ("id", "slug", "pem", "webhook_secret") if not conversion.get(field)]
    if missing:
        raise RegistrationError(f"GitHub's answer lacks {', '.join(missing)}")
    return conversion


def _is_json(response: httpx.Response) -> bool:
    return response.headers.get("content-type", "").startswith("application/json")


def save_credentials(env_file: Path, conversion: dict[str, Any], api_url: str) -> Path:
    """Write the private key next to the env file, then point the env file at it; returns the key's path."""
    folder = env_file.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9_.-]", "-", conversion["slug"])
    key_file = folder / f"{slug}.private-key.pem"
    write_private(key_file, conversion["pem"])
    update_env_file(env_file, {
        "IACFIX_APP_ID": str(conversion["id"]),
        "IACFIX_PRIVATE_KEY_PATH": str(key_file),
        "IACFIX_WEBHOOK_SECRET": conversion["webhook_secret"],
        "IACFIX_GITHUB_API_URL": api_url,
    })
    return key_file


def write_private(path: Path, text: str) -> None:
    """Replace ``path`` atomically with a file only its owner can read, whatever the umask."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def update_env_file(env_file: Path, values: dict[str, str]) -> None:
    """Set ``values`` in the env file and keep every other line as it was.

    A private key given inline (``IACFIX_PRIVATE_KEY``) belongs to whichever App was there before, so it is
    removed, multi-line quoted value included, lest it win over the new key file.
    """
    lines = env_file.read_text(encoding="utf-8").splitlines() if env_file.exists() else []
    kept: list[str] = []
    pending = dict(values)
    inside_quoted_key: str | None = None
    for line in lines:
        if inside_quoted_key:
            if line.rstrip().endswith(inside_quoted_key):
                inside_quoted_key = None
            continue
        match = ENV_NAME.match(line)
        name = match.group(1) if match else None
        if name == "IACFIX_PRIVATE_KEY":
            value = match.group(2).strip()
            quote_mark = value[:1]
            if quote_mark in ("'", '"') and not (len(value) > 1 and value.endswith(quote_mark)):
                inside_quoted_key = quote_mark
            continue
        if name in values:
            if name in pending:
                kept.append(f"{name}={_env_value(pending.pop(name))}")
            continue
        kept.append(line)
    kept.extend(f"{name}={_env_value(value)}" for name, value in pending.items())
    write_private(env_file, "\n".join(kept) + "\n")


def _env_value(value: str) -> str:
    if PLAIN_ENV_VALUE.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _handler_for(flow: _Flow) -> type[BaseHTTPRequestHandler]:
    class RegistrationPages(BaseHTTPRequestHandler):
        """``/`` sends the manifest to GitHub; ``/callback`` receives GitHub's code and finishes."""

        def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
            path, _, query = self.path.partition("?")
            if path == "/":
                self._answer(HTTPStatus.OK, flow.page)
            elif path == "/callback":
                self._callback(parse_qs(query))
            else:
                self._answer(HTTPStatus.NOT_FOUND, _message_page("Nothing here."))

        def _callback(self, query: dict[str, list[str]]) -> None:
            code = query.get("code", [""])[0]
            state = query.get("state", [""])[0]
            if not code or not secrets.compare_digest(state.encode(), flow.state.encode()):
                self._answer(HTTPStatus.BAD_REQUEST, _message_page(
                    "This link does not belong to the registration running here: start again from its first page."))
                return
            if not flow.claim():
                self._answer(HTTPStatus.CONFLICT, _message_page("This registration is already finished."))
                return
            try:
                flow.complete(code)
                if flow.error is not None:
                    self._answer(HTTPStatus.BAD_GATEWAY, _message_page(str(flow.error)))
                else:
                    self._answer(HTTPStatus.OK, _message_page(
                        "The App is created and its credentials are saved. Back to the terminal for the next step."))
            finally:
                flow.finished.set()  # only now: the person sees this page before the server stops

        def _answer(self, status: HTTPStatus, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            """Silent: the callback's query string holds the one-time code."""

    return RegistrationPages


def _message_page(text: str) -> bytes:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>iacfix</title></head>'
            f"<body><p>{html.escape(text)}</p></body></html>\n").encode()


def _print_next_steps(console: Any, app: dict[str, Any], flow: _Flow, github_url: str,
                      organization: str | None, webhook_url: str | None) -> None:
    from rich.markup import escape

    slug = app["slug"]
    install_url = f"{app.get('html_url') or f'{github_url}/apps/{slug}'}/installations/new"
    console.print(f"[green]Created the GitHub App [bold]{escape(app.get('name', slug))}[/bold] "
                  f"(id {app['id']}).[/green]")
    console.print(f"Saved the private key to {escape(str(flow.key_file))} (readable only by you) and the App's "
                  f"id, key path and webhook secret to {escape(str(flow.env_file))}.")
    console.print("Next:")
    step = 1
    if not webhook_url:
        console.print(f"  {step}. Set the webhook URL (https://YOUR-HOST/webhook) and make it active in "
                      f"{settings_url(github_url, organization, slug)}")
        step += 1
    console.print(f"  {step}. Start the App: [bold]iacfix serve[/bold] (or see deploy/README.md)")
    console.print(f"  {step + 1}. Install it on the repositories it should review: {install_url}")
