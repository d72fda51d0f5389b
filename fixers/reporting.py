"""Reports for people and machines: text (styled by rich on a terminal), a stable JSON schema, and SARIF 2.1.0 for
code scanning."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from iacfix.fixers.ci_formats import CI_FORMATS
from iacfix.fixers.external import Outcome, Resolution, answered_by, language_of
from iacfix.fixers.model import Finding, Report, Severity

if TYPE_CHECKING:
    from iacfix.fixers.engine import Engine
    from iacfix.fixers.registry import Rule

JSON_SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/iacfix/iacfix"
# GitHub code scanning rejects a run with more results than this (it shows the first 5,000 by severity).
SARIF_MAX_RESULTS = 25_000
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def finding_record(finding: Finding, engine: Engine | None = None) -> dict[str, Any]:
    """One finding in the JSON schema (version 1)."""
    return {
        "code": finding.code,
        "name": finding.name,
        "file": finding.path,
        "start_line": finding.start.line,
        "start_column": finding.start.column,
        "end_line": finding.end.line,
        "end_column": finding.end.column,
        "message": finding.message,
        "severity": finding.severity.value,
        "fixable": finding.fixable,
        "fix_applicability": finding.fix.applicability.value if finding.fix else None,
        "fix_applied_by_default": bool(engine and engine.applies(finding)),
        "not_fixed_reason": finding.not_fixed_reason,
        "answers": answered_by(finding.code, language_of(finding.path)),
    }


def report_json(report: Report, engine: Engine | None = None) -> dict[str, Any]:
    return {
        "version": JSON_SCHEMA_VERSION,
        "findings": [finding_record(f, engine) for f in report.remaining],
        "errors": [{"file": e.path, "line": e.line, "column": e.column, "reason": e.reason} for e in report.errors],
        "skipped": [{"file": s.path, "reason": s.reason} for s in report.skipped],
        "summary": {"files_scanned": report.scanned, "findings": len(report.remaining), "errors": len(report.errors)},
    }


def report_sarif(report: Report, rules: Iterable[type[Rule]]) -> dict[str, Any]:
    """SARIF 2.1.0 as GitHub code scanning accepts it: rules with help text, results with locations."""
    from iacfix.fixers import __version__

    rule_list = list(rules)
    index = {rule.code: position for position, rule in enumerate(rule_list)}
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    kept = sorted(report.remaining, key=lambda f: order[f.severity])[:SARIF_MAX_RESULTS]
    dropped = len(report.remaining) - len(kept)
    notes = [{"level": "warning", "message": {"text": f"{dropped} findings of lower severity were left out: code "
                                                      f"scanning accepts at most {SARIF_MAX_RESULTS} results a run"}}]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "iacfix",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_sarif_rule(rule) for rule in rule_list],
            }},
            "results": [_sarif_result(f, index) for f in kept],
            "invocations": [{
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": error.reason},
                        "locations": [{"physicalLocation": {
                            "artifactLocation": {"uri": error.path},
                            "region": {"startLine": error.line, "startColumn": error.column},
                        }}],
                    }
                    for error in report.errors
                ] + (notes if dropped else []),
            }],
        }],
    }


def _sarif_rule(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary()},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": ["iac", *(language.value for language in rule.languages)], "precision": "high"},
    }


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    return {
        "ruleId": finding.code,
        "ruleIndex": index.get(finding.code, 0),
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": finding.path},
            "region": {
                "startLine": finding.start.line,
                "startColumn": finding.start.column,
                "endLine": finding.end.line,
                "endColumn": finding.end.column,
            },
        }}],
        "partialFingerprints": {"iacfixSubject/v1": f"{finding.code}:{finding.path}:{finding.subject}"},
    }


def render_report(report: Report, form: str, stream: IO[str], *, verbose: bool = False, engine: Engine | None = None) -> None:
    if form == "json":
        json.dump(report_json(report, engine), stream, indent=2)
        stream.write("\n")
        return
    if form in CI_FORMATS:
        stream.write(CI_FORMATS[form](report, engine))
        return
    if form == "sarif":
        rules = engine.rules if engine is not None else []
        json.dump(report_sarif(report, [type(rule) for rule in rules]), stream, indent=2)
        stream.write("\n")
        return
    lines = Lines(stream)
    for finding in report.remaining:
        lines.print((finding.path, "bold"), f":{finding.start.line}:{finding.start.column}: ",
                    (finding.code, _colour(finding.severity)), f" {finding.message} ",
                    (f"({finding.name}){_fix_mark(finding, engine)}", "dim"))
    _print_problems(lines, report, verbose)
    fixable = sum(1 for f in report.remaining if engine is not None and engine.applies(f))
    lines.print(
        f"{_findings_in_files(report.remaining)}; {_count(report.scanned, 'file')} scanned"
        + (f"; {fixable} fixable with `iacfix fix`" if fixable else "")
        + (f"; {_count(len(report.errors), 'file')} could not be read" if report.errors else "")
    )


def render_fixes(report: Report, stream: IO[str], *, wrote: bool, verbose: bool = False, engine: Engine | None = None,
                 originals: dict[str, bytes] | None = None) -> None:
    """What was fixed (lines of the files as they were) and what remains (lines of the files as fixed)."""
    lines = Lines(stream)
    fixed_file = "fixed file" if wrote else "file as it would be fixed"
    original_lines = _original_lines(report, originals)
    if report.fixed:
        lines.print(f"{'Fixed' if wrote else 'Would fix'} (line numbers of the original file):")
    for finding in report.fixed:
        description = finding.fix.description if finding.fix else finding.message
        line = original_lines.get(finding.identity, finding.start.line)
        lines.print("  ", ("fixed" if wrote else "would fix", "green"), " ", (finding.path, "bold"),
                    f":{line} {finding.code} {description}")
    if report.failures:
        lines.print("Not fixed automatically (line numbers of the original file):")
    for failure in report.failures:
        line = original_lines.get(failure.finding.identity, failure.finding.start.line)
        lines.print("  ", ("not fixed", "yellow"), " ", (failure.finding.path, "bold"),
                    f":{line} {failure.finding.code}: {failure.reason}")
    if report.remaining:
        lines.print(f"Left to fix (line numbers of the {fixed_file}):")
    for finding in report.remaining:
        lines.print("  ", (finding.path, "bold"), f":{finding.start.line}:{finding.start.column}: "
                    f"{finding.code} {finding.message}{_fix_mark(finding, engine)}")
    _print_problems(lines, report, verbose)
    lines.print(
        f"{_count(len(report.fixed), 'fix', 'fixes')} {'applied' if wrote else 'available'} "
        f"in {_count(len(report.files), 'file')}; {_findings_in_files(report.remaining)} left; "
        f"{_count(report.scanned, 'file')} scanned"
    )


def render_external(resolutions: list[Resolution], stream: IO[str], *, wrote: bool) -> None:
    """Another scanner's findings by outcome: fixed, no iacfix rule, found but not fixed (and why)."""
    lines = Lines(stream)
    if not resolutions:
        lines.print("The report holds no failed checks.")
        return
    by_outcome: dict[Outcome, list[Resolution]] = {}
    for resolution in resolutions:
        by_outcome.setdefault(resolution.outcome, []).append(resolution)
    counts = ", ".join(f"{len(by_outcome[o])} {_outcome_label(o, wrote)}" for o in Outcome if o in by_outcome)
    lines.print(f"Findings of the report ({counts}):")
    rows = [(_outcome_label(r.outcome, wrote), f"{r.external.tool} {r.external.check}",
             f"{r.external.path}:{r.external.start_line}", r.external.resource or "", r.rule or "-", r.detail)
            for outcome in Outcome for r in by_outcome.get(outcome, [])]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    for row in rows:
        cells = "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True))
        lines.print("  " + cells + (f"  {row[5]}" if row[5] else ""))


