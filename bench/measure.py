"""Whole-process measurements shared by the benchmarks: wall time, CPU time (user + system, the process and every
process it waited for) and peak resident memory (the largest single process), as medians of several runs."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Runs the command as a child and reports the resources it and its own children used.
# Its own start-up is in neither figure: the wall time is taken around the command alone.
MEASURE = (
    "import json, resource, subprocess, sys, time;"
    "start = time.perf_counter();"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "wall = time.perf_counter() - start;"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))"
)


@dataclass
class Timing:
    label: str
    wall: float  # seconds, median
    cpu: float  # seconds of user + system time, median
    peak_mb: float  # the largest resident set of any one process, highest of the runs
    runs: int

    def row(self) -> str:
        return f"{self.label:<52} {self.wall:8.3f} s wall {self.cpu:8.3f} s CPU {self.peak_mb:7.0f} MB peak  ({self.runs} runs)"


def measure(label: str, command: list[str], repeat: int, cwd: Path | None = None,
            before_each: Callable[[int], None] | None = None) -> Timing:
    samples = []
    for run in range(repeat):
        if before_each is not None:
            before_each(run)
        samples.append(_run(command, cwd))
    return _timing(label, samples)


def measure_interleaved(commands: dict[str, tuple[str, list[str]]], repeat: int, cwd: Path | None = None,
                        fewer: Mapping[str, int] | None = None) -> dict[str, Timing]:
    """Several commands (key -> label, command) measured in turns, one run of each and then again: a machine that
    speeds up or slows down during the measurement moves all of them alike, so their ratios hold. A command given
    a smaller count in ``fewer`` (a slow peer) runs that many times, in rounds spread over the measurement."""
    rounds = {key: {int(run * repeat / count) for run in range(count)} for key, count in (fewer or {}).items()}
    samples: dict[str, list[tuple[float, float, float]]] = {key: [] for key in commands}
    for round_number in range(repeat):
        for key, (_label, command) in commands.items():
            if key not in rounds or round_number in rounds[key]:
                samples[key].append(_run(command, cwd))
    return {key: _timing(commands[key][0], runs) for key, runs in samples.items()}


def _run(command: list[str], cwd: Path | None) -> tuple[float, float, float]:
    """One whole-process run: wall seconds, CPU seconds, peak resident megabytes."""
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True,
                            cwd=cwd)
    wall, cpu, peak_kb = json.loads(result.stdout.strip().splitlines()[-1])
    return wall, cpu, peak_kb / 1024


def _timing(label: str, samples: list[tuple[float, float, float]]) -> Timing:
    walls, cpus, peaks = zip(*samples, strict=True)
    return Timing(label, statistics.median(walls), statistics.median(cpus), max(peaks), len(samples))


def byte_compile(root: Path) -> str:
    """Compile iacfix's modules as an installation does (pip writes them at install time); a checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile them again in every measured process."""
    import compileall

    for package in ("fixers", "bot"):
        compileall.compile_dir(root / package, quiet=1)
    return "iacfix's modules byte-compiled, as an installation has them"


def load() -> str:
    """How busy the machine is: the load averages against the number of cores."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"
