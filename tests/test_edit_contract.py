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


@pytest.mark.parametrize("example", FIXED, ids=lambda e: e.id)
def test_comments_are_kept_in_order(example: Example) -> None:
    for path, before in example.before.items():
        after = example.after[path] if example.after else before
        kept = comment_lines(after)
        iterator = iter(kept)
        assert all(line in iterator for line in comment_lines(before)), path


@pytest.mark.parametrize("example", [e for e in FIXED if e.code == "IAC003"], ids=lambda e: e.id)
def test_additive_fixes_only_insert_text_and_realign(example: Example) -> None:
    """Apart from white space, the original text is still there, in order, with only insertions around it."""
    for path, before in example.before.items():
        after = example.after[path] if example.after else before
        remaining = iter(re.sub(r"\s+", "", after))
        assert all(char in remaining for char in re.sub(r"\s+", "", before)), path
        changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
        assert len(changed) <= 3, changed
