"""Real names, evaluated symbolically, so that two ways of writing one name are seen to be the same.

A log group named ``!Sub /aws/lambda/tap-bid-${EnvironmentSuffix}`` is the group of the function named
``!Sub tap-bid-${EnvironmentSuffix}``, and ``"/aws/lambda/${var.prefix}-x"`` the group of ``"${var.prefix}-x"``.
Each language evaluates a value into a :class:`Name`: literal text, symbols that stand for the same unknown value
wherever they appear (a parameter, a variable, the stack's name), and wildcards for what cannot be known.
Adding a resource whose name *may* equal an existing one would fail at deploy time ("already exists"), so a
possible match counts as much as a certain one when deciding not to add.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Symbol:
    """A value known by what it is (``var.prefix``, ``Ref EnvironmentSuffix``), not by its text."""

    key: str


@dataclass(frozen=True)
class Unknown(Symbol):
    """A part of one resource's name that cannot be known: any text, but the same wherever that name is read."""

    def __str__(self) -> str:
        return "*"


@dataclass(frozen=True)
class Wildcard:
    """Any text: a value that cannot be evaluated (a function call, a generated suffix)."""


ANY = Wildcard()
MAX_CHARACTERS = 600  # names are at most a few hundred characters; anything longer is not compared
Part = str | Symbol | Wildcard


@dataclass(frozen=True)
class Name:
    """A name as parts: literal text, symbols and wildcards, adjacent literals merged."""

    parts: tuple[Part, ...]

    @classmethod
    def of(cls, *parts: Part | Name | None) -> Name:
        """Concatenate parts and names; None (unknown) becomes a wildcard."""
        merged: list[Part] = []
        for part in parts:
            pieces: Iterable[Part] = part.parts if isinstance(part, Name) else [ANY if part is None else part]
            for piece in pieces:
                if isinstance(piece, str) and merged and isinstance(merged[-1], str):
                    merged[-1] += piece
                elif isinstance(piece, Wildcard) and merged and isinstance(merged[-1], Wildcard):
                    continue
                elif piece != "":
                    merged.append(piece)
        return cls(tuple(merged))

    @property
    def known(self) -> bool:
        """Whether every part is literal text or a symbol (no wildcard)."""
        return not any(isinstance(part, Wildcard) for part in self.parts)

    @property
    def literal(self) -> str | None:
        if all(isinstance(part, str) for part in self.parts):
            return "".join(self.parts)  # type: ignore[arg-type]
        return None

    def certainly_equals(self, other: Name) -> bool:
        return self.known and other.known and self.parts == other.parts

    def may_equal(self, other: Name) -> bool:
        """Whether some values of the symbols and wildcards make the two names equal."""
        if self.certainly_equals(other):
            return True
        return _intersect(self, other)

    def __str__(self) -> str:
        return "".join(part if isinstance(part, str) else str(part) if isinstance(part, Unknown)
                       else f"${{{part.key}}}" if isinstance(part, Symbol) else "*" for part in self.parts)


def _glob(name: Name) -> list[str | None]:
    """The name as characters, None for a hole (a symbol or wildcard: any text)."""
    characters: list[str | None] = []
    for part in name.parts:
        if isinstance(part, str):
            characters.extend(part)
        else:
            characters.append(None)
    return characters


def _intersect(left: Name, right: Name) -> bool:
    """Whether some text matches both names, holes read as any text (symbols are not tied to each other)."""
    a, b = _glob(left), _glob(right)
    if len(a) + len(b) > MAX_CHARACTERS:
        return True  # too long to compare: assume they may be equal

    @cache
    def fits(i: int, j: int) -> bool:
        if i == len(a) and j == len(b):
            return True
        if i < len(a) and a[i] is None:
            return fits(i + 1, j) or (j < len(b) and fits(i, j + 1))
        if j < len(b) and b[j] is None:
            return fits(i, j + 1) or (i < len(a) and fits(i + 1, j))
        return i < len(a) and j < len(b) and a[i] == b[j] and fits(i + 1, j + 1)

    return fits(0, 0)


UNKNOWN = Name((ANY,))
