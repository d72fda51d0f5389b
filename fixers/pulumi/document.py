"""A Pulumi program as a libcst tree: which calls create which AWS resources, and edits on their source spans.

The program is parsed, never imported or run: names are resolved from its import statements only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from iacfix.fixers.document import Document, ParseFailure
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.pulumi.guard import check_nesting
from iacfix.fixers.text import newline_of

AWS_PACKAGE = "pulumi_aws"


@dataclass
class ResourceCall:
    """``variable = aws.<module>.<Class>("name", ...)``: one resource the program declares."""

    type: str  # "<module>.<Class>", e.g. "cloudwatch.LogGroup", "lambda_.Function"
    call: cst.Call
    start: int
    end: int
    statement_start: int
    statement_end: int  # end of the statement's last line, newline excluded
    variable: str | None
    keywords: dict[str, cst.Arg] = field(default_factory=dict)
    args_call: cst.Call | None = None  # a FunctionArgs(...)-style argument object, when used

    @property
    def resource_name(self) -> cst.BaseExpression | None:
        positional = [arg for arg in self.call.args if arg.keyword is None]
        return positional[0].value if positional else None


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, document: PulumiDocument) -> None:
        self.document = document
        self.aliases: dict[str, str] = {}
        self.calls: list[ResourceCall] = []
        self._statement: tuple[cst.CSTNode, str | None] | None = None

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else dotted
            self.aliases[local.split(".")[0] if alias.asname is None else local] = dotted.split(".")[0] if alias.asname is None else dotted

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = _dotted(node.module)
        for alias in node.names:
            name = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.aliases[local] = f"{module}.{name}"

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        variable = None
        first = node.body[0] if node.body else None
        if isinstance(first, (cst.Assign, cst.AnnAssign)):
            targets = first.targets if isinstance(first, cst.Assign) else [first]
            target = targets[0].target if targets else None
            if isinstance(target, cst.Name):
                variable = target.value
        self._statement = (node, variable)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self._statement = None

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.qualified(node.func)
        if qualified is None or not qualified.startswith(AWS_PACKAGE + "."):
            return
        parts = qualified.split(".")[1:]
        if len(parts) != 2 or not parts[1][:1].isupper() or parts[1].endswith("Args"):
            return
        start, end = self.document.span(node, self)
        statement, variable = self._statement or (node, None)
        statement_start, statement_end = self.document.span(statement, self)
        if isinstance(statement, cst.SimpleStatementLine) and self.document.text[statement_end - 1 : statement_end] == "\n":
            statement_end -= 1
        if statement is not node and not _assigned_directly(statement, node):
            variable = None
        resource = ResourceCall(".".join(parts), node, start, end, statement_start, statement_end, variable)
        for arg in node.args:
            if arg.keyword is not None:
                resource.keywords[arg.keyword.value] = arg
        args_object = resource.keywords.get("args") or (node.args[1] if len(node.args) > 1 and node.args[1].keyword is None else None)
        if args_object is not None and isinstance(args_object.value, cst.Call):
            resource.args_call = args_object.value
            for arg in args_object.value.args:
                if arg.keyword is not None:
                    resource.keywords.setdefault(arg.keyword.value, arg)
        self.calls.append(resource)

    def qualified(self, expression: cst.BaseExpression) -> str | None:
        dotted = dotted_name(expression)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head not in self.aliases:
            return None
        return self.aliases[head] + ("." + rest if rest else "")


def _assigned_directly(statement: cst.CSTNode, call: cst.Call) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], (cst.Assign, cst.AnnAssign))
        and statement.body[0].value is call
    )


def _dotted(node: cst.BaseExpression) -> str:
    return dotted_name(node) or ""


def dotted_name(node: cst.BaseExpression | None) -> str | None:
    """``aws.lambda_.Function`` for that attribute chain; None for anything else (a call, a subscript)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = dotted_name(node.value)
        return f"{inner}.{node.attr.value}" if inner else None
    return None


