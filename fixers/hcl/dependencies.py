"""What orders the objects of a Terraform module: references in expressions and ``depends_on`` entries.

Terraform orders a resource, data source, module call or local value after everything its expressions refer
to, and after everything listed in its ``depends_on``. Only a resource's reference to another resource or data
source stands for an explicit entry: ``depends_on`` on a module call waits for the whole module, and on a data
source it also delays the read until apply, so a reference does not make those entries redundant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lark import Token, Tree

from iacfix.fixers.hcl.document import Attribute, Block, HclDocument
from iacfix.fixers.hcl.layout import split_cells
from iacfix.fixers.model import Edit
from iacfix.fixers.references import Reference
from iacfix.fixers.text import remove_list_items

_TRAVERSALS = frozenset({"get_attr_expr_term", "index_expr_term", "attr_splat_expr_term", "full_splat_expr_term"})
_NOT_OBJECTS = frozenset({"var", "each", "count", "self", "path", "terraform"})
_INTERPOLATION = re.compile(r"[$%]\{([^}]*)\}")
_TRAVERSAL_TEXT = re.compile(r"\b([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)")
# Blocks whose references order the object but do not configure it.
_ORDER_ONLY_BLOCKS = frozenset({"lifecycle"})


@dataclass(eq=False)
class Entry:
    """One object named in a block's ``depends_on`` list."""

    source: str
    target: str
    path: str
    start: int
    end: int
    block: Block


@dataclass
class ModuleGraph:
    """The objects of one module (address -> file and offset) and what orders them."""

    declared: dict[str, tuple[str, int]] = field(default_factory=dict)
    headers: dict[str, tuple[int, int]] = field(default_factory=dict)  # where findings about an object point
    references: list[Reference] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def object_address(block: Block) -> str | None:
    """How expressions name a block: ``aws_x.y``, ``data.aws_x.y``, ``module.m``; None for the rest."""
    if block.type == "resource" and len(block.labels) == 2:
        return block.address
    if block.type == "data" and len(block.labels) == 2:
        return block.address
    if block.type == "module" and len(block.labels) == 1:
        return f"module.{block.labels[0]}"
    return None


def module_graph(documents: list[HclDocument]) -> ModuleGraph:
    graph = ModuleGraph()
    for document in documents:
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.declared.setdefault(address, (document.path, block.start))
                graph.headers.setdefault(address, (block.start, block.open_brace + 1))
            elif block.type == "locals":
                for name, attribute in block.attributes.items():
                    graph.declared.setdefault(f"local.{name}", (document.path, attribute.start))
                    graph.headers.setdefault(f"local.{name}", (attribute.start, attribute.end))
    for document in documents:
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.entries += _entries(document, address, block)
    # Objects named by an entry count even when declared in a file not at hand, so redundancy is still seen.
    known = set(graph.declared) | {entry.target for entry in graph.entries}
    for document in documents:
        for block in document.blocks:
            address = object_address(block)
            if address is not None:
                graph.references += _block_references(address, block, known)
            elif block.type == "locals":
                for name, attribute in block.attributes.items():
                    for names in _traversals(attribute.value):
                        target = _address_of(names)
                        if target in known and not target.startswith("module."):
                            graph.references.append(Reference(f"local.{name}", target, False, _where(names, name)))
    return graph


def _block_references(address: str, block: Block, known: set[str]) -> Iterator[Reference]:
    configures = block.type == "resource"
    for where, value, order_only in _values(block, ""):
        for names in _traversals(value):
            target = _address_of(names)
            if target in known and not target.startswith("module."):
                implies = configures and not order_only and not target.startswith("local.")
                yield Reference(address, target, implies, _where(names, where))


def _values(block: Block, prefix: str, order_only: bool = False) -> Iterator[tuple[str, Tree | Token, bool]]:
    """Every attribute value of a block and its nested blocks, with a dotted name, except ``depends_on``."""
    for name, attribute in block.attributes.items():
        if not (prefix == "" and name == "depends_on"):
            yield prefix + name, attribute.value, order_only
    for nested in block.blocks:
        label = nested.labels[0] if nested.type == "dynamic" and nested.labels else nested.type
        yield from _values(nested, f"{prefix}{label}.", order_only or nested.type in _ORDER_ONLY_BLOCKS)


def _where(names: list[str], attribute: str) -> str:
    return f"{'.'.join(names)} in {attribute}"


