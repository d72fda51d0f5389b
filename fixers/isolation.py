"""Runs an analysis in a child process with CPU-time, wall-time and memory limits.

A hostile file can crash a native parser (a segfault no ``except`` catches), loop for minutes or eat the
machine's memory. In a child process each of those ends that child only: the parent learns which file the
child was working on when it died, reports that file as an error and analyses the others again without it.
Used by the GitHub App's jobs and by the command line alike; it knows nothing of either.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from iacfix.fixers.classify import classify
from iacfix.fixers.engine import EngineConfig, decode
from iacfix.fixers.model import FileError, Report

Result = TypeVar("Result")
Progress = Callable[[str], None]
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one analysis may use. The wall time also bounds a child that sleeps or waits."""

    cpu_seconds: int = 60
    wall_seconds: float = 120.0
    memory_bytes: int = 1024 * MEGABYTE
    # How many files may stop an analysis before the rest is given up: each costs one more run.
    max_stopped_files: int = 3
    # Added to both budgets (twice for the wall time) for each file a child analyses.
    per_file_seconds: float = 0.0

    def for_files(self, count: int) -> Limits:
        """The limits of a child that analyses ``count`` files."""
        extra = self.per_file_seconds * count
        return replace(self, cpu_seconds=self.cpu_seconds + int(extra), wall_seconds=self.wall_seconds + 2 * extra)


class AnalysisStopped(Exception):
    """The child crashed, hit a limit or raised; ``path`` is the file it was working on, if it said."""

    def __init__(self, reason: str, path: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path


def _context() -> multiprocessing.context.BaseContext:
    """fork is instant and safe while one thread runs (the command line); with threads (the App's consumers),
    a fork server forks children from a clean single-threaded process that has the engine imported."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["iacfix.fixers.isolation"])
    return context


class Channel:
    """How the child speaks to the parent: ``channel(path, loading)`` names the file it starts working on (so a
    crash can be blamed on it; ``loading`` while it reads files in, which is what progress hears about), and
    ``channel.emit(value)`` hands over a partial result (one unit's) as soon as it is ready."""

    def __init__(self, writer: Connection) -> None:
        self._writer = writer
        self._last: str | None = None

    def __call__(self, path: str, loading: bool = False) -> None:
        if loading or path != self._last:
            self._last = path
            self._writer.send(("path", path, loading))

    def emit(self, value: Any) -> None:
        self._last = None
        self._writer.send(("emit", value))

    @staticmethod
    def renew(cpu_seconds: int) -> None:
        """Allow ``cpu_seconds`` more of CPU time from now (a child that runs tasks one after another)."""
        used = resource.getrusage(resource.RUSAGE_SELF)
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (_within(int(used.ru_utime + used.ru_stime) + 1 + cpu_seconds, hard),
                                                 hard))


def _within(seconds: int, hard: int) -> int:
    return seconds if hard == resource.RLIM_INFINITY else min(seconds, hard)


class LimitedChild:
    """A child process running ``function(channel, argument)`` within ``limits``, read without blocking, so that
    a pool can watch several at once."""

    def __init__(self, function: Callable[[Channel, Any], Any], argument: Any, limits: Limits,
                 on_emit: Callable[[Any], None] | None = None, renewable: bool = False) -> None:
        context = _context()
        self.reader, writer = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(writer, function, argument, limits, renewable),
                                       daemon=True)
        self.process.start()
        writer.close()
        self.limits = limits
        self.deadline = time.monotonic() + limits.wall_seconds
        self.current: str | None = None
        self.on_emit = on_emit

    def restart_clock(self, limits: Limits) -> None:
        """A new task's limits, counted from now (the child renews its CPU limit itself)."""
        self.limits = limits
        self.deadline = time.monotonic() + limits.wall_seconds

    def receive(self, progress: Progress | None = None) -> tuple[bool, Any]:
        """Take every message waiting: ``(True, result)`` once the child is done, ``(False, None)`` while it works;
        AnalysisStopped when it crashed, hit a limit, raised or ran out of time."""
        ended = False
        while self.reader.poll(0):
            try:
                kind, *values = self.reader.recv()
            except (EOFError, OSError):
                ended = True
                break
            if kind == "path":
                self.current = values[0]
                if values[1] and progress is not None:
                    progress(self.current)
            elif kind == "emit":
                self.current = None
                if self.on_emit is not None:
                    self.on_emit(values[0])
            elif kind == "result":
                return True, values[0]
            elif kind == "error":
                raise AnalysisStopped(values[0], self.current)
        if ended or not self.process.is_alive() and not self.reader.poll(0):
            self.process.join(5)
            raise AnalysisStopped(_death(self.process.exitcode, self.limits), self.current)
        if time.monotonic() > self.deadline:
            raise AnalysisStopped(f"took longer than {self.limits.wall_seconds:g} s", self.current)
        return False, None

    def close(self) -> None:
        self.reader.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def run_limited(function: Callable[[Channel, Any], Result], argument: Any, limits: Limits,
                progress: Progress | None = None) -> Result:
    """``function(channel, argument)`` in a child within ``limits``; its result, or AnalysisStopped.

    The child calls ``channel(path, loading)`` when it starts working on a file, so a crash can be blamed on it.
    """
    child = LimitedChild(function, argument, limits)
    try:
        while True:
            wait([child.reader], timeout=max(0.0, min(child.deadline - time.monotonic(), 1.0)))
            done, result = child.receive(progress)
            if done:
                return result
    finally:
        child.close()