class PulumiDocument(Document):
    language = Language.PULUMI

    def __init__(self, path: str, text: str, module: cst.Module) -> None:
        super().__init__(path, text)
        self.module = module

    @cached_property
    def _collected(self) -> _Collector:
        wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        collector = _Collector(self)
        self._positions = wrapper.resolve(PositionProvider)
        wrapper.visit(collector)
        return collector

    @property
    def resources(self) -> list[ResourceCall]:
        return self._collected.calls

    @property
    def aliases(self) -> dict[str, str]:
        return self._collected.aliases

    def of_type(self, *types: str) -> Iterator[ResourceCall]:
        for call in self.resources:
            if call.type in types:
                yield call

    def span(self, node: cst.CSTNode, _: object = None) -> tuple[int, int]:
        if not hasattr(self, "_positions"):
            self._collected  # noqa: B018  (resolves positions)
        position = self._positions[node]
        start = self.lines.offset(position.start.line, position.start.column + 1)
        end = self.lines.offset(position.end.line, position.end.column + 1)
        return start, end

    def source(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def reference_to(self, call: ResourceCall) -> str | None:
        """How the program can name a resource's output: its variable."""
        return call.variable

    def module_reference(self, module: str) -> tuple[str, list[Edit]]:
        """How to name ``pulumi_aws.<module>`` here, with the import to add when the file has none."""
        for local, target in self.aliases.items():
            if target == f"{AWS_PACKAGE}.{module}":
                return local, []
        for local, target in self.aliases.items():
            if target == AWS_PACKAGE:
                return f"{local}.{module}", []
        nl = newline_of(self.text)
        imports = [s for s in self.module.body if isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], (cst.Import, cst.ImportFrom))]
        at = self.span(imports[-1])[1] if imports else 0
        if at and self.text[at - 1] != "\n":
            return module, [Edit(at, at, f"{nl}from {AWS_PACKAGE} import {module}")]
        return module, [Edit(at, at, f"from {AWS_PACKAGE} import {module}{nl}")]

    @staticmethod
    def keyword_target(resource: ResourceCall) -> cst.Call:
        """The call new keyword arguments go into: the ``...Args(...)`` object when the resource uses one."""
        direct = {arg.keyword.value for arg in resource.call.args if arg.keyword is not None} - {"args", "opts"}
        return resource.args_call if resource.args_call is not None and not direct else resource.call

    # ------------------------------------------------------------------------------------ edits
    def add_keyword(self, call: cst.Call, name: str, value: str) -> Edit:
        """Add ``name=value`` as the call's last argument, one per line or inline as the call is written."""
        nl = newline_of(self.text)
        if not call.args:
            start, end = self.span(call)
            close = self.text.rindex(")", start, end)
            return Edit(close, close, f"{name}={value}")
        last = call.args[-1]
        last_start, last_end = self.span(last.value)
        first_start, _ = self.span(call.args[0])
        call_start, call_end = self.span(call)
        multi_line = self.lines.position(first_start).line != self.lines.position(call_start).line
        has_comma = isinstance(last.comma, cst.Comma)
        if multi_line:
            indent = self.lines.indentation(first_start)
            comma_end = self.text.index(",", last_end, call_end) + 1 if has_comma else last_end
            after = self.lines.line_end(comma_end - 1) if has_comma else comma_end
            if has_comma:
                text = f"{indent}{name}={value},{nl}"
                if self.text[after - 1 : after] != "\n":
                    text = nl + text.rstrip("\n\r")
                return Edit(after, after, text)
            return Edit(last_end, last_end, f",{nl}{indent}{name}={value}")
        return Edit(last_end, last_end, f", {name}={value}")

    def replace(self, node: cst.CSTNode, code: str) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, code)

    def insert_statement_after(self, resource: ResourceCall, code: str) -> Edit:
        """Insert top-level statements after a resource's statement, separated by a blank line."""
        nl = newline_of(self.text)
        indent = self.lines.indentation(resource.statement_start)
        lines = [indent + line if line else line for line in code.strip("\n").split("\n")]
        at = resource.statement_end
        following = self.text[self.lines.line_end(at) : self.lines.line_end(self.lines.line_end(at))]
        trailer = nl if following.strip() else ""
        return Edit(at, at, nl + nl + nl.join(lines) + trailer)


def parse(path: str, text: str) -> PulumiDocument:
    check_nesting(text)
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise ParseFailure(f"Python syntax error: {error.message}", error.raw_line, error.raw_column + 1) from None
    return PulumiDocument(path, text, module)
