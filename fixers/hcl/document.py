"""A Terraform file as python-hcl2's Lark tree, with questions about its blocks and edits on their spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from iacfix.fixers.document import Document, ParseFailure
from iacfix.fixers.hcl.layout import align, split_cells
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.text import apply_edits, newline_of

# Attributes that conventionally close a block's attribute list: new attributes go before them.
TRAILING_ATTRIBUTES = frozenset({"tags", "tags_all", "depends_on"})
_HEREDOC_OPEN = re.compile(r"<<-?([A-Za-z][A-Za-z0-9._-]*)\s*$")


@dataclass
class Attribute:
    name: str
    start: int
    end: int
    value: Tree | Token
    value_start: int
    value_end: int
    text: str  # the value's source text

    @property
    def literal(self) -> str | None:
        """The value when it is a plain quoted string or a bare number/bool, else None."""
        return literal_value(self.value)


@dataclass
class Block:
    type: str
    labels: list[str]
    start: int
    end: int  # just past the closing brace
    open_brace: int
    close_brace: int
    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    body_order: list[Attribute | Block] = field(default_factory=list)

    @property
    def address(self) -> str:
        """``aws_lambda_function.api`` for resources, ``data.x.y`` for data sources, labels joined otherwise."""
        if self.type == "resource":
            return ".".join(self.labels)
        if self.type == "data":
            return "data." + ".".join(self.labels)
        return ".".join([self.type, *self.labels])

    def nested(self, block_type: str) -> list[Block]:
        return [block for block in self.blocks if block.type == block_type]


def literal_value(node: Tree | Token) -> str | None:
    """Plain literal text of a string/number/bool expression; None when it has interpolation or code."""
    while isinstance(node, Tree) and node.data == "expr_term" and len(node.children) == 1:
        node = node.children[0]
    if isinstance(node, Tree) and node.data == "string":
        parts = [child for child in node.children if isinstance(child, Tree)]
        if all(part.data == "string_part" and isinstance(part.children[0], Token) and part.children[0].type == "STRING_CHARS" for part in parts):
            return "".join(str(part.children[0]) for part in parts)
        return None
    if isinstance(node, Tree) and node.data in ("int_lit", "float_lit"):
        return "".join(str(token) for token in node.scan_values(lambda _: True))
    if isinstance(node, Tree) and node.data in ("identifier", "literal_value") and str(node.children[0]) in (
        "true", "false", "null"
    ):
        return str(node.children[0])
    return None


def _span(node: Tree | Token) -> tuple[int, int]:
    if isinstance(node, Token):
        return node.start_pos, node.end_pos  # type: ignore[return-value]
    return node.meta.start_pos, node.meta.end_pos


class HclDocument(Document):
    language = Language.TERRAFORM

    def __init__(self, path: str, text: str, tree: Tree) -> None:
        super().__init__(path, text)
        self.tree = tree

    # ------------------------------------------------------------------------------- questions
    @cached_property
    def blocks(self) -> list[Block]:
        body = self.tree.children[0] if self.tree.children else None
        if not isinstance(body, Tree):
            return []
        return [self._block(child) for child in body.children if isinstance(child, Tree) and child.data == "block"]

    def resources(self, resource_type: str | None = None) -> Iterator[Block]:
        for block in self.blocks:
            if block.type == "resource" and len(block.labels) == 2 and resource_type in (None, block.labels[0]):
                yield block

    def data_sources(self, data_type: str) -> Iterator[Block]:
        for block in self.blocks:
            if block.type == "data" and block.labels[:1] == [data_type]:
                yield block

    def _block(self, node: Tree) -> Block:
        children = node.children
        labels: list[str] = []
        block_type = str(children[0].children[0])
        open_brace = close_brace = 0
        body: Tree | None = None
        for child in children[1:]:
            if isinstance(child, Token) and child.type == "LBRACE":
                open_brace = child.start_pos  # type: ignore[assignment]
            elif isinstance(child, Token) and child.type == "RBRACE":
                close_brace = child.start_pos  # type: ignore[assignment]
            elif isinstance(child, Tree) and child.data == "body":
                body = child
            elif isinstance(child, Tree):
                labels.append(literal_value(child) or self.text[slice(*_span(child))])
        block = Block(block_type, labels, node.meta.start_pos, node.meta.end_pos, open_brace, close_brace)
        for child in body.children if body is not None else ():
            if not isinstance(child, Tree):
                continue
            if child.data == "attribute":
                name = str(child.children[0].children[0])
                value = child.children[-1]
                value_start, value_end = _span(value)
                attribute = Attribute(
                    name, child.meta.start_pos, child.meta.end_pos, value, value_start, value_end,
                    self.text[value_start:value_end],
                )
                block.attributes[name] = attribute
                block.body_order.append(attribute)
            elif child.data == "block":
                nested = self._block(child)
                block.blocks.append(nested)
                block.body_order.append(nested)
        return block

    # ----------------------------------------------------------------------------------- edits
    def insert_attribute(self, block: Block, name: str, value: str) -> Edit:
        """Add ``name = value`` after the block's leading attributes, aligned as terraform fmt aligns it."""
        nl = newline_of(self.text)
        anchor: Attribute | None = None
        for item in block.body_order:
            if isinstance(item, Block) or item.name in TRAILING_ATTRIBUTES:
                break
            anchor = item
        if anchor is None and block.body_order:
            first = block.body_order[0]
            indent = self.lines.indentation(first.start)
            at = self.lines.line_start(first.start)
            return self.edit_within(block, [Edit(at, at, f"{indent}{name} = {value}{nl}{nl}")])
        if anchor is not None:
            indent = self.lines.indentation(anchor.start)
            at = self.lines.line_end(anchor.end - 1)
            return self.edit_within(block, [Edit(at, at, f"{indent}{name} = {value}{nl}")])
        indent = self.lines.indentation(block.start) + "  "
        inner = self.text[block.open_brace + 1 : block.close_brace]
        if inner.strip() == "" and "\n" not in inner:
            closing_indent = self.lines.indentation(block.start)
            edit = Edit(block.open_brace + 1, block.close_brace, f"{nl}{indent}{name} = {value}{nl}{closing_indent}")
            return self.edit_within(block, [edit])
        at = self.lines.line_end(block.open_brace)
        return self.edit_within(block, [Edit(at, at, f"{indent}{name} = {value}{nl}")])

    def replace_value(self, block: Block, attribute: Attribute, value: str) -> Edit:
        return self.edit_within(block, [Edit(attribute.value_start, attribute.value_end, value)])

    def insert_after_block(self, block: Block, snippet: str) -> Edit:
        """Insert a new top-level block (given without trailing newline) after ``block``, one blank line apart."""
        nl = newline_of(self.text)
        lines = [line.rstrip() for line in snippet.strip("\n").split("\n")]
        formatted = nl.join(align(lines, set(range(len(lines)))))
        return Edit(block.end, block.end, f"{nl}{nl}{formatted}")

    def edit_within(self, block: Block, edits: list[Edit]) -> Edit:
        """Combine edits inside a block into one edit, realigning the ``=`` and comment chains they touch."""
        nl = newline_of(self.text)
        region_start = self.lines.line_start(block.start)
        region_end = self.lines.line_end(block.end - 1)
        old = self.text[region_start:region_end]
        relative = [Edit(e.start - region_start, e.end - region_start, e.text) for e in edits]
        new = apply_edits(old, relative)
        touched: set[int] = set()
        shift = 0
        for edit in sorted(relative):
            start = edit.start + shift
            end = start + len(edit.text)
            first = new.count(nl, 0, start)
            last = new.count(nl, 0, max(start, end - 1)) if edit.text else first
            touched.update(range(first, last + 1))
            shift += len(edit.text) - (edit.end - edit.start)
        lines = new.split(nl)
        opaque, heredocs = _opaque_lines(lines)
        aligned = nl.join(align(lines, touched, opaque, heredocs))
        return _minimal_edit(old, aligned, region_start)


