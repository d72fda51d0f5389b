"""Lambda functions, their versions and aliases in a CloudFormation template, and how to add new ones.

Provisioned concurrency lives on an ``AWS::Lambda::Alias`` (or ``AWS::Lambda::Version``), never on the
function, so fixing it means finding which function a version or alias belongs to and copying the
configuration the author wrote onto a new resource, in the template's own style.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.document import CfnDocument, CfnResource, content_end, entry_of, get, scalar
from iacfix.fixers.cfn.expressions import intrinsic
from iacfix.fixers.cfn.render import GetAtt, Ref, Sub, yaml_lines
from iacfix.fixers.model import Edit
from iacfix.fixers.text import newline_of

FUNCTION = "AWS::Lambda::Function"
VERSION = "AWS::Lambda::Version"
ALIAS = "AWS::Lambda::Alias"
LATEST = "$LATEST"

_YAML_TYPES = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


class Uncopyable(ValueError):
    """A value written with an intrinsic or tag that the renderer cannot write back faithfully."""


def function_named_by(document: CfnDocument, node: Node | None) -> CfnResource | None:
    """The ``AWS::Lambda::Function`` a ``FunctionName`` value designates: ``!Ref F``, ``!GetAtt F.Arn``, or its name."""
    if node is None:
        return None
    call = intrinsic(node)
    target: str | None = None
    if call is not None and call.function == "Ref" and isinstance(call.argument, ScalarNode):
        target = str(call.argument.value)
    elif call is not None and call.function == "Fn::GetAtt":
        parts = _getatt_parts(call.argument)
        if parts is not None and parts[1] == "Arn":
            target = parts[0]
    if target is not None:
        resource = document.by_logical_id.get(target)
        return resource if resource is not None and resource.type == FUNCTION else None
    name = scalar(node)
    if name is None:
        return None
    return next((f for f in document.of_type(FUNCTION) if scalar(f.property("FunctionName")) == name), None)


def versions_of(document: CfnDocument, function: CfnResource) -> list[CfnResource]:
    return [v for v in document.of_type(VERSION) if _names(document, v, function)]


def alias_named(document: CfnDocument, function: CfnResource, name: str) -> CfnResource | None:
    """The function's alias called ``name``: a second alias of that name could not be created."""
    return next(
        (a for a in document.of_type(ALIAS) if _names(document, a, function) and scalar(a.property("Name")) == name),
        None,
    )


def _names(document: CfnDocument, resource: CfnResource, function: CfnResource) -> bool:
    named = function_named_by(document, resource.property("FunctionName"))
    return named is not None and named.logical_id == function.logical_id


def is_latest(node: Node | None) -> bool:
    return scalar(node) == LATEST


def new_resource(resource_type: str, function: CfnResource, properties: dict[str, Any]) -> dict[str, Any]:
    """A resource body for a function's version or alias, sharing its ``Condition`` so both exist together."""
    body: dict[str, Any] = {"Type": resource_type}
    condition = scalar(get(function.node, "Condition"))
    if condition is not None:
        body["Condition"] = condition
    body["Properties"] = properties
    return body


def version_number(version_id: str) -> GetAtt:
    """``!GetAtt <Version>.Version``: the version number CloudFormation published."""
    return GetAtt(version_id, "Version")


def replace_entry_value(document: CfnDocument, mapping: MappingNode, key: str, value: Any) -> Edit:
    """Replace the value under ``key``, writing intrinsics as block mappings where the file uses long forms."""
    key_node, node = entry_of(mapping, key)  # type: ignore[misc]
    style = document.style
    if style.json or style.short_tags or not isinstance(value, (Ref, GetAtt, Sub)) or mapping.flow_style:
        return document.replace_node(node, value)
    lines = yaml_lines({key: value}, key_node.start_mark.column, style)
    text = newline_of(document.text).join(lines)[key_node.start_mark.column :]
    return Edit(key_node.start_mark.index, content_end(node, document.text), text)


def global_function_property(document: CfnDocument, name: str) -> Node | None:
    """A property set for every SAM function in the template's ``Globals: Function:`` section."""
    return get(get(get(document.root, "Globals"), "Function"), name)


def copied(node: Node) -> Any:
    """A template value as the renderer's plain values (dicts, lists, scalars, Ref/GetAtt/Sub).

    Raises Uncopyable for tags the renderer cannot write (``!If``, ``!FindInMap`` in short form...).
    """
    tag = str(node.tag)
    if isinstance(node, ScalarNode):
        if tag == "!Ref":
            return Ref(str(node.value))
        if tag == "!GetAtt":
            resource, _, attribute = str(node.value).partition(".")
            return GetAtt(resource, attribute)
        if tag == "!Sub":
            return Sub(str(node.value))
        if tag.startswith("!"):
            raise Uncopyable(tag)
        if tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() == "true"
        return _YAML_TYPES.get(tag, str)(node.value)
    if tag.startswith("!"):
        raise Uncopyable(tag)
    if isinstance(node, MappingNode):
        copy: dict[str, Any] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise Uncopyable("a complex key")
            copy[str(key.value)] = copied(value)
        return copy
    if isinstance(node, SequenceNode):
        return [copied(item) for item in node.value]
    raise Uncopyable(tag)


def add_resources_after(document: CfnDocument, resource: CfnResource, added: list[tuple[str, dict[str, Any]]]) -> Edit:
    """Insert several resources, in order, right after ``resource``."""
    edits = [document.add_resource_after(resource, logical_id, body) for logical_id, body in added]
    return Edit(edits[0].start, edits[0].end, "".join(edit.text for edit in edits))


def free_logical_id(wanted: str, taken: set[str]) -> str:
    candidates = [wanted, *(f"{wanted}{n}" for n in range(2, 100))]
    return next(name for name in candidates if name not in taken)


def _getatt_parts(argument: Node) -> tuple[str, str] | None:
    if isinstance(argument, ScalarNode) and "." in str(argument.value):
        resource, _, attribute = str(argument.value).partition(".")
        return resource, attribute
    if isinstance(argument, SequenceNode) and len(argument.value) == 2:
        first, second = argument.value
        if isinstance(first, ScalarNode) and isinstance(second, ScalarNode):
            return str(first.value), str(second.value)
    return None
