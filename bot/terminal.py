"""Text from files (names, resource names, messages) made safe for a terminal.

A file or resource name may carry raw escape sequences that would move the cursor, retitle the window or
hide output; the command line shows them as visible escapes (``\\x1b``) instead.
"""

from __future__ import annotations

import dataclasses
import re

from iacfix.fixers.model import Report

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters (and bidirectional overrides) shown as escapes; ``keep`` stays."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else m.group().encode("unicode_escape").decode(),
                        text)


def printable_report(report: Report) -> Report:
    """The report with every string that came from a file made printable, for the terminal or a log."""
    for finding in (*report.remaining, *report.found, *report.fixed, *(f.finding for f in report.failures)):
        finding.path, finding.subject, finding.message = (
            printable(finding.path), printable(finding.subject), printable(finding.message))
        if finding.fix is not None:
            finding.fix = dataclasses.replace(finding.fix, description=printable(finding.fix.description))
        if finding.not_fixed_reason is not None:
            finding.not_fixed_reason = printable(finding.not_fixed_reason)
    report.errors = [dataclasses.replace(e, path=printable(e.path), reason=printable(e.reason)) for e in report.errors]
    report.skipped = [dataclasses.replace(s, path=printable(s.path)) for s in report.skipped]
    report.failures = [dataclasses.replace(f, reason=printable(f.reason)) for f in report.failures]
    return report
