"""Lambda functions, versions and aliases in a Pulumi program, read from the calls that create them.

Deciding whether ``ProvisionedConcurrencyConfig(qualifier=...)`` names a published version or an alias
means reading expressions such as ``fn.version``, ``alias.name`` and ``"$LATEST"`` without running anything.
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from iacfix.fixers.pulumi.document import PulumiDocument, ResourceCall

LATEST = "$LATEST"
FUNCTION = "lambda_.Function"
ALIAS = "lambda_.Alias"
CONFIG = "lambda_.ProvisionedConcurrencyConfig"


def qualifier_problem(document: PulumiDocument, qualifier: cst.BaseExpression) -> str | None:
    """What is wrong with a ``qualifier``, or None when it names an alias or a published version (or is unknown)."""
    if string_of(qualifier) == LATEST:
        return 'is "$LATEST"'
    reference = attribute_of(qualifier)
    functions = {call.variable: call for call in document.of_type(FUNCTION) if call.variable}
    aliases = {call.variable: call for call in document.of_type(ALIAS) if call.variable}
    if reference is not None and reference[0] in functions:
        variable, attribute = reference
        if attribute != "version":
            return f"is {variable}.{attribute}, not a version"
        if publishes(functions[variable]) is False:
            return f"is the version of {variable}, which publishes no versions ($LATEST)"
        return None
    if reference is not None and reference[0] in aliases:
        version = keyword_value(aliases[reference[0]], "function_version")
        if string_of(version) == LATEST:
            return f"names alias {reference[0]}, which points at $LATEST"
        version_reference = attribute_of(version)
        if version_reference is not None and version_reference[1] == "version" and version_reference[0] in functions \
                and publishes(functions[version_reference[0]]) is False:
            return f"names alias {reference[0]}, whose function publishes no versions ($LATEST)"
        return None
    if reference is None and string_of(qualifier) is None and mentions_latest(qualifier):
        return "can be $LATEST"
    return None


def keyword_value(call: ResourceCall, name: str) -> cst.BaseExpression | None:
    """A keyword's value, whether passed directly or inside the resource's ``...Args(...)`` object."""
    arg = call.keywords.get(name)
    return arg.value if arg is not None else None


def attribute_of(expression: cst.BaseExpression | None) -> tuple[str, str] | None:
    """``fn.version`` as ("fn", "version"); None for anything else."""
    if isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
        return expression.value.value, expression.attr.value
    return None


def string_of(expression: cst.BaseExpression | None) -> str | None:
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        return value if isinstance(value, str) else None
    return None


def bool_of(expression: cst.BaseExpression | None) -> bool | None:
    if isinstance(expression, cst.Name) and expression.value in ("True", "False"):
        return expression.value == "True"
    return None


def mentions_latest(expression: cst.BaseExpression) -> bool:
    """Whether the string ``"$LATEST"`` appears anywhere inside an expression (a conditional, a call)."""
    found: list[bool] = []

    class _Finder(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            if node.evaluated_value == LATEST:
                found.append(True)

    expression.visit(_Finder())
    return bool(found)


def publishes(function: ResourceCall) -> bool | None:
    """True/False when ``publish`` is absent or a literal; None when an expression decides it."""
    value = keyword_value(function, "publish")
    return False if value is None else bool_of(value)


def function_named_by(expression: cst.BaseExpression | None, functions: Iterable[ResourceCall]) -> ResourceCall | None:
    """The function a ``function_name`` value designates: ``fn.name``/``fn.arn``/``fn.id`` or its literal name."""
    functions = list(functions)
    reference = attribute_of(expression)
    if reference is not None:
        variable, attribute = reference
        if attribute in ("name", "arn", "id"):
            return next((f for f in functions if f.variable == variable), None)
        return None
    literal = string_of(expression)
    if literal is None:
        return None
    return next((f for f in functions if string_of(keyword_value(f, "name")) == literal), None)


def aliases_of(document: PulumiDocument, function: ResourceCall, preferred: str) -> list[ResourceCall]:
    """The function's ``Alias`` resources, the one named ``preferred`` first."""
    found = [
        alias
        for alias in document.of_type(ALIAS)
        if function_named_by(keyword_value(alias, "function_name"), [function]) is function
    ]
    return sorted(found, key=lambda alias: string_of(keyword_value(alias, "name")) != preferred)


def quote_of(document: PulumiDocument, call: ResourceCall) -> str:
    """The quote character the author used for the resource's name, to write new strings alike."""
    name = call.resource_name
    return document.source(name)[-1] if isinstance(name, cst.SimpleString) else '"'


def uses_args_class(call: ResourceCall) -> bool:
    return call.args_call is not None and PulumiDocument.keyword_target(call) is call.args_call


def free_variable(wanted: str, taken: set[str]) -> str:
    candidates = [wanted, *(f"{wanted}_{n}" for n in range(2, 100))]
    return next(name for name in candidates if name not in taken)
