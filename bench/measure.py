"""Whole-process measurements shared by the benchmarks: wall time, CPU time (user + system, the process and every
process it waited for) and peak resident memory (the largest single process), as medians of several runs."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Runs the command as a child and reports the resources it and its own children used.
MEASURE = (
    "import json, resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(json.dumps([usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))"
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
    walls, cpus, peaks = [], [], []
    for run in range(repeat):
        if before_each is not None:
            before_each(run)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True,
                                cwd=cwd)
        walls.append(time.perf_counter() - start)
        cpu, peak_kb = json.loads(result.stdout.strip().splitlines()[-1])
        cpus.append(cpu)
        peaks.append(peak_kb / 1024)
    return Timing(label, statistics.median(walls), statistics.median(cpus), max(peaks), repeat)


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
