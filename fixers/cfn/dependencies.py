"""What orders the resources of a template: references (Ref, GetAtt, Sub) and explicit ``DependsOn`` entries.

CloudFormation creates a resource only after every resource it refers to, wherever the reference sits in its
declaration, and after every resource named in its ``DependsOn``. A reference inside an ``Fn::If`` branch or in
``Metadata`` takes part in that ordering, but is not relied on to replace an explicit entry: the branch may not
be taken, and ``Metadata`` is not part of the resource's configuration.

``expressions.referenced_resources`` finds the targets of a subtree but not where each sits (under ``Fn::If`` or
not, at which path), which that distinction and the messages need; so the walk is done here and only the
reading of a single ``Ref`` or ``Fn::GetAtt`` is left to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.document import CfnDocument, CfnResource, content_end, entry_of
from iacfix.fixers.cfn.expressions import intrinsic, referenced_resources
from iacfix.fixers.model import Edit
from iacfix.fixers.references import Reference
from iacfix.fixers.text import remove_list_items

# CfnResource attributes that are not resolved as values (DependsOn is read on its own).
_UNRESOLVED_ATTRIBUTES = frozenset({"Type", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy"})
# Attributes whose references order creation but are not configuration an explicit entry could stand for.
_DESCRIPTIVE_ATTRIBUTES = frozenset({"Metadata"})
_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
_TAG_NAMES = {"Ref": "!Ref", "Fn::GetAtt": "!GetAtt", "Fn::Sub": "!Sub"}


@dataclass(frozen=True)
class Entry:
    """One logical id named in a resource's ``DependsOn`` (a scalar or one item of a list)."""

    source: str
    target: str
    node: ScalarNode

    @property
    def start(self) -> int:
        return self.node.start_mark.index

    @property
    def end(self) -> int:
        return self.node.end_mark.index


def declared(document: CfnDocument) -> dict[str, int]:
    """Every resource's logical id with the offset of its declaration (the template's reading order)."""
    return {logical_id: resource.key.start_mark.index for logical_id, resource in document.by_logical_id.items()}


def references(document: CfnDocument) -> list[Reference]:
    """Every reference from one resource to another, through any intrinsic in any resolved attribute."""
    found: list[Reference] = []
    for logical_id, resource in document.by_logical_id.items():
        for key, value in resource.node.value:
            if not isinstance(key, ScalarNode) or key.value in _UNRESOLVED_ATTRIBUTES:
                continue
            descriptive = key.value in _DESCRIPTIVE_ATTRIBUTES
            for found_reference in _walk(value, [str(key.value)], conditional=False):
                target, function, path, conditional = found_reference
                if target in document.by_logical_id:
                    where = f"{_display(document, function)} at {'/'.join(path)}"
                    found.append(Reference(logical_id, target, not (descriptive or conditional), where))
    return found


def _display(document: CfnDocument, function: str) -> str:
    if document.style.json or not document.style.short_tags:
        return function
    return _TAG_NAMES.get(function, function)


_Found = tuple[str, str, list[str], bool]  # target, function, path, inside an Fn::If branch


def _walk(node: Node, path: list[str], conditional: bool) -> list[_Found]:
    """Each reference below ``node``: Ref and GetAtt in either form, Sub strings and their variable maps."""
    call = intrinsic(node)
    if call is not None and call.function in ("Ref", "Fn::GetAtt"):
        return [(target, call.function, path, conditional) for target, _ in referenced_resources(node)]
    found: list[_Found] = []
    if call is not None and call.function == "Fn::Sub":
        argument = call.argument
        template = argument.value[0] if isinstance(argument, SequenceNode) and argument.value else argument
        variables = argument.value[1] if isinstance(argument, SequenceNode) and len(argument.value) > 1 else None
        local = {str(k.value) for k, _ in variables.value} if isinstance(variables, MappingNode) else set()
        if isinstance(template, ScalarNode):
            for variable in _SUB_VARIABLE.findall(str(template.value)):
                name = variable.split(".", 1)[0].strip()
                if name not in local and "::" not in name:
                    found.append((name, "Fn::Sub", path, conditional))
        if isinstance(variables, MappingNode):
            for key, value in variables.value:
                found += _walk(value, [*path, str(key.value)], conditional)
        return found
    if call is not None and call.function == "Fn::If":
        branches = call.argument.value[1:] if isinstance(call.argument, SequenceNode) else []
        for branch in branches:
            found += _walk(branch, path, True)
        return found
    if isinstance(node, MappingNode):
        for key, value in node.value:
            found += _walk(value, [*path, str(key.value) if isinstance(key, ScalarNode) else "?"], conditional)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            found += _walk(item, [*path, str(index)], conditional)
    return found


def entries(document: CfnDocument) -> list[Entry]:
    """Every ``DependsOn`` entry of every resource, in the order they are written."""
    found: list[Entry] = []
    for logical_id, resource in document.by_logical_id.items():
        value = _depends_on(resource)
        items = value.value if isinstance(value, SequenceNode) else [value] if value is not None else []
        for item in items:
            if isinstance(item, ScalarNode) and not str(item.tag).startswith("!"):
                found.append(Entry(logical_id, str(item.value), item))
    return found


def _depends_on(resource: CfnResource) -> Node | None:
    entry = entry_of(resource.node, "DependsOn")
    return entry[1] if entry else None


def remove_entries(document: CfnDocument, resource: CfnResource, removed: list[Entry]) -> list[Edit]:
    """Remove ``DependsOn`` entries from a resource: the key goes when nothing is left, the list stays otherwise."""
    value = _depends_on(resource)
    nodes = {id(entry.node) for entry in removed}
    if not isinstance(value, SequenceNode) or all(id(item) in nodes for item in value.value):
        return [document.remove_entry(resource.node, "DependsOn")]
    block = not (value.flow_style or document.style.json)
    spans = [(_item_start(document, item, block), content_end(item, document.text)) for item in value.value]
    keep = [id(item) not in nodes for item in value.value]
    return remove_list_items(spans, keep)


def _item_start(document: CfnDocument, item: Node, block: bool) -> int:
    """Where a sequence item starts; in a block sequence that is its dash, which goes with it."""
    return document.text.rindex("-", 0, item.start_mark.index) if block else item.start_mark.index