def _opaque_lines(lines: list[str]) -> tuple[set[int], set[int]]:
    """Lines inside heredocs and block comments, which formatting never touches; and the heredoc ones."""
    opaque: set[int] = set()
    heredocs: set[int] = set()
    closing: str | None = None
    in_comment = False
    for index, line in enumerate(lines):
        if closing is not None:
            opaque.add(index)
            heredocs.add(index)
            if line.strip() == closing:
                closing = None
            continue
        if in_comment:
            opaque.add(index)
            in_comment = "*/" not in line
            continue
        cells = split_cells(line)
        if cells.opens_block_comment:
            in_comment = True
        match = _HEREDOC_OPEN.search(cells.code)
        if match:
            closing = match.group(1)
    return opaque, heredocs


def _minimal_edit(old: str, new: str, offset: int) -> Edit:
    """One edit replacing just the lines that differ, so fixes touching neighbouring lines are seen to conflict."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    prefix = 0
    while prefix < min(len(old_lines), len(new_lines)) and old_lines[prefix] == new_lines[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old_lines), len(new_lines)) - prefix
        and old_lines[len(old_lines) - 1 - suffix] == new_lines[len(new_lines) - 1 - suffix]
    ):
        suffix += 1
    start = offset + sum(len(line) for line in old_lines[:prefix])
    end = offset + len(old) - sum(len(line) for line in old_lines[len(old_lines) - suffix :])
    return Edit(start, end, "".join(new_lines[prefix : len(new_lines) - suffix]))


def parse(path: str, text: str) -> HclDocument:
    from hcl2.api import parses_to_tree

    from iacfix.fixers.hcl.errors import describe

    try:
        tree = parses_to_tree(text)
    except UnexpectedInput as error:
        line, column = error.line, error.column
        if not isinstance(line, int) or line < 1:
            line, column = text.count("\n") + 1, 1
        raise ParseFailure(f"HCL syntax error: {describe(error)}", line, column) from None
    except LarkError as error:
        raise ParseFailure(f"HCL syntax error: {error}") from None
    return HclDocument(path, text, tree)