def _death(exitcode: int | None, limits: Limits) -> str:
    if exitcode is None or exitcode >= 0:
        return f"the analysis ended without a result (exit status {exitcode})"
    number = -exitcode
    if number == signal.SIGXCPU:
        return f"used more than {limits.cpu_seconds} s of CPU time"
    if number == signal.SIGKILL:
        return f"was killed, most likely for using more than {limits.memory_bytes // MEGABYTE} MB of memory"
    return f"crashed the parser ({signal.Signals(number).name})"


def _child(writer: Connection, function: Callable, argument: Any, limits: Limits, renewable: bool) -> None:
    """In the child: limits first, then the work; every outcome goes back through the pipe."""
    faulthandler.disable()  # a crash is reported by the parent, not dumped on the user's terminal
    # A child that runs one task after another moves its CPU limit for each (Channel.renew): the hard limit,
    # which it could not raise again, is left as it is.
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1] if renewable else limits.cpu_seconds + 5
    resource.setrlimit(resource.RLIMIT_CPU, (_within(limits.cpu_seconds, hard), hard))
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit than ours stays in force
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    channel = Channel(writer)

    try:
        result = function(channel, argument)
    except MemoryError:
        writer.send(("error", f"used more than {limits.memory_bytes // MEGABYTE} MB of memory"))
    except RecursionError:
        writer.send(("error", "nested too deeply to analyse"))
    except Exception as error:  # the parent decides what a failure means; the child only reports it
        writer.send(("error", f"the analysis failed: {type(error).__name__}: {error}"))
    else:
        writer.send(("result", result))
    finally:
        writer.close()
        os._exit(0)  # no atexit handlers or finalisers inherited from the parent


# --------------------------------------------------------------------------------- the engine's run
def analyse_isolated(config: EngineConfig, workspace: Mapping[str, str | bytes], limits: Limits, *,
                     fix: bool = True, progress: Progress | None = None, jobs: int | None = None,
                     cache: Any = None) -> Report:
    """``Engine(config).fix`` (or ``scan``) in child processes, unit by unit (see :mod:`iacfix.fixers.pool`); a
    file that crashes a child, exceeds a limit or hangs it is an error, and the rest is still analysed."""
    from iacfix.fixers.pool import analyse

    return analyse(config, workspace, limits, fix=fix, progress=progress, jobs=jobs, cache=cache)


def unreadable_files(workspace: Mapping[str, str | bytes], config: EngineConfig) -> dict[str, FileError]:
    """Infrastructure files that cannot be read as text (too large, not UTF-8, binary), as errors.

    The engine skips a file it cannot classify, and it cannot classify what it cannot decode; a lossless
    single-byte reading is enough to tell a Latin-1 CloudFormation template or Pulumi program from any other
    file, so those are errors like the same cases in Terraform instead of silent skips.
    """
    paths = set(workspace)
    errors: dict[str, FileError] = {}
    for path, data in workspace.items():
        if config.paths is not None and path not in config.paths:
            continue
        text = decode(path, data, config.max_file_bytes)
        if not isinstance(text, FileError):
            continue
        sample = data[: config.max_file_bytes]
        readable = sample if isinstance(sample, str) else sample.decode("latin-1")
        if classify(path, readable.replace("\0", ""), paths).language is not None:
            errors[path] = text
    return errors
