"""A job that takes its worker down is run again after a restart, but not after the second time: it is
recorded as poison, and whoever asked hears that it will not run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from iacfix.bot.events import JobRequest
from iacfix.bot.queue import FACT, POISON, JobQueue
from iacfix.bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# A worker process whose job kills it, as a native crash in the job would: nothing after the crash runs.
WORKER = """
import os, sys
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings
queue = JobQueue(Settings(data_dir=sys.argv[1], _env_file=None), lambda request, queue: os._exit(139))
queue.recover()
task = queue.huey.dequeue()
queue.huey.execute(task)
"""


def request() -> JobRequest:
    return JobRequest(kind="review", delivery="d-poison", repo="octo/infra", installation_id=1, pr=7,
                      head_sha="a" * 40)


class Recorder:
    def __init__(self) -> None:
        self.ran: list[JobRequest] = []
        self.abandoned: list[JobRequest] = []

    def __call__(self, job: JobRequest, queue: JobQueue) -> None:
        self.ran.append(job)

    def abandon(self, job: JobRequest, queue: JobQueue) -> None:
        self.abandoned.append(job)


def crash_a_worker(data_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-c", WORKER, str(data_dir)], capture_output=True, text=True,
                            timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 139, result.stderr


def test_a_job_that_crashed_its_worker_twice_is_not_run_again(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, _env_file=None)
    JobQueue(settings).enqueue(request())
    crash_a_worker(tmp_path)  # the first run dies with its worker
    crash_a_worker(tmp_path)  # put back by recovery, it dies again
    recorder = Recorder()
    queue = JobQueue(settings, recorder)
    assert queue.recover() == 1
    queue.huey.execute(queue.huey.dequeue())
    assert recorder.ran == [] and [job.delivery for job in recorder.abandoned] == ["d-poison"]
    assert queue.seen(POISON + request().job_key)
    assert queue.pending() == 0


def test_a_job_that_finishes_forgets_its_starts(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, _env_file=None)
    recorder = Recorder()
    queue = JobQueue(settings, recorder)
    for _ in range(3):  # the same job run three times, each to its end: never poison
        queue.enqueue(request())
        queue.huey.execute(queue.huey.dequeue())
    assert len(recorder.ran) == 3 and recorder.abandoned == []
    assert not queue.huey.storage.has_data_for_key(FACT + "starts:" + request().job_key)


def test_the_worker_containers_memory_limit_holds_every_analysis_child_at_its_limit() -> None:
    from ruamel.yaml import YAML

    manifests = (ROOT / "deploy" / "k8s")
    worker = next(d for d in YAML(typ="safe").load_all((manifests / "worker.yaml").read_text())
                  if d and d.get("kind") == "Deployment")["spec"]["template"]["spec"]["containers"][0]
    config = next(d for d in YAML(typ="safe").load_all((manifests / "configmap.yaml").read_text()) if d)["data"]
    env = {item["name"]: item.get("value") for item in worker["env"]}
    children = int(config["IACFIX_WORKERS"]) * int(env["IACFIX_ANALYSIS_MEMORY_MB"])
    worker_itself = 400  # MB: the consumer process with the engine, GitHub client and queue loaded
    limit = worker["resources"]["limits"]["memory"]
    limit_mb = int(limit.removesuffix("Gi")) * 1024 if limit.endswith("Gi") else int(limit.removesuffix("Mi"))
    assert children + worker_itself <= limit_mb
