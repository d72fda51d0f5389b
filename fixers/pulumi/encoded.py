"""What a Pulumi value encodes as JSON: the dict given to ``json.dumps`` or ``Output.json_dumps`` (inside
``.apply(lambda ...)`` too, whose parameter then stands for the outputs applied), or JSON text in a string literal,
``%`` formatting included (each ``%s`` reads as the value formatted into it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import libcst as cst

from iacfix.fixers.document import CannotFix, Node, Reference
from iacfix.fixers.embedded import Host, decode
from iacfix.fixers.pulumi.expressions import qualified

if TYPE_CHECKING:
    from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode

JSON_CALLS = frozenset({"json.dumps", "pulumi.Output.json_dumps"})
ALL_OUTPUTS = "pulumi.Output.all"
_DIRECTIVE = re.compile(r"%[sdr]")
ESCAPED = "the JSON is a string with escapes; write it with json.dumps"


def decoded(node: PulumiNode) -> Node | None:
    from iacfix.fixers.pulumi.document import PulumiNode

    document = node.document
    expression = node.resolved()
    if isinstance(expression, cst.Dict):
        return node if expression is node.expression else PulumiNode(document, expression, bindings=node.bindings)
    if isinstance(expression, cst.Call):
        positional = [arg.value for arg in expression.args if arg.keyword is None]
        if qualified(document.aliases, expression.func) in JSON_CALLS and positional:
            return decoded(PulumiNode(document, positional[0], bindings=node.bindings))
        function = positional[0] if len(positional) == 1 else None
        if isinstance(expression.func, cst.Attribute) and expression.func.attr.value == "apply" \
                and isinstance(function, cst.Lambda) and len(function.params.params) == 1:
            parameter = function.params.params[0].name.value
            bindings = {**node.bindings, parameter: _applied(document, expression.func.value)}
            return decoded(PulumiNode(document, function.body, bindings=bindings))
        return None
    if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Modulo):
        right = expression.right
        values = [element.value for element in right.elements] if isinstance(right, cst.Tuple) else [right]
        return _text(node, expression.left, values)
    return _text(node, expression, None)


def _applied(document: PulumiDocument, receiver: cst.BaseExpression) -> Any:
    """What ``.apply`` passes its function: one output, or the list ``Output.all(a, b)`` gathers."""
    if isinstance(receiver, cst.Call) and qualified(document.aliases, receiver.func) == ALL_OUTPUTS:
        return [arg.value for arg in receiver.args if arg.keyword is None]
    return receiver


def _text(node: PulumiNode, string: cst.BaseExpression, formatted: list[cst.BaseExpression] | None) -> Node | None:
    """JSON in a plain string literal; ``formatted`` the values a ``%`` operator puts into it."""
    from iacfix.fixers.pulumi.document import PulumiNode

    document = node.document
    value = string.evaluated_value if isinstance(string, (cst.SimpleString, cst.ConcatenatedString)) else None
    if not isinstance(value, str):
        return None  # an f-string, bytes, or not a string
    start, end = document.span(string)
    if isinstance(string, cst.ConcatenatedString):
        return decode(document, start, end, Host(lambda text, at: None, None, ESCAPED), decoded=value)
    body_start, body_end = start + len(string.prefix) + len(string.quote), end - len(string.quote)

    def reference(text: str, at: int) -> Reference | None:
        if formatted is None or text != "%s":
            return None
        index = len(_DIRECTIVE.findall(document.text[body_start:at]))
        if index >= len(formatted):
            return None
        return PulumiNode(document, formatted[index], bindings=node.bindings).reference()

    def escape(text: str) -> str:
        if "\n" in text and len(string.quote) == 1 or string.quote in text or "\\" in text:
            raise CannotFix("the JSON cannot take the new text in this kind of string; write it with json.dumps")
        return text.replace("%", "%%") if formatted is not None else text

    host = Host(reference, escape, ESCAPED)
    if document.text[body_start:body_end] != value:
        return decode(document, start, end, host, decoded=value)
    return decode(document, body_start, body_end, host)
