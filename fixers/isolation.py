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
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from iacfix.fixers import engine as engine_module
from iacfix.fixers.classify import classify
from iacfix.fixers.engine import Engine, EngineConfig, decode
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


def run_limited(function: Callable[[Callable[[str, bool], None], Any], Result], argument: Any, limits: Limits,
                progress: Progress | None = None) -> Result:
    """``function(tell, argument)`` in a child within ``limits``; its result, or AnalysisStopped.

    The child calls ``tell(path, loading)`` when it starts working on a file (``loading`` while it reads
    them in, which is what ``progress`` hears about), so a crash can be blamed on that file.
    """
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(writer, function, argument, limits), daemon=True)
    child.start()
    writer.close()
    deadline = time.monotonic() + limits.wall_seconds
    current: str | None = None
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AnalysisStopped(f"took longer than {limits.wall_seconds:g} s", current)
            if not reader.poll(min(remaining, 1.0)):
                if not child.is_alive() and not reader.poll(0):
                    break
                continue
            try:
                kind, *values = reader.recv()
            except (EOFError, OSError):
                break
            if kind == "path":
                current = values[0]
                if values[1] and progress is not None:
                    progress(current)
            elif kind == "result":
                return values[0]
            elif kind == "error":
                raise AnalysisStopped(values[0], current)
        child.join(5)
        raise AnalysisStopped(_death(child.exitcode, limits), current)
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def _death(exitcode: int | None, limits: Limits) -> str:
    if exitcode is None or exitcode >= 0:
        return f"the analysis ended without a result (exit status {exitcode})"
    number = -exitcode
    if number == signal.SIGXCPU:
        return f"used more than {limits.cpu_seconds} s of CPU time"
    if number == signal.SIGKILL:
        return f"was killed, most likely for using more than {limits.memory_bytes // MEGABYTE} MB of memory"
    return f"crashed the parser ({signal.Signals(number).name})"


def _child(writer: Connection, function: Callable, argument: Any, limits: Limits) -> None:
    """In the child: limits first, then the work; every outcome goes back through the pipe."""
    faulthandler.disable()  # a crash is reported by the parent, not dumped on the user's terminal
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit than ours stays in force
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    last: list[str | None] = [None]

    def tell(path: str, loading: bool = False) -> None:
        if loading or path != last[0]:
            last[0] = path
            writer.send(("path", path, loading))

    try:
        result = function(tell, argument)
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
def _engine_run(tell: Callable[[str, bool], None], argument: tuple[EngineConfig, Mapping[str, str | bytes], bool],
                ) -> Report:
    """The engine's scan or fix, telling the parent which file each step works on."""
    config, workspace, fix = argument
    engine = Engine(config)
    for rule in engine.rules:
        rule.check = _telling(rule.check, tell)
    parse = engine_module.parse_document

    def parse_telling(language, path, text):  # noqa: ANN001, ANN202 - the engine's own signature
        tell(path, False)
        return parse(language, path, text)

    engine_module.parse_document = parse_telling  # this process is the child's own: nothing else sees it
    load_progress = lambda path: tell(path, True)  # noqa: E731
    return engine.fix(workspace, load_progress) if fix else engine.scan(workspace, load_progress)


def _telling(check: Callable, tell: Callable[[str, bool], None]) -> Callable:
    def checked(document, context):  # noqa: ANN001, ANN202 - a rule's check signature
        tell(document.path, False)
        return list(check(document, context))  # run it now, while this file is the one being told

    return checked


def analyse_isolated(config: EngineConfig, workspace: Mapping[str, str | bytes], limits: Limits, *,
                     fix: bool = True, progress: Progress | None = None) -> Report:
    """``Engine(config).fix`` (or ``scan``) in a child; a file that stops it is an error, the rest still runs.

    Each file that crashes the child, exceeds a limit or hangs it is left out and the analysis runs again,
    up to ``limits.max_stopped_files`` times; a stop that names no file, or one too many, ends the analysis
    with an error on every file it was asked to check.
    """
    unreadable = unreadable_files(workspace, config)
    workspace = {path: data for path, data in workspace.items() if path not in unreadable}
    stopped: dict[str, str] = {}
    report: Report | None = None
    while report is None:
        remaining = {path: data for path, data in workspace.items() if path not in stopped}
        narrowed = replace(config, paths=None if config.paths is None else config.paths - set(stopped))
        try:
            report = run_limited(_engine_run, (narrowed, remaining, fix), limits, progress)
        except AnalysisStopped as stop:
            if stop.path is None or stop.path in stopped or len(stopped) >= limits.max_stopped_files:
                checked = sorted(config.paths if config.paths is not None else remaining)
                unnamed = [path for path in checked if path in remaining]
                report = Report(errors=[_stopped_error(path, f"the analysis {stop.reason}") for path in unnamed])
            else:
                stopped[stop.path] = stop.reason
    report.errors[:0] = [*unreadable.values(), *(_stopped_error(path, r) for path, r in sorted(stopped.items()))]
    return report


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


def _stopped_error(path: str, reason: str) -> FileError:
    return FileError(path, 1, 1, f"could not be analysed: {reason}")
