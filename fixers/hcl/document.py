"""A Terraform file as python-hcl2's Lark tree, speaking the resource vocabulary of :mod:`iacfix.fixers.document`.

Blocks and attributes keep their source spans; edits are made on those spans, and every block an edit touches
is realigned as ``terraform fmt`` aligns it, so a formatted file stays formatted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from iacfix.fixers.document import Document, Input, Node, ParseFailure, Reference, Resource, Unit
from iacfix.fixers.hcl import expressions
from iacfix.fixers.hcl.layout import align, split_cells
from iacfix.fixers.hcl.parser import span
from iacfix.fixers.kinds import Kind, Setting
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.names import UNKNOWN, Name, Symbol
from iacfix.fixers.text import apply_edits, newline_of

if TYPE_CHECKING:
    from iacfix.fixers.hcl.changes import HclChanges

# Attributes that conventionally close a block's attribute list: new attributes go before them.
TRAILING_ATTRIBUTES = frozenset({"tags", "tags_all", "depends_on"})
# Nested blocks that conventionally close a block: new blocks go before them.
TRAILING_BLOCKS = frozenset({"lifecycle"})
REPETITION = ("count", "for_each")
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
        """The value as text when it is a plain string, number or boolean, else None."""
        return expressions.literal_text(self.value)


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
    duplicates: list[Attribute] = field(default_factory=list)  # attributes set a second time

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

    def dynamic(self, name: str) -> Block | None:
        return next((b for b in self.blocks if b.type == "dynamic" and b.labels[:1] == [name]), None)


def literal_value(node: Tree | Token) -> str | None:
    """Plain literal text of a string/number/bool expression; None when it has interpolation or code."""
    return expressions.literal_text(node)


class HclNode(Node):
    """A value in a Terraform file: an attribute's expression, a nested block, or an object element."""

    def __init__(
        self, document: HclDocument, start: int, end: int, *, expression: Tree | Token | None = None,
        block: Block | None = None, parent: Block | None = None, attribute: Attribute | None = None,
        dynamic: bool = False,
    ) -> None:
        self.document = document
        self.start, self.end = start, end
        self.expression = expression
        self.block = block
        self.parent = parent  # the block holding this attribute or nested block
        self.attribute = attribute
        self.dynamic = dynamic  # a ``dynamic`` block: present, its content computed

    @property
    def literal(self) -> Any:
        return expressions.literal(self.expression) if self.expression is not None else None

    def get(self, path: str) -> HclNode | None:
        if self.block is not None and not self.dynamic:
            return self.document.lookup(self.block, path.split("."))
        if self.expression is not None:
            return self.document.lookup_in_object(self.expression, path.split("."))
        return None

    def items(self) -> list[Node] | None:
        items = expressions.tuple_items(self.expression) if self.expression is not None else None
        if items is None:
            return None
        found: list[Node] = []
        for item in items:
            node = HclNode(self.document, *span(item), expression=item)
            node.within = self
            found.append(node)
        return found

    def keys(self) -> list[str]:
        if self.block is not None:
            return [item.name if isinstance(item, Attribute) else item.type for item in self.block.body_order]
        elements = expressions.object_elements(self.expression) if self.expression is not None else None
        return list(elements or ())

    def is_mapping(self) -> bool:
        return self.expression is not None and expressions.object_elements(self.expression) is not None

    def reference(self) -> Reference | None:
        found = expressions.traversal(self.expression) if self.expression is not None else None
        return _reference(found) if found is not None else None

    def name_value(self, unit: Unit) -> Name:
        if self.expression is None:
            return UNKNOWN
        return expressions.name_of(self.expression, lambda traversal: _read_name(traversal, unit))

    def entries(self) -> list[tuple[str, Node]]:
        elements = expressions.object_elements(self.expression) if self.expression is not None else None
        return [(key, HclNode(self.document, *span(value), expression=value))
                for key, (_, value) in (elements or {}).items()]

    def decoded(self) -> Node | None:
        from iacfix.fixers.hcl.encoded import decoded

        return decoded(self)

    def file_read(self) -> tuple[str, Node | None] | None:
        from iacfix.fixers.hcl.encoded import file_read

        return file_read(self)

    def mentions(self, text: str) -> bool:
        if not isinstance(self.expression, Tree):
            return False
        strings = self.expression.find_data("string")
        return any(expressions.string_text(node) == text for node in strings)

    def input(self, unit: Unit) -> Input | None:
        found = expressions.traversal(self.expression) if self.expression is not None else None
        if found is None or len(found.names) != 2 or found.names[0] != "var" or found.indexed:
            return None
        for document in unit.documents:
            for block in document.blocks if isinstance(document, HclDocument) else ():
                if block.type == "variable" and block.labels == [found.names[1]]:
                    default = document.lookup(block, ["default"])
                    return Input(f"var.{found.names[1]}", default)
        return Input(f"var.{found.names[1]}", None)

    def references(self) -> list[Reference]:
        roots = [self.expression] if self.expression is not None else [
            attribute.value for attribute in _attributes(self.block)] if self.block is not None else []
        found: list[Reference] = []
        for root in roots:
            for traversal in expressions.traversals(root):
                reference = _reference(traversal)
                if reference is not None and reference not in found:
                    found.append(reference)
        return found


