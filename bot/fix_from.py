"""``iacfix fix --from REPORT``: fix exactly the findings another scanner reported, and say what became of each.

The report is read first (its files become the paths when none are given), the engine scans with the rules that
answer its checks, the findings at the places the report names are the only ones fixed, and a table of the
report's findings by outcome follows the usual summary.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, replace
from pathlib import Path

from iacfix.bot.terminal import printable
from iacfix.fixers.engine import Engine
from iacfix.fixers.external import (
    ExternalFinding,
    ReportError,
    Resolution,
    mapping,
    read_report,
    resolve_outcomes,
    targets,
    with_resources,
)
from iacfix.fixers.model import Finding, Report


class FromError(Exception):
    """The report cannot be used; the message says why."""


@dataclass
class FromRun:
    """The report's findings, the local files they name, and (after the scan) the iacfix findings they match."""

    externals: list[ExternalFinding]
    local_paths: dict[str, str] = field(default_factory=dict)  # a resolved path -> the path as collected
    found: dict[ExternalFinding, list[Finding]] = field(default_factory=dict)
    rules: set[str] = field(default_factory=set)

    def local(self, path: str) -> str | None:
        return self.local_paths.get(str(Path(path).resolve()))


def read_from(arguments: argparse.Namespace) -> FromRun:
    """Read ``--from``; with no paths given, the files the report names (those that exist) become the paths."""
    source = Path(arguments.external)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise FromError(f"--from {source}: cannot be read: {reason}") from None
    try:
        externals = read_report(text, str(source), [Path.cwd(), source.resolve().parent])
    except ReportError as error:
        raise FromError(str(error)) from None
    if not arguments.paths:
        arguments.paths = sorted({_relative(f.path) for f in externals if Path(f.path).is_file()})
        if not arguments.paths:
            raise FromError(f"--from {source}: none of the files it names exist here (run iacfix where the scanner ran)")
    return FromRun(externals)


def _relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def scan_engine(run: FromRun, engine: Engine) -> Engine:
    """The engine that finds what the report's checks are about: the configured rules that answer them."""
    run.rules = {rule.code for rule in engine.rules}
    wanted = {entry.rule for f in run.externals if (entry := mapping(f.tool, f.check)) and entry.rule in run.rules}
    return Engine(replace(engine.config, select=tuple(sorted(wanted)), ignore=()))


def _text(path: str | None, texts: dict[str, bytes]) -> str | None:
    data = texts.get(path) if path is not None else None
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff") if data else None


def narrowed(run: FromRun, engine: Engine, texts: dict[str, bytes], scan: Report) -> Engine:
    """The scan engine, fixing only the findings of ``scan`` that the report's findings correspond to."""
    run.local_paths = {str(Path(path).resolve()): path for path in texts}
    run.externals = with_resources(run.externals, lambda path: _text(run.local(path), texts))
    run.found = targets(run.externals, scan.found, run.local, run.rules)
    only = frozenset(finding.identity for matched in run.found.values() for finding in matched)
    return Engine(replace(engine.config, only=only))


def outcomes(run: FromRun, engine: Engine, report: Report) -> list[Resolution]:
    """What became of each of the report's findings, every text from the report made safe for a terminal."""
    resolutions = resolve_outcomes(run.externals, run.found, report, run.local, run.rules, engine.applies)
    return [replace(r, detail=printable(r.detail), external=replace(
        r.external, path=printable(_relative(r.external.path)), check=printable(r.external.check),
        resource=printable(r.external.resource) if r.external.resource else None)) for r in resolutions]
