"""What orders two resources, in any language: the edge the dependency rules build their graphs from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    """``source`` refers to ``target``; ``implies_order`` when that alone orders them as an explicit entry would.

    ``where`` says where, for messages: ``!Ref at Properties/KeyId``, ``aws_iam_role.api.arn in role``.
    """

    source: str
    target: str
    implies_order: bool
    where: str


def reaches(start: str, goals: set[str], depends_on: Callable[[str], Iterable[str]]) -> bool:
    """Whether ``start`` depends, directly or through others, on one of ``goals``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        current = stack.pop()
        if current in goals:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(depends_on(current))
    return False
