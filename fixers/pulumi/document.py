"""A Pulumi program as a libcst tree, speaking the resource vocabulary: which calls create which AWS resources,
their arguments by path, and edits on their source spans.

The program is parsed, never imported or run: names are resolved from its imports and assignments only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from iacfix.fixers.document import Document, Input, Node, ParseFailure, Reference, Resource, Unit
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.names import Name, Symbol
from iacfix.fixers.pulumi import expressions
from iacfix.fixers.pulumi.expressions import dotted_name
from iacfix.fixers.pulumi.guard import check_nesting
from iacfix.fixers.text import newline_of

if TYPE_CHECKING:
    from iacfix.fixers.pulumi.changes import PulumiChanges

AWS_PACKAGE = "pulumi_aws"
LOOPS = ("for", "while", "comprehension")
JSON_ENCODERS = frozenset({"json.dumps", "pulumi.Output.json_dumps"})

__all__ = ["AWS_PACKAGE", "PulumiDocument", "PulumiNode", "PulumiResource", "ResourceCall", "dotted_name", "parse"]


@dataclass(eq=False, repr=False)
class PulumiResource(Resource):
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
    enclosing: tuple[str, ...] = ()  # the compound statements around it: "if", "for", "def", ...
    document: PulumiDocument = field(default=None, repr=False)  # type: ignore[assignment]

    @property
    def name(self) -> str | None:  # type: ignore[override]
        return self.variable

    @property
    def resource_name(self) -> cst.BaseExpression | None:
        positional = [arg for arg in self.call.args if arg.keyword is None]
        return positional[0].value if positional else None

    @property
    def subject(self) -> str:  # type: ignore[override]
        name = self.resource_name
        return self.variable or (self.document.source(name) if name is not None else self.type)

    @property
    def header(self) -> tuple[int, int]:  # type: ignore[override]
        return self.start, self.document.lines.line_end(self.start) - 1

    @property
    def repeated(self) -> bool:
        return any(kind in LOOPS for kind in self.enclosing)

    def generated_name(self) -> Name:
        """Pulumi names a resource after its resource name, with a random suffix: ``api-3f2a1b7``."""
        prefix = expressions.string_of(self.resource_name)
        suffix = Symbol(f"{self.variable or self.subject} (random suffix)")
        return Name.of(prefix + "-", suffix) if prefix is not None else Name.of(suffix)

    @property
    def keyword_target(self) -> cst.Call:
        """The call new keyword arguments go into: the ``...Args(...)`` object when the resource uses one."""
        direct = {arg.keyword.value for arg in self.call.args if arg.keyword is not None} - {"args", "opts"}
        return self.args_call if self.args_call is not None and not direct else self.call

    def keys(self) -> list[str]:
        return [name for name in self.keywords if name not in ("args", "opts")]

    def references(self) -> list[Reference]:
        found: list[Reference] = []
        for arg in self.keywords.values():
            if arg.keyword is not None and arg.keyword.value != "opts":
                node = PulumiNode(self.document, arg.value)
                found += [reference for reference in node.references() if reference not in found]
        return found

    def _lookup(self, path: str) -> PulumiNode | None:
        segments = path.split(".")
        arg = self.keywords.get(segments[0])
        if arg is None:
            return None
        node = PulumiNode(self.document, arg.value, argument=arg,
                          holder=self.call if arg in self.call.args else self.args_call)
        return node if len(segments) == 1 else node.get(".".join(segments[1:]))


ResourceCall = PulumiResource


class PulumiNode(Node):
    """An expression in the program: a keyword's value, an ``Args`` object, a dict, a list, a name."""

    def __init__(self, document: PulumiDocument, expression: cst.BaseExpression, *, argument: cst.Arg | None = None,
                 holder: cst.Call | cst.Dict | None = None, element: cst.DictElement | None = None,
                 bindings: Mapping[str, Any] | None = None) -> None:
        self.document = document
        self.expression = expression
        # What the parameters of an enclosing ``.apply(lambda ...)`` stand for: an expression, or a list of them.
        self.bindings: Mapping[str, Any] = bindings or {}
        self.start, self.end = document.span(expression)
        self.argument = argument  # the keyword argument holding the value
        self.holder = holder  # the call or dict holding it
        self.element = element  # the dict element holding it
        if argument is not None and argument.keyword is not None:
            self.key_span = document.span(argument.keyword)
        elif element is not None and isinstance(element, cst.DictElement):
            self.key_span = document.span(element.key)

    @property
    def literal(self) -> Any:
        return expressions.literal(self.expression)

    def resolved(self) -> cst.BaseExpression:
        """The value itself, or the value a plain name was assigned once at the top of the module; a value
        encoded as JSON text (``json.dumps(...)``, ``pulumi.Output.json_dumps(...)``) reads as what it encodes."""
        expression = self.expression
        if isinstance(expression, cst.Call) and expression.args and expression.args[0].keyword is None and \
                expressions.qualified(self.document.aliases, expression.func) in JSON_ENCODERS:
            expression = expression.args[0].value
        if isinstance(expression, cst.Name):
            assigned = self.document.assignments.get(expression.value)
            if assigned is not None:
                return assigned
        return expression

    def get(self, path: str) -> PulumiNode | None:
        head, _, rest = path.partition(".")
        value = self.resolved()
        found: PulumiNode | None = None
        if isinstance(value, cst.Call):
            arg = expressions.keywords_of(value).get(head)
            found = PulumiNode(self.document, arg.value, argument=arg, holder=value,
                               bindings=self.bindings) if arg is not None else None
        elif isinstance(value, cst.Dict):
            element = expressions.dict_entries(value).get(head)
            found = PulumiNode(self.document, element.value, holder=value, element=element,
                               bindings=self.bindings) if element else None
        else:
            return self if value is self.expression else PulumiNode(self.document, value, bindings=self.bindings)
        return found if found is None or not rest else found.get(rest)

    def items(self) -> list[Node] | None:
        value = self.resolved()
        if not isinstance(value, (cst.List, cst.Tuple)):
            return None
        found: list[Node] = []
        for element in value.elements:
            if isinstance(element, cst.Element):
                node = PulumiNode(self.document, element.value, bindings=self.bindings)
                node.within = self
                found.append(node)
        return found

    def entries(self) -> list[tuple[str, Node]]:
        value = self.resolved()
        if not isinstance(value, cst.Dict):
            return []
        return [(key, PulumiNode(self.document, element.value, holder=value, element=element, bindings=self.bindings))
                for key, element in expressions.dict_entries(value).items()]

    def decoded(self) -> Node | None:
        from iacfix.fixers.pulumi.encoded import decoded

        return decoded(self)

    def keys(self) -> list[str]:
        value = self.resolved()
        if isinstance(value, cst.Call):
            return list(expressions.keywords_of(value))
        if isinstance(value, cst.Dict):
            return list(expressions.dict_entries(value))
        return []

    def is_mapping(self) -> bool:
        return isinstance(self.resolved(), cst.Dict)

    def reference(self) -> Reference | None:
        bound = expressions.bound(self.expression, self.bindings)
        if bound is not None:
            return PulumiNode(self.document, bound).reference()
        found = expressions.attribute_of(self.expression)
        if found is not None:
            return Reference(found[0], found[1])
        if isinstance(self.expression, cst.Name):
            return Reference(self.expression.value)
        return None

    def name_value(self, unit: Unit) -> Name:
        return expressions.name_of(self.expression, unit.name_read, self.document.aliases,
                                   self.document.assignments)

    def mentions(self, text: str) -> bool:
        return expressions.mentions_string(self.expression, text)

    def input(self, unit: Unit) -> Input | None:
        expression = self.expression
        if not isinstance(expression, cst.Name) or unit.resource(expression.value) is not None:
            return None
        assigned = self.document.assignments.get(expression.value)
        return Input(expression.value, PulumiNode(self.document, assigned)) if assigned is not None else None

    def references(self) -> list[Reference]:
        found: list[Reference] = []
        modules = frozenset(self.document.aliases) - frozenset(self.document.assignments)
        for variable, attribute in expressions.names_in(self.expression, modules):
            reference = Reference(variable, attribute)
            if reference not in found:
                found.append(reference)
        return found


