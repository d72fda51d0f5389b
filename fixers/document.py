"""What every language's document has in common: its text, positions, suppressions and findings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from iacfix.fixers.model import Language
from iacfix.fixers.text import LineIndex

_SUPPRESSION = re.compile(r"iacfix:\s*ignore\b([^\n]*)")
_RULE_WORD = re.compile(r"^(IAC\d{3}|[a-z0-9]+(?:-[a-z0-9]+)+)$", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^\s*(#|//|/\*|\*)")


class ParseFailure(Exception):
    """A file that does not parse; carries the position the parser blamed."""

    def __init__(self, reason: str, line: int = 1, column: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


@dataclass
class Document:
    """A parsed file. Subclasses add the language's tree and questions about it."""

    path: str
    text: str
    language: ClassVar[Language]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def suppressed_rules(self, line: int) -> set[str] | None:
        """Rules named by ``iacfix:ignore`` comments on ``line`` or the comment lines just above it.

        Returns None when there is no suppression, an empty set when every rule is suppressed.
        """
        named: set[str] = set()
        found = False
        candidates = [line]
        above = line - 1
        while above >= 1 and _COMMENT_LINE.match(self.lines.line_text(above)):
            candidates.append(above)
            above -= 1
        for number in candidates:
            for match in _SUPPRESSION.finditer(self.lines.line_text(number)):
                found = True
                words = re.split(r"[\s,]+", match.group(1).strip())
                rules = [word for word in words if word and _RULE_WORD.match(word)]
                if not rules:
                    return set()
                named.update(word.upper() if word.upper().startswith("IAC") else word for word in rules)
        return named if found else None

    def is_suppressed(self, code: str, name: str, lines: tuple[int, ...]) -> bool:
        for line in lines:
            rules = self.suppressed_rules(line)
            if rules is not None and (not rules or code in rules or name in rules):
                return True
        return False


class NotInfrastructure(Exception):
    """Raised by a parser when the file parses but turns out not to be infrastructure code."""
