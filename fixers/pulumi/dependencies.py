"""What orders the resources of a Pulumi program: outputs passed as inputs, and ``depends_on`` entries.

Pulumi registers a resource after every resource whose outputs flow into its inputs, and after every resource
in its ``ResourceOptions(depends_on=[...])``. Reading an output of an AWS resource (``role.arn``) in an
argument stands for an explicit entry. A resource mentioned only inside a lambda, an f-string or the other
options, and a component (``depends_on`` a component waits for all of its children, an output of it may not),
takes part in cycles but never makes an entry redundant.

Python runs top to bottom, so a program can only form a cycle through names it reads lazily (an ``apply``
callback reading a resource declared further down); the graph is built the same way all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from iacfix.fixers.document import Changes
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiNode, dotted_name
from iacfix.fixers.references import Declared, DependencyGraph, Entry, Reference

RESOURCE_OPTIONS = ("pulumi.ResourceOptions", "pulumi.resource.ResourceOptions")
# Without depends_on, a lambda or a function body, a program reads every name after it is bound.
_ORDERING_WORDS = re.compile(r"\bdepends_on\b|\blambda\b|\bdef\b")
Scope = tuple[str, ...]
# opts=..., the ResourceOptions(...) call, and per depends_on entry: (depends_on=..., that call, the entry)
_Options = tuple[cst.Arg, cst.Call, list[tuple[cst.Arg, cst.Call, cst.BaseExpression]]]


@dataclass(eq=False)
class ProgramEntry(Entry):
    """An entry of a ``depends_on`` option, with the calls its removal rewrites."""

    argument: cst.Arg = None  # type: ignore[assignment]  # depends_on=...
    options: cst.Call = None  # type: ignore[assignment]  # ResourceOptions(...)
    options_argument: cst.Arg = None  # type: ignore[assignment]  # opts=...
    resource: cst.Call = None  # type: ignore[assignment]


class ProgramGraph(DependencyGraph):
    """The resources of one file (``scope/variable`` -> where declared) and what orders them."""

    def __init__(self, document: PulumiDocument) -> None:
        super().__init__(word="depends_on")
        self.program = document
        self.custom: set[str] = set()  # pulumi_aws resources, as opposed to components

    def remove(self, changes: Changes, entries: list[Entry]) -> None:
        """An emptied ``depends_on`` goes with its keyword, and emptied options with their ``opts=``."""
        document = self.program
        for source in dict.fromkeys(entry.source for entry in entries):
            own = [entry for entry in entries if entry.source == source and isinstance(entry, ProgramEntry)]
            first = own[0]
            value = first.argument.value
            listed = PulumiNode(document, value, argument=first.argument, holder=first.options)
            dropped = {id(entry.node.expression) for entry in own}  # type: ignore[attr-defined]
            if isinstance(value, cst.List) and any(id(element.value) not in dropped for element in value.elements):
                changes.remove_items(listed, [entry.node for entry in own])
            elif len(first.options.args) > 1:
                changes.remove(listed)
            else:
                changes.remove(PulumiNode(document, first.options_argument.value, argument=first.options_argument,
                                          holder=first.resource))


@dataclass
class _Declaration:
    scope: Scope
    target: str | None  # "role", "self.vpc"; None when the resource is not assigned
    call: cst.Call
    offset: int


def _key(scope: Scope, name: str) -> str:
    return "/".join([*scope, name])



class _Declarations(cst.CSTVisitor):
    """Finds resource constructor calls, with the name each is assigned to and the scope it lives in."""

    def __init__(self, document: PulumiDocument) -> None:
        self.document = document
        self.aws_calls = {id(call.call) for call in document.resources()}
        self.scope: list[str] = []
        self.classes: list[int] = []  # scope depths at which classes open
        self.found: list[_Declaration] = []
        self.assigned: dict[int, str] = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(len(self.scope))
        self.scope.append(node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope.pop()
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.append(node.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scope.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.value, cst.Call):
            target = dotted_name(node.targets[0].target)
            if target is not None:
                self.assigned[id(node.value)] = target

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        target = dotted_name(node.target)
        if isinstance(node.value, cst.Call) and target is not None:
            self.assigned[id(node.value)] = target

    def visit_Call(self, node: cst.Call) -> None:
        if not (id(node) in self.aws_calls or _is_constructor_with_options(node)):
            return
        target = self.assigned.get(id(node))
        scope = tuple(self.scope)
        if target is not None and target.startswith("self.") and self.classes:
            scope = tuple(self.scope[: self.classes[-1] + 1])
        self.found.append(_Declaration(scope, target, node, self.document.span(node)[0]))


def _is_constructor_with_options(call: cst.Call) -> bool:
    name = dotted_name(call.func)
    has_options = any(arg.keyword is not None and arg.keyword.value == "opts" for arg in call.args)
    return has_options and name is not None and name.rsplit(".", 1)[-1][:1].isupper()


class _References(cst.CSTVisitor):
    """Names of known resources read in one call's arguments, and whether each read orders the call."""

    def __init__(self, resolve, keyword: str | None) -> None:  # type: ignore[no-untyped-def]
        self.resolve = resolve
        self.keyword = keyword  # the argument being read; for a positional ``...Args(...)``, the keyword inside
        self._named_by: cst.Arg | None = None
        self.lazy = 0  # inside lambdas, f-strings and nested functions
        self.bound: list[set[str]] = []
        self.found: list[tuple[str, bool, str]] = []  # target, implies order, where

    def visit_Arg(self, node: cst.Arg) -> None:
        if self.keyword is None and node.keyword is not None:
            self.keyword, self._named_by = node.keyword.value, node

    def leave_Arg(self, original_node: cst.Arg) -> None:
        if original_node is self._named_by:
            self.keyword, self._named_by = None, None

    def _bound(self, name: str) -> bool:
        return any(name in names for names in self.bound)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.lazy += 1
        self.bound.append({param.name.value for param in node.params.params})

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.lazy -= 1
        self.bound.pop()

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.lazy += 1

    def leave_FormattedString(self, original_node: cst.FormattedString) -> None:
        self.lazy -= 1

    def _comprehension(self, node: cst.BaseComp) -> None:
        names: set[str] = set()
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            names |= {name.value for name in _names_in(clause.target)}
            clause = clause.inner_for_in
        self.bound.append(names)

    def _leave_comprehension(self, original_node: cst.BaseComp) -> None:
        self.bound.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension
    leave_ListComp = leave_SetComp = leave_GeneratorExp = leave_DictComp = _leave_comprehension

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        dotted = dotted_name(node)
        if dotted is None:
            return True
        parts = dotted.split(".")
        for length in range(len(parts), 0, -1):
            prefix = ".".join(parts[:length])
            target = None if self._bound(parts[0]) else self.resolve(prefix)
            if target is not None:
                reads_output = length < len(parts)
                read = ".".join(parts[: length + 1])
                self.found.append((target, reads_output and not self.lazy, self._where(read)))
                return False
        return True

    def visit_Name(self, node: cst.Name) -> None:
        target = None if self._bound(node.value) else self.resolve(node.value)
        if target is not None:
            self.found.append((target, False, self._where(node.value)))

    def _where(self, read: str) -> str:
        return f"reading {read} in {self.keyword}" if self.keyword else f"reading {read}"


