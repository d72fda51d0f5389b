"""Reading CloudFormation intrinsic functions in both forms: short tags (``!Ref X``) and long (``Ref: X``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
    tag = node.tag if isinstance(node.tag, str) else getattr(node.tag, "value", None)
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
    while stack:
        current = stack.pop()
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