def _read_name(traversal: expressions.Traversal, unit: Unit) -> Name | None:
    """What a traversal inside a name reads: a local's value, another resource's real name, or an unknown."""
    names = traversal.names
    if names in (("count", "index"), ("each", "key"), ("each", "value")):
        return Name.of(Symbol(".".join(names)))  # the same in a resource and in what is added for it
    if names[0] in ("count", "each"):
        return UNKNOWN
    if names[0] == "local" and len(names) == 2:
        for document in unit.documents:
            if not isinstance(document, HclDocument):
                continue
            for block in document.blocks:
                attribute = block.attributes.get(names[1]) if block.type == "locals" else None
                if attribute is not None:
                    node = HclNode(document, attribute.value_start, attribute.value_end, expression=attribute.value)
                    value = unit.evaluate(f"local.{names[1]}", lambda node=node: node.name_value(unit))
                    return value if value.known else Name.of(Symbol(f"local.{names[1]}"))
        return None
    found = traversal.object
    return unit.name_read(found, traversal.attribute) if found is not None else None


def _attributes(block: Block) -> Iterator[Attribute]:
    yield from block.attributes.values()
    for nested in block.blocks:
        yield from _attributes(nested)


def _reference(traversal: expressions.Traversal) -> Reference | None:
    name = traversal.object
    if name is None:
        return None
    return Reference(name, traversal.attribute, traversal.indexed)


