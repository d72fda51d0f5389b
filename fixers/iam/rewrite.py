"""Rewriting one statement as one or more statements, in whatever language it is written.

A narrowed statement keeps everything the author wrote (Effect, Condition, comments, key order) and only its
Action and Resource values change; when its actions need different resources, the statement is repeated once per
resource group, each copy with its own values (and a distinct Sid), so the copies look like the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from fixers.iam.policy import Grant
from fixers.model import Edit
from fixers.text import apply_edits

Render = Callable[[str, Grant, int], "str | None"]


def rewrite(
    text: str, start: int, end: int, slots: Mapping[str, tuple[int, int]], grants: list[Grant], render: Render,
    separator: str,
) -> Edit:
    """Replace ``text[start:end]`` by one copy per grant, each with its slots (value spans) rendered anew."""
    copies = []
    for index, grant in enumerate(grants):
        edits = []
        for slot, (slot_start, slot_end) in slots.items():
            value = render(slot, grant, index)
            if value is not None:
                edits.append(Edit(slot_start - start, slot_end - start, value))
        copies.append(apply_edits(text[start:end], edits))
    return Edit(start, end, separator.join(copies))


def copy_sid(sid: str, index: int) -> str:
    """Sids must be unique in a policy: copies get a number (Sids are alphanumeric)."""
    return sid if index == 0 else f"{re.sub(r'[^A-Za-z0-9]', '', sid)}{index + 1}"


def separator(text: str, start: int, newline: str) -> str:
    """How copies of a list item starting at ``start`` are separated: each on its own line if it was."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return f",{newline}{before}" if before.strip() == "" else ", "
