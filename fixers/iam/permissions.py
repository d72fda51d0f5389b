"""What a role is allowed to do, read from the unit: its inline policies, the policies attached to it (by
resource or by ARN), and the AWS managed policies it names.

A setting can need a permission AWS checks when the setting is applied (Lambda refuses active tracing
without X-Ray write access, a dead-letter queue without ``sqs:SendMessage``), so a fix that adds the setting
must know whether the role already has it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from iacfix.fixers.document import Document, Node, Resource, Unit
from iacfix.fixers.iam.policy import Statement
from iacfix.fixers.kinds import ARN, IAM_ROLE, Kind, Setting
from iacfix.fixers.model import Language
from iacfix.fixers.names import Name

ROLE_POLICY = Kind("IAM role policy", "aws_iam_role_policy", ("AWS::IAM::Policy", "AWS::IAM::RolePolicy"),
                   "iam.RolePolicy")
MANAGED_POLICY = Kind("IAM managed policy", "aws_iam_policy", ("AWS::IAM::ManagedPolicy",), "iam.Policy", {"arn": ARN})
POLICY_ATTACHMENT = Kind("IAM role policy attachment", "aws_iam_role_policy_attachment", (),
                         "iam.RolePolicyAttachment")
SHARED_ATTACHMENT = Kind("IAM policy attachment", "aws_iam_policy_attachment", (), "iam.PolicyAttachment")
MANAGED_POLICY_ARNS = Setting("managed_policy_arns", "ManagedPolicyArns")
POLICY_ROLES = (Setting("role", "Roles"), Setting(None, "RoleName"))
ATTACHMENT_ROLE = Setting("role", None)
ATTACHMENT_ROLES = Setting("roles", None)
ATTACHMENT_POLICY = Setting("policy_arn", None)

# AWS managed policies by the actions they allow (patterns as IAM writes them).
AWS_MANAGED = {
    "AdministratorAccess": ("*",),
    "PowerUserAccess": ("*",),
    "AWSXRayDaemonWriteAccess": ("xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSampling*"),
    "AWSXrayWriteOnlyAccess": ("xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSampling*"),
    "AWSXrayFullAccess": ("xray:*",),
    "AWSLambdaSQSQueueExecutionRole": ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
}


def role_allows(unit: Unit, role: Resource, actions: tuple[str, ...]) -> bool:
    """Whether everything the role is known to be allowed covers every one of ``actions``."""
    allowed = list(_allowed_patterns(unit, role))
    return all(any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in allowed) for action in actions)


def _allowed_patterns(unit: Unit, role: Resource) -> Iterator[str]:
    for name in managed_policies(unit, role):
        yield from AWS_MANAGED.get(name, ())
    for holder, statement in _statements(unit):
        if statement.effect == "Allow" and statement.actions and not statement.principal \
                and role.name in roles_of(unit, holder):
            yield from statement.actions


def managed_policies(unit: Unit, role: Resource) -> list[str]:
    """The names of the AWS managed policies attached to a role (``AWSXRayDaemonWriteAccess``), by its
    ``ManagedPolicyArns``/``managed_policy_arns`` or by attachment resources."""
    nodes: list[Node] = list(_items(role.get(MANAGED_POLICY_ARNS)))
    for attachment in unit.referring(role, POLICY_ATTACHMENT, ATTACHMENT_ROLE):
        found = attachment.get(ATTACHMENT_POLICY)
        if found is not None:
            nodes.append(found)
    names = [_aws_managed(node.name_value(unit)) for node in nodes]
    return [name for name in names if name is not None]


def _aws_managed(arn: Name) -> str | None:
    """``AWSXRayDaemonWriteAccess`` for ``arn:<partition>:iam::aws:policy/AWSXRayDaemonWriteAccess``."""
    text = [part for part in arn.parts if isinstance(part, str)]
    if not text or not isinstance(arn.parts[-1], str) or ":iam::aws:policy/" not in "".join(text):
        return None
    return arn.parts[-1].rsplit("/", 1)[-1]


def roles_of(unit: Unit, holder: Resource, _seen: frozenset[str] = frozenset()) -> set[str]:
    """The roles a policy statement's holder gives its permissions to.

    A Terraform policy document gives them to the roles of every resource whose settings use its JSON (a role
    policy's ``policy``, a role's ``inline_policy``, another document's ``source_policy_documents``).
    """
    if holder.is_a(IAM_ROLE):
        return {holder.name} if holder.name else set()
    if holder.type == "data.aws_iam_policy_document":
        seen = _seen | {holder.name or ""}
        users = [r for document in unit.documents for r in document.declared if r.name not in seen
                 and any(ref.name == holder.name for ref in r.references())]
        return set().union(*(roles_of(unit, user, seen) for user in users)) if users else set()
    if holder.is_a(ROLE_POLICY) or holder.is_a(MANAGED_POLICY):
        found = {ref.name for setting in POLICY_ROLES for ref in _refs(holder.get(setting))}
        for role in unit.resources(IAM_ROLE):
            if any(ref.name == holder.name for ref in _refs(role.get(MANAGED_POLICY_ARNS))):
                found.add(role.name or "")
        for kind, setting in ((POLICY_ATTACHMENT, ATTACHMENT_ROLE), (SHARED_ATTACHMENT, ATTACHMENT_ROLES)):
            for attachment in unit.resources(kind):
                if any(ref.name == holder.name for ref in _refs(attachment.get(ATTACHMENT_POLICY))):
                    found |= {ref.name for ref in _refs(attachment.get(setting))}
        return {name for name in found if isinstance(unit.resource(name), Resource)
                and unit.resource(name).is_a(IAM_ROLE)}  # type: ignore[union-attr]
    return set()


def _refs(node: Node | None) -> list:
    return node.references() if node is not None else []


def _items(node: Node | None) -> list[Node]:
    if node is None:
        return []
    return node.items() or []


def _statements(unit: Unit) -> Iterator[tuple[Resource, Statement]]:
    for document in unit.documents:
        yield from policy_statements(document)


def policy_statements(document: Document) -> Iterator[tuple[Resource, Statement]]:
    """Every identity policy statement of a document, with the resource holding it."""
    if document.language is Language.TERRAFORM:
        from iacfix.fixers.hcl.policies import policy_statements as found
    elif document.language is Language.CLOUDFORMATION:
        from iacfix.fixers.cfn.policies import policy_statements as found  # type: ignore[assignment]
    else:
        from iacfix.fixers.pulumi.policies import policy_statements as found  # type: ignore[assignment]
    yield from found(document)  # type: ignore[arg-type]
