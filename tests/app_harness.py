"""Runs the real App (``iacfix serve``: web server and consumers, SQLite or Redis queue) as a separate
process against the GitHub double, and delivers webhooks signed as GitHub signs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from tests.github_double import GitHubDouble, sign

SECRET = "webhook-secret-for-tests"
METRICS_TOKEN = "metrics-token-for-tests"
ROOT = Path(__file__).resolve().parent.parent
ENTRY = "from iacfix.bot.cli import main; raise SystemExit(main())"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class RunningApp:
    """One ``iacfix serve`` (or ``iacfix worker``) process with its own data folder and log file."""

    def __init__(self, workdir: Path, double: GitHubDouble, *, command: tuple[str, ...] = ("serve",),
                 env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.double = double
        self.command = command
        self.port = free_port() if command[0] == "serve" else None
        self.log_path = workdir / f"app-{uuid.uuid4().hex[:6]}.log"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("IACFIX_")},
            "IACFIX_APP_ID": str(double.app_id),
            "IACFIX_PRIVATE_KEY": double.private_key_pem,
            "IACFIX_WEBHOOK_SECRET": SECRET,
            "IACFIX_GITHUB_API_URL": double.url,
            "IACFIX_DATA_DIR": str(workdir / "data"),
            "IACFIX_GITHUB_WRITE_INTERVAL": "0",
            "IACFIX_RETRY_BASE_SECONDS": "0.2",
            "IACFIX_JOB_LEASE_SECONDS": "10",
            "IACFIX_LOG_LEVEL": "info",
            "IACFIX_METRICS_TOKEN": METRICS_TOKEN,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),  # this tree's code
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None
        self.http = httpx.Client(timeout=10)  # kept alive, as GitHub's deliveries are

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RunningApp:
        arguments = list(self.command)
        if self.port is not None:
            arguments += ["--host", "127.0.0.1", "--port", str(self.port)]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen([sys.executable, "-c", ENTRY, *arguments], cwd=self.workdir, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        if self.port is not None:
            wait_for(self._healthy, 30, f"the App to answer on {self.url} (log: {self.log_path})")
        return self

    def _healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"the App exited with {self.process.returncode}:\n{self.log()}")
        try:
            return self.http.get(f"{self.url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        self.http.close()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL: no chance to clean up, as when a machine dies."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def deliver(self, event: str, payload: dict[str, Any] | bytes, *, delivery: str | None = None,
                signature: str | None = "auto") -> httpx.Response:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "GitHub-Hookshot/test",
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
        }
        if signature == "auto":
            headers["X-Hub-Signature-256"] = sign(body, SECRET)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return self.http.post(f"{self.url}/webhook", content=body, headers=headers)

    def metrics(self) -> str:
        """The Prometheus exposition, read with the metrics token as an operator's scraper reads it."""
        response = self.http.get(f"{self.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        response.raise_for_status()
        return response.text

    def jobs_done(self) -> int:
        return self.log().count('"message": "job done"')