def _names_in(node: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [name for element in node.elements for name in _names_in(element.value)]
    return []


def _qualified(document: PulumiDocument, expression: cst.BaseExpression) -> str | None:
    dotted = dotted_name(expression)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    if head not in document.aliases:
        return None
    return document.aliases[head] + ("." + rest if rest else "")


def program_graph(document: PulumiDocument) -> ProgramGraph:
    """The resources of one file and what orders them (a program's files cannot refer to each other's
    resources in a cycle without an import cycle, so each file is a graph of its own)."""
    if not _ORDERING_WORDS.search(document.text):
        return ProgramGraph(document)  # no entry, and no name read before it is bound: nothing can close a cycle
    visitor = _Declarations(document)
    document.module.visit(visitor)
    graph = ProgramGraph(document)
    resources = {id(resource.call): resource for resource in document.resources()}
    nodes = [(declaration, _declare(graph, document, declaration, resources)) for declaration in visitor.found]
    options = {id(declaration.call): _options(document, declaration.call) for declaration, _ in nodes}
    known = set(graph.objects)
    for declaration, _ in nodes:  # resources declared elsewhere (imported) still count by name
        found = options[id(declaration.call)]
        for _, _, element in found[2] if found else ():
            name = dotted_name(element)
            if name is not None and _resolve(declaration.scope, name, known) is None:
                known.add(_key((), name))
    for declaration, node in nodes:
        found = options[id(declaration.call)]
        graph.references += _references(declaration, node, found, known, graph.custom)
        for argument, options_call, element in found[2] if found else ():
            name = dotted_name(element)
            target = _resolve(declaration.scope, name, known) if name is not None else None
            if target is not None:
                graph.entries.append(ProgramEntry(
                    node, target, PulumiNode(document, element), argument, options_call, found[0], declaration.call,
                ))
    return graph


def _declare(graph: ProgramGraph, document: PulumiDocument, declaration: _Declaration, resources: dict) -> str:
    """Add a resource to the graph under a name unique in the file: its variable in its scope, or its place."""
    label = declaration.target or _resource_label(document, declaration.call)
    node = _key(declaration.scope, declaration.target) if declaration.target else f"{label}@{declaration.offset}"
    start = declaration.offset
    graph.declare(Declared(node, label, document, start, (start, document.lines.line_end(start) - 1),
                           resources.get(id(declaration.call))))
    if id(declaration.call) in resources:
        graph.custom.add(node)
    return node


def _references(
    declaration: _Declaration, node: str, found: _Options | None, known: set[str], custom: set[str]
) -> list[Reference]:
    """What a resource's arguments and options (but its ``depends_on``) read of the known resources."""
    def resolve(name: str) -> str | None:
        return _resolve(declaration.scope, name, known)

    references = []
    arguments = [(arg, arg.keyword.value if arg.keyword else None, True) for arg in declaration.call.args
                 if found is None or arg is not found[0]]
    if found is not None:
        arguments += [(arg, f"opts {arg.keyword.value}", False) for arg in found[1].args
                      if arg.keyword is not None and arg.keyword.value != "depends_on"]
    for arg, keyword, configures in arguments:
        reads = _References(resolve, keyword)
        arg.value.visit(reads)
        for target, implies, where in reads.found:
            implies = implies and configures and keyword != "opts" and target in custom
            references.append(Reference(node, target, implies, where))
    return references


def _resolve(scope: Scope, name: str, known: set[str]) -> str | None:
    for depth in range(len(scope), -1, -1):
        candidate = _key(scope[:depth], name)
        if candidate in known:
            return candidate
    return None


def _resource_label(document: PulumiDocument, call: cst.Call) -> str:
    positional = [arg for arg in call.args if arg.keyword is None]
    if positional and isinstance(positional[0].value, cst.SimpleString):
        return document.source(positional[0].value)
    return dotted_name(call.func) or "resource"


def _options(document: PulumiDocument, call: cst.Call) -> _Options | None:
    """The ``ResourceOptions(...)`` written inline (as ``opts=`` or positionally), with its ``depends_on`` entries."""
    for arg in call.args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword not in (None, "opts") or not isinstance(arg.value, cst.Call):
            continue
        options = arg.value
        if _qualified(document, options.func) not in RESOURCE_OPTIONS:
            continue
        elements: list[tuple[cst.Arg, cst.Call, cst.BaseExpression]] = []
        for option in options.args:
            if option.keyword is None or option.keyword.value != "depends_on":
                continue
            value = option.value
            if isinstance(value, cst.List):
                elements += [(option, options, element.value) for element in value.elements
                             if isinstance(element, cst.Element)]
            elif isinstance(value, (cst.Name, cst.Attribute)):
                elements.append((option, options, value))
        return arg, options, elements
    return None
