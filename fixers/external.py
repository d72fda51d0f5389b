"""Other scanners' findings and the iacfix rules that fix them.

Teams already run checkov or cfn-lint and live with their findings; neither writes a fix. This module reads their
reports (checkov JSON, cfn-lint JSON, and SARIF from any tool), maps each check id to the iacfix rule that fixes it
through ``data/external_checks.json``, matches it to that rule's finding at the same place, and says what became of
it once the engine has run: fixed, no iacfix rule, or found but not fixed (with the reason).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from iacfix.fixers.model import Finding, Language, Report

CATALOG = Path(__file__).parent / "data" / "external_checks.json"


class ReportError(ValueError):
    """A file that is not a report this module reads; the message says what it expected."""


@dataclass(frozen=True)
class ExternalFinding:
    """One failed check as the other tool reported it. ``resource`` is the tool's name for what failed
    (``aws_s3_bucket.logs``, ``AWS::S3::Bucket.Logs``, a template's logical id), when it gives one."""

    tool: str
    check: str
    path: str
    start_line: int
    end_line: int
    message: str
    resource: str | None = None

    def named_in(self, text: str) -> bool:
        """Whether a text names this finding's resource as a whole word (``aws_s3_bucket.logs``, ``Logs``)."""
        if not self.resource:
            return False
        terraform_address = "." in self.resource and not self.resource.startswith("AWS::")
        name = self.resource if terraform_address else self.resource.rsplit(".", 1)[-1]
        return re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", text) is not None


@dataclass(frozen=True)
class Mapping:
    """What iacfix does for one check: the rule that fixes it (None: none does), and why not where it does not."""

    tool: str
    check: str
    rule: str | None
    note: str = ""
    languages: tuple[str, ...] = ()
    message_contains: str | None = None

    def covers(self, finding: ExternalFinding) -> bool:
        """Whether the rule answers this finding: its message (for a generic check) and its file's language."""
        if self.message_contains is not None and self.message_contains not in finding.message:
            return False
        return not self.languages or language_of(finding.path).value in self.languages


# ------------------------------------------------------------------------------------------------ the catalog
@cache
def _catalog() -> dict[str, Any]:
    return json.loads(CATALOG.read_text(encoding="utf-8"))["tools"]


def tool_key(name: str) -> str | None:
    """The catalog's key for a tool, from the name its report gives (``Checkov``, ``cfn-lint``)."""
    wanted = name.strip().lower()
    for key, tool in _catalog().items():
        if wanted in tool["names"]:
            return key
    return None


def mapping(tool: str, check: str) -> Mapping | None:
    """The catalog's entry for a check, or None when the tool or the check is not in it."""
    key = tool_key(tool)
    entry = _catalog()[key]["checks"].get(check) if key else None
    if entry is None:
        return None
    return Mapping(key, check, entry.get("rule"), entry.get("note", ""), tuple(entry.get("languages", ())),
                   entry.get("message_contains"))


def answered_by(rule: str, language: Language | None = None) -> list[str]:
    """The checks of other tools that a rule fixes (in one language, when given), as ``tool:CHECK`` ids."""
    found = []
    for key, tool in _catalog().items():
        for check, entry in tool["checks"].items():
            languages = entry.get("languages")
            if entry.get("rule") == rule and (language is None or not languages or language.value in languages):
                found.append(f"{key}:{check}")
    return found


# ---------------------------------------------------------------------------------------------- the reports
def read_report(text: str, source: str, bases: Iterable[Path] = ()) -> list[ExternalFinding]:
    """The failed checks of a checkov JSON, cfn-lint JSON or SARIF report.

    Relative paths in the report are looked for under ``bases`` in order (where the tool ran: the current folder,
    the report's folder); the first that exists is taken, else the path is kept as written.
    """
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ReportError(f"{source} is not JSON: {error}") from None
    if isinstance(data, dict) and "runs" in data:
        findings = _sarif(data)
    elif _is_checkov(data):
        findings = _checkov(data)
    elif isinstance(data, list) and all(isinstance(item, dict) and "Rule" in item for item in data):
        findings = _cfn_lint(data)
    else:
        raise ReportError(f"{source} is neither a checkov JSON report (-o json), a cfn-lint JSON report "
                          "(--format json) nor SARIF")
    bases = list(bases)
    return [_located(finding, bases) for finding in findings]


def _located(finding: ExternalFinding, bases: list[Path]) -> ExternalFinding:
    path = Path(finding.path)
    if path.is_absolute():
        return finding
    for base in bases:
        if (base / path).is_file():
            return _with_path(finding, str(base / path))
    return finding


def _with_path(finding: ExternalFinding, path: str) -> ExternalFinding:
    return ExternalFinding(finding.tool, finding.check, path, finding.start_line, finding.end_line, finding.message,
                           finding.resource)


def _is_checkov(data: Any) -> bool:
    reports = data if isinstance(data, list) else [data]
    return bool(reports) and all(isinstance(report, dict) and "check_type" in report for report in reports)


def _checkov(data: Any) -> list[ExternalFinding]:
    findings = []
    for report in data if isinstance(data, list) else [data]:
        for check in (report.get("results") or {}).get("failed_checks", []):
            lines = check.get("file_line_range") or [1, 1]
            path = check.get("file_abs_path") or check.get("repo_file_path") or check["file_path"]
            findings.append(ExternalFinding("checkov", check["check_id"], path, int(lines[0]), int(lines[-1]),
                                            check.get("check_name") or "", check.get("resource")))
    return findings


def _cfn_lint(data: list[dict[str, Any]]) -> list[ExternalFinding]:
    findings = []
    for match in data:
        location = match.get("Location") or {}
        where = location.get("Path") or []
        resource = where[1] if len(where) > 1 and where[0] in ("Resources", "Parameters") else None
        start = (location.get("Start") or {}).get("LineNumber", 1)
        end = (location.get("End") or {}).get("LineNumber", start)
        findings.append(ExternalFinding("cfn-lint", match["Rule"]["Id"], match["Filename"], int(start), int(end),
                                        match.get("Message", ""), resource))
    return findings


def _sarif(data: dict[str, Any]) -> list[ExternalFinding]:
    findings = []
    for run in data.get("runs") or []:
        tool = ((run.get("tool") or {}).get("driver") or {}).get("name", "")
        bases = {name: (value.get("uri") or "") for name, value in (run.get("originalUriBaseIds") or {}).items()}
        for result in run.get("results") or []:
            check = result.get("ruleId") or (result.get("rule") or {}).get("id")
            locations = result.get("locations") or []
            if not check or not locations:
                continue
            physical = locations[0].get("physicalLocation") or {}
            artifact = physical.get("artifactLocation") or {}
            region = physical.get("region") or {}
            start = int(region.get("startLine", 1))
            logical = (locations[0].get("logicalLocations") or [{}])[0]
            findings.append(ExternalFinding(
                tool_key(tool) or tool, check, _uri_path(artifact.get("uri", ""), bases.get(artifact.get("uriBaseId"))),
                start, int(region.get("endLine", start)), (result.get("message") or {}).get("text", ""),
                logical.get("fullyQualifiedName") or logical.get("name")))
    return findings


def _uri_path(uri: str, base: str | None) -> str:
    """A SARIF artifact URI as a file path: ``file://`` URIs and base URIs resolved, percent-escapes decoded."""
    if base and base.startswith("file://"):
        uri = base.rstrip("/") + "/" + uri
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else unquote(uri)


# --------------------------------------------------------------------------------------------- the outcomes
class Outcome(StrEnum):
    FIXED = "fixed"
    NO_RULE = "no iacfix rule"
    NOT_FIXABLE = "found by the rule, not fixable"
    NOT_APPLIED = "found by the rule, not fixed"
    NOT_FOUND = "not found by the rule"
    NOT_SCANNED = "file not scanned"


@dataclass(frozen=True)
class Resolution:
    """What became of one external finding: its outcome, the rule that answers it, and why in a few words."""

    external: ExternalFinding
    outcome: Outcome
    rule: str | None = None
    detail: str = ""


def language_of(path: str) -> Language:
    if path.endswith((".tf", ".tf.json")):
        return Language.TERRAFORM
    return Language.PULUMI if path.endswith(".py") else Language.CLOUDFORMATION


def matching(external: ExternalFinding, rule: str, findings: Iterable[Finding]) -> list[Finding]:
    """The rule's findings at the place the external finding names: its lines, or its resource named as a word."""
    found = []
    for finding in findings:
        if finding.code != rule:
            continue
        lines = {finding.start.line, finding.resource_line or finding.start.line}
        inside = any(external.start_line <= line <= external.end_line for line in lines)
        if inside or external.named_in(finding.subject) or external.named_in(finding.message):
            found.append(finding)
    return found


def with_resources(externals: Iterable[ExternalFinding], text_of: Callable[[str], str | None]) -> list[ExternalFinding]:
    """The findings, each naming the resource declared around its first line when the report names none (SARIF
    gives lines only): a cycle reported on the second resource of a ``DependsOn`` pair still reaches the rule's
    finding, which is placed on the first."""
    from iacfix.fixers.classify import classify
    from iacfix.fixers.document import NotInfrastructure, ParseFailure
    from iacfix.fixers.engine import parse_document

    documents: dict[str, Any] = {}
    named = []
    for external in externals:
        if external.resource is None and external.path not in documents:
            text = text_of(external.path)
            language = classify(external.path, text, {external.path}).language if text is not None else None
            try:
                documents[external.path] = parse_document(language, external.path, text) if language else None
            except (NotInfrastructure, ParseFailure, RecursionError, ValueError):
                documents[external.path] = None
        document = documents.get(external.path)
        if external.resource is None and document is not None:
            around = [r for r in document.resources() if r.name and document.lines.position(r.start).line
                      <= external.start_line <= document.lines.position(r.end).line]
            if around:
                innermost = min(around, key=lambda r: r.end - r.start)
                external = ExternalFinding(external.tool, external.check, external.path, external.start_line,
                                           external.end_line, external.message, innermost.name)
        named.append(external)
    return named


def targets(externals: Iterable[ExternalFinding], findings: list[Finding], local: Callable[[str], str | None],
            rules: set[str]) -> dict[ExternalFinding, list[Finding]]:
    """For each external finding that a running rule answers, the iacfix findings it corresponds to."""
    chosen: dict[ExternalFinding, list[Finding]] = {}
    for external in externals:
        entry = mapping(external.tool, external.check)
        path = local(external.path)
        if entry is None or entry.rule is None or entry.rule not in rules or path is None or not entry.covers(external):
            continue
        chosen[external] = matching(external, entry.rule, [f for f in findings if f.path == path])
    return chosen


def resolve_outcomes(externals: Iterable[ExternalFinding], found: dict[ExternalFinding, list[Finding]],
                     report: Report, local: Callable[[str], str | None], rules: set[str],
                     applies: Callable[[Finding], bool]) -> list[Resolution]:
    """What became of each external finding once the engine fixed the findings ``found`` matched."""
    fixed = {finding.identity: finding for finding in report.fixed}
    failed = {failure.finding.identity: failure.reason for failure in report.failures}
    resolutions = []
    for external in externals:
        entry = mapping(external.tool, external.check)
        path = local(external.path)
        if entry is None or entry.rule is None:
            note = entry.note if entry is not None else "no rule answers this check"
            resolutions.append(Resolution(external, Outcome.NO_RULE, None, note))
        elif not entry.covers(external):
            where = f"in {', '.join(entry.languages)} only" if entry.languages else f"for {entry.message_contains}"
            resolutions.append(Resolution(external, Outcome.NO_RULE, entry.rule,
                                          f"{entry.rule} makes this check pass {where}"))
        elif path is None:
            resolutions.append(Resolution(external, Outcome.NOT_SCANNED, entry.rule,
                                          "the file is not among the files given, or could not be read"))
        elif entry.rule not in rules:
            resolutions.append(Resolution(external, Outcome.NOT_FOUND, entry.rule,
                                          f"{entry.rule} is not run (see the configuration's rules)"))
        else:
            resolutions.append(_outcome(external, entry.rule, found.get(external, []), fixed, failed, applies))
    return resolutions


def _outcome(external: ExternalFinding, rule: str, matched: list[Finding], fixed: dict, failed: dict,
             applies: Callable[[Finding], bool]) -> Resolution:
    if not matched:
        return Resolution(external, Outcome.NOT_FOUND, rule, f"{rule} finds nothing to fix here")
    for finding in matched:
        if finding.identity in fixed:
            done = fixed[finding.identity]
            return Resolution(external, Outcome.FIXED, rule, done.fix.description if done.fix else done.message)
    for finding in matched:
        if finding.identity in failed:
            return Resolution(external, Outcome.NOT_APPLIED, rule, failed[finding.identity])
    finding = matched[0]
    if not finding.fixable:
        return Resolution(external, Outcome.NOT_FIXABLE, rule, finding.not_fixed_reason or "no automatic fix")
    if not applies(finding):
        return Resolution(external, Outcome.NOT_APPLIED, rule, "may change runtime behaviour: add --unsafe")
    return Resolution(external, Outcome.NOT_APPLIED, rule, "the fix was not applied")
