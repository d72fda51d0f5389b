"""Analyses a workspace's units on every core, each batch of units in a child process within limits.

Units are independent (:mod:`iacfix.fixers.units`), so they are parsed, checked and fixed in parallel and their
results merged into exactly the report one process would give. A child streams each unit's result as soon as
it is done and keeps nothing of it, so memory stays bounded whatever the size of the tree. A child that crashes,
hits a limit or hangs ends its current unit's analysis only: the file it was working on is reported and left
out, and the units it had not finished are analysed again without it.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from typing import Protocol

from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.isolation import AnalysisStopped, Channel, LimitedChild, Limits, Progress, unreadable_files
from iacfix.fixers.model import FileError, Report
from iacfix.fixers.units import Plan, Task, UnitResult, make_plan, merge, settle

# Below this much infrastructure code a second process costs more than it saves: one child does it all.
POOL_THRESHOLD_BYTES = 48 * 1024
# A child's share of the work: enough to pay for its start, small enough to balance the cores.
BATCH_BYTES = 2 * 1024 * 1024
BATCHES_PER_JOB = 4


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
    fresh = iter(pool.run(tasks))
    done = [result if result is not None else next(fresh) for result in results]
    if cache is not None:
        for result in done:
            if not pool.stopped_in(result):
                cache.store(plan, result)
    if fix:
        done = settle(plan, done, pool.run, engine.applies)
    stopped = [_stopped_error(path, reason) for path, reason in sorted(pool.stopped.items())]
    return merge(plan, done, [*unreadable.values(), *stopped])


@dataclass
class _Batch:
    tasks: list[int]  # indices into the tasks of one ``run``
    excluded: frozenset[str] = frozenset()
    files: int = 0


@dataclass
class _Running:
    child: LimitedChild
    batch: _Batch
    finished: set[int] = field(default_factory=set)


class _Pool:
    def __init__(self, config: EngineConfig, workspace: Mapping[str, str | bytes], plan: Plan, limits: Limits,
                 jobs: int, progress: Progress | None) -> None:
        self.config, self.workspace, self.plan, self.limits = config, workspace, plan, limits
        self.jobs, self.progress = jobs, progress
        self.stopped: dict[str, str] = {}  # path -> why it stopped an analysis

    def stopped_in(self, result: UnitResult) -> bool:
        """Whether the result lacks a file that stopped its analysis (such a result is not cached)."""
        return any(unit.key in result.keys and path in unit.paths for unit in self.plan.units for path in self.stopped)

    def run(self, tasks: list[Task]) -> list[UnitResult]:
        """The tasks' results, in the tasks' order."""
        if not tasks:
            return []
        results: dict[int, UnitResult] = {}
        queue = deque(self._batches(tasks))
        running: list[_Running] = []
        try:
            while queue or running:
                while queue and len(running) < self.jobs:
                    running.append(self._start(queue.popleft(), tasks, results))
                deadline = min(entry.child.deadline for entry in running)
                wait([entry.child.reader for entry in running], timeout=max(0.0, min(deadline - time.monotonic(), 1.0)))
                for entry in list(running):
                    try:
                        done, _ = entry.child.receive(self.progress)
                    except AnalysisStopped as stop:
                        running.remove(entry)
                        entry.child.close()
                        retry = self._stopped(entry, stop, tasks, results)
                        if retry is not None:
                            queue.appendleft(retry)
                        continue
                    if done:
                        running.remove(entry)
                        entry.child.close()
        finally:
            for entry in running:
                entry.child.close()
        return [results[index] for index in range(len(tasks))]

    def _batches(self, tasks: list[Task]) -> list[_Batch]:
        sizes = [sum(unit.size for unit in task.units) for task in tasks]
        total = sum(sizes)
        if self.jobs == 1 or total < POOL_THRESHOLD_BYTES or len(tasks) == 1:
            return [self._batch(list(range(len(tasks))), tasks)]
        target = min(BATCH_BYTES, max(1, total // (self.jobs * BATCHES_PER_JOB)))
        batches: list[list[int]] = [[]]
        filled = 0
        for index, size in enumerate(sizes):
            if filled >= target:
                batches.append([])
                filled = 0
            batches[-1].append(index)
            filled += size
        return [self._batch(indices, tasks) for indices in batches]

    @staticmethod
    def _batch(indices: list[int], tasks: list[Task], excluded: frozenset[str] = frozenset()) -> _Batch:
        files = sum(len(unit.paths) for index in indices for unit in tasks[index].units)
        return _Batch(indices, excluded, files)

    def _start(self, batch: _Batch, tasks: list[Task], results: dict[int, UnitResult]) -> _Running:
        entry: _Running | None = None

        def received(item: tuple[int, UnitResult]) -> None:
            index, result = item
            results[index] = result
            assert entry is not None
            entry.finished.add(index)

        argument = (self.config, self.workspace, self.plan, [(index, tasks[index]) for index in batch.tasks],
                    batch.excluded)
        entry = _Running(LimitedChild(_analyse_batch, argument, self.limits.for_files(batch.files), received), batch)
        return entry

    def _stopped(self, entry: _Running, stop: AnalysisStopped, tasks: list[Task],
                 results: dict[int, UnitResult]) -> _Batch | None:
        """After a child stopped: leave out the file it blamed and retry its unfinished tasks, or, when no file
        can be blamed (or too many were), give up the task it was on with an error on each of its files."""
        pending = [index for index in entry.batch.tasks if index not in entry.finished]
        if not pending:
            return None
        current = tasks[pending[0]]
        own = [path for unit in current.units for path in unit.paths if path not in entry.batch.excluded]
        stopped_here = [path for path in entry.batch.excluded if path in self.stopped]
        blamed = stop.path if stop.path in own else None
        if blamed is None or blamed in self.stopped or len(stopped_here) >= self.limits.max_stopped_files:
            checked = [path for path in own if self.config.paths is None or path in self.config.paths]
            results[pending[0]] = UnitResult(
                tuple(unit.key for unit in current.units),
                load_errors=[_stopped_error(path, f"the analysis {stop.reason}") for path in checked])
            pending = pending[1:]
            excluded = entry.batch.excluded
        else:
            self.stopped[blamed] = stop.reason
            excluded = entry.batch.excluded | {blamed}
        return self._batch(pending, tasks, excluded) if pending else None


def _analyse_batch(channel: Channel, argument: tuple[EngineConfig, Mapping[str, str | bytes], Plan,
                                                     list[tuple[int, Task]], frozenset[str]]) -> None:
    """In a child: analyse each task in turn, handing its result over as soon as it is done."""
    config, workspace, plan, tasks, excluded = argument
    if excluded and config.paths is not None:
        config = replace(config, paths=config.paths - excluded)
    engine = Engine(config)
    engine.watch = channel
    texts = engine.texts(workspace, plan).without(excluded)
    loading: Callable[[str], None] = lambda path: channel(path, True)  # noqa: E731
    for index, task in tasks:
        channel.emit((index, engine.perform(workspace, texts, task, excluded, progress=loading)))


def _stopped_error(path: str, reason: str) -> FileError:
    return FileError(path, 1, 1, f"could not be analysed: {reason}")

