"""Policy documents in CloudFormation: where a role's own policies are (its ``Policies``, the ``AWS::IAM::Policy``
resources naming only it), how a new one is written (a ``Policies`` entry; SAM's policy templates for a function
whose role SAM creates), and the ``Condition`` a statement's references need.

A resource that exists only under a condition can be named only by resources under the same condition: a policy
naming the queue of a conditional function must share the function's condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import CannotFix, Node, Resource, Unit
from iacfix.fixers.iam.documents import references
from iacfix.fixers.iam.permissions import ROLE_POLICY
from iacfix.fixers.kinds import Setting
from iacfix.fixers.values import NewResource, Ref

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes

SAM_FUNCTION = "AWS::Serverless::Function"
POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::RolePolicy")
POLICIES = Setting(None, "Policies")
POLICY_NAME = "PolicyName"
POLICY_DOCUMENT = "PolicyDocument"
# SAM policy templates that grant what a statement grants, by its actions: the template, its parameter, and the
# attribute of the one resource the statement names that the parameter takes.
SAM_TEMPLATES = {("sqs:SendMessage",): ("SQSSendMessagePolicy", "QueueName", "name")}


def document_form(policy: Node, unit: Unit) -> None:
    """Templates have no policy document data source: every document is a mapping (or JSON text)."""
    return None


def check_json(changes: Changes, root: Node, values: Mapping[str, Any]) -> None:
    holder = next((r for r in changes.document.resources() if r.start <= root.start < r.end), None)
    if holder is not None:
        refuse_other_conditions(holder.subject, holder.condition, values)


def refuse_other_conditions(subject: str, condition: str | None, values: Mapping[str, Any]) -> None:
    """Refuse references to resources that exist only under a condition the referring resource does not have:
    CloudFormation rejects the template whenever that condition is false."""
    for reference in references(dict(values)):
        target = reference.resource
        owner = target.owner if isinstance(target, NewResource) else target
        needed = owner.condition if owner is not None else None
        if needed is not None and needed != condition:
            raise CannotFix(f"{target.name} exists only when {needed} holds, and {subject} does not have "
                            "that condition")


# ---------------------------------------------------------------------------------------------- grants
def new_role_policy(changes: Changes, role: Resource, statement: Mapping[str, Any], beside: Resource | None,
                    word: str) -> None:
    """A new entry of the role's ``Policies`` named after the statement's Sid; for a SAM function whose role SAM
    creates, an entry of the function's ``Policies``: a SAM policy template when one grants the same. A statement
    naming what exists only under a condition the role does not have goes in an ``AWS::IAM::Policy`` added after
    ``beside``, with its condition."""
    document = {"Version": "2012-10-17", "Statement": [dict(statement)]}
    try:
        refuse_other_conditions(role.subject, role.condition, statement)
    except CannotFix:
        if beside is None or role.type == SAM_FUNCTION:
            raise
        refuse_other_conditions(beside.subject, beside.condition, statement)
        changes.add_resource_after(beside, ROLE_POLICY, {
            POLICY_NAME: str(statement.get("Sid") or word), POLICY_DOCUMENT: document, "Roles": [Ref(role, "name")],
        }, role=f"{word} policy", noun=f"{word} policy")
        return
    if role.type == SAM_FUNCTION:
        entry: dict[str, Any] = _sam_template(statement) or document
    else:
        listed = role.get(POLICIES)
        taken = {item.get(POLICY_NAME).literal for item in (listed.items() or []) if item.get(POLICY_NAME)} \
            if listed is not None else set()
        stem = str(statement.get("Sid") or word)
        name = next(candidate for candidate in (stem, *(f"{stem}{n}" for n in range(2, 100)))
                    if candidate not in taken)
        entry = {POLICY_NAME: name, POLICY_DOCUMENT: document}
    listed = role.get(POLICIES)
    if listed is None:
        changes.set(role, POLICIES, [entry])
    elif listed.items() is not None:
        changes.add_to_list(listed, entry)
    elif role.type == SAM_FUNCTION:
        changes.wrap_in_list(listed, entry)
    else:
        raise CannotFix(f"the Policies of {role.subject} are computed")


def _sam_template(statement: Mapping[str, Any]) -> dict[str, Any] | None:
    """``{SQSSendMessagePolicy: {QueueName: ...}}`` for a statement a template grants on one resource."""
    actions = statement.get("Action")
    listed = tuple(actions if isinstance(actions, list) else [actions])
    resources = statement.get("Resource")
    resources = resources if isinstance(resources, list) else [resources]
    found = SAM_TEMPLATES.get(listed)
    if found is None or len(resources) != 1 or not isinstance(resources[0], Ref) or statement.get("Condition"):
        return None
    template, parameter, attribute = found
    return {template: {parameter: Ref(resources[0].resource, attribute)}}