class HclResource(Resource):
    """A ``resource`` block (or a ``data`` block: ``type`` starts with ``data.`` then)."""

    def __init__(self, document: HclDocument, block: Block) -> None:
        self.document = document
        self.block = block
        self.type = block.labels[0] if block.type == "resource" else "data." + block.labels[0]
        self.name = block.address
        self.subject = block.address
        self.start, self.end = block.start, block.end
        self.header = (block.start, block.open_brace + 1)

    @property
    def label(self) -> str:
        return self.block.labels[1]

    @property
    def repeated(self) -> bool:
        return any(name in self.block.attributes for name in REPETITION)

    @property
    def repetition(self) -> Attribute | None:
        return next((self.block.attributes[name] for name in REPETITION if name in self.block.attributes), None)

    def _lookup(self, path: str) -> HclNode | None:
        return self.document.lookup(self.block, path.split("."))

    def each(self, setting: Setting | str) -> list[Node] | None:
        """Repeated nested blocks (``global_secondary_index { }`` twice) one node each; lists as elsewhere."""
        path = self.path_of(setting)
        if not path:
            return []
        *outer, name = path.split(".")
        node = self.document.lookup(self.block, outer) if outer else None
        if outer and (node is None or node.block is None):
            return super().each(setting)
        if node is not None and node.dynamic:
            return None
        holder = node.block if node is not None and node.block is not None else self.block
        if holder.dynamic(name) is not None:
            return None
        nested = holder.nested(name)
        if nested:
            return [HclNode(self.document, b.start, b.end, block=b, parent=holder) for b in nested]
        return super().each(setting)

    def keys(self) -> list[str]:
        return [item.name if isinstance(item, Attribute) else item.type for item in self.block.body_order]

    def references(self) -> list[Reference]:
        found: list[Reference] = []
        for name, attribute in self.block.attributes.items():
            if name != "depends_on":
                node = HclNode(self.document, attribute.value_start, attribute.value_end, expression=attribute.value)
                found += [reference for reference in node.references() if reference not in found]
        for nested in self.block.blocks:
            node = HclNode(self.document, nested.start, nested.end, block=nested)
            found += [reference for reference in node.references() if reference not in found]
        return found


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

    @cached_property
    def declared(self) -> list[Resource]:  # type: ignore[override]
        return [HclResource(self, block) for block in self.blocks
                if block.type in ("resource", "data") and len(block.labels) == 2]

    def resources(self, kind: Kind | str | None = None) -> list[HclResource]:  # type: ignore[override]
        """Resources of a kind (or of one Terraform type), data sources excluded."""
        types = (kind,) if isinstance(kind, str) else kind.types(self.language) if kind is not None else None
        return [resource for resource in self.declared  # type: ignore[misc]
                if resource.block.type == "resource" and (types is None or resource.type in types)]

    def providers(self, name: str) -> list[HclResource]:  # type: ignore[override]
        views = []
        for block in self.blocks:
            if block.type == "provider" and block.labels == [name]:
                view = HclResource(self, block)
                view.type = view.name = view.subject = f"provider.{name}"
                views.append(view)
        return views

    def data_sources(self, data_type: str) -> Iterator[Block]:
        for block in self.blocks:
            if block.type == "data" and block.labels[:1] == [data_type]:
                yield block

    def lookup(self, block: Block, segments: list[str]) -> HclNode | None:
        """A setting by path from a block: nested blocks, attributes, then keys of the object they hold."""
        head, rest = segments[0], segments[1:]
        nested = block.nested(head)
        if nested:
            node = HclNode(self, nested[0].start, nested[0].end, block=nested[0], parent=block)
            return node if not rest else self.lookup(nested[0], rest)
        dynamic = block.dynamic(head)
        if dynamic is not None:
            return HclNode(self, dynamic.start, dynamic.end, block=dynamic, parent=block, dynamic=True)
        attribute = block.attributes.get(head)
        if attribute is None:
            return None
        node = HclNode(self, attribute.value_start, attribute.value_end, expression=attribute.value, parent=block,
                       attribute=attribute)
        node.key_span = (attribute.start, attribute.start + len(attribute.name))
        return node if not rest else self.lookup_in_object(attribute.value, rest)

    def lookup_in_object(self, expression: Tree | Token, segments: list[str]) -> HclNode | None:
        """A key of an object expression by path; ``jsonencode({...})`` reads as the object it encodes."""
        call = expressions.function_call(expression)
        if call is not None and call[0] == "jsonencode" and len(call[1]) == 1:
            expression = call[1][0]
        elements = expressions.object_elements(expression)
        if elements is None or segments[0] not in elements:
            return None
        element, value = elements[segments[0]]
        node = HclNode(self, *span(value), expression=value)
        node.key_span = span(element.children[0])
        return node if len(segments) == 1 else self.lookup_in_object(value, segments[1:])

    def changes(self, unit: Unit | None = None) -> HclChanges:
        from iacfix.fixers.hcl.changes import HclChanges

        return HclChanges(self, unit)

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
                labels.append(expressions.literal_text(child) or self.text[slice(*span(child))])
        block = Block(block_type, labels, *span(node), open_brace, close_brace)
        for child in body.children if body is not None else ():
            if not isinstance(child, Tree):
                continue
            if child.data == "attribute":
                name = str(child.children[0].children[0])
                value = child.children[-1]
                value_start, value_end = span(value)
                attribute = Attribute(
                    name, *span(child), value, value_start, value_end,
                    self.text[value_start:value_end],
                )
                if name in block.attributes:
                    block.duplicates.append(attribute)
                    continue
                block.attributes[name] = attribute
                block.body_order.append(attribute)
            elif child.data == "block":
                nested = self._block(child)
                block.blocks.append(nested)
                block.body_order.append(nested)
        return block

    # ---------------------------------------------------------------------------------- layout
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
        opaque, heredocs = opaque_lines(lines)
        aligned = nl.join(align(lines, touched, opaque, heredocs))
        return minimal_edit(old, aligned, region_start)

    def block_at(self, offset: int) -> Block | None:
        """The top-level block whose lines hold ``offset``."""
        for block in self.blocks:
            if self.lines.line_start(block.start) <= offset < self.lines.line_end(block.end - 1):
                return block
        return None


def opaque_lines(lines: list[str]) -> tuple[set[int], set[int]]:
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


def minimal_edit(old: str, new: str, offset: int) -> Edit:
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
    from iacfix.fixers.hcl.errors import describe
    from iacfix.fixers.hcl.parser import parse_tree

    try:
        tree = parse_tree(text)
    except UnexpectedInput as error:
        line, column = error.line, error.column
        if not isinstance(line, int) or line < 1:
            line, column = text.count("\n") + 1, 1
        raise ParseFailure(f"HCL syntax error: {describe(error)}", line, column) from None
    except LarkError as error:
        raise ParseFailure(f"HCL syntax error: {error}") from None
    document = HclDocument(path, text, tree)
    _refuse_duplicates(document, document.blocks)
    return document


def _refuse_duplicates(document: HclDocument, blocks: list[Block]) -> None:
    """Terraform rejects an attribute set twice in a block ("Attribute redefined"); so does iacfix, before a fix
    could go into the shadowed first copy."""
    for block in blocks:
        if block.duplicates:
            again = block.duplicates[0]
            first = block.attributes[again.name]
            position = document.lines.position(again.start)
            raise ParseFailure(f"attribute {again.name!r} is set twice in {block.address} (first at line "
                               f"{document.lines.position(first.start).line})", position.line, position.column)
        _refuse_duplicates(document, block.blocks)