def _address_of(names: list[str]) -> str | None:
    if names[0] == "data":
        return f"data.{names[1]}.{names[2]}" if len(names) >= 3 else None
    if names[0] in _NOT_OBJECTS or len(names) < 2:
        return None
    return f"{names[0]}.{names[1]}"


def _traversals(node: Tree | Token) -> Iterator[list[str]]:
    """The names of every traversal (``a.b.c``, indexes and splats skipped) in an expression."""
    if isinstance(node, Token):
        return
    if node.data.startswith("heredoc_template"):
        for interpolation in _INTERPOLATION.findall("".join(str(child) for child in node.children)):
            for match in _TRAVERSAL_TEXT.findall(interpolation):
                yield match.split(".")
        return
    if node.data in _TRAVERSALS:
        chain = _chain(node)
        if chain is not None:
            names, inner = chain
            yield names
            for expression in inner:
                yield from _traversals(expression)
            return
    for child in node.children:
        if isinstance(child, Tree):
            yield from _traversals(child)


def _chain(node: Tree | Token) -> tuple[list[str], list[Tree | Token]] | None:
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


def _entries(document: HclDocument, address: str, block: Block) -> Iterator[Entry]:
    attribute = block.attributes.get("depends_on")
    for element in _elements(attribute) if attribute is not None else []:
        chain = _chain(element)
        target = _address_of(chain[0]) if chain is not None else None
        if target is not None:
            yield Entry(address, target, document.path, element.meta.start_pos, element.meta.end_pos, block)


def _elements(attribute: Attribute) -> list[Tree]:
    value = attribute.value
    while isinstance(value, Tree) and value.data == "expr_term" and len(value.children) == 1:
        value = value.children[0]
    if not isinstance(value, Tree) or value.data != "tuple":
        return []
    return [child for child in value.children if isinstance(child, Tree) and child.data == "expr_term"]


def remove_entries(document: HclDocument, removed: list[Entry]) -> Edit:
    """Remove entries of one block's ``depends_on``: the attribute and its line go when nothing is left."""
    block = removed[0].block
    attribute = block.attributes["depends_on"]
    starts = {entry.start for entry in removed}
    elements = _elements(attribute)
    keep = [element.meta.start_pos not in starts for element in elements]
    if not any(keep):
        return document.edit_within(block, _remove_attribute(document, block, attribute))
    spans = [(element.meta.start_pos, element.meta.end_pos) for element in elements]
    return document.edit_within(block, remove_list_items(spans, keep))


def _remove_attribute(document: HclDocument, block: Block, attribute: Attribute) -> list[Edit]:
    """Remove an attribute's lines with the comment lines right above it (they describe it) and a blank line
    the removal would leave dangling; the code lines around are touched so that ``edit_within`` realigns the
    ``=`` chains the removal joins or shortens."""
    lines = document.lines
    text = document.text
    start = lines.line_start(attribute.start)
    end = lines.line_end(attribute.end - 1)
    closing_line = lines.line_start(block.close_brace)
    if start <= block.open_brace or end > closing_line:  # a block written on one line
        alone = not text[block.open_brace + 1 : attribute.start].strip() and not text[attribute.end : block.close_brace].strip()
        return [Edit(block.open_brace + 1, block.close_brace, "") if alone else Edit(attribute.start, attribute.end, "")]

    def line_above(offset: int) -> str | None:
        above = lines.line_start(offset - 1)
        return text[above:offset].strip() if above > block.open_brace else None

    while (above := line_above(start)) and _is_comment(above):
        start = lines.line_start(start - 1)
    blank_above = line_above(start) == ""
    blank_below = end < closing_line and not text[end : lines.line_end(end)].strip()
    if blank_above and (blank_below or end == closing_line):
        start = lines.line_start(start - 1)
    elif blank_below and line_above(start) is None:
        end = lines.line_end(end)
    edits = [Edit(start, end, "")]
    if line_above(start) and split_cells(text[lines.line_start(start - 1) : start].rstrip("\r\n")).eq is not None:
        above = lines.line_start(start - 1)
        edits.insert(0, Edit(above, start - 1, text[above : start - 1]))
    below = text[end : lines.line_end(end)].rstrip("\r\n")
    if end < closing_line and split_cells(below).eq is not None:
        edits.append(Edit(end, end + len(below), below))
    return edits


def _is_comment(line: str) -> bool:
    return line.startswith(("#", "//"))
