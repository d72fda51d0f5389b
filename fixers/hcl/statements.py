"""Policy documents in Terraform beyond JSON structure: ``aws_iam_policy_document`` data sources, whose statements
are ``statement`` blocks; and where a role's own policies are, so that a grant lands in one of them.

A role's inline policies are its ``inline_policy`` blocks or the ``aws_iam_role_policy`` resources naming it; a
role with ``inline_policy`` blocks manages its inline policies exclusively, so a separate role policy beside them
would be removed by the next apply and none is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import CannotFix, Node, Resource, Unit
from iacfix.fixers.hcl.document import HclNode, HclResource
from iacfix.fixers.iam.documents import StatementView, block_statement, block_view, extend_value
from iacfix.fixers.iam.grants import exclusive_inline_policies
from iacfix.fixers.kinds import IAM_ROLE_POLICY, Setting
from iacfix.fixers.values import JsonDocument, Ref

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes
    from iacfix.fixers.hcl.changes import HclChanges

DOCUMENT = "data.aws_iam_policy_document"
# What a document reads from elsewhere: statements the data source does not show.
MERGED = ("source_json", "override_json", "source_policy_documents", "override_policy_documents")
ROLE_OF_POLICY = Setting("role", None)
POLICY = Setting("policy", None)


class DocumentForm:
    """An ``aws_iam_policy_document`` data source: ``statement`` blocks with ``sid``, ``effect``, ``actions``,
    ``resources``, ``principals`` and ``condition`` blocks."""

    def __init__(self, source: HclResource, unit: Unit) -> None:
        self.source = source
        self.unit = unit
        self.document = source.document
        blocks = source.each("statement")
        readable = blocks is not None and not any(source.get(name) is not None for name in MERGED)
        self.statements = [_view(block) for block in blocks or []] if readable else None

    def append(self, changes: Changes, statement: Mapping[str, Any]) -> None:
        users = [r for document in self.unit.documents for r in document.declared if r is not self.source
                 and any(ref.name == self.source.name for ref in r.references())]
        if len(users) > 1:
            raise CannotFix(f"{self.source.subject} is used by {len(users)} resources, which would all get the "
                            "statement")
        changes.add_nested_block(self.source.block, "statement",  # type: ignore[attr-defined]
                                 block_statement(statement, "condition"))

    def extend(self, changes: Changes, view: StatementView, key: str, values: list[Any]) -> None:
        extend_value(changes, view, key, "actions" if key == "Action" else "resources", values)


def _view(block: Node) -> StatementView:
    assert isinstance(block, HclNode) and block.block is not None
    return block_view(block, [HclNode(block.document, condition.start, condition.end, block=condition,
                                      parent=block.block) for condition in block.block.nested("condition")])


def document_form(policy: Node, unit: Unit) -> DocumentForm | None:
    """The data source whose ``json`` a policy setting reads (``data.aws_iam_policy_document.x.json``)."""
    reference = policy.reference()
    if reference is None or reference.attribute != "json" or reference.indexed:
        return None
    source = next((r for document in unit.documents for r in document.declared if r.name == reference.name), None)
    return DocumentForm(source, unit) if isinstance(source, HclResource) and source.type == DOCUMENT else None


def check_json(changes: Changes, root: Node, values: Mapping[str, Any]) -> None:
    """Nothing to check: Terraform writes any reference anywhere (one instance of a repeated resource aside,
    which rendering refuses)."""


# ---------------------------------------------------------------------------------------------- grants
def new_role_policy(changes: HclChanges, role: Resource, statement: Mapping[str, Any], beside: Resource | None,
                    word: str) -> None:
    """A new ``aws_iam_role_policy`` after the role (after ``beside`` when the role is in another file)."""
    if exclusive_inline_policies(role):
        raise CannotFix(f"{role.subject} manages its inline policies in inline_policy blocks, where a separate role "
                        "policy would be removed by the next apply")
    anchor = role if role.document is changes.document else beside
    if anchor is None or anchor.document is not changes.document:
        raise CannotFix(f"{role.subject} is declared in {role.document.path}")
    changes.add_resource_after(anchor, IAM_ROLE_POLICY, {
        ROLE_OF_POLICY: Ref(role, "id"),
        POLICY: JsonDocument({"Version": "2012-10-17", "Statement": [dict(statement)]}),
    }, role=f"{word} policy")
