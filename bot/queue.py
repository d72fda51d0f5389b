"""The durable job queue: huey on SQLite (one machine) or Redis (many workers), plus what huey lacks.

huey removes a task from the queue when a worker takes it, so a worker killed mid-job would lose it. Each
running job is therefore written to a journal in huey's key-value store with a lease its worker renews; a
consumer starting up, and every consumer once a minute, puts back the jobs whose lease ran out. Jobs are
idempotent (the same head is never fixed twice), so a job run again after a crash completes once.
The same store deduplicates deliveries and holds the per-pull-request locks, so it works the same across
processes and machines.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

from iacfix.bot.events import JobRequest
from iacfix.bot.facts import Counter, Fact
from iacfix.bot.logs import for_delivery, log
from iacfix.bot.settings import Settings

if TYPE_CHECKING:
    from huey.consumer import Consumer

logger = logging.getLogger("iacfix.queue")

JOURNAL = "running:"
DELIVERY = "delivery:"
LOCK = "lock:"
FACT = "fact:"
STARTS = "starts:"  # per job: how many times a worker started it without finishing (its process died)
POISON = "poison:"
DELIVERY_MEMORY_SECONDS = 7 * 24 * 3600


class Busy(Exception):
    """Another job holds the pull request's lock; this one waits its turn."""


def build_huey(settings: Settings) -> Huey:
    if settings.redis_url:
        return RedisHuey("iacfix", url=settings.redis_url, results=False)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("iacfix", filename=str(settings.data_dir / "queue.db"), results=False)


