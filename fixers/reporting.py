"""Reports for people and machines: rich text, a stable JSON schema, and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from iacfix.fixers.model import Finding, Report, Severity

if TYPE_CHECKING:
    from iacfix.fixers.engine import Engine
    from iacfix.fixers.registry import Rule

JSON_SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/iacfix/iacfix"
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
            "results": [_sarif_result(f, index) for f in report.remaining],
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
                ],
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
    if form == "sarif":
        rules = engine.rules if engine is not None else []
        json.dump(report_sarif(report, [type(rule) for rule in rules]), stream, indent=2)
        stream.write("\n")
        return
    console = _console(stream)
    for finding in report.remaining:
        mark = _fix_mark(finding, engine)
        console.print(
            f"[bold]{finding.path}[/]:{finding.start.line}:{finding.start.column}: "
            f"[{_colour(finding.severity)}]{finding.code}[/] {_escape(finding.message)} [dim]({finding.name}){mark}[/]"
        )
    _print_problems(console, report, verbose)
    fixable = sum(1 for f in report.remaining if engine is not None and engine.applies(f))
    console.print(
        f"{len(report.remaining)} finding(s) in {report.scanned} file(s)"
        + (f", {fixable} fixable with `iacfix fix`" if fixable else "")
        + (f", {len(report.errors)} file(s) could not be read" if report.errors else "")
    )


def render_fixes(report: Report, stream: IO[str], *, wrote: bool, verbose: bool = False, engine: Engine | None = None) -> None:
    console = _console(stream)
    verb = "fixed" if wrote else "would fix"
    for finding in report.fixed:
        description = finding.fix.description if finding.fix else finding.message
        console.print(f"[green]{verb}[/] [bold]{finding.path}[/]:{finding.start.line} {finding.code} {_escape(description)}")
    for failure in report.failures:
        console.print(
            f"[yellow]not fixed automatically[/] [bold]{failure.finding.path}[/]:{failure.finding.start.line} "
            f"{failure.finding.code}: {_escape(failure.reason)}"
        )
    for finding in report.remaining:
        console.print(
            f"[bold]{finding.path}[/]:{finding.start.line}:{finding.start.column}: "
            f"{finding.code} {_escape(finding.message)}{_fix_mark(finding, engine)}"
        )
    _print_problems(console, report, verbose)
    console.print(
        f"{len(report.fixed)} fix(es) {'applied' if wrote else 'available'} in {len(report.files)} file(s); "
        f"{len(report.remaining)} finding(s) left"
    )


def render_rules(rules: Iterable[type[Rule]], stream: IO[str]) -> None:
    from rich.table import Table

    table = Table(title="iacfix rules")
    for column in ("code", "name", "title", "languages", "fix"):
        table.add_column(column)
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.title, ", ".join(language.value for language in rule.languages), rule.applicability.value)
    _console(stream).print(table)


def render_rule(rule: type[Rule], stream: IO[str]) -> None:
    from rich.markdown import Markdown

    console = _console(stream)
    header = (
        f"# {rule.code} {rule.name}\n\n**{rule.title}** · severity {rule.severity.value} · fix {rule.applicability.value}"
        f" · {', '.join(language.value for language in rule.languages)} · answers {', '.join(rule.seeds)}\n\n"
    )
    options = "".join(f"- `{key}` = `{value}`\n" for key, value in rule.options.items())
    console.print(Markdown(header + rule.docs() + ("\n\nDefaults:\n" + options if options else "")))


def _print_problems(console: Any, report: Report, verbose: bool) -> None:
    for error in report.errors:
        console.print(f"[red]error[/] [bold]{error.path}[/]:{error.line}:{error.column}: {_escape(error.reason)}")
    if verbose:
        for skipped in report.skipped:
            console.print(f"[dim]skipped {skipped.path}: {skipped.reason}[/]")


def _fix_mark(finding: Finding, engine: Engine | None) -> str:
    if not finding.fixable:
        shown = "suggestion only" if finding.fix is not None else "not fixable"
        return _escape(f" [{shown}: {finding.not_fixed_reason}]") if finding.not_fixed_reason else ""
    if engine is not None and engine.applies(finding):
        return _escape(" [fixable]")
    return _escape(" [fixable with --unsafe]")


def _colour(severity: Severity) -> str:
    return {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}[severity]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _console(stream: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=True)