def _outcome_label(outcome: Outcome, wrote: bool) -> str:
    return "would fix" if outcome is Outcome.FIXED and not wrote else outcome.value


def _original_lines(report: Report, originals: dict[str, bytes] | None) -> dict[tuple[str, str, str], int]:
    """Where each fixed or failed finding lies in the file as the user wrote it.

    A finding the scan of the original reported keeps that line; one a fix made in a later pass brought up
    is placed by where its edits fall in the original text (``report.origins``)."""
    lines = {finding.identity: finding.start.line for finding in report.found}
    for identity, (start, _end) in report.origins.items():
        original = (originals or {}).get(identity[1]) if identity not in lines else None
        if original is not None:
            lines[identity] = original.decode("utf-8", errors="replace")[:start].count("\n") + 1
    return lines


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _findings_in_files(findings: list[Finding]) -> str:
    if not findings:
        return "0 findings"
    files = len({finding.path for finding in findings})
    return f"{_count(len(findings), 'finding')} in {_count(files, 'file')}"


def render_rules(rules: Iterable[type[Rule]], stream: IO[str]) -> None:
    """The catalog, never cut: a few wrapped lines per rule on a terminal, one plain line per rule when piped."""
    rows = [(rule.code, rule.name, rule.applicability.value, ", ".join(language.value for language in rule.languages),
             rule.title) for rule in rules]
    header = ("code", "name", "fix", "languages", "title")
    if not _is_terminal(stream):
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header) - 1)]
        for row in [header, *rows]:
            stream.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + f"  {row[-1]}\n")
        return
    from rich.padding import Padding
    from rich.text import Text

    # On a terminal each rule takes a few lines, so nothing needs cutting however narrow it is: what people
    # type (code, name) on the first, the title and languages wrapped below it.
    console = _console(stream, wrap=True)
    indent = len(rows[0][0]) + 2 if rows else 0
    for code, name, fix, languages, title in rows:
        console.print(Text.assemble((code, "bold"), "  ", (name, "bold cyan")), soft_wrap=True)
        console.print(Padding(Text(f"{title}\nfix: {fix} · {languages}"), (0, 0, 0, indent)))


