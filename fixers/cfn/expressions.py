"""Reading CloudFormation values: intrinsic functions in both forms, short tags (``!Ref X``) and long
(``Ref: X``), and the resources they refer to. Walks visit each node once, however many aliases share it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.document import Reference
from iacfix.fixers.names import UNKNOWN, Name, Symbol

SHORT_TAGS = {
    "!Ref": "Ref", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!If": "Fn::If", "!Join": "Fn::Join",
    "!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap", "!GetAZs": "Fn::GetAZs",
    "!ImportValue": "Fn::ImportValue", "!Equals": "Fn::Equals", "!And": "Fn::And", "!Or": "Fn::Or",
    "!Not": "Fn::Not", "!Condition": "Condition", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
    "!Transform": "Fn::Transform", "!GetParam": "Fn::GetParam", "!ToJsonString": "Fn::ToJsonString",
    "!Length": "Fn::Length",
}
_SUB_VARIABLE = re.compile(r"\$\{(?!!)([^}]+)\}")


@dataclass(frozen=True)
class Intrinsic:
    function: str  # long name, e.g. "Fn::GetAtt"
    argument: Node
    node: Node


def intrinsic(node: Node) -> Intrinsic | None:
    """The intrinsic function call a node is, in either form, or None."""
    tag = node.tag
    if tag in SHORT_TAGS:
        return Intrinsic(SHORT_TAGS[tag], node, node)
    if isinstance(node, MappingNode) and len(node.value) == 1:
        key = node.value[0][0]
        if isinstance(key, ScalarNode) and (key.value == "Ref" or key.value.startswith("Fn::") or key.value == "Condition"):
            return Intrinsic(key.value, node.value[0][1], node)
    return None


def referenced_resources(node: Node) -> list[tuple[str, Node]]:
    """Every logical id a subtree refers to through Ref, GetAtt and Sub, with the node that refers."""
    found: list[tuple[str, Node]] = []
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        call = intrinsic(current)
        if call is not None:
            argument = call.argument
            if call.function == "Ref" and isinstance(argument, ScalarNode):
                found.append((str(argument.value), current))
            elif call.function == "Fn::GetAtt":
                if isinstance(argument, ScalarNode):
                    found.append((str(argument.value).split(".", 1)[0], current))
                elif isinstance(argument, SequenceNode) and argument.value and isinstance(argument.value[0], ScalarNode):
                    found.append((str(argument.value[0].value), current))
            elif call.function == "Fn::Sub":
                template = argument
                names: set[str] = set()
                if isinstance(argument, SequenceNode) and argument.value:
                    template = argument.value[0]
                    if len(argument.value) > 1 and isinstance(argument.value[1], MappingNode):
                        names = {str(key.value) for key, _ in argument.value[1].value}
                        stack.extend(value for _, value in argument.value[1].value)
                if isinstance(template, ScalarNode):
                    for variable in _SUB_VARIABLE.findall(str(template.value)):
                        name = variable.split(".", 1)[0]
                        if name not in names and "::" not in name:
                            found.append((name, current))
                continue
        if isinstance(current, MappingNode):
            stack.extend(value for _, value in current.value)
            stack.extend(key for key, _ in current.value if not isinstance(key, ScalarNode))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    return found


def getatt_parts(argument: Node) -> tuple[str, str] | None:
    """``!GetAtt X.Y`` / ``[X, Y]`` as (X, Y)."""
    if isinstance(argument, ScalarNode) and "." in str(argument.value):
        resource, _, attribute = str(argument.value).partition(".")
        return resource, attribute
    if isinstance(argument, SequenceNode) and len(argument.value) == 2:
        first, second = argument.value
        if isinstance(first, ScalarNode) and isinstance(second, ScalarNode):
            return str(first.value), str(second.value)
    return None


def reference_of(node: Node) -> Reference | None:
    """The resource a value names as a whole: ``!Ref X``, ``!GetAtt X.Arn``, ``!Sub ${X}``/``${X.Arn}``."""
    call = intrinsic(node)
    if call is None:
        return None
    if call.function == "Ref" and isinstance(call.argument, ScalarNode):
        return Reference(str(call.argument.value))
    if call.function == "Fn::GetAtt":
        parts = getatt_parts(call.argument)
        return Reference(parts[0], parts[1]) if parts else None
    if call.function == "Fn::Sub" and isinstance(call.argument, ScalarNode):
        match = re.fullmatch(r"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}", str(call.argument.value))
        if match:
            return Reference(match.group(1), match.group(2))
    return None


class Uncopyable(ValueError):
    """A value written with an intrinsic or tag that the renderer cannot write back faithfully."""


_NUMBER_TAGS = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}


def copied(node: Node) -> Any:
    """A template value as the renderer's values (dicts, lists, scalars, Ref/GetAtt/Sub), to write it elsewhere.

    Raises Uncopyable for what the renderer cannot write back (``!If``, ``!FindInMap`` in short form...).
    """
    from iacfix.fixers.cfn.render import GetAtt, Ref, Sub

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
        return _NUMBER_TAGS.get(tag, str)(node.value)
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


PSEUDO_PARAMETER = re.compile(r"^AWS::[A-Za-z]+$")


def name_of(node: Node, read: Callable[[str, str | None], Name | None], depth: int = 0) -> Name:
    """The text a value evaluates to, symbolically: scalars, ``Sub`` (with its variables), ``Join``, ``Ref``.

    ``read(logical_id, attribute)`` evaluates what a reference names (a resource's name), None when unknown;
    parameters and pseudo parameters are symbols.
    """
    if depth > 8:
        return UNKNOWN
    if isinstance(node, ScalarNode) and not str(node.tag).startswith("!"):
        return Name.of(str(node.value))
    call = intrinsic(node)
    if call is None:
        return UNKNOWN
    argument = call.argument
    if call.function == "Ref" and isinstance(argument, ScalarNode):
        return _read(str(argument.value), None, read)
    if call.function == "Fn::GetAtt":
        parts = getatt_parts(argument)
        return _read(parts[0], parts[1], read) if parts else UNKNOWN
    if call.function == "Fn::Sub":
        template, variables = argument, None
        if isinstance(argument, SequenceNode) and argument.value:
            template = argument.value[0]
            variables = argument.value[1] if len(argument.value) > 1 else None
        if not isinstance(template, ScalarNode):
            return UNKNOWN
        local = {str(k.value): v for k, v in variables.value} if isinstance(variables, MappingNode) else {}
        pieces: list[Name | str] = []
        for index, piece in enumerate(re.split(r"\$\{([^}]*)\}", str(template.value))):
            if index % 2 == 0:
                pieces.append(piece)
            elif piece.startswith("!"):
                pieces.append("${" + piece[1:] + "}")
            elif piece in local:
                pieces.append(name_of(local[piece], read, depth + 1))
            else:
                target, _, attribute = piece.partition(".")
                pieces.append(_read(target.strip(), attribute or None, read))
        return Name.of(*pieces)
    if call.function == "Fn::Join" and isinstance(argument, SequenceNode) and len(argument.value) == 2:
        separator, items = argument.value
        if not isinstance(separator, ScalarNode) or not isinstance(items, SequenceNode) or intrinsic(items):
            return UNKNOWN
        joined: list[Name | str] = []
        for index, item in enumerate(items.value):
            joined += [str(separator.value), name_of(item, read, depth + 1)] if index else [name_of(item, read, depth + 1)]
        return Name.of(*joined)
    return UNKNOWN


def _read(target: str, attribute: str | None, read: Callable[[str, str | None], Name | None]) -> Name:
    if PSEUDO_PARAMETER.match(target) and attribute is None:
        return Name.of(Symbol(target))
    found = read(target, attribute)
    if found is not None:
        return found
    return Name.of(Symbol(f"{target}.{attribute}" if attribute else target))
