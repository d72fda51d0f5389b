"""Which Lambda function, version or alias a Terraform expression names, read from python-hcl2's tree.

Provisioned concurrency is only valid on a published version or an alias, so deciding whether a
``qualifier`` is right means knowing exactly what it refers to: ``aws_lambda_function.api.version``,
``aws_lambda_alias.live.name`` or a literal such as ``"$LATEST"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lark import Token, Tree

from iacfix.fixers.hcl.document import Attribute, Block, HclDocument

LATEST = "$LATEST"
REPETITION = ("count", "for_each")


@dataclass(frozen=True)
class Reference:
    """``<resource_type>.<label>[index].<attribute>``: one attribute of one resource."""

    resource_type: str
    label: str
    attribute: str
    indexed: bool  # ``aws_lambda_function.this[0].version``: the resource is repeated

    @property
    def address(self) -> str:
        return f"{self.resource_type}.{self.label}"


def reference_of(attribute: Attribute | None) -> Reference | None:
    """The resource attribute an attribute's value is, as a whole (``"${x.y.z}"`` included), or None."""
    if attribute is None:
        return None
    return _reference(_unwrapped(attribute.value))


def references_in(attribute: Attribute) -> list[Reference]:
    """Every resource attribute mentioned anywhere in an attribute's value (conditionals, function calls)."""
    found: list[Reference] = []
    for node in _subtrees(attribute.value):
        reference = _reference(node)
        if reference is not None and reference not in found:
            found.append(reference)
    return found


def mentions_latest(attribute: Attribute) -> bool:
    """Whether ``"$LATEST"`` appears as a string anywhere in the value."""
    if not isinstance(attribute.value, Tree):
        return False
    tokens = attribute.value.scan_values(lambda value: isinstance(value, Token) and value.type == "STRING_CHARS")
    return any(str(token) == LATEST for token in tokens)


def qualifier_problem(
    qualifier: Attribute, functions: dict[str, tuple[HclDocument, Block]], aliases: dict[str, tuple[HclDocument, Block]]
) -> str | None:
    """What is wrong with a ``qualifier``, or None when it names an alias or a published version (or is unknown).

    ``functions`` and ``aliases`` are the module's resources by label, so references can be followed.
    """
    if qualifier.literal == LATEST:
        return 'is "$LATEST"'
    reference = reference_of(qualifier)
    if reference is not None and reference.resource_type == "aws_lambda_function" and reference.label in functions:
        function = functions[reference.label][1]
        if reference.attribute != "version":
            return f"is {reference.address}.{reference.attribute}, not a version"
        if publishes(function) is False:
            return f"is the version of {function.address}, which publishes no versions ($LATEST)"
        return None
    if reference is not None and reference.resource_type == "aws_lambda_alias" and reference.label in aliases:
        alias = aliases[reference.label][1]
        version = alias.attributes.get("function_version")
        if version is not None and version.literal == LATEST:
            return f"names {alias.address}, which points at $LATEST"
        if _unpublished_version(reference_of(version), functions):
            return f"names {alias.address}, whose function publishes no versions ($LATEST)"
        return None
    computed = reference is None and qualifier.literal is None
    if computed and (mentions_latest(qualifier) or any(_unpublished_version(r, functions) for r in references_in(qualifier))):
        return "can be $LATEST"
    return None


def _unpublished_version(reference: Reference | None, functions: dict[str, tuple[HclDocument, Block]]) -> bool:
    """Whether a reference is ``<function>.version`` of a function that publishes no versions."""
    return (
        reference is not None
        and reference.resource_type == "aws_lambda_function"
        and reference.attribute == "version"
        and reference.label in functions
        and publishes(functions[reference.label][1]) is False
    )


def publishes(function: Block) -> bool | None:
    """Whether a function publishes versions: False when ``publish`` is absent or false, None for an expression."""
    publish = function.attributes.get("publish")
    return False if publish is None else bool_of(publish)


