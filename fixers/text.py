"""Text primitives shared by the language packages: line/column lookup and applying edits."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable

from iacfix.fixers.model import Edit, Position

_GIT_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


class OverlappingEdits(ValueError):
    """Two edits touch the same characters; the caller decides which fix waits for the next pass."""


class LineIndex:
    """Maps character offsets to 1-based lines and columns, and back.

    Lines end at ``\n`` only, as Git and GitHub count them: a form feed, a vertical tab or a Unicode line
    separator inside a line does not start a new one (``str.splitlines`` would say it does).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 1-based column."""
        return self.starts[line - 1] + column - 1

    def line_start(self, offset: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def line_end(self, offset: int) -> int:
        """Offset just past the newline that ends the line holding ``offset`` (or the end of text)."""
        line = bisect.bisect_right(self.starts, offset)
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end]

    def indentation(self, offset: int) -> str:
        """The leading white space of the line holding ``offset``."""
        start = self.line_start(offset)
        end = start
        while end < len(self.text) and self.text[end] in " \t":
            end += 1
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self.starts)


def newline_of(text: str) -> str:
    """The file's line ending, so inserted lines match it."""
    return "\r\n" if "\r\n" in text else "\n"


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; raises OverlappingEdits otherwise.

    Insertions at the same offset keep the order they were given in.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    pieces: list[str] = []
    cursor = 0
    previous: Edit | None = None
    for _, edit in ordered:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise OverlappingEdits(f"edit {edit.start}:{edit.end} overlaps {previous}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
        previous = edit
    pieces.append(text[cursor:])
    return "".join(pieces)


def remove_list_items(spans: list[tuple[int, int]], keep: list[bool]) -> list[Edit]:
    """Edits removing the items not kept from a list written ``item<sep>item``, with their separators.

    A run of removed items followed by a kept one goes up to where that one starts; a run at the end goes
    from the end of the last kept item, so the separator style (and a trailing comma) stays as written.
    """
    edits: list[Edit] = []
    index = 0
    while index < len(spans):
        if keep[index]:
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(spans) and not keep[run_end + 1]:
            run_end += 1
        if run_end + 1 < len(spans):
            edits.append(Edit(spans[index][0], spans[run_end + 1][0], ""))
        else:
            edits.append(Edit(spans[index - 1][1], spans[run_end][1], ""))
        index = run_end + 1
    return edits


def unified_diff(path: str, old: str, new: str) -> str:
    """A diff ``git apply`` takes: a/ and b/ prefixes on a relative name, and the missing-newline marker.

    Lines are split at ``\n`` only, as Git splits them (see ``LineIndex``).
    """
    name = path.lstrip("/")
    lines = []
    old_lines, new_lines = _GIT_LINES.findall(old), _GIT_LINES.findall(new)
    for line in difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
