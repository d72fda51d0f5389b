"""The queue on a real SQLite file: redeliveries are not run twice, one job per pull request at a time, and
jobs of a worker that died are put back."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from iacfix.bot.events import JobRequest
from iacfix.bot.queue import JOURNAL, Busy, JobQueue
from iacfix.bot.settings import Settings


def request(pr: int = 1, delivery: str = "d1") -> JobRequest:
    return JobRequest(kind="review", delivery=delivery, repo="octo/infra", installation_id=1, pr=pr, head_sha="a" * 40)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, job_lease_seconds=5, _env_file=None)


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
