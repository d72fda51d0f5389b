"""Granting a role permissions in the role's own style: a statement added to (or merged, by Sid, into) one of the
policies it already has, else a policy of its own written as the file writes policies.

The language packages say where a role's policies are (``role_policies``) and how a new one is written
(``new_role_policy``); the order here is the same everywhere: the policy that already holds the statement's Sid,
then the others in the order they are written, then a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import CannotFix, Resource, Unit
from iacfix.fixers.iam.documents import language_part, statements_of

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes


def grant(changes: Changes, role: Resource, statement: Mapping[str, Any], beside: Resource | None,
          word: str = "grant") -> None:
    """See :meth:`Changes.grant`; ``word`` names a new policy (``aws_iam_role_policy.worker_dlq``)."""
    language = language_part(changes.document.language)
    unit = getattr(changes, "unit", None) or Unit([changes.document])
    sid = statement.get("Sid")

    def holds_sid(policy: Any) -> bool:
        return any(view.sid == sid for view in statements_of(policy, unit) or [])

    places = sorted(language.role_policies(changes, role), key=lambda policy: not holds_sid(policy))
    refused: list[str] = []
    for policy in places:
        checkpoint = changes.checkpoint()
        try:
            changes.add_statement(policy, statement)
            return
        except CannotFix as reason:
            changes.rollback(checkpoint)
            refused.append(str(reason))
    try:
        language.new_role_policy(changes, role, statement, beside, word)
    except CannotFix as reason:
        raise CannotFix("; ".join([*refused, str(reason)])) from None
