"""What a CloudFormation value encodes as JSON: a mapping is its own structure; a string of JSON text (a block
scalar, ``!Sub`` with its variables) is read with positions, so edits land inside it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from iacfix.fixers.cfn.expressions import intrinsic, reference_of
from iacfix.fixers.document import Node, Reference
from iacfix.fixers.embedded import Host, decode

if TYPE_CHECKING:
    from iacfix.fixers.cfn.document import CfnDocument, CfnNode

_WHOLE_VARIABLE = re.compile(r"^\$\{([A-Za-z0-9:]+)(?:\.([A-Za-z0-9.]+))?\}$")
QUOTED = "the JSON is a quoted string with escapes; write it as a block scalar (|) or as a Definition mapping"


def decoded(node: CfnNode) -> Node | None:
    value = node.node
    call = intrinsic(value)
    if isinstance(value, MappingNode) and call is None:
        return node
    if call is None:
        return _text(node.document, value, Host(lambda text, at: None, lambda text: text, QUOTED))
    if call.function != "Fn::Sub":
        return None
    template, variables = call.argument, None
    if isinstance(template, SequenceNode) and template.value:
        if len(template.value) > 1 and isinstance(template.value[1], MappingNode):
            variables = template.value[1]
        template = template.value[0]
    host = Host(lambda text, at: _sub_reference(node.document, text, variables),
                lambda text: text.replace("${", "${!"), QUOTED, interpolates=True)
    return _text(node.document, template, host)


def _text(document: CfnDocument, value: object, host: Host) -> Node | None:
    if not isinstance(value, ScalarNode) or str(value.tag).startswith("!") and value.tag != "!Sub":
        return None
    if value.style in ("|", ">"):
        start = document.text.find("\n", value.start_mark.index) + 1
        from iacfix.fixers.cfn.document import content_end

        return decode(document, start, content_end(value, document.text), host) if start > 0 else None
    if value.style in ("'", '"'):
        return decode(document, value.start_mark.index, value.end_mark.index, host, decoded=str(value.value))
    return decode(document, value.start_mark.index, value.end_mark.index, host)


def _sub_reference(document: CfnDocument, text: str, variables: MappingNode | None) -> Reference | None:
    """``${Fn.Arn}``, or ``${Name}`` where the !Sub variables say what Name is."""
    match = _WHOLE_VARIABLE.match(text)
    if match is None:
        return None
    name = match.group(1)
    for key, value in variables.value if variables is not None else ():
        if isinstance(key, ScalarNode) and key.value == name:
            return reference_of(value)
    return None if "::" in name else Reference(name, match.group(2))
