"""What orders the objects of a template, module or program: one dependency graph for the three languages.

Each language reads its files into the same shape (the objects it declares, with where they are and the name a
person reads; the references from one to another; the explicit entries, ``DependsOn`` or ``depends_on``) and
knows how to remove entries with the vocabulary's verbs, so a rule about dependencies is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes, Document, Node, Resource, Unit


@dataclass(frozen=True)
class Reference:
    """``source`` refers to ``target``; ``implies_order`` when that alone orders them as an explicit entry would.

    ``where`` says where, as a phrase for messages: ``the !Ref at Properties/KeyId``, ``the reference
    aws_iam_role.api.arn in role``, ``reading role.arn in role``.
    """

    source: str
    target: str
    implies_order: bool
    where: str


@dataclass(frozen=True)
class Declared:
    """An object that takes part in the ordering: a resource, a module call, a local value, a component."""

    name: str  # the key references and entries use
    display: str  # what a person reads: an address, a logical id, a variable
    document: Document
    offset: int
    header: tuple[int, int]  # where a finding about it points
    resource: Resource | None = None  # the vocabulary's view of it, when it is a resource

    @property
    def position(self) -> tuple[str, int]:
        """Reading order: by file, then by place in the file."""
        return self.document.path, self.offset


@dataclass(eq=False)
class Entry:
    """One object named in another's explicit dependencies; ``node`` is the item naming it."""

    source: str
    target: str
    node: Node


@dataclass
class DependencyGraph:
    """The objects of a unit, what refers to what, and the explicit entries; a language removes entries its way."""

    objects: dict[str, Declared] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    word: str = "depends_on"  # what the language calls an explicit dependency

    def declare(self, declared: Declared) -> None:
        self.objects.setdefault(declared.name, declared)

    def display(self, name: str) -> str:
        found = self.objects.get(name)
        return found.display if found is not None else name

    def remove(self, changes: Changes, entries: list[Entry]) -> None:
        """Remove entries of one object's explicit dependencies (an emptied list goes with its key)."""
        raise NotImplementedError

    def may_have_cycle(self) -> bool:
        """Whether references and entries among the declared objects close a cycle."""
        return closes_cycle(self.objects, [*self.references, *self.entries])


def closes_cycle(names: Iterable[str], edges: Iterable[Reference | Entry]) -> bool:
    """Whether the edges among ``names`` close a cycle: the standard library's topological sort, cheap, decides
    whether the full analysis (networkx's, with what it costs to import) is needed at all."""
    from graphlib import CycleError, TopologicalSorter

    names = set(names)
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name in names:
        sorter.add(name)
    for edge in edges:
        if edge.source in names and edge.target in names:
            sorter.add(edge.source, edge.target)
    try:
        sorter.prepare()
    except CycleError:
        return True
    return False


def dependency_graph(document: Document, unit: Unit) -> DependencyGraph:
    """The graph the document takes part in: a template alone, a module's files, one program file."""
    from iacfix.fixers.model import Language

    if document.language is Language.TERRAFORM:
        from iacfix.fixers.hcl.dependencies import module_graph

        if not any(other is document for other in unit.documents):
            return module_graph([document, *unit.documents])  # type: ignore[list-item]
        return unit.derived("dependency_graph", lambda: module_graph(unit.documents))  # type: ignore[arg-type]
    if document.language is Language.CLOUDFORMATION:
        from iacfix.fixers.cfn.dependencies import template_graph

        return template_graph(document)  # type: ignore[arg-type]
    from iacfix.fixers.pulumi.dependencies import program_graph

    return program_graph(document)  # type: ignore[arg-type]


def reaches(start: str, goals: set[str], depends_on: Callable[[str], Iterable[str]]) -> bool:
    """Whether ``start`` depends, directly or through others, on one of ``goals``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        current = stack.pop()
        if current in goals:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(depends_on(current))
    return False
