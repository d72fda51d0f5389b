"""What a Terraform value encodes as JSON: the object given to ``jsonencode``, or a heredoc or string of JSON text
(interpolations inside its strings read as references); and the file ``file``/``templatefile`` read it from."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from lark import Token, Tree

from iacfix.fixers.document import Node, Reference
from iacfix.fixers.embedded import Host, decode
from iacfix.fixers.hcl import expressions
from iacfix.fixers.hcl.expressions import Traversal
from iacfix.fixers.hcl.parser import span

if TYPE_CHECKING:
    from iacfix.fixers.hcl.document import HclNode

_WHOLE_INTERPOLATION = re.compile(r"^\$\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\s*\}$")


def _reference(text: str, _: int) -> Reference | None:
    """``"${aws_lambda_function.x.arn}"`` inside a heredoc names the function's ARN."""
    match = _WHOLE_INTERPOLATION.match(text)
    if match is None:
        return None
    found = Traversal(tuple(match.group(1).split(".")), False, None)  # type: ignore[arg-type]
    return Reference(found.object, found.attribute) if found.object is not None else None


HEREDOC = Host(_reference, lambda text: text.replace("${", "$${").replace("%{", "%%{"), interpolates=True)
QUOTED = Host(_reference, None, "the JSON is a quoted Terraform string with escapes; write it as a heredoc or with jsonencode")


def decoded(node: HclNode) -> Node | None:
    from iacfix.fixers.hcl.document import HclNode

    if node.expression is None:
        return None
    expression = expressions.unwrap(node.expression)
    if expressions.object_elements(expression) is not None:
        return node
    call = expressions.function_call(expression)
    if call is not None:
        name, arguments = call
        if name != "jsonencode" or len(arguments) != 1:
            return None
        inner = HclNode(node.document, *span(arguments[0]), expression=arguments[0])
        return inner if expressions.object_elements(arguments[0]) is not None else None
    if isinstance(expression, Tree) and expression.data.startswith("heredoc_template"):
        start, end = span(expression)
        raw = node.document.text[start:end]
        body_start, body_end = start + raw.find("\n") + 1, start + raw.rstrip("\r\n").rfind("\n") + 1
        return decode(node.document, body_start, body_end, HEREDOC) if body_end > body_start else None
    text = expressions.literal(expression)
    if isinstance(text, str) and isinstance(expression, Tree) and expression.data == "string":
        start, end = span(expression)
        return decode(node.document, start, end, QUOTED, decoded=text)
    return None


def file_read(node: HclNode) -> tuple[str, Node | None] | None:
    """``file("${path.module}/x.json")`` or ``templatefile(..., { vars })``: the file's path in the workspace and the
    variables it is rendered with; None for anything else or a path that cannot be evaluated."""
    from iacfix.fixers.hcl.document import HclNode

    call = expressions.function_call(node.expression) if node.expression is not None else None
    if call is None or call[0] not in ("file", "templatefile") or not call[1]:
        return None
    relative = _path(call[1][0])
    if relative is None:
        return None
    folder = posixpath.dirname(node.document.path)
    variables = call[1][1] if call[0] == "templatefile" and len(call[1]) > 1 else None
    return (posixpath.normpath(posixpath.join(folder, relative)),
            HclNode(node.document, *span(variables), expression=variables) if variables is not None else None)


def _path(argument: Tree | Token) -> str | None:
    """A path written literally, or from ``${path.module}``/``${path.root}`` and literal text."""
    string = expressions.unwrap(argument)
    if not isinstance(string, Tree) or string.data != "string":
        return None
    parts = []
    for part in (child for child in string.children if isinstance(child, Tree)):
        inner = part.children[0] if part.children else None
        if isinstance(inner, Token):
            parts.append(str(inner))
            continue
        values = [child for child in inner.children if isinstance(child, Tree)] if isinstance(inner, Tree) else []
        found = expressions.traversal(values[0]) if len(values) == 1 else None
        if found is None or found.names not in (("path", "module"), ("path", "root")):
            return None
        parts.append(".")
    return "".join(parts)