def bool_of(attribute: Attribute) -> bool | None:
    """A literal ``true``/``false`` (python-hcl2 writes them as ``literal_value`` tokens), else None."""
    if attribute.literal in ("true", "false"):
        return attribute.literal == "true"
    node = _unwrapped(attribute.value)
    if isinstance(node, Tree) and node.data == "literal_value" and len(node.children) == 1:
        token = node.children[0]
        if isinstance(token, Token) and token.type in ("TRUE", "FALSE"):
            return token.type == "TRUE"
    return None


def is_repeated(block: Block) -> bool:
    return any(name in block.attributes for name in REPETITION)


def names_function(attribute: Attribute | None, function: Block) -> bool:
    """Whether a ``function_name`` value designates ``function``: by reference, or by its literal name."""
    if attribute is None:
        return False
    reference = reference_of(attribute)
    if reference is not None:
        return reference.address == function.address and reference.attribute in ("function_name", "arn", "id")
    own_name = function.attributes.get("function_name")
    return attribute.literal is not None and own_name is not None and own_name.literal == attribute.literal


def functions_by_label(module: Iterable[HclDocument]) -> dict[str, tuple[HclDocument, Block]]:
    return {
        block.labels[1]: (document, block) for document in module for block in document.resources("aws_lambda_function")
    }


def aliases_of(function: Block, module: Iterable[HclDocument], preferred: str) -> list[tuple[HclDocument, Block]]:
    """The ``aws_lambda_alias`` resources of a function, the one named ``preferred`` first."""
    found = [
        (document, alias)
        for document in module
        for alias in document.resources("aws_lambda_alias")
        if names_function(alias.attributes.get("function_name"), function)
    ]
    return sorted(found, key=lambda pair: _literal(pair[1], "name") != preferred)


def _literal(block: Block, name: str) -> str | None:
    attribute = block.attributes.get(name)
    return attribute.literal if attribute is not None else None


def _unwrapped(node: Tree | Token) -> Tree | Token:
    """The expression inside ``expr_term`` wrappers and inside a string that is one interpolation."""
    while isinstance(node, Tree):
        if node.data == "expr_term" and len(node.children) == 1:
            node = node.children[0]
            continue
        if node.data == "string":
            parts = [child for child in node.children if isinstance(child, Tree)]
            if len(parts) == 1 and parts[0].data == "string_part" and isinstance(parts[0].children[0], Tree):
                interpolation = parts[0].children[0]
                if interpolation.data == "interpolation":
                    inner = [child for child in interpolation.children if isinstance(child, Tree)]
                    if len(inner) == 1:
                        node = inner[0]
                        continue
        break
    return node


def _reference(node: Tree | Token) -> Reference | None:
    traversal = _traversal(node)
    if traversal is None:
        return None
    names, indexed = traversal
    if len(names) != 3 or names[0] in ("var", "local", "module", "data", "each", "count", "path", "self"):
        return None
    return Reference(names[0], names[1], names[2], indexed)


def _traversal(node: Tree | Token) -> tuple[list[str], bool] | None:
    """``a.b[0].c`` as (["a", "b", "c"], True); None for anything that is not a plain traversal."""
    if not isinstance(node, Tree):
        return None
    if node.data == "expr_term" and len(node.children) == 1:
        return _traversal(node.children[0])
    if node.data == "identifier":
        return [str(node.children[0])], False
    if node.data == "get_attr_expr_term" and len(node.children) == 2:
        inner = _traversal(node.children[0])
        name = _get_attr_name(node.children[1])
        if inner is None or name is None:
            return None
        return [*inner[0], name], inner[1]
    if node.data == "index_expr_term" and node.children:
        inner = _traversal(node.children[0])
        return (inner[0], True) if inner is not None else None
    return None


def _get_attr_name(node: Tree | Token) -> str | None:
    if isinstance(node, Tree) and node.data == "get_attr":
        for child in node.children:
            if isinstance(child, Tree) and child.data == "identifier":
                return str(child.children[0])
    return None


def _subtrees(node: Tree | Token) -> Iterator[Tree]:
    if isinstance(node, Tree):
        yield from node.iter_subtrees_topdown()
