"""Analyses a workspace's units on every core, in worker processes that each take one unit at a time.

Units are independent (:mod:`iacfix.fixers.units`), so they are parsed, checked and fixed in parallel and their
results merged into exactly the report one process would give. A worker hands each unit's result over as soon
as it is done and keeps nothing of it, so memory stays bounded whatever the size of the tree. Each unit has its
own limits (CPU, wall time, memory): a worker that crashes, hits one or hangs ends that unit's analysis only; the
file it was working on is reported and left out, the unit is analysed again without it, and a new worker takes
the dead one's place for the units still to do.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from typing import Protocol

from iacfix.fixers.collector import keep_inherited, settle_unit
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.isolation import AnalysisStopped, Channel, LimitedChild, Limits, Progress, unreadable_files
from iacfix.fixers.model import FileError, Language, Report
from iacfix.fixers.units import Plan, Task, UnitResult, make_plan, merge, settle

# Below this much infrastructure code a second process costs more than it saves: one child does it all.
POOL_THRESHOLD_BYTES = 48 * 1024


class ResultCache(Protocol):
    """What the pool asks of a cache (see :mod:`iacfix.fixers.cache`)."""

    def lookup(self, plan: Plan, task: Task) -> UnitResult | None: ...

    def store(self, plan: Plan, result: UnitResult) -> None: ...


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def analyse(config: EngineConfig, workspace: Mapping[str, str | bytes], limits: Limits, *, fix: bool,
            progress: Progress | None = None, jobs: int | None = None, cache: ResultCache | None = None) -> Report:
    """Scan (or fix) the workspace unit by unit on ``jobs`` processes; units whose cached results still hold are
    not analysed again, and when fixing, units the cache says have nothing to fix are not either."""
    unreadable = unreadable_files(workspace, config)
    workspace = {path: data for path, data in workspace.items() if path not in unreadable}
    engine = Engine(config)
    plan = make_plan(workspace, config.max_file_bytes, progress)
    pool = _Pool(config, workspace, plan, limits, jobs or default_jobs(), progress)
    results: list[UnitResult | None] = []
    tasks: list[Task] = []
    for unit in plan.units:
        task = Task((unit,), fix=fix)
        cached = cache.lookup(plan, task) if cache is not None else None
        if cached is not None and not (fix and any(engine.applies(f) for f in cached.found)):
            results.append(cached)
            for path in unit.paths if progress is not None else ():
                progress(path)
        else:
            results.append(None)
            tasks.append(task)
    analysed = pool.run(tasks)
    for result in analysed if cache is not None else ():
        if not pool.stopped_in(result):
            cache.store(plan, result)
    fresh = iter(analysed)
    done = [result if result is not None else next(fresh) for result in results]
    if fix:
        done = settle(plan, done, pool.run, engine.applies)
    stopped = [_stopped_error(path, reason) for path, reason in sorted(pool.stopped.items())]
    return merge(plan, done, [*unreadable.values(), *stopped])


@dataclass
class _Worker:
    """A child that analyses the tasks it is sent, one at a time, until it is sent None."""

    child: LimitedChild
    inbox: Connection
    task: int | None = None
    excluded: frozenset[str] = frozenset()


class _Pool:
    """The workers of one analysis; ``run`` can be called more than once (fixes settled after a first round)."""

    def __init__(self, config: EngineConfig, workspace: Mapping[str, str | bytes], plan: Plan, limits: Limits,
                 jobs: int, progress: Progress | None) -> None:
        self.config, self.workspace, self.plan, self.limits = config, workspace, plan, limits
        self.jobs, self.progress = jobs, progress
        self.stopped: dict[str, str] = {}  # path -> why it stopped an analysis

    def stopped_in(self, result: UnitResult) -> bool:
        """Whether the result lacks a file that stopped its analysis (such a result is not cached)."""
        return any(unit.key in result.keys and path in unit.paths for unit in self.plan.units for path in self.stopped)

    def run(self, tasks: list[Task]) -> list[UnitResult]:
        """The tasks' results, in the tasks' order. The largest tasks go first, so the cores finish together."""
        if not tasks:
            return []
        _prepare({unit.language for task in tasks for unit in task.units})
        sizes = [sum(unit.size for unit in task.units) for task in tasks]
        small = sum(sizes) < POOL_THRESHOLD_BYTES
        count = 1 if small else min(self.jobs, len(tasks))
        pending = deque((index, frozenset[str]()) for index in sorted(range(len(tasks)), key=lambda i: -sizes[i]))
        results: dict[int, UnitResult] = {}
        workers: list[_Worker] = []
        try:
            while pending or any(worker.task is not None for worker in workers):
                while pending and len(workers) < count:
                    workers.append(self._spawn(tasks, results))
                for worker in list(workers):
                    if worker.task is None and pending:
                        item = pending.popleft()
                        try:
                            self._send(worker, *item, tasks)
                        except OSError:  # it died while waiting for work: another takes its place
                            workers.remove(worker)
                            _close(worker)
                            pending.appendleft(item)
                busy = [worker for worker in workers if worker.task is not None]
                if not busy:
                    continue
                deadline = min(worker.child.deadline for worker in busy)
                wait([worker.child.reader for worker in busy], timeout=max(0.0, min(deadline - time.monotonic(), 1.0)))
                for worker in busy:
                    try:
                        worker.child.receive(self.progress)
                    except AnalysisStopped as stop:
                        workers.remove(worker)
                        _close(worker)
                        retry = self._stopped(worker, stop, tasks, results)
                        if retry is not None:
                            pending.appendleft(retry)
        finally:
            for worker in workers:
                _close(worker)
        return [results[index] for index in range(len(tasks))]

    def _spawn(self, tasks: list[Task], results: dict[int, UnitResult]) -> _Worker:
        inbox_reader, inbox = Pipe(duplex=False)
        worker: _Worker | None = None

        def received(item: tuple[int, UnitResult]) -> None:
            index, result = item
            results[index] = result
            assert worker is not None
            worker.task = None

        argument = (self.config, self.workspace, self.plan, tasks, inbox_reader)
        worker = _Worker(LimitedChild(_serve, argument, self.limits, received, renewable=True), inbox)
        inbox_reader.close()
        return worker

    def _send(self, worker: _Worker, index: int, excluded: frozenset[str], tasks: list[Task]) -> None:
        limits = self.limits.for_files(sum(len(unit.paths) for unit in tasks[index].units))
        worker.task, worker.excluded = index, excluded
        worker.child.restart_clock(limits)
        worker.inbox.send((index, excluded, limits.cpu_seconds))

    def _stopped(self, worker: _Worker, stop: AnalysisStopped, tasks: list[Task],
                 results: dict[int, UnitResult]) -> tuple[int, frozenset[str]] | None:
        """After a worker stopped: leave out the file it blamed and try its task again, or, when no file can be
        blamed (or too many were), give the task up with an error on each of its files."""
        if worker.task is None:
            return None
        task = tasks[worker.task]
        own = [path for unit in task.units for path in unit.paths if path not in worker.excluded]
        blamed = stop.path if stop.path in own else None
        if blamed is None or len(worker.excluded) >= self.limits.max_stopped_files:
            checked = [path for path in own if self.config.paths is None or path in self.config.paths]
            results[worker.task] = UnitResult(
                tuple(unit.key for unit in task.units),
                load_errors=[_stopped_error(path, f"the analysis {stop.reason}") for path in checked])
            return None
        self.stopped[blamed] = stop.reason
        return worker.task, worker.excluded | {blamed}


def _close(worker: _Worker) -> None:
    with contextlib.suppress(OSError):
        worker.inbox.send(None)
    worker.inbox.close()
    worker.child.close()


def _prepare(languages: set[Language]) -> None:
    """Import the rules and the parsers the tasks need (and build the Terraform grammar's) before children are
    forked, so that each child inherits them instead of paying for them again."""
    from iacfix.fixers.registry import all_rules

    all_rules()
    if Language.TERRAFORM in languages:
        import iacfix.fixers.hcl.document  # noqa: F401
        from iacfix.fixers.hcl.parser import warm

        warm()
    if Language.CLOUDFORMATION in languages:
        import iacfix.fixers.cfn.document  # noqa: F401
    if Language.PULUMI in languages:
        import iacfix.fixers.pulumi.document  # noqa: F401


def _serve(channel: Channel, argument: tuple[EngineConfig, Mapping[str, str | bytes], Plan, list[Task],
                                             Connection]) -> None:
    """In a worker: analyse each task sent, within its CPU budget, handing its result over when done."""
    config, workspace, plan, tasks, inbox = argument
    keep_inherited()
    engines = {frozenset(): Engine(config)}
    loading: Callable[[str], None] = lambda path: channel(path, True)  # noqa: E731
    while (message := inbox.recv()) is not None:
        index, excluded, cpu_seconds = message
        channel.renew(cpu_seconds)
        engine = engines.get(excluded)
        if engine is None:  # a task again, without the files that stopped it
            narrowed = replace(config, paths=None if config.paths is None else config.paths - excluded)
            engine = engines[excluded] = Engine(narrowed)
        engine.watch = channel
        texts = engine.texts(workspace, plan).without(excluded)  # anew for each task: nothing read is kept
        channel.emit((index, engine.perform(workspace, texts, tasks[index], excluded, progress=loading)))
        del texts
        settle_unit()


def _stopped_error(path: str, reason: str) -> FileError:
    return FileError(path, 1, 1, f"could not be analysed: {reason}")

