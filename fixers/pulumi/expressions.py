"""Reading Python expressions of a Pulumi program from libcst nodes: names, strings, booleans, keyword values.

The program is parsed, never run: a name is resolved from the file's imports and simple assignments only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import libcst as cst

from iacfix.fixers.names import UNKNOWN, Name, Symbol


def dotted_name(node: cst.BaseExpression | None) -> str | None:
    """``aws.lambda_.Function`` for that attribute chain; None for anything else (a call, a subscript)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = dotted_name(node.value)
        return f"{inner}.{node.attr.value}" if inner else None
    return None


def qualified(aliases: Mapping[str, str], node: cst.BaseExpression | None) -> str | None:
    """The imported name an expression stands for (``aws.iam.Policy`` -> ``pulumi_aws.iam.Policy``)."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    if head not in aliases:
        return None
    return aliases[head] + ("." + rest if rest else "")


def string_of(node: cst.BaseExpression | None) -> str | None:
    """The value of a plain string literal (concatenated ones included); None for f-strings and the rest."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def literal(node: cst.BaseExpression | None) -> str | int | float | bool | None:
    """A string, number or boolean written literally; None for anything computed."""
    text = string_of(node)
    if text is not None:
        return text
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    if isinstance(node, cst.Float):
        return float(node.evaluated_value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = literal(node.expression)
        return -inner if isinstance(inner, (int, float)) and not isinstance(inner, bool) else None
    return None


def attribute_of(node: cst.BaseExpression | None) -> tuple[str, str] | None:
    """``fn.version`` as ("fn", "version"); None for anything else."""
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
        return node.value.value, node.attr.value
    return None


def bound(node: cst.BaseExpression, bindings: Mapping[str, object]) -> cst.BaseExpression | None:
    """What a lambda parameter (``arn``) or one item of it (``args[0]``) stands for, given what ``.apply`` binds."""
    if isinstance(node, cst.Name) and isinstance(bindings.get(node.value), cst.BaseExpression):
        return bindings[node.value]  # type: ignore[return-value]
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and len(node.slice) == 1:
        items = bindings.get(node.value.value)
        index = node.slice[0].slice
        if isinstance(items, list) and isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
            position = int(index.value.evaluated_value)
            return items[position] if 0 <= position < len(items) else None
    return None


def keywords_of(call: cst.Call) -> dict[str, cst.Arg]:
    return {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}


def dict_entries(node: cst.Dict) -> dict[str, cst.DictElement]:
    """A dict literal's string keys and their elements."""
    found: dict[str, cst.DictElement] = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_of(element.key)
            if key is not None:
                found.setdefault(key, element)
    return found


def names_in(node: cst.CSTNode, modules: frozenset[str] = frozenset()) -> Iterator[tuple[str, str | None]]:
    """Every ``variable`` and ``variable.attribute`` an expression reads; ``modules`` are imported names, read
    through (``iam.lambda_role.arn`` reads ``lambda_role.arn`` of the program's module ``iam``)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Attribute) and modules:
            chain = dotted_name(current)
            parts = chain.split(".") if chain is not None else []
            if len(parts) >= 3 and parts[0] in modules:
                yield parts[1], parts[2]
                continue
            if len(parts) == 2 and parts[0] in modules:
                yield parts[1], None
                continue
        if isinstance(current, cst.Attribute) and isinstance(current.value, cst.Name):
            yield current.value.value, current.attr.value
            continue
        if isinstance(current, cst.Name):
            yield current.value, None
            continue
        stack.extend(current.children)


def mentions_string(node: cst.CSTNode, value: str) -> bool:
    """Whether a string literal equal to ``value`` appears anywhere inside an expression."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.SimpleString) and current.evaluated_value == value:
            return True
        stack.extend(current.children)
    return False


def python_string(text: str, quote: str) -> str:
    """A string literal in the file's quote style."""
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n")
    return quote + escaped.replace(quote, "\\" + quote) + quote


def name_of(
    node: cst.BaseExpression, read: Callable[[str, str], Name | None], aliases: Mapping[str, str],
    assignments: Mapping[str, cst.BaseExpression], bindings: Mapping[str, Name] | None = None, depth: int = 0,
) -> Name:
    """The text an expression evaluates to, symbolically: strings, f-strings, ``+``, ``Output.concat`` and
    ``x.name.apply(lambda n: f"...{n}")``; ``read(variable, attribute)`` evaluates another resource's name."""
    if depth > 8:
        return UNKNOWN
    bindings = bindings or {}

    def again(inner: cst.BaseExpression, more: Mapping[str, Name] | None = None) -> Name:
        return name_of(inner, read, aliases, assignments, {**bindings, **(more or {})}, depth + 1)

    text = string_of(node)
    if text is not None:
        return Name.of(text)
    if isinstance(node, cst.FormattedString):
        parts: list[Name | str] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value.replace("{{", "{").replace("}}", "}"))
            elif isinstance(part, cst.FormattedStringExpression) and part.format_spec is None:
                parts.append(again(part.expression))
            else:
                parts.append(UNKNOWN)
        return Name.of(*parts)
    if isinstance(node, cst.Name):
        if node.value in bindings:
            return bindings[node.value]
        if node.value in assignments:
            value = again(assignments[node.value])
            return value if value.known else Name.of(Symbol(node.value))  # one value, wherever it is read
        return Name.of(Symbol(node.value))
    reference = attribute_of(node)
    if reference is not None:
        found = read(*reference)
        return found if found is not None else Name.of(Symbol(".".join(reference)))
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return Name.of(again(node.left), again(node.right))
    if isinstance(node, cst.Call):
        function = node.func
        lambdas = [arg.value for arg in node.args if isinstance(arg.value, cst.Lambda)]
        if isinstance(function, cst.Attribute) and function.attr.value == "apply" and len(lambdas) == 1:
            parameters = lambdas[0].params.params
            if len(parameters) == 1:
                return again(lambdas[0].body, {parameters[0].name.value: again(function.value)})
        if qualified(aliases, function) == "pulumi.Output.concat":
            return Name.of(*(again(arg.value) for arg in node.args))
    return UNKNOWN
