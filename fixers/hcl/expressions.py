"""Reading Terraform expressions from python-hcl2's Lark tree: literals, references, spans, strings.

Every question about an expression (is it a literal, which resource attribute does it name, which does it
mention) is answered here, once, from the tree: never by matching text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lark import Token, Tree

from iacfix.fixers.names import UNKNOWN, Name, Symbol

Expression = Tree | Token

# Roots of traversals that do not name an object of the module.
NOT_OBJECTS = frozenset({"var", "each", "count", "self", "path", "terraform"})
_TRAVERSALS = frozenset({"get_attr_expr_term", "index_expr_term", "attr_splat_expr_term", "full_splat_expr_term"})
_HEREDOC_INTERPOLATION = re.compile(r"[$%]\{([^}]*)\}")
_TRAVERSAL_TEXT = re.compile(r"\b([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)")


def unwrap(node: Expression) -> Expression:
    """The expression inside ``expr_term`` wrappers."""
    while isinstance(node, Tree) and node.data == "expr_term" and len(node.children) == 1:
        node = node.children[0]
    return node


def unwrap_string(node: Expression) -> Expression:
    """The expression inside wrappers and inside a string that is one interpolation (``"${x.y}"``)."""
    while True:
        node = unwrap(node)
        if isinstance(node, Tree) and node.data == "string":
            parts = [child for child in node.children if isinstance(child, Tree)]
            if len(parts) == 1 and parts[0].data == "string_part" and isinstance(parts[0].children[0], Tree):
                interpolation = parts[0].children[0]
                inner = [child for child in interpolation.children if isinstance(child, Tree)]
                if interpolation.data == "interpolation" and len(inner) == 1:
                    node = inner[0]
                    continue
        return node


def literal(node: Expression) -> str | int | float | bool | None:
    """The value of a plain string, number or boolean; None for anything computed (and for ``null``)."""
    node = unwrap(node)
    if isinstance(node, Tree) and node.data == "string":
        text = string_text(node)
        return text
    if isinstance(node, Tree) and node.data in ("int_lit", "float_lit"):
        raw = "".join(str(token) for token in node.scan_values(lambda _: True))
        try:
            return int(raw) if node.data == "int_lit" else float(raw)
        except ValueError:
            return None
    if isinstance(node, Tree) and node.data in ("identifier", "literal_value") and node.children:
        word = str(node.children[0])
        if word in ("true", "false"):
            return word == "true"
    return None


def literal_text(node: Expression) -> str | None:
    """A literal as Terraform would print it (``"14"`` for 14, ``"true"``), or None when computed."""
    value = literal(node)
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


def string_text(node: Tree) -> str | None:
    """The text of a quoted string without interpolation, escapes resolved; None when it interpolates."""
    parts = [child for child in node.children if isinstance(child, Tree)]
    text = []
    for part in parts:
        if part.data != "string_part" or not isinstance(part.children[0], Token):
            return None
        text.append(str(part.children[0]))
    raw = "".join(text)
    if "\\" in raw:
        try:
            return json.loads(f'"{raw}"')
        except ValueError:
            return raw
    return raw.replace("$${", "${").replace("%%{", "%{")


def is_null(node: Expression) -> bool:
    node = unwrap(node)
    return isinstance(node, Tree) and node.data in ("identifier", "literal_value") and str(node.children[0]) == "null"


@dataclass(frozen=True)
class Traversal:
    """``a.b[0].c``: the names from the root variable (indexes skipped), and whether an index was met."""

    names: tuple[str, ...]
    indexed: bool
    node: Tree

    @property
    def object(self) -> str | None:
        """The module object it reads: ``aws_x.y``, ``data.aws_x.y``, ``module.m``, ``local.l``; None for the rest."""
        names = self.names
        if names[0] == "data":
            return ".".join(names[:3]) if len(names) >= 3 else None
        if names[0] in NOT_OBJECTS or len(names) < 2:
            return None
        return f"{names[0]}.{names[1]}"

    @property
    def attribute(self) -> str | None:
        """The attribute read after the object: ``arn`` in ``aws_x.y.arn``."""
        skip = 3 if self.names[0] == "data" else 2
        return self.names[skip] if len(self.names) > skip else None


def traversal(node: Expression) -> Traversal | None:
    """The expression as a whole as a plain traversal (``"${...}"`` included), or None."""
    node = unwrap_string(node)
    chain = _chain(node)
    if chain is None or not isinstance(node, Tree):
        return None
    names, indexes = chain
    return Traversal(tuple(names), bool(indexes) or _has_splat(node), node)


def traversals(node: Expression) -> Iterator[Traversal]:
    """Every traversal in an expression, the ones inside index expressions and heredoc templates included."""
    if isinstance(node, Token):
        return
    if node.data.startswith("heredoc_template"):
        for interpolation in _HEREDOC_INTERPOLATION.findall("".join(str(child) for child in node.children)):
            for match in _TRAVERSAL_TEXT.findall(interpolation):
                yield Traversal(tuple(match.split(".")), False, node)
        return
    if node.data in _TRAVERSALS:
        chain = _chain(node)
        if chain is not None:
            names, inner = chain
            yield Traversal(tuple(names), bool(inner) or _has_splat(node), node)
            for expression in inner:
                yield from traversals(expression)
            return
    for child in node.children:
        if isinstance(child, Tree):
            yield from traversals(child)


def _has_splat(node: Tree) -> bool:
    return any(isinstance(sub, Tree) and sub.data in ("attr_splat_expr_term", "full_splat_expr_term")
               for sub in node.iter_subtrees())


def _chain(node: Expression) -> tuple[list[str], list[Expression]] | None:
    """A traversal's names from its root variable, and the index expressions met on the way."""
    if isinstance(node, Token):
        return None
    if node.data == "expr_term" and len(node.children) == 1:
        return _chain(node.children[0])
    if node.data == "identifier":
        return [str(node.children[0])], []
    if node.data not in _TRAVERSALS:
        return None
    inner = _chain(node.children[0])
    if inner is None:
        return None
    names, indexes = inner
    if node.data == "get_attr_expr_term":
        attribute = next(child for child in node.children[1].children if isinstance(child, Tree))
        return [*names, str(attribute.children[0])], indexes
    if node.data == "index_expr_term":
        return names, [*indexes, *node.children[1:]]
    return names, indexes


