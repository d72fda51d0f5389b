"""The queue on a real SQLite file and on a real Redis server: redeliveries are not run twice, one job per pull
request at a time, and jobs of a worker that died are put back and run once."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from iacfix.bot.events import JobRequest
from iacfix.bot.queue import JOURNAL, Busy, JobQueue
from iacfix.bot.settings import Settings
from tests.app_harness import wait_for


def request(pr: int = 1, delivery: str = "d1") -> JobRequest:
    return JobRequest(kind="review", delivery=delivery, repo="octo/infra", installation_id=1, pr=pr, head_sha="a" * 40)


@pytest.fixture(params=["sqlite", "redis"])
def settings(request, tmp_path) -> Settings:
    """The same tests on both stores the App supports: huey's SQLite and Redis storages differ underneath."""
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return Settings(data_dir=tmp_path, redis_url=redis_url, job_lease_seconds=5, _env_file=None)


def test_a_delivery_is_accepted_once(settings) -> None:
    queue = JobQueue(settings)
    assert queue.first_delivery("abc")
    assert not queue.first_delivery("abc")
    assert JobQueue(settings).first_delivery("abc") is False  # the store outlives the process's queue object


def test_one_job_per_pull_request_at_a_time(settings) -> None:
    queue = JobQueue(settings)
    with queue.lock("pr:octo/infra#1"):
        with pytest.raises(Busy):
            queue.lock("pr:octo/infra#1").__enter__()
        with queue.lock("pr:octo/infra#2"):
            pass
    with queue.lock("pr:octo/infra#1"):
        pass


def test_an_expired_lock_is_taken_over(settings) -> None:
    queue = JobQueue(settings)
    queue.huey.put("lock:pr:octo/infra#1", time.time() - 1)  # held by a worker that died
    with queue.lock("pr:octo/infra#1"):
        pass


def test_facts_are_recorded_once_and_counters_shared(settings) -> None:
    queue, other = JobQueue(settings), JobQueue(settings)
    assert queue.claim("fixed:octo/infra@abc")
    assert not other.claim("fixed:octo/infra@abc") and other.seen("fixed:octo/infra@abc")
    other.release("fixed:octo/infra@abc")
    assert queue.claim("fixed:octo/infra@abc")
    assert queue.count("botcommits:octo/infra#1", 1) == 1 and other.count("botcommits:octo/infra#1") == 1


def test_the_job_of_a_dead_process_is_put_back_and_a_live_ones_is_not(settings) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    queue = JobQueue(settings)
    host = queue.owner.split(":")[0]
    queue.huey.put(JOURNAL + "gone", {"request": request(1).model_dump(mode="json"),
                                      "owner": f"{host}:{dead.stdout.strip()}:x", "renewed": time.time()})
    queue.huey.put(JOURNAL + "alive", {"request": request(2).model_dump(mode="json"),
                                       "owner": f"{host}:1:y", "renewed": time.time()})
    assert queue.recover() == 1
    assert queue.huey.pending_count() == 1
    assert queue.huey.get(JOURNAL + "alive", peek=True) is not None


def test_a_job_whose_lease_ran_out_is_put_back(settings) -> None:
    queue = JobQueue(settings)
    queue.huey.put(JOURNAL + "stale", {"request": request(3).model_dump(mode="json"),
                                       "owner": "elsewhere:123:z", "renewed": time.time() - 60})
    assert queue.recover() == 1
    assert queue.recover() == 0  # put back once


def test_a_consumer_runs_jobs_and_a_busy_pull_request_waits_its_turn(settings) -> None:
    ran: list[tuple[int, str]] = []
    done = threading.Event()

    def runner(job: JobRequest, queue: JobQueue) -> None:
        ran.append((job.pr, job.delivery))
        if len(ran) == 2:
            done.set()

    queue = JobQueue(settings, runner)
    lease = queue.lock("pr:octo/infra#1")
    lease.__enter__()  # another worker is on PR 1
    queue.enqueue(request(1, "first"))
    queue.enqueue(request(2, "second"))
    consumer = queue.consumer(2)
    consumer.start()
    try:
        deadline = time.time() + 10
        while not ran and time.time() < deadline:
            time.sleep(0.05)
        assert ran == [(2, "second")]
        lease.__exit__()
        assert done.wait(10)
        assert ran[1] == (1, "first")
    finally:
        consumer.stop(graceful=True)


# A worker process of its own: it takes jobs from the shared queue, says which one it started, and hangs in it.
HANGING_WORKER = """
import sys, time
from pathlib import Path
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings

started = Path(sys.argv[2])

def runner(job, queue):
    started.write_text(job.delivery)
    time.sleep(600)

settings = Settings(redis_url=sys.argv[1], data_dir=started.parent, job_lease_seconds=5, _env_file=None)
JobQueue(settings, runner).consumer(1).run()
"""


def test_a_job_of_a_worker_killed_mid_job_on_redis_runs_once_elsewhere(tmp_path, redis_url) -> None:
    settings = Settings(data_dir=tmp_path, redis_url=redis_url, job_lease_seconds=5, _env_file=None)
    started = tmp_path / "started"
    log = (tmp_path / "worker.log").open("wb")  # a file, not a pipe: a chatty worker must not block on it
    worker = subprocess.Popen([sys.executable, "-c", HANGING_WORKER, redis_url, str(started)],
                              stdout=log, stderr=subprocess.STDOUT)
    consumer = None
    try:
        JobQueue(settings).enqueue(request(7, "killed-mid-job"))
        def job_started() -> str:
            return started.read_text() if started.exists() else ""

        wait_for(lambda: job_started() or worker.poll() is not None, 30, "the worker to start the job")
        if not job_started():
            pytest.fail(f"the worker exited before it started the job:\n{(tmp_path / 'worker.log').read_text()[-3000:]}")
        assert job_started() == "killed-mid-job"
        worker.kill()  # SIGKILL: no clean-up, as when a machine dies
        worker.wait(10)

        ran: list[str] = []
        queue = JobQueue(settings, lambda job, _queue: ran.append(job.delivery))
        jobs_queued = [task for task in queue.huey.pending() if task.name == "iacfix.run_job"]
        assert jobs_queued == [], "the queue no longer holds the job: only the journal knows it"
        assert queue.recover() == 1
        assert queue.recover() == 0, "put back once"
        consumer = queue.consumer(2)
        consumer.start()
        wait_for(lambda: ran, 30, "the job to run again")
        time.sleep(1)  # room for a second run, which must not happen
        assert ran == ["killed-mid-job"]
        with queue.lock("pr:octo/infra#7"):
            pass  # the dead worker's lock on the pull request went with its job
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
        log.close()
