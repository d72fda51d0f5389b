"""A pull request's diff as GitHub presents it: per-file status, counts, hunks, and which lines a review may touch.

GitHub only accepts a review comment on a line inside one of the diff's hunks, and reports file changes with the
patch text starting at the first `@@` header; both rules are derived here from git's own diff output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
STATUSES = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "C": "copied", "T": "changed"}


@dataclass
class Hunk:
    old_start: int
    old_length: int
    new_start: int
    new_length: int
    lines: list[str] = field(default_factory=list)

    def covers(self, side: str, line: int) -> bool:
        start, length = (self.new_start, self.new_length) if side == "RIGHT" else (self.old_start, self.old_length)
        return length > 0 and start <= line < start + length


@dataclass
class FileChange:
    """One entry of `GET /pulls/{n}/files`."""

    filename: str
    status: str
    sha: str | None
    old_sha: str | None
    previous_filename: str | None = None
    hunks: list[Hunk] = field(default_factory=list)
    binary: bool = False

    @property
    def additions(self) -> int:
        return sum(1 for hunk in self.hunks for line in hunk.lines[1:] if line.startswith("+"))

    @property
    def deletions(self) -> int:
        return sum(1 for hunk in self.hunks for line in hunk.lines[1:] if line.startswith("-"))

    @property
    def patch(self) -> str | None:
        if self.binary or not self.hunks:
            return None
        return "\n".join(line for hunk in self.hunks for line in hunk.lines)

    def hunk_for(self, side: str, line: int) -> Hunk | None:
        return next((hunk for hunk in self.hunks if hunk.covers(side, line)), None)

    def position(self, side: str, line: int) -> int | None:
        """GitHub's legacy diff position: lines below the first `@@`, counting later hunk headers too."""
        position = 0
        for index, hunk in enumerate(self.hunks):
            if index:
                position += 1
            old, new = hunk.old_start, hunk.new_start
            for text in hunk.lines[1:]:
                position += 1
                kind = text[:1]
                if kind == "\\":
                    continue
                if (side == "RIGHT" and kind != "-" and new == line) or (side == "LEFT" and kind != "+" and old == line):
                    return position
                if kind != "-":
                    new += 1
                if kind != "+":
                    old += 1
        return None

    def diff_hunk(self, side: str, line: int) -> str:
        """The hunk text up to and including the commented line, as GitHub stores it with a comment."""
        hunk = self.hunk_for(side, line)
        if hunk is None:
            return ""
        kept = [hunk.lines[0]]
        old, new = hunk.old_start, hunk.new_start
        for text in hunk.lines[1:]:
            kept.append(text)
            kind = text[:1]
            if kind == "\\":
                continue
            if (side == "RIGHT" and kind != "-" and new == line) or (side == "LEFT" and kind != "+" and old == line):
                break
            if kind != "-":
                new += 1
            if kind != "+":
                old += 1
        return "\n".join(kept)


def _raw_records(raw: str) -> list[tuple[str, str, str, str | None]]:
    """(status letter, new sha, path, previous path) from `git diff --raw -z` output."""
    fields = raw.split("\0")
    records = []
    index = 0
    while index < len(fields) and fields[index]:
        meta = fields[index].lstrip(":").split()
        old_sha, new_sha, letter = meta[2], meta[3], meta[4][0]
        if letter in "RC":
            records.append((letter, old_sha, new_sha, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            records.append((letter, old_sha, new_sha, fields[index + 1], None))
            index += 2
    return records


def _patch_chunks(patch: str) -> list[list[str]]:
    chunks: list[list[str]] = []
    for line in patch.split("\n"):
        if line.startswith("diff --git "):
            chunks.append([])
        elif chunks:
            chunks[-1].append(line)
    return chunks


def _hunks(chunk: list[str]) -> tuple[list[Hunk], bool]:
    hunks: list[Hunk] = []
    binary = any(line.startswith("Binary files ") for line in chunk[:6])
    for line in chunk:
        header = HUNK_HEADER.match(line)
        if header:
            old_start, old_length, new_start, new_length = header.groups()
            hunks.append(Hunk(int(old_start), 1 if old_length is None else int(old_length), int(new_start),
                              1 if new_length is None else int(new_length), [line]))
        elif hunks and line[:1] in (" ", "+", "-", "\\"):
            hunks[-1].lines.append(line)
    return hunks, binary


def parse_diff(raw: str, patch: str) -> list[FileChange]:
    changes = []
    for (letter, old_sha, new_sha, path, previous), chunk in zip(_raw_records(raw), _patch_chunks(patch), strict=True):
        hunks, binary = _hunks(chunk)
        status = STATUSES.get(letter, "modified")
        zero = set("0")
        sha = old_sha if status == "removed" else (None if set(new_sha) == zero else new_sha)
        if status == "modified" and old_sha == new_sha:
            sha = None  # only the file mode changed: GitHub reports no blob
        changes.append(FileChange(path, status, sha, None if set(old_sha) == zero else old_sha, previous, hunks,
                                  binary))
    return changes
