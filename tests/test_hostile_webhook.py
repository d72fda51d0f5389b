"""The webhook door under hostile traffic, against the real ``iacfix serve``: unsigned floods do not grow
/metrics, big bodies and slow clients do not grow memory or hold connections, odd signed payloads get 400,
a delivery is not lost to a queue error, /metrics and secrets stay private, and a refused token is renewed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from ruamel.yaml import YAML

from iacfix.bot.app import create_app
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings
from tests.app_harness import ENTRY, SECRET, RunningApp, wait_for
from tests.github_double import GitHubDouble, sign, webhook_payload
from tests.test_app_e2e import REPO, commits, open_pull

ROOT = Path(__file__).resolve().parent.parent
LOGS_TF = 'resource "aws_cloudwatch_log_group" "audit" {\n  name = "/audit"\n}\n'
MEGABYTE = 1024 * 1024


@pytest.fixture
def double(tmp_path):
    with GitHubDouble(tmp_path / "github") as running:
        running.install("octo")
        yield running


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def start(tmp_path, double, **env) -> RunningApp:
    return RunningApp(tmp_path, double, env={k: str(v) for k, v in env.items()}).start()


# ------------------------------------------------------------------------------------------ item 5
def test_unsigned_floods_with_made_up_events_do_not_grow_metrics(tmp_path, double) -> None:
    app = start(tmp_path, double)
    try:
        before = app.metrics()
        for n in range(1000):
            app.http.post(f"{app.url}/webhook", content=b"{}", headers={"X-GitHub-Event": f"made-up-{n}",
                                                                        "X-GitHub-Delivery": str(uuid.uuid4())})
        signed = app.deliver(f"signed-but-unknown-{uuid.uuid4().hex}", {"zen": "x"})
        assert signed.status_code == 202
        after = app.metrics()
        assert "made-up" not in after and "signed-but-unknown" not in after
        assert len(after) - len(before) < 2000, "a fixed set of labels, whatever the traffic"
        assert 'event="unverified",outcome="unauthorized"} 1000.0' in after
    finally:
        app.stop()


# ------------------------------------------------------------------------------------------ item 6
def test_big_unsigned_bodies_in_parallel_keep_memory_bounded_and_slow_clients_are_closed(tmp_path, double) -> None:
    app = start(tmp_path, double, IACFIX_MAX_CONCURRENT_BODIES=2, IACFIX_HEADER_TIMEOUT_SECONDS=1,
                IACFIX_BODY_TIMEOUT_SECONDS=2)
    try:
        baseline = rss_bytes(app.process.pid)
        body = b"x" * (24 * MEGABYTE)
        statuses: list[int] = []
        peak = [baseline]

        def post() -> None:
            with httpx.Client(timeout=60) as client:
                statuses.append(client.post(f"{app.url}/webhook", content=body,
                                            headers={"X-GitHub-Event": "push"}).status_code)

        def watch(stop: threading.Event) -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], rss_bytes(app.process.pid))
                time.sleep(0.02)

        stop = threading.Event()
        watcher = threading.Thread(target=watch, args=(stop,))
        watcher.start()
        senders = [threading.Thread(target=post) for _ in range(12)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(120)
        stop.set()
        watcher.join()
        assert sorted(set(statuses)) <= [401, 503] and len(statuses) == 12
        # Two bodies at a time at most (24 MB each, plus the copies the server makes while reading them).
        assert peak[0] - baseline < 4 * 25 * MEGABYTE, f"grew by {(peak[0] - baseline) // MEGABYTE} MB"

        slow = []
        for _ in range(50):
            connection = socket.create_connection(("127.0.0.1", app.port))
            connection.sendall(b"POST /webhook HTTP/1.1\r\nHost: x\r\n")  # and never the rest
            slow.append(connection)
        time.sleep(3)
        for connection in slow:
            connection.settimeout(2)
            assert connection.recv(1024) == b"", "the server closed the connection"
            connection.close()
        assert app.http.get(f"{app.url}/livez").status_code == 200
    finally:
        app.stop()


def test_the_web_containers_memory_limit_holds_the_bodies_the_app_reads_at_once() -> None:
    manifest = next(d for d in YAML(typ="safe").load_all((ROOT / "deploy" / "k8s" / "web.yaml").read_text())
                    if d and d.get("kind") == "Deployment")
    container = manifest["spec"]["template"]["spec"]["containers"][0]
    limit = container["resources"]["limits"]["memory"]
    assert limit.endswith("Mi")
    settings = Settings(_env_file=None)
    bodies = settings.max_concurrent_bodies * settings.max_body_bytes * 2  # the chunks and the joined body
    process = 150 * MEGABYTE  # the web process itself, measured above as the baseline (about 100 MB)
    assert bodies + process < int(limit[:-2]) * MEGABYTE


# ------------------------------------------------------------------------------------------ item 7
@pytest.mark.parametrize("body, reason", [
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"action": "opened", "number": ' + b"9" * 5000 + b"}", "not JSON the App accepts"),
], ids=["deep", "long-integer"])
def test_odd_signed_payloads_get_400_with_a_reason(tmp_path, double, body, reason) -> None:
    app = start(tmp_path, double)
    try:
        answer = app.deliver("pull_request", body)
        assert answer.status_code == 400 and reason in answer.json()["reason"]
        number, _ = open_pull(double, {"infra/logs.tf": LOGS_TF})
        odd = webhook_payload("check_run.rerequested", double, repo=REPO, number=number)
        odd["check_run"]["pull_requests"] = {"0": {"number": number}}
        answer = app.deliver("check_run", odd)
        assert answer.status_code == 400 and "malformed" in answer.json()["reason"]
    finally:
        app.stop()
    assert "Traceback" not in app.log()


def test_a_delivery_the_queue_could_not_take_is_not_lost_to_the_redelivery(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, webhook_secret=SECRET, _env_file=None)
    queue = JobQueue(settings)
    real_enqueue, failures = queue.enqueue, [1]

    def enqueue(job, delay=None):  # noqa: ANN001, ANN202 - the store fails once, as a Redis blip would
        if failures:
            failures.pop()
            raise ConnectionError("the queue's store is unreachable")
        real_enqueue(job, delay)

    queue.enqueue = enqueue
    payload = (b'{"action": "opened", "installation": {"id": 1}, "repository": {"full_name": "o/r"}, '
               b'"pull_request": {"number": 1, "state": "open", "head": {"sha": "' + b"a" * 40 + b'"}}}')
    headers = {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-1", "X-Hub-Signature-256": sign(payload, SECRET)}
    with TestClient(create_app(settings, queue)) as client:
        assert client.post("/webhook", content=payload, headers=headers).status_code == 503
        assert client.post("/webhook", content=payload, headers=headers).json()["status"] == "queued"
        assert client.post("/webhook", content=payload, headers=headers).json()["status"] == "duplicate"
    assert queue.pending() == 1


# ------------------------------------------------------------------------------------------ item 8
def test_metrics_need_the_token_and_name_no_installation(tmp_path, double) -> None:
    app = start(tmp_path, double)
    try:
        assert app.http.get(f"{app.url}/metrics").status_code == 404
        assert app.http.get(f"{app.url}/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
        number, _ = open_pull(double, {"infra/logs.tf": LOGS_TF})
        app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
        wait_for(lambda: app.jobs_done(), 60, "the job")
        exposition = app.metrics()
        assert "iacfix_github_rate_limit_remaining " in exposition and "installation" not in exposition
    finally:
        app.stop()


def serve_fails(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("IACFIX_")}
    return subprocess.run([sys.executable, "-c", ENTRY, "serve", "--port", "0"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={**clean, "PYTHONPATH": str(ROOT), **env})


def test_start_up_errors_print_no_secret_and_no_traceback(tmp_path, double) -> None:
    key_file = tmp_path / "key.pem"
    key_file.write_text(double.private_key_pem)
    both = serve_fails(tmp_path, {"IACFIX_APP_ID": "1", "IACFIX_WEBHOOK_SECRET": "hush-hush-secret",
                                  "IACFIX_PRIVATE_KEY": double.private_key_pem, "IACFIX_PRIVATE_KEY_PATH": str(key_file)})
    output = both.stdout + both.stderr
    assert both.returncode == 2 and "not both" in output
    for secret_line in double.private_key_pem.splitlines()[1:3] + ["hush-hush-secret"]:
        assert secret_line not in output
    missing = serve_fails(tmp_path, {"IACFIX_APP_ID": "1", "IACFIX_WEBHOOK_SECRET": "s",
                                     "IACFIX_PRIVATE_KEY_PATH": str(tmp_path / "nowhere.pem")})
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert [line for line in missing.stderr.splitlines() if line.strip()] == [
        f"iacfix: error: IACFIX_PRIVATE_KEY_PATH {tmp_path / 'nowhere.pem'}: No such file or directory"]


def test_a_refused_installation_token_is_dropped_and_the_call_retried_once(tmp_path, double) -> None:
    app = start(tmp_path, double)
    try:
        number, head = open_pull(double, {"infra/logs.tf": LOGS_TF})
        app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
        wait_for(lambda: app.jobs_done() == 1, 60, "the first job")
        double.expire_tokens()  # the App's cached token now gets 401
        app.deliver("check_suite", webhook_payload("check_suite.rerequested", double, repo=REPO, number=number))
        wait_for(lambda: app.jobs_done() == 2, 60, "the second job, with a new token")
        assert len([r for r in double.check_runs if r["head_sha"] == head and r["status"] == "completed"]) == 2
        assert len(commits(double)) == 2
    finally:
        app.stop()
    assert "Traceback" not in app.log()
