"""Turns a fixed file into GitHub review suggestions: one per changed region, only where the diff allows.

GitHub accepts a review comment only on lines inside a hunk of the pull request's diff, and applies a
suggestion by replacing the commented lines with the block's lines. An insertion therefore becomes a
suggestion on the line before it (or after it, at the top of a file), repeated with the new lines added.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field

from iacfix.bot.texts import Trusted, fenced
from iacfix.fixers.model import Applicability, Finding
from iacfix.fixers.text import LineIndex, apply_edits

# The App's mark on its own suggestions: which findings a `/fix` reply commits. Its data is base64 (nothing in
# it can end the HTML comment) and signed, so text in a pull request cannot forge one.
MARKER = re.compile(r"<!-- iacfix:suggestion ([A-Za-z0-9_-]+=*)\.([0-9a-f]{64}) -->")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass
class Suggestion:
    path: str
    start_line: int  # 1-based, inclusive, in the analysed head's file
    end_line: int
    lines: list[str]  # what replaces start_line..end_line
    findings: list[Finding] = field(default_factory=list)
    display_only: bool = False  # a fix shown for a person to adapt; the App never applies it

    @property
    def key(self) -> str:
        """Identifies the same suggestion across runs, so a re-run does not post it twice."""
        return json.dumps([self.path, self.start_line, self.lines], separators=(",", ":"))

    def marker(self, key: bytes = b"") -> Trusted:
        """The signed marker that lets a ``/fix`` reply commit exactly these findings."""
        identities = [[f.code, f.path, f.subject] for f in self.findings]
        data = json.dumps({"key": self.key, "findings": identities}, separators=(",", ":")).encode()
        encoded = base64.urlsafe_b64encode(data).decode()
        return Trusted(f"<!-- iacfix:suggestion {encoded}.{_signature(key, encoded)} -->")

    def block(self) -> Trusted:
        """The suggestion block; its fence is longer than any run of backticks in the code."""
        if not self.lines:
            return Trusted(fenced("", "suggestion").replace("\n\n", "\n"))
        return fenced("\n".join(self.lines), "suggestion")


def _signature(key: bytes, data: str) -> str:
    return hmac.new(b"iacfix:suggestion:" + key, data.encode(), hashlib.sha256).hexdigest()


def read_marker(body: str, key: bytes = b"") -> dict | None:
    """The data of the App's marker in a comment, when it carries a valid signature (the last one counts)."""
    for match in reversed(list(MARKER.finditer(body or ""))):
        encoded, signature = match.groups()
        if not hmac.compare_digest(signature, _signature(key, encoded)):
            continue
        try:
            return json.loads(base64.urlsafe_b64decode(encoded))
        except ValueError:
            continue
    return None


def diff_lines(patch: str | None) -> list[range]:
    """The head-side line ranges of each hunk of a file's patch, as the pull request files API gives it."""
    hunks: list[range] = []
    for line in (patch or "").split("\n"):  # lines as Git counts them: a U+2028 in the code is no line break
        match = _HUNK.match(line)
        if match:
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            hunks.append(range(start, start + count))
    return hunks


def suggestions_for(path: str, old: str, new: str, fixed: list[Finding],
                    origins: dict[tuple[str, str, str], tuple[int, int]]) -> list[Suggestion]:
    """One suggestion per region where the fixed text differs, regions that touch merged into one."""
    old_lines = _lines(old)
    new_lines = _lines(new)
    regions: list[list[int]] = []  # [old_start, old_end, new_start, new_end), 0-based, half-open
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # a pure insertion needs a line to hang on: the one before it, else the one after
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        if regions and i1 <= regions[-1][1]:
            regions[-1][1], regions[-1][3] = max(regions[-1][1], i2), max(regions[-1][3], j2)
        else:
            regions.append([i1, i2, j1, j2])
    suggestions = []
    for i1, i2, j1, j2 in regions:
        if i1 == i2:  # an insertion into an empty file has no line to comment on
            continue
        suggestion = Suggestion(path, i1 + 1, i2, new_lines[j1:j2])
        suggestions.append(suggestion)
    lines = LineIndex(old)
    for finding in fixed:
        if finding.path != path or not suggestions:
            continue
        start, end = origins[finding.identity]
        touched = lines.position(min(start, len(old))).line, lines.position(min(end, len(old))).line
        owners = [s for s in suggestions if touched[0] <= s.end_line + 1 and s.start_line - 1 <= touched[1]]
        if not owners:  # no region covers its lines (its change merged into a neighbour's): the nearest one
            owners = [min(suggestions, key=lambda s: abs(s.start_line - touched[0]))]
        for suggestion in owners:
            suggestion.findings.append(finding)
    return suggestions


def _lines(text: str) -> list[str]:
    """The text's lines as Git and GitHub number them: split at ``\n`` only (and ``\r\n``)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def placeable(suggestion: Suggestion, hunks: list[range]) -> bool:
    """GitHub takes a comment only when all its lines lie inside one hunk of the diff."""
    return any(suggestion.start_line in hunk and suggestion.end_line in hunk for hunk in hunks)



def shown_suggestions(path: str, old: str, findings: list[Finding]) -> list[Suggestion]:
    """The display-only fixes of a file as suggestions, one finding's edits at a time (each is shown as it would
    read on the original text; none is ever applied by the App)."""
    shown = []
    for finding in findings:
        if finding.path != path or finding.fix is None or finding.fix.applicability is not Applicability.DISPLAY_ONLY:
            continue
        edits = finding.fix.edits
        span = (min(edit.start for edit in edits), max(edit.end for edit in edits))
        for suggestion in suggestions_for(path, old, apply_edits(old, edits), [finding], {finding.identity: span}):
            suggestion.display_only = True
            shown.append(suggestion)
    return shown