def render_rule(rule: type[Rule], stream: IO[str], examples: str = "") -> None:
    """One rule's documentation: rendered Markdown on a terminal, the Markdown text itself when piped.

    ``examples``, Markdown of its own sections, goes after what the rule does and why, before how it is fixed.
    """
    options = "".join(f"- `{key}` = `{value}`\n" for key, value in rule.options.items())
    docs = rule.docs()
    if examples:
        after_why = re.search(r"^## (?!What it does$|Why is this bad\?$)", docs, re.MULTILINE)
        at = after_why.start() if after_why else len(docs)
        docs = f"{docs[:at].rstrip()}\n\n{examples.strip()}\n\n{docs[at:]}".rstrip()
    answers = answered_by(rule.code)
    text = (
        f"# {rule.code} {rule.name}\n\n**{rule.title}**\n\n"
        f"Severity {rule.severity.value} · fix {rule.applicability.value} · "
        f"{', '.join(language.value for language in rule.languages)}\n\n"
        + docs + ("\n\nDefaults:\n\n" + options if options else "")
        + ("\n\nFixes these checks of other scanners (`iacfix fix --from REPORT`): "
           + ", ".join(f"`{check}`" for check in answers) if answers else "") + "\n"
    )
    if not _is_terminal(stream):
        stream.write(text)
        return
    from rich.markdown import Markdown

    _console(stream, wrap=True).print(Markdown(text))


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _print_problems(lines: Lines, report: Report, verbose: bool) -> None:
    for error in report.errors:
        lines.print(("error", "red"), " ", (error.path, "bold"), f":{error.line}:{error.column}: {error.reason}")
    if verbose:
        for skipped in report.skipped:
            lines.print((f"skipped {skipped.path}: {skipped.reason}", "dim"))


def _fix_mark(finding: Finding, engine: Engine | None) -> str:
    if not finding.fixable:
        shown = "suggestion only" if finding.fix is not None else "not fixable"
        return f" [{shown}: {finding.not_fixed_reason}]" if finding.not_fixed_reason else ""
    if engine is not None and engine.applies(finding):
        return " [fixable]"
    return " [fixable with --unsafe]"


def _colour(severity: Severity) -> str:
    return {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}[severity]


class Lines:
    """A report's lines: styled by rich on a terminal (or where ``FORCE_COLOR`` asks for colour), written as plain
    text otherwise, without importing rich. A part is text, or ``(text, style)``; no text is read as markup, so
    whatever a file's names hold is printed as it is."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.console = _console(stream) if _is_terminal(stream) or os.environ.get("FORCE_COLOR") else None

    def print(self, *parts: str | tuple[str, str]) -> None:
        if self.console is None:
            self.stream.write("".join(part if isinstance(part, str) else part[0] for part in parts) + "\n")
            return
        from rich.text import Text

        self.console.print(Text.assemble(*parts))


def _console(stream: IO[str], *, wrap: bool = False) -> Any:
    """Reports keep one finding per line (soft wrap), for grep and editors; prose wraps to the terminal. Text from
    the files is printed as written: no ``:smile:`` becomes an emoji."""
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=not wrap, emoji=False)