class JobQueue:
    """Enqueue from the web process; run from consumers. ``runner`` does the work of one job."""

    def __init__(self, settings: Settings, runner: Callable[[JobRequest, JobQueue], None] | None = None) -> None:
        self.settings = settings
        self.huey = build_huey(settings)
        self.runner = runner
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._running: dict[str, str] = {}  # job id -> the lock it holds
        self._running_lock = threading.Lock()
        self._task = self.huey.task(name="iacfix.run_job")(self._execute)
        self.huey.periodic_task(crontab(minute="*"), name="iacfix.recover")(self.recover)

    # ------------------------------------------------------------------------------ web side
    def first_delivery(self, delivery: str) -> bool:
        """True the first time a delivery id is seen: a redelivery is acknowledged, not run again."""
        return bool(self.huey.put_if_empty(DELIVERY + delivery, time.time()))

    def forget_delivery(self, delivery: str) -> None:
        """A delivery whose job could not be queued: GitHub's redelivery must be taken as new."""
        self.huey.delete(DELIVERY + delivery)

    def enqueue(self, request: JobRequest, delay: float | None = None) -> None:
        data = request.model_dump(mode="json")
        if delay:
            self._task.schedule((data,), delay=delay)
        else:
            self._task(data)

    def pending(self) -> int:
        return self.huey.pending_count() + self.huey.scheduled_count()

    # ------------------------------------------------------------- shared facts between jobs
    def claim(self, fact: Fact | str) -> bool:
        """Record a fact once (see ``facts``); False when some job recorded it already."""
        return bool(self.huey.put_if_empty(FACT + str(fact), time.time()))

    def seen(self, fact: Fact | str) -> bool:
        return bool(self.huey.storage.has_data_for_key(FACT + str(fact)))

    def release(self, fact: Fact | str) -> None:
        self.huey.delete(FACT + str(fact))

    def count(self, counter: Counter | str, add: int = 0) -> int:
        """A counter shared by every worker (see ``facts``), after adding ``add``."""
        return int(self.huey.storage.incr(FACT + str(counter), add))

    # ---------------------------------------------------------------------------- worker side
    def _execute(self, data: dict) -> None:
        request = JobRequest.model_validate(data)
        job_id = uuid.uuid4().hex
        self.huey.put(JOURNAL + job_id, {"request": data, "owner": self.owner, "renewed": time.time()})
        try:
            with for_delivery(request.delivery):
                self._run_locked(request, job_id)
        finally:
            with self._running_lock:
                self._running.pop(job_id, None)
            self.huey.delete(JOURNAL + job_id)

    def _run_locked(self, request: JobRequest, job_id: str) -> None:
        if self.runner is None:
            raise RuntimeError("this queue has no job runner")
        try:
            with self.lock(request.lock_name):
                with self._running_lock:
                    self._running[job_id] = LOCK + request.lock_name
                self._run_unless_poisoned(request)
        except Busy:
            log(logger, logging.INFO, "pull request busy, job waits", pr=request.lock_name)
            self.enqueue(request, delay=2.0)

    def _run_unless_poisoned(self, request: JobRequest) -> None:
        """Run the job, unless it has already taken its worker down ``max_job_crashes`` times.

        The start is counted before the job runs and forgotten once it returns (whatever its outcome), so
        the count only grows when the process dies inside the job; then the job is recorded as poison.
        """
        starts = STARTS + request.job_key
        if self.count(starts, 1) > self.settings.max_job_crashes:
            self.claim(POISON + request.job_key)
            log(logger, logging.ERROR, "job not run again: it stopped its worker each time it ran",
                pr=request.lock_name, kind=request.kind, crashes=self.settings.max_job_crashes)
            abandon = getattr(self.runner, "abandon", None)
            if abandon is not None:
                abandon(request, self)
            return
        try:
            self.runner(request, self)
        finally:
            self.huey.storage.delete_counter(FACT + starts)

    def lock(self, name: str) -> _Lease:
        return _Lease(self.huey, LOCK + name, self.settings.job_lease_seconds)

    def renew(self) -> None:
        """Extend the leases of the jobs this process runs, and of their locks (called by a heartbeat thread)."""
        with self._running_lock:
            running = dict(self._running)
        for job_id, lock_key in running.items():
            entry = self.huey.get(JOURNAL + job_id, peek=True)
            if entry is not None:
                entry["renewed"] = time.time()
                self.huey.put(JOURNAL + job_id, entry)
            if self.huey.storage.has_data_for_key(lock_key):
                self.huey.put(lock_key, time.time() + self.settings.job_lease_seconds)

    def recover(self) -> int:
        """Put back jobs whose worker died: its process is gone (same machine), or its lease ran out.

        Also forgets delivery ids older than a week, so the store does not grow without bound.
        """
        now = time.time()
        recovered = 0
        serializer = self.huey.serializer
        for key, raw in self.huey.storage.result_items().items():
            if key.startswith(DELIVERY):
                try:
                    if now - float(serializer.deserialize(raw)) > DELIVERY_MEMORY_SECONDS:
                        self.huey.delete(key)
                except (TypeError, ValueError):
                    self.huey.delete(key)
                continue
            if not key.startswith(JOURNAL):
                continue
            entry = serializer.deserialize(raw)
            orphaned = entry["owner"] != self.owner and _owner_alive(entry["owner"]) is False
            expired = orphaned or now - entry["renewed"] > self.settings.job_lease_seconds
            if expired and self.huey.delete(key):  # only one consumer wins the right to put it back
                request = JobRequest.model_validate(entry["request"])
                if orphaned:
                    self.huey.delete(LOCK + request.lock_name)
                log(logger, logging.WARNING, "job of a stopped worker put back on the queue",
                    pr=request.lock_name, delivery=request.delivery)
                self._task(entry["request"])
                recovered += 1
        return recovered

    # ------------------------------------------------------------------------------ consumers
    def consumer(self, workers: int) -> Consumer:
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                         check_worker_health=True, initial_delay=0.05, max_delay=1.0)

    def start_heartbeat(self, stop: threading.Event) -> threading.Thread:
        interval = max(1.0, self.settings.job_lease_seconds / 4)

        def beat() -> None:
            while not stop.wait(interval):
                try:
                    self.renew()
                except Exception:  # the store may be briefly unreachable; the next beat tries again
                    logger.exception("could not renew job leases")

        thread = threading.Thread(target=beat, name="iacfix-heartbeat", daemon=True)
        thread.start()
        return thread


def _owner_alive(owner: str) -> bool | None:
    """Whether the process that owns a job still runs; None when it ran on another machine (then: lease)."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Lease:
    """A lock with an expiry, so a crashed worker cannot hold a pull request forever."""

    def __init__(self, huey: Huey, key: str, seconds: int) -> None:
        self.huey, self.key, self.seconds = huey, key, seconds

    def __enter__(self) -> _Lease:
        if self.huey.put_if_empty(self.key, time.time() + self.seconds):
            return self
        expiry = self.huey.get(self.key, peek=True)
        if expiry is not None and expiry < time.time():
            self.huey.delete(self.key)
            if self.huey.put_if_empty(self.key, time.time() + self.seconds):
                return self
        raise Busy(self.key)

    def __exit__(self, *_: object) -> None:
        self.huey.delete(self.key)
