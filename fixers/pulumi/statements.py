"""Policy documents in Pulumi programs beyond dicts: ``get_policy_document`` (and ``..._output``) calls whose
statements are dicts or ``GetPolicyDocumentStatementArgs``; where a role's own policies are; and what naming another
resource's output asks of a policy: an Output-aware encoder, and a variable assigned before the policy.

A program runs top to bottom: a policy may name only variables assigned before its statement, and ``json.dumps`` or
the plain ``get_policy_document`` cannot take an Output, so they become ``pulumi.Output.json_dumps`` and
``get_policy_document_output`` when a statement names one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import libcst as cst

from iacfix.fixers.document import CannotFix, Node, Resource, Unit
from iacfix.fixers.iam.documents import StatementView, block_statement, block_view, extend_value, references
from iacfix.fixers.iam.grants import exclusive_inline_policies
from iacfix.fixers.kinds import IAM_ROLE_POLICY, Setting
from iacfix.fixers.model import Edit
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode, PulumiResource
from iacfix.fixers.pulumi.expressions import qualified
from iacfix.fixers.values import JsonDocument, NewResource, Ref

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes
    from iacfix.fixers.pulumi.changes import PulumiChanges

PLAIN_DOCUMENT = "pulumi_aws.iam.get_policy_document"
OUTPUT_DOCUMENT = "pulumi_aws.iam.get_policy_document_output"
JSON_DUMPS = "json.dumps"
OUTPUT_JSON_DUMPS = "pulumi.Output.json_dumps"
STATEMENT_ARGS = ("iam", "GetPolicyDocumentStatement")
ROLE_OF_POLICY = Setting("role", None)
POLICY = Setting("policy", None)


class DocumentForm:
    """``get_policy_document(statements=[...])``: statements as dicts or ``GetPolicyDocumentStatementArgs``."""

    def __init__(self, document: PulumiDocument, call: cst.Call) -> None:
        self.document = document
        self.call = call
        argument = next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "statements"),
                        None)
        self.listed = argument.value if argument is not None else None
        items = PulumiNode(document, self.listed).items() if self.listed is not None else None
        self.statements = [_view(item) for item in items] if items is not None else None

    def append(self, changes: Changes, statement: Mapping[str, Any]) -> None:
        assert isinstance(self.listed, cst.List)
        self._outputs(changes, statement)
        elements = [element.value for element in self.listed.elements]
        args = isinstance(elements[0], cst.Call) if elements else self.document.uses_args_objects
        block = block_statement(statement, "conditions")
        changes.add_list_item(self.listed, block, STATEMENT_ARGS, args)  # type: ignore[attr-defined]

    def extend(self, changes: Changes, view: StatementView, key: str, values: list[Any]) -> None:
        self._outputs(changes, {key: values})
        extend_value(changes, view, key, "actions" if key == "Action" else "resources", values)

    def _outputs(self, changes: Changes, values: Mapping[str, Any]) -> None:
        """An Output named in a statement: the call must take Outputs, and come after what it names."""
        found = references(dict(values))
        if not found:
            return
        _declared_before(self.document, self.call, found)
        if qualified(self.document.aliases, self.call.func) == PLAIN_DOCUMENT:
            function = self.call.func
            if not isinstance(function, cst.Attribute):
                raise CannotFix("get_policy_document cannot take an Output, and it is imported by name: use "
                                "get_policy_document_output")
            changes.include([Edit(*self.document.span(function.attr), "get_policy_document_output")])


def _view(item: Node) -> StatementView:
    conditions = item.get("conditions")
    return block_view(item, (conditions.items() or []) if conditions is not None else [])


def document_form(policy: Node, unit: Unit) -> DocumentForm | None:
    """The ``get_policy_document`` call whose ``.json`` a policy setting reads, directly or through a variable."""
    assert isinstance(policy, PulumiNode)
    document = policy.document
    expression = policy.expression
    if not isinstance(expression, cst.Attribute) or expression.attr.value != "json":
        return None
    call = expression.value
    if isinstance(call, cst.Name):
        call = document.assignments.get(call.value)  # type: ignore[assignment]
    if not isinstance(call, cst.Call) or qualified(document.aliases, call.func) not in (PLAIN_DOCUMENT, OUTPUT_DOCUMENT):
        return None
    return DocumentForm(document, call)


def check_json(changes: Changes, root: Node, values: Mapping[str, Any]) -> None:
    """A dict naming Outputs must be encoded by ``pulumi.Output.json_dumps`` (``json.dumps`` becomes it), outside
    any ``.apply`` lambda, after the variables it names."""
    assert isinstance(root, PulumiNode)
    found = references(dict(values))
    if not found:
        return
    if root.bindings:
        raise CannotFix(f"the policy is built inside .apply(lambda ...), where {_named(found[0])} cannot be named")
    document = root.document
    _declared_before(document, root.expression, found)
    wrapper = _wrapper(document, root.expression)
    encoder = qualified(document.aliases, wrapper.func) if wrapper is not None else None
    if encoder == JSON_DUMPS:
        assert wrapper is not None
        pulumi = changes.pulumi_name()  # type: ignore[attr-defined]
        changes.include([Edit(*document.span(wrapper.func), f"{pulumi}.Output.json_dumps")])
    elif wrapper is not None and encoder != OUTPUT_JSON_DUMPS:
        raise CannotFix(f"the policy is given to {encoder or 'a call'}, which cannot take {_named(found[0])}")


def _named(reference: Ref) -> str:
    return f"{reference.resource.name}.{reference.attribute}"


def _wrapper(document: PulumiDocument, value: cst.CSTNode) -> cst.Call | None:
    """The call a dict is the first argument of (``json.dumps({...})``), if any."""
    finder = _CallOf(value)
    document.module.visit(finder)
    return finder.found


class _CallOf(cst.CSTVisitor):
    def __init__(self, value: cst.CSTNode) -> None:
        self.value = value
        self.found: cst.Call | None = None

    def visit_Call(self, node: cst.Call) -> bool:
        if node.args and node.args[0].keyword is None and node.args[0].value is self.value:
            self.found = node
        return self.found is None


def _declared_before(document: PulumiDocument, node: cst.CSTNode, found: list[Ref]) -> None:
    """Refuse a policy written before the variables it would name (a resource the fix adds is declared where it is
    needed)."""
    at = document.span(node)[0]
    top = next((document.span(s)[0] for s in document.module.body if document.span(s)[0] <= at < document.span(s)[1]),
               at)
    for reference in found:
        target = reference.resource
        if isinstance(target, NewResource):
            continue
        if not isinstance(target, PulumiResource) or target.document is not document or target.statement_start >= top:
            raise CannotFix(f"the policy is written before {target.name} is assigned, so it cannot name it")


# ---------------------------------------------------------------------------------------------- grants
def new_role_policy(changes: PulumiChanges, role: Resource, statement: Mapping[str, Any], beside: Resource | None,
                    word: str) -> None:
    """A new ``iam.RolePolicy`` after the role (a queue added for ``beside`` moves up to be declared before it), or
    after ``beside`` when the role is declared in another file or before a resource the statement names."""
    if exclusive_inline_policies(role):
        raise CannotFix(f"{role.subject} manages its inline policies in inline_policies, where a separate role "
                        "policy would be removed by the next update")
    late = [ref.resource for ref in references(dict(statement)) if isinstance(ref.resource, PulumiResource)
            and isinstance(role, PulumiResource) and ref.resource.statement_start > role.statement_start]
    anchor = role if role.document is changes.document and not late else beside
    if anchor is None or anchor.document is not changes.document or role.document is not changes.document:
        raise CannotFix(f"{role.subject} is declared in {role.document.path}")
    changes.add_resource_after(anchor, IAM_ROLE_POLICY, {
        ROLE_OF_POLICY: Ref(role, "id"),
        POLICY: JsonDocument({"Version": "2012-10-17", "Statement": [dict(statement)]}),
    }, role=f"{word} policy")