def function_call(node: Expression) -> tuple[str, list[Expression]] | None:
    """``name(arg, ...)`` as the function's name and its arguments."""
    node = unwrap(node)
    if not isinstance(node, Tree) or node.data != "function_call":
        return None
    name = str(node.children[0].children[0])
    arguments = next((child for child in node.children if isinstance(child, Tree) and child.data == "arguments"), None)
    values = [child for child in arguments.children if isinstance(child, Tree)] if arguments is not None else []
    return name, values


def tuple_items(node: Expression) -> list[Tree] | None:
    """The elements of ``[a, b]``, or None when the value is not written as a tuple."""
    node = unwrap(node)
    if not isinstance(node, Tree) or node.data != "tuple":
        return None
    return [child for child in node.children if isinstance(child, Tree) and child.data == "expr_term"]


def object_elements(node: Expression) -> dict[str, tuple[Tree, Tree]] | None:
    """``{ key = value }`` as key -> (element, value); None when the value is not an object."""
    node = unwrap(node)
    if not isinstance(node, Tree) or node.data != "object":
        return None
    elements: dict[str, tuple[Tree, Tree]] = {}
    for element in node.children:
        if isinstance(element, Tree) and element.data == "object_elem":
            key = unwrap(element.children[0].children[0])
            name = literal(key) if isinstance(key, Tree) and key.data == "string" else None
            if name is None and isinstance(key, Tree) and key.data == "identifier":
                name = str(key.children[0])
            if isinstance(name, str):
                elements.setdefault(name, (element, element.children[-1]))
    return elements


def quoted(text: str) -> str:
    """A Terraform string literal: JSON escapes, and ``${``/``%{`` escaped so nothing interpolates."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1].replace("${", "$${").replace("%{", "%%{")
    return f'"{escaped}"'


def is_identifier(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name) is not None


def name_of(node: Expression, resolve: Callable[[Traversal], Name | None], depth: int = 0) -> Name:
    """The text an expression evaluates to, symbolically: literals, interpolations, ``format`` and ``join``;
    ``resolve`` evaluates what a traversal names (a local, another resource's name), None for unknown."""
    node = unwrap(node)
    if depth > 8:
        return UNKNOWN
    if isinstance(node, Tree) and node.data == "string":
        parts: list[Name | str] = []
        for part in node.children:
            if not isinstance(part, Tree) or part.data != "string_part":
                continue
            inner = part.children[0]
            if isinstance(inner, Token):
                parts.append(_unescape(str(inner)))
            elif isinstance(inner, Tree) and inner.data == "interpolation":
                expression = next((c for c in inner.children if isinstance(c, Tree)), None)
                parts.append(name_of(expression, resolve, depth + 1) if expression is not None else UNKNOWN)
            else:
                parts.append(UNKNOWN)
        return Name.of(*parts)
    value = literal(node)
    if value is not None and not isinstance(value, bool):
        return Name.of(str(value))
    found = traversal(node)
    if found is not None:
        if found.indexed and not _same_instance(node):
            return UNKNOWN
        resolved = resolve(found)
        return resolved if resolved is not None else Name.of(Symbol(".".join(found.names)))
    call = function_call(node)
    if call is not None:
        name, arguments = call
        if name == "format" and arguments and literal(arguments[0]) is not None:
            return _format(str(literal(arguments[0])), [name_of(a, resolve, depth + 1) for a in arguments[1:]])
        if name == "join" and len(arguments) == 2 and tuple_items(arguments[1]) is not None:
            separator = name_of(arguments[0], resolve, depth + 1)
            items = [name_of(item, resolve, depth + 1) for item in tuple_items(arguments[1]) or []]
            joined: list[Name] = []
            for index, item in enumerate(items):
                joined += [separator, item] if index else [item]
            return Name.of(*joined)
    return UNKNOWN


def _same_instance(node: Expression) -> bool:
    """``x[count.index]`` / ``x[each.key]``: the instance paired with the one being evaluated."""
    node = unwrap_string(node)
    indexes = [sub for sub in node.iter_subtrees() if sub.data == "index_expr_term"] if isinstance(node, Tree) else []
    if len(indexes) != 1:
        return False
    inner = [child for child in indexes[0].children[1:] if isinstance(child, Tree)]
    index = traversal(inner[0].children[1]) if inner and len(inner[0].children) > 1 else None
    return index is not None and index.names in (("count", "index"), ("each", "key"))


def _format(template: str, values: list[Name]) -> Name:
    parts: list[Name | str] = []
    remaining = iter(values)
    for piece in re.split(r"(%%|%[-+ #0-9.]*[a-zA-Z])", template):
        if piece == "%%":
            parts.append("%")
        elif piece.startswith("%") and len(piece) > 1:
            parts.append(next(remaining, UNKNOWN) if piece[-1] in "sdv" else UNKNOWN)
        else:
            parts.append(piece)
    return Name.of(*parts)


def _unescape(raw: str) -> str:
    text = raw.replace("$${", "${").replace("%%{", "%{")
    if "\\" in text:
        try:
            return json.loads(f'"{text}"')
        except ValueError:
            return text
    return text
