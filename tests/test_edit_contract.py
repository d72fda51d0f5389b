"""The edit contract, checked on every rule example: comments survive, and a fix changes only its own lines."""

from __future__ import annotations

import difflib
import re

import pytest

from tests.examples import Example, examples

FIXED = [example for example in examples() if example.after is not None and not example.good]
COMMENT = re.compile(r"^\s*(#|//)")


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if COMMENT.match(line)]


def documented_lines(text: str, removed: set[str]) -> set[str]:
    """Comments whose subject, the code line right below them, the fix removed: they go with it."""
    lines = text.splitlines()
    gone = set()
    for index, line in enumerate(lines):
        if COMMENT.match(line):
            below = next((n for n in lines[index + 1 :] if not COMMENT.match(n)), "")
            if below.strip() in removed:
                gone.add(line.strip())
    return gone


@pytest.mark.parametrize("example", FIXED, ids=lambda e: e.id)
def test_comments_are_kept_in_order(example: Example) -> None:
    for path, before in example.before.items():
        after = example.after[path] if example.after else before
        removed = {line.strip() for line in before.splitlines()} - {line.strip() for line in after.splitlines()}
        allowed_to_go = documented_lines(before, removed)
        iterator = iter(comment_lines(after))
        assert all(line in iterator for line in comment_lines(before) if line not in allowed_to_go), path


@pytest.mark.parametrize("example", [e for e in FIXED if e.code == "IAC003"], ids=lambda e: e.id)
def test_additive_fixes_only_insert_text_and_realign(example: Example) -> None:
    """Apart from white space, the original text is still there, in order, with only insertions around it."""
    for path, before in example.before.items():
        after = example.after[path] if example.after else before
        remaining = iter(re.sub(r"\s+", "", after))
        assert all(char in remaining for char in re.sub(r"\s+", "", before)), path
        changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
        assert len(changed) <= 3, changed
