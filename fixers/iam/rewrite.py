"""Rewriting one statement as one or more statements, in whatever language it is written.

A narrowed statement keeps everything the author wrote (Effect, Condition, comments, key order) and only its
Action and Resource values change; when its actions need different resources, the statement is repeated once per
resource group, each copy with its own values (and a distinct Sid), so the copies look like the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from iacfix.fixers.iam.policy import Grant
from iacfix.fixers.model import Edit
from iacfix.fixers.text import apply_edits

Render = Callable[[str, Grant, int], "str | None"]


class CannotRewrite(Exception):
    """The narrowed statement is decided, but the way the policy is written cannot hold it; says why."""


@dataclass(frozen=True)
class NewList:
    """How to write copies of a statement that was the whole ``Statement`` value as the items of a new list."""

    indent: str  # indentation of the line where the statement starts
    unit: str  # the file's indentation unit
    newline: str
    trailing_comma: bool

    def join(self, copies: list[str]) -> str:
        """``[a, b]`` for one-line copies; otherwise one item per line, each shifted one level in."""
        nl = self.newline
        if not any(nl in copy for copy in copies):
            return "[" + ", ".join(copies) + "]"
        items = []
        for copy in copies:
            first, *rest = copy.split(nl)
            shifted = [self.unit + line if line.strip() else line for line in rest]
            items.append(nl.join([self.indent + self.unit + first, *shifted]))
        comma = "," if self.trailing_comma else ""
        return "[" + nl + ("," + nl).join(items) + comma + nl + self.indent + "]"


def rewrite(
    text: str, start: int, end: int, slots: Mapping[str, tuple[int, int]], grants: list[Grant], render: Render,
    separator: str, new_list: NewList | None = None,
) -> Edit:
    """Replace ``text[start:end]`` by one copy per grant, each with its slots (value spans) rendered anew.

    Copies of a list item are joined by ``separator``; a statement that is the whole ``Statement`` value (not in a
    list) is turned into a list by ``new_list``.
    """
    copies = []
    for index, grant in enumerate(grants):
        edits = []
        for slot, (slot_start, slot_end) in slots.items():
            value = render(slot, grant, index)
            if value is not None:
                edits.append(Edit(slot_start - start, slot_end - start, value))
        copies.append(apply_edits(text[start:end], edits))
    if new_list is not None and len(copies) > 1:
        return Edit(start, end, new_list.join(copies))
    return Edit(start, end, separator.join(copies))


def copy_sid(sid: str, index: int) -> str:
    """Sids must be unique in a policy: copies get a number (Sids are alphanumeric)."""
    return sid if index == 0 else f"{re.sub(r'[^A-Za-z0-9]', '', sid)}{index + 1}"


def separator(text: str, start: int, newline: str) -> str:
    """How copies of a list item starting at ``start`` are separated: each on its own line if it was."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return f",{newline}{before}" if before.strip() == "" else ", "


@dataclass(frozen=True)
class ListLayout:
    """How the author wrote the value being replaced, which decides how its new items are laid out."""

    is_list: bool  # written as a list, so a single item stays in a list
    multiline: bool  # a list written one item per line, or a scalar in a statement written over several lines
    one_line_statement: bool  # the whole statement sits on one line, so the value stays on it
    indent: str  # indentation of the line holding the value's key
    column: int  # where the value starts on its line
    trailing_comma: bool = True
    item_indent: str | None = None  # a list written one item per line: the indentation of its items
    originals: Mapping[str, str] = field(default_factory=dict)  # each item's value -> its text as written

    def item(self, value: str, render: Callable[[str], str]) -> str:
        """An item as its author wrote it when the list already holds it, else rendered anew."""
        return self.originals.get(value) or render(value)


def layout_items(items: list[str], layout: ListLayout, unit: str, nl: str, max_line: int = 100) -> str:
    """``items`` (already rendered) as a scalar, a one-line list or one item per line, as the author would: items
    of a list written one per line keep that list's indentation."""
    if len(items) == 1 and not layout.is_list:
        return items[0]
    single = "[" + ", ".join(items) + "]"
    if layout.one_line_statement or (not layout.multiline and layout.column + len(single) + 1 <= max_line):
        return single
    comma = "," if layout.trailing_comma else ""
    indent = layout.item_indent if layout.item_indent is not None else layout.indent + unit
    body = ("," + nl).join(f"{indent}{item}" for item in items)
    return f"[{nl}{body}{comma}{nl}{layout.indent}]"


def item_indent(text: str, starts: list[int], opening: int) -> str | None:
    """The indentation of a list's items when each starts a line of its own after the opening bracket."""
    indents = set()
    for start in starts:
        line = text.rfind("\n", 0, start) + 1
        if line <= opening or text[line:start].strip():
            return None
        indents.add(text[line:start])
    return indents.pop() if len(indents) == 1 else None
