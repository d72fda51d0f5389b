"""What orders two resources, in any language: the edge the dependency rules build their graphs from."""

from __future__ import annotations

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