class _Collector(cst.CSTVisitor):
    """One walk over the module: imports, top-level assignments, and every pulumi_aws resource call."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, document: PulumiDocument) -> None:
        self.document = document
        self.aliases: dict[str, str] = {}
        self.calls: list[PulumiResource] = []
        self.assignments: dict[str, cst.BaseExpression] = {}
        self.assigned_twice: set[str] = set()
        self.quotes: Counter[str] = Counter()
        self.args_objects = 0
        self.nested_dicts = 0
        self._statement: tuple[cst.CSTNode, str | None] | None = None
        self._enclosing: list[str] = []

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.aliases[alias.asname.name.value] = dotted
            else:
                self.aliases[dotted.split(".")[0]] = dotted.split(".")[0]

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is None or isinstance(node.names, cst.ImportStar) or node.relative:
            return
        module = dotted_name(node.module) or ""
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.aliases[local] = f"{module}.{name}"

    def _enter(self, kind: str) -> None:
        self._enclosing.append(kind)

    def _leave(self, *_: object) -> None:
        self._enclosing.pop()

    def visit_If(self, node: cst.If) -> None:
        self._enter("if")

    def visit_For(self, node: cst.For) -> None:
        self._enter("for")

    def visit_While(self, node: cst.While) -> None:
        self._enter("while")

    def visit_With(self, node: cst.With) -> None:
        self._enter("with")

    def visit_Try(self, node: cst.Try) -> None:
        self._enter("try")

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._enter("def")

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enter("class")

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._enter("comprehension")

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._enter("comprehension")

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._enter("comprehension")

    leave_If = leave_For = leave_While = leave_With = leave_Try = leave_FunctionDef = leave_ClassDef = _leave
    leave_ListComp = leave_DictComp = leave_GeneratorExp = _leave

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.quotes[node.quote[0]] += 1

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        variable = None
        first = node.body[0] if node.body else None
        if isinstance(first, (cst.Assign, cst.AnnAssign)):
            targets = first.targets if isinstance(first, cst.Assign) else [first]
            target = targets[0].target if targets else None
            if isinstance(target, cst.Name):
                variable = target.value
                if first.value is not None and not self._enclosing and len(targets) == 1:
                    if variable in self.assignments:
                        self.assigned_twice.add(variable)
                    self.assignments[variable] = first.value
        self._statement = (node, variable)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self._statement = None

    def visit_Call(self, node: cst.Call) -> None:
        qualified = expressions.qualified(self.aliases, node.func)
        if qualified is not None and qualified.startswith(AWS_PACKAGE + ".") and qualified.endswith("Args"):
            self.args_objects += 1
        if qualified is None or not qualified.startswith(AWS_PACKAGE + "."):
            return
        parts = qualified.split(".")[1:]
        if len(parts) != 2 or not parts[1][:1].isupper() or parts[1].endswith("Args"):
            return
        for arg in node.args:
            value = arg.value
            if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
                value = value.elements[0].value
            if arg.keyword is not None and arg.keyword.value != "tags" and isinstance(value, cst.Dict):
                self.nested_dicts += 1
        document = self.document
        start, end = document.span(node)
        statement, variable = self._statement or (node, None)
        statement_start, statement_end = document.span(statement)
        if isinstance(statement, cst.SimpleStatementLine) and document.text[statement_end - 1 : statement_end] == "\n":
            statement_end -= 1
        if statement is not node and not _assigned_directly(statement, node):
            variable = None
        resource = PulumiResource(".".join(parts), node, start, end, statement_start, statement_end, variable,
                                  enclosing=tuple(self._enclosing), document=document)
        for arg in node.args:
            if arg.keyword is not None:
                resource.keywords[arg.keyword.value] = arg
        args_object = resource.keywords.get("args") or (
            node.args[1] if len(node.args) > 1 and node.args[1].keyword is None else None)
        if args_object is not None and isinstance(args_object.value, cst.Call):
            resource.args_call = args_object.value
            for arg in args_object.value.args:
                if arg.keyword is not None:
                    resource.keywords.setdefault(arg.keyword.value, arg)
        self.calls.append(resource)


def _assigned_directly(statement: cst.CSTNode, call: cst.Call) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], (cst.Assign, cst.AnnAssign))
        and statement.body[0].value is call
    )


class PulumiDocument(Document):
    language = Language.PULUMI

    def __init__(self, path: str, text: str, module: cst.Module) -> None:
        super().__init__(path, text)
        self.module = module

    @cached_property
    def indent_step(self) -> str:
        """The program's indentation step: the shallowest indented line of code (lines inside strings aside)."""
        inside = _string_lines(self)
        found = [match.group(1) for match in re.finditer(r"^([ \t]+)\S", self.text, re.MULTILINE)
                 if self.lines.position(match.start()).line not in inside]
        return min(found, key=len) if found else "    "

    @cached_property
    def _collected(self) -> _Collector:
        wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self._positions = wrapper.resolve(PositionProvider)
        collector = _Collector(self)
        wrapper.visit(collector)
        return collector

    @property
    def declared(self) -> list[Resource]:  # type: ignore[override]
        return self._collected.calls  # type: ignore[return-value]

    def resources(self, kind: Kind | str | None = None) -> list[PulumiResource]:  # type: ignore[override]
        if isinstance(kind, str):
            return [call for call in self._collected.calls if call.type == kind]
        return super().resources(kind)  # type: ignore[return-value]

    def of_type(self, *types: str) -> list[PulumiResource]:
        return [call for call in self._collected.calls if call.type in types]

    @property
    def aliases(self) -> dict[str, str]:
        return self._collected.aliases

    @property
    def assignments(self) -> dict[str, cst.BaseExpression]:
        """Top-level names assigned exactly once, with their values (what ``code=code`` stands for)."""
        collected = self._collected
        return {name: value for name, value in collected.assignments.items() if name not in collected.assigned_twice}

    @cached_property
    def quote(self) -> str:
        """The quote character most of the file's strings use."""
        quotes = self._collected.quotes
        return "'" if quotes["'"] > quotes['"'] else '"'

    @property
    def uses_args_objects(self) -> bool:
        """Whether nested inputs are written as ``...Args(...)`` objects rather than dicts."""
        collected = self._collected
        return collected.args_objects >= collected.nested_dicts

    def span(self, node: cst.CSTNode, _: object = None) -> tuple[int, int]:
        if not hasattr(self, "_positions"):
            self._collected  # noqa: B018  (resolves positions)
        position = self._positions[node]
        start = self.lines.offset(position.start.line, position.start.column + 1)
        end = self.lines.offset(position.end.line, position.end.column + 1)
        return start, end

    def source(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def reference_to(self, call: PulumiResource) -> str | None:
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
        return module, [self.import_edit(f"from {AWS_PACKAGE} import {module}")]

    def pulumi_reference(self) -> tuple[str, list[Edit]]:
        """How to name the ``pulumi`` package here, with ``import pulumi`` when the file lacks it."""
        for local, target in self.aliases.items():
            if target == "pulumi":
                return local, []
        return "pulumi", [self.import_edit("import pulumi")]

    def import_edit(self, statement: str) -> Edit:
        """An import statement added after the file's last top-level import."""
        nl = newline_of(self.text)
        imports = [s for s in self.module.body
                   if isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], (cst.Import, cst.ImportFrom))]
        at = self.span(imports[-1])[1] if imports else 0
        if at and self.text[at - 1] != "\n":
            return Edit(at, at, f"{nl}{statement}")
        return Edit(at, at, f"{statement}{nl}")

    @staticmethod
    def keyword_target(resource: PulumiResource) -> cst.Call:
        return resource.keyword_target

    def changes(self, unit: Unit | None = None) -> PulumiChanges:
        from iacfix.fixers.pulumi.changes import PulumiChanges

        return PulumiChanges(self, unit)


def parse(path: str, text: str) -> PulumiDocument:
    check_nesting(text)
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise ParseFailure(f"Python syntax error: {error.message}", error.raw_line, error.raw_column + 1) from None
    return PulumiDocument(path, text, module)


def _string_lines(document: PulumiDocument) -> set[int]:
    """The lines inside string literals written over several lines (their indentation is the text's own)."""
    found: set[int] = set()

    class Strings(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            if "\n" in node.value:
                start, end = document.span(node)
                found.update(range(document.lines.position(start).line + 1, document.lines.position(end).line + 1))

    document.module.visit(Strings())
    return found
