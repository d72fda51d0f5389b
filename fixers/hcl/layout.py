"""Line layout of HCL as ``terraform fmt`` (hclwrite) lays it out: which lines align their ``=`` and comments.

hclwrite splits each line into a *lead* (up to the ``=``), an *assign* cell (the ``=`` and a value whose
brackets balance on that line) and a trailing *comment*. Consecutive lines with an assign cell form a chain
whose ``=`` signs line up one space after the longest lead; consecutive lines with a trailing comment align
their comments the same way. Only chains touched by an edit are realigned, so untouched lines stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN = "([{"
_CLOSE = ")]}"


@dataclass
class Cells:
    code: str  # the line without its trailing comment and newline, right-stripped
    eq: int | None  # index of the assigning '=' in code, when the line has an assign cell
    comment: str | None  # the trailing comment, when the line has code before it
    opens_block_comment: bool = False


def split_cells(line: str) -> Cells:
    """Split one line (without newline) into hclwrite's cells."""
    i = 0
    n = len(line)
    eq: int | None = None
    depth_after_eq = 0
    tokens = 0
    comment_at: int | None = None
    opens_block_comment = False
    while i < n:
        char = line[i]
        if char in " \t":
            i += 1
            continue
        if char == "#" or line.startswith("//", i):
            comment_at = i
            break
        if line.startswith("/*", i):
            close = line.find("*/", i + 2)
            if close == -1:
                opens_block_comment = True
                comment_at = i
                break
            if line[close + 2 :].strip() == "":
                comment_at = i
                break
            i = close + 2
            continue
        tokens += 1
        if char == '"':
            i = _skip_string(line, i)
            continue
        if char == "=" and not line.startswith("==", i) and not line.startswith("=>", i):
            if i > 0 and line[i - 1] in "!<>=":
                i += 1
                continue
            if eq is None and tokens > 1:
                eq = i
            i += 1
            continue
        if char in _OPEN and eq is not None:
            depth_after_eq += 1
        elif char in _CLOSE and eq is not None:
            depth_after_eq -= 1
        i += 1
    code = (line[:comment_at] if comment_at is not None else line).rstrip()
    comment = line[comment_at:].rstrip() if comment_at is not None and code.strip() else None
    if eq is not None and depth_after_eq != 0:
        eq = None
    return Cells(code=code, eq=eq, comment=comment, opens_block_comment=opens_block_comment)


def _skip_string(line: str, start: int) -> int:
    """Index just past the quoted string opening at ``start`` (interpolations may hold quotes)."""
    i = start + 1
    depth = 0
    while i < len(line):
        char = line[i]
        if char == "\\":
            i += 2
            continue
        if line.startswith("${", i) or line.startswith("%{", i):
            depth += 1
            i += 2
            continue
        if depth and char == "}":
            depth -= 1
        elif depth and char == '"':
            i = _skip_string(line, i)
            continue
        elif not depth and char == '"':
            return i + 1
        i += 1
    return i


def _lead_width(cells: Cells) -> int:
    assert cells.eq is not None
    return len(cells.code[: cells.eq].rstrip())


def _with_assign_column(cells: Cells, column: int) -> str:
    assert cells.eq is not None
    lead = cells.code[: cells.eq].rstrip()
    return lead + " " * (column - len(lead)) + cells.code[cells.eq :]


def align(
    lines: list[str], touched: set[int], opaque: frozenset[int] | set[int] = frozenset(),
    continuation: frozenset[int] | set[int] = frozenset(),
) -> list[str]:
    """Realign the assign and comment chains that contain a touched line; other lines are returned as is.

    ``lines`` have no newline characters; ``opaque`` lines (inside heredocs or block comments) never align.
    ``continuation`` lines (a heredoc's body and closing marker) belong to the line that opened the heredoc:
    hclwrite sees the whole heredoc as one line, so they neither join nor break a chain.
    """
    cells = [None if index in opaque else split_cells(line) for index, line in enumerate(lines)]
    result = list(lines)
    changed: set[int] = set(touched)

    for chain in _chains(cells, lambda c: c.eq is not None, continuation):
        if not changed.intersection(chain):
            continue
        column = max(_lead_width(cells[i]) for i in chain) + 1  # type: ignore[arg-type]
        for i in chain:
            cell = cells[i]
            assert cell is not None
            code = _with_assign_column(cell, column)
            if code != cell.code:
                cells[i] = Cells(code=code, eq=column, comment=cell.comment)
                changed.add(i)

    for chain in _chains(cells, lambda c: c.comment is not None, continuation):
        if not changed.intersection(chain) and not any(i - 1 in touched or i + 1 in touched for i in chain):
            continue
        column = max(len(cells[i].code) for i in chain) + 1  # type: ignore[union-attr]
        for i in chain:
            cell = cells[i]
            assert cell is not None and cell.comment is not None
            result[i] = cell.code + " " * (column - len(cell.code)) + cell.comment
            changed.add(i)
    for i in changed:
        cell = cells[i]
        if cell is not None and cell.comment is None and i < len(result):
            result[i] = cell.code
    return result


def _chains(cells: list[Cells | None], member, continuation: frozenset[int] | set[int]) -> list[list[int]]:  # type: ignore[no-untyped-def]
    chains: list[list[int]] = []
    current: list[int] = []
    for index, cell in enumerate(cells):
        if index in continuation:
            continue
        if cell is not None and member(cell):
            current.append(index)
        elif current:
            chains.append(current)
            current = []
    if current:
        chains.append(current)
    return chains
