"""What orders the objects of a Terraform module: references in expressions and ``depends_on`` entries.

Terraform orders a resource, data source, module call or local value after everything its expressions refer
to, and after everything listed in its ``depends_on``. Only a resource's reference to another resource or data
source stands for an explicit entry: ``depends_on`` on a module call waits for the whole module, and on a data
source it also delays the read until apply, so a reference does not make those entries redundant.
"""

from __future__ import annotations

from collections.abc import Iterator

from lark import Token, Tree

from iacfix.fixers.document import Changes
from iacfix.fixers.hcl import expressions
from iacfix.fixers.hcl.document import Block, HclDocument, HclNode, HclResource
from iacfix.fixers.hcl.parser import span
from iacfix.fixers.references import Declared, DependencyGraph, Entry, Reference

# Blocks whose references order the object but do not configure it.
_ORDER_ONLY_BLOCKS = frozenset({"lifecycle"})


class ModuleGraph(DependencyGraph):
    """The objects of one module folder (its files read together) and what orders them."""

    def __init__(self) -> None:
        super().__init__(word="depends_on")
        self.blocks: dict[str, Block] = {}

    def remove(self, changes: Changes, entries: list[Entry]) -> None:
        document = changes.document
        assert isinstance(document, HclDocument)
        for source in dict.fromkeys(entry.source for entry in entries):
            node = document.lookup(self.blocks[source], ["depends_on"])
            if node is not None:
                changes.remove_items(node, [entry.node for entry in entries if entry.source == source])


def object_address(block: Block) -> str | None:
    """How expressions name a block: ``aws_x.y``, ``data.aws_x.y``, ``module.m``; None for the rest."""
    if block.type in ("resource", "data") and len(block.labels) == 2:
        return block.address
    if block.type == "module" and len(block.labels) == 1:
        return f"module.{block.labels[0]}"
    return None


def module_graph(documents: list[HclDocument]) -> ModuleGraph:
    graph = ModuleGraph()
    for document in documents:
        resources = {id(r.block): r for r in document.declared if isinstance(r, HclResource)}
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.declare(Declared(address, address, document, block.start, (block.start, block.open_brace + 1),
                                       resources.get(id(block))))
                graph.blocks.setdefault(address, block)
            elif block.type == "locals":
                for name, attribute in block.attributes.items():
                    graph.declare(Declared(f"local.{name}", f"local.{name}", document, attribute.start,
                                           (attribute.start, attribute.end)))
    for document in documents:
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.entries += _entries(document, address, block)
    # Objects named by an entry count even when declared in a file not at hand, so redundancy is still seen.
    known = set(graph.objects) | {entry.target for entry in graph.entries}
    for document in documents:
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.references += _block_references(address, block, known)
            elif block.type == "locals":
                for name, attribute in block.attributes.items():
                    for traversal in expressions.traversals(attribute.value):
                        target = traversal.object
                        if target in known and not target.startswith("module."):
                            graph.references.append(Reference(f"local.{name}", target, False,
                                                              _where(traversal, name)))
    return graph


def _block_references(address: str, block: Block, known: set[str]) -> Iterator[Reference]:
    configures = block.type == "resource"
    for where, value, order_only in _values(block, ""):
        for traversal in expressions.traversals(value):
            target = traversal.object
            if target in known and not target.startswith("module."):
                implies = configures and not order_only and not target.startswith("local.")
                yield Reference(address, target, implies, _where(traversal, where))


def _values(block: Block, prefix: str, order_only: bool = False) -> Iterator[tuple[str, Tree | Token, bool]]:
    """Every attribute value of a block and its nested blocks, with a dotted name, except ``depends_on``."""
    for name, attribute in block.attributes.items():
        if not (prefix == "" and name == "depends_on"):
            yield prefix + name, attribute.value, order_only
    for nested in block.blocks:
        label = nested.labels[0] if nested.type == "dynamic" and nested.labels else nested.type
        yield from _values(nested, f"{prefix}{label}.", order_only or nested.type in _ORDER_ONLY_BLOCKS)


def _where(traversal: expressions.Traversal, attribute: str) -> str:
    return f"the reference {'.'.join(traversal.names)} in {attribute}"


def _entries(document: HclDocument, address: str, block: Block) -> Iterator[Entry]:
    attribute = block.attributes.get("depends_on")
    for item in (expressions.tuple_items(attribute.value) or []) if attribute is not None else []:
        found = expressions.traversal(item)
        target = found.object if found is not None else None
        if target is not None:
            yield Entry(address, target, HclNode(document, *span(item), expression=item))
