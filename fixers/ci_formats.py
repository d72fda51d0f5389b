"""Reports in the formats CI systems read without a plugin: GitHub Actions workflow commands (annotations on the
run and the pull request), GitLab Code Quality JSON (the merge request widget) and JUnit XML (test reports in
Jenkins, GitLab, Azure Pipelines, CircleCI...). Findings fail; files that could not be read are errors.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import TYPE_CHECKING

from iacfix.fixers.model import FileError, Finding, Report, Severity

if TYPE_CHECKING:
    from iacfix.fixers.engine import Engine

GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
GITLAB_SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.NOTE: "info"}
# XML 1.0 cannot hold these characters at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def fingerprint(finding: Finding) -> str:
    """Stable across runs and line moves: the rule, the file and what the finding is about."""
    return hashlib.sha256(f"{finding.code}\0{finding.path}\0{finding.subject}".encode()).hexdigest()


# ------------------------------------------------------------------------------------------ GitHub Actions
def _data(value: object) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, so it cannot end the command or start another."""
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: object) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` escaped too."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **properties: object) -> str:
    listed = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
    return f"::{level} {listed}::{_data(message)}\n"


def github_commands(report: Report, engine: Engine | None = None) -> str:
    """One ``::error``/``::warning``/``::notice`` workflow command per finding, one ``::error`` per unreadable file."""
    lines = [
        _command(GITHUB_LEVELS[f.severity], f.message, file=f.path, line=f.start.line, endLine=f.end.line,
                 col=f.start.column, endColumn=f.end.column, title=f"{f.code} {f.name}")
        for f in report.remaining
    ]
    lines += [_command("error", e.reason, file=e.path, line=e.line, col=e.column, title="iacfix could not read the file")
              for e in report.errors]
    return "".join(lines)


# ----------------------------------------------------------------------------------------- GitLab Code Quality
def gitlab_code_quality(report: Report, engine: Engine | None = None) -> str:
    """A JSON array of Code Quality issues (description, check_name, fingerprint, severity, location)."""
    issues = [{
        "type": "issue",
        "description": f"{f.code} {f.message}",
        "check_name": f.code,
        "fingerprint": fingerprint(f),
        "severity": GITLAB_SEVERITIES[f.severity],
        "categories": ["Security" if f.severity is Severity.ERROR else "Bug Risk"],
        "location": {"path": f.path, "lines": {"begin": f.start.line, "end": max(f.end.line, f.start.line)}},
    } for f in report.remaining]
    issues += [{
        "type": "issue",
        "description": f"iacfix could not read the file: {e.reason}",
        "check_name": "iacfix-unreadable-file",
        "fingerprint": hashlib.sha256(f"unreadable\0{e.path}".encode()).hexdigest(),
        "severity": "blocker",
        "categories": ["Bug Risk"],
        "location": {"path": e.path, "lines": {"begin": max(e.line, 1)}},
    } for e in report.errors]
    return json.dumps(issues, indent=2) + "\n"


# ----------------------------------------------------------------------------------------------------- JUnit
def _xml_text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _case(suite: ElementTree.Element, name: str, path: str, line: int) -> ElementTree.Element:
    return ElementTree.SubElement(suite, "testcase", name=_xml_text(name), classname=_xml_text(path),
                                  file=_xml_text(path), line=str(line))


def junit_xml(report: Report, engine: Engine | None = None) -> str:
    """One test suite ``iacfix``: a failing test case per finding, an erroring one per unreadable file, and one
    passing case when there is neither (CI systems show an empty suite as "no tests")."""
    findings, errors = report.remaining, report.errors
    tests = max(1, len(findings) + len(errors))
    root = ElementTree.Element("testsuites", name="iacfix", tests=str(tests), failures=str(len(findings)),
                               errors=str(len(errors)))
    suite = ElementTree.SubElement(root, "testsuite", name="iacfix", tests=str(tests), failures=str(len(findings)),
                                   errors=str(len(errors)), skipped="0")
    for finding in findings:
        case = _case(suite, f"{finding.code} {finding.name} {finding.path}:{finding.start.line}", finding.path,
                     finding.start.line)
        failure = ElementTree.SubElement(case, "failure", type=finding.code, message=_xml_text(finding.message))
        failure.text = _xml_text(f"{finding.path}:{finding.start.line}:{finding.start.column}: {finding.message}"
                                 + (f"\nNot fixed automatically: {finding.not_fixed_reason}"
                                    if finding.not_fixed_reason else ""))
    for error in errors:
        _unreadable(suite, error)
    if not findings and not errors:
        _case(suite, f"no findings in {report.scanned} files", ".", 0)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def _unreadable(suite: ElementTree.Element, error: FileError) -> None:
    case = _case(suite, f"read {error.path}", error.path, error.line)
    ElementTree.SubElement(case, "error", type="unreadable", message=_xml_text(error.reason)).text = _xml_text(
        f"{error.path}:{error.line}:{error.column}: {error.reason}")


CI_FORMATS: dict[str, Callable[[Report, Engine | None], str]] = {
    "github": github_commands,
    "gitlab": gitlab_code_quality,
    "junit": junit_xml,
}
