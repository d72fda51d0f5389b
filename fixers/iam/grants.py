"""Granting a role permissions in the role's own style: a statement added to (or merged, by Sid, into) one of the
policies it already has, else a policy of its own written as the file writes policies.

A role's policies are found the same way everywhere (its inline policies, then the role policies naming it alone,
the one that already holds the statement's Sid first); the language packages say how a new one is written
(``new_role_policy``) and what a policy's form can take.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import CannotFix, Node, Resource, Unit
from iacfix.fixers.iam.documents import language_part, statements_of
from iacfix.fixers.iam.permissions import ROLE_POLICY, roles_of
from iacfix.fixers.kinds import Setting

INLINE_POLICIES = Setting("inline_policy", "Policies", pulumi="inline_policies")  # blocks, or a list
EXCLUSIVE_INLINE_POLICIES = Setting("inline_policy", None, pulumi="inline_policies")  # the role owns them all
POLICY_DOCUMENT = Setting("policy", "PolicyDocument")
SAM_FUNCTION = "AWS::Serverless::Function"

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

    places = sorted(role_policies(changes, role, unit), key=lambda policy: not holds_sid(policy))
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


def role_policies(changes: Changes, role: Resource, unit: Unit) -> list[Node]:
    """The documents of the role's inline policies (its ``inline_policy`` blocks, ``Policies``, ``inline_policies``),
    then of the role policies naming it alone, written in this file, in the order they come. A SAM function's role
    is SAM's: it has none."""
    if role.type == SAM_FUNCTION:
        return []
    found = [policy for item in role.each(INLINE_POLICIES) or [] if (policy := item.at(POLICY_DOCUMENT)) is not None]
    for holder in unit.resources(ROLE_POLICY):
        policy = holder.get(POLICY_DOCUMENT)
        if policy is not None and holder.document is changes.document and roles_of(unit, holder) == {role.name}:
            found.append(policy)
    return found


def exclusive_inline_policies(role: Resource) -> bool:
    """Whether the role declares every inline policy it has (``inline_policy`` blocks, ``inline_policies``): a role
    policy beside them would be removed by the next apply."""
    written = role.each(EXCLUSIVE_INLINE_POLICIES)
    return written is None or bool(written)
