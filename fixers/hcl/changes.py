"""The edit verbs for Terraform: settings, nested blocks and resources written as an author lays them out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from iacfix.fixers.document import CannotFix, Changes, Node, Resource, Unit, snake
from iacfix.fixers.hcl import expressions
from iacfix.fixers.hcl.document import (
    TRAILING_ATTRIBUTES,
    TRAILING_BLOCKS,
    Attribute,
    Block,
    HclDocument,
    HclNode,
    HclResource,
)
from iacfix.fixers.hcl.layout import align, split_cells
from iacfix.fixers.hcl.parser import span
from iacfix.fixers.hcl.render import META_ARGUMENTS, UNIT, Renderer, is_block
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Edit
from iacfix.fixers.text import apply_edits, newline_of, remove_list_items
from iacfix.fixers.values import Block as BlockValue
from iacfix.fixers.values import NewResource, Value

_Container = Block | HclNode  # a block's body, or an object expression
WIDTH = 100  # a line an added value would make longer than this is not lengthened: the value opens on it


class HclChanges(Changes):
    document: HclDocument

    def __init__(self, document: HclDocument, unit: Unit | None = None) -> None:
        super().__init__(document, unit)
        self.nl = newline_of(document.text)

    # ------------------------------------------------------------------------------ settings
    def _descend(self, resource: Resource, path: list[str]) -> tuple[Any, list[str], Node | None]:
        assert isinstance(resource, HclResource)
        block: Block = resource.block
        node: HclNode | None = None
        for index, segment in enumerate(path):
            nested = block.nested(segment)
            if nested:
                if len(nested) > 1:
                    raise CannotFix(f"{resource.subject} has several {segment} blocks")
                block = nested[0]
                node = HclNode(self.document, block.start, block.end, block=block, parent=block)
                continue
            if block.dynamic(segment) is not None:
                raise CannotFix(f"{resource.subject} writes {segment} with a dynamic block")
            attribute = block.attributes.get(segment)
            if attribute is None:
                return block, path[index:], None
            node = self.document.lookup(block, [segment])
            rest = path[index + 1 :]
            return self._descend_object(resource, node, rest) if rest else (block, [], node)  # type: ignore[arg-type]
        return block, [], node

    def _descend_object(self, resource: Resource, node: HclNode, path: list[str]) -> tuple[Any, list[str], Node | None]:
        for index, segment in enumerate(path):
            elements = expressions.object_elements(node.expression)  # type: ignore[arg-type]
            if elements is None:
                raise CannotFix(f"{resource.subject} sets {node.text[:40]} by an expression")
            if segment not in elements:
                return node, path[index:], None
            _, value = elements[segment]
            node = HclNode(self.document, *span(value), expression=value)
        return node, [], node

    def _insert(self, container: _Container, settings: dict[str, Any]) -> list[Edit]:
        if isinstance(container, HclNode):
            return [self._insert_into_object(container, settings)]
        attributes = {key: value for key, value in settings.items() if not is_block(value)}
        blocks = {key: value for key, value in settings.items() if is_block(value)}
        indent = self._body_indent(container)
        renderer = self._renderer_for(container)
        edits: list[Edit] = []
        if not container.body_order and self.document.text[container.open_brace + 1 : container.close_brace].strip() == "":
            lines = renderer.body(settings, indent)
            closing = self.document.lines.indentation(container.start)
            return [Edit(container.open_brace + 1, container.close_brace, self.nl + self.nl.join(lines) + self.nl + closing)]
        if attributes:
            edits.append(self._insert_attributes(container, renderer.body(attributes, indent), indent))
        if blocks:
            edits.append(self._insert_blocks(container, renderer.body(blocks, indent)))
        return edits

    def _body_indent(self, block: Block) -> str:
        first = block.body_order[0] if block.body_order else None
        if first is not None and self.document.lines.line_start(first.start) > block.open_brace:
            return self.document.lines.indentation(first.start)
        return self.document.lines.indentation(block.start) + UNIT

    def _insert_attributes(self, block: Block, lines: list[str], indent: str) -> Edit:
        """After the block's leading attributes (before nested blocks, tags and depends_on)."""
        text = self.nl.join(lines) + self.nl
        anchor: Attribute | None = None
        for item in block.body_order:
            if isinstance(item, Block) or item.name in TRAILING_ATTRIBUTES:
                break
            anchor = item
        if anchor is not None:
            at = self.document.lines.line_end(anchor.end - 1)
            return Edit(at, at, text)
        first = block.body_order[0]
        at = self.document.lines.line_start(first.start)
        if at <= block.open_brace:
            raise CannotFix(f"{block.address} is written on one line")
        return Edit(at, at, text + self.nl)

    def _insert_blocks(self, block: Block, lines: list[str]) -> Edit:
        """After the body's last item, but before trailing tags, depends_on and lifecycle; one blank line apart."""
        items = list(block.body_order)
        last = None
        for item in items:
            trailing = item.type in TRAILING_BLOCKS if isinstance(item, Block) else item.name in TRAILING_ATTRIBUTES
            if trailing:
                break
            last = item
        if last is None:
            at = self.document.lines.line_end(block.open_brace)
            return Edit(at, at, self.nl.join(lines) + self.nl + self.nl)
        at = self.document.lines.line_end(last.end - 1)
        if at <= block.open_brace or at > self.document.lines.line_start(block.close_brace):
            raise CannotFix(f"{block.address} is written on one line")
        return Edit(at, at, self.nl + self.nl.join(lines) + self.nl)

    def _insert_into_object(self, node: HclNode, settings: dict[str, Any]) -> Edit:
        tree = expressions.unwrap(node.expression)  # type: ignore[arg-type]
        close = node.end - 1
        text = self.document.text
        renderer = self._renderer_for(node)
        elements = [child for child in tree.children if isinstance(child, type(tree)) and child.data == "object_elem"]
        if elements and "\n" in text[node.start : node.end]:
            indent = self.document.lines.indentation(span(elements[0])[0])
            lines = [f"{indent}{_key(k)} = {renderer.expression(v, indent)}" for k, v in settings.items()]
            at = self.document.lines.line_end(span(elements[-1])[1] - 1)
            return Edit(at, at, self.nl.join(lines) + self.nl)
        if elements:
            body = ", ".join(f"{_key(k)} = {renderer.expression(v)}" for k, v in settings.items())
            end = span(elements[-1])[1]
            return Edit(end, end, ", " + body)
        indent = self.document.lines.indentation(node.start)
        lines = [f"{indent}{UNIT}{_key(k)} = {renderer.expression(v, indent + UNIT)}" for k, v in settings.items()]
        return Edit(node.start + 1, close, self.nl + self.nl.join(lines) + self.nl + indent)

    def _mapping(self, node: Node) -> Any:
        if not isinstance(node, HclNode) or node.expression is None or \
                expressions.object_elements(node.expression) is None:
            return super()._mapping(node)
        return node

    def _render_in_place(self, node: Node, value: Value) -> str:
        assert isinstance(node, HclNode)
        rendered = self._renderer_for(node).expression(value, self.document.lines.indentation(node.start))
        return rendered.replace("\n", self.nl) if self.nl != "\n" else rendered

    def _renderer_for(self, where: Block | HclNode) -> Renderer:
        """References from inside a counted resource to itself (or its companions) read the same instance."""
        owner = self.document.block_at(where.start)
        resource = next((r for r in self.document.declared if isinstance(r, HclResource) and r.block is owner), None)
        return Renderer(resource, _index(resource)) if resource is not None and resource.repeated else Renderer()

    # -------------------------------------------------------------------------------- removal
    def _removal(self, resource: Resource | None, node: Node) -> list[Edit]:
        assert isinstance(node, HclNode)
        if node.attribute is not None and node.parent is not None:
            return remove_attribute(self.document, node.parent, node.attribute.start, node.attribute.end)
        if node.block is not None and node.parent is not None:
            return remove_attribute(self.document, node.parent, node.block.start, node.block.end)
        raise CannotFix("only attributes and nested blocks can be removed")

    def _render_key(self, old: str, key: str) -> str:
        return expressions.quoted(key) if old.startswith('"') or not expressions.is_identifier(key) else key
    def _remove_items(self, node: Node, keep: list[bool]) -> list[Edit]:
        """The items and their separators; the block is realigned with the other edits (``_finish``)."""
        items = node.items() or []
        return remove_list_items([(item.start, item.end) for item in items], keep)

    # ---------------------------------------------------------------------------------- lists
    def _append_item(self, node: Node, value: Value) -> Edit:
        assert isinstance(node, HclNode)
        items = node.items()
        if items is None:
            raise CannotFix(f"{node.text[:40]} is not written as a list")
        text, lines = self.document.text, self.document.lines
        renderer = self._renderer_like(node, items)
        if not items:
            return Edit(node.start + 1, node.end - 1, renderer.expression(value, lines.indentation(node.start)))
        last = items[-1]
        if "\n" not in text[node.start : node.end]:
            return Edit(last.end, last.end, f", {self._on_line(node, value, renderer)}")
        if lines.line_start(items[0].start) <= node.start:  # [{ ... }]: the items hug the brackets
            return self._after_hugged(last, value, renderer)
        indent = lines.indentation(last.start)
        rendered = renderer.expression(value, indent)
        comma_at = text.find(",", last.end, node.end)
        after = comma_at + 1 if comma_at != -1 and not text[last.end : comma_at].strip() else last.end
        trailing = "," if after != last.end else ""
        prefix = "" if trailing else ","
        return Edit(after, after, f"{prefix}{self.nl}{indent}{rendered}{trailing}")

    def _after_hugged(self, last: Node, value: Value, renderer: Renderer) -> Edit:
        """``}, {`` after a value written over several lines, as ``terraform fmt`` indents it: the line that closes
        one item and opens the next sits one level in, the new item's closing brace where the old one was."""
        lines = self.document.lines
        closing = lines.line_start(last.end - 1)
        outer = lines.indentation(last.end - 1)
        written = self.document.text[closing + len(outer) : last.end]
        return Edit(closing, last.end, f"{outer}{UNIT}{written}, {renderer.expression(value, outer)}")

    def _wrap(self, node: Node, value: Value) -> list[Edit]:
        assert isinstance(node, HclNode)
        renderer = self._renderer_like(node, [node])
        if "\n" not in node.text:
            return [Edit(node.start, node.start, "["), Edit(node.end, node.end, f", {self._on_line(node, value, renderer)}]")]
        closing = self._after_hugged(node, value, renderer)
        return [Edit(node.start, node.start, "["), Edit(closing.start, closing.end, closing.text + "]")]

    def _on_line(self, node: Node, value: Value, renderer: Renderer) -> str:
        """A value added on the line of a one-line list: inline, or opened there (``[{...}, {``) when the line would
        grow past 100 columns."""
        inline = renderer.inline(value)
        line = self.document.lines.line_text(self.document.lines.position(node.end).line).rstrip()
        if len(line) + len(inline) + 2 <= WIDTH or not isinstance(value, dict):
            return inline
        return renderer.expression(value, self.document.lines.indentation(node.end))

    def _renderer_like(self, where: HclNode, neighbours: list[Node]) -> Renderer:
        """The renderer for values beside ``neighbours``: objects keyed as the first object among them is."""
        renderer = self._renderer_for(where)
        for neighbour in neighbours:
            tree = expressions.unwrap(neighbour.expression) if isinstance(neighbour, HclNode) and \
                neighbour.expression is not None else None
            elements = [child for child in tree.children if isinstance(child, type(tree)) and
                        child.data == "object_elem"] if tree is not None and getattr(tree, "data", "") == "object" \
                else []
            if elements:
                text = self.document.text
                key = text[slice(*span(elements[0].children[0]))]
                separator = elements[0].children[1]
                renderer.quoted_keys = key.startswith('"')
                renderer.colon = getattr(separator, "type", "") == "COLON"
                between = text[span(elements[0])[1] : span(elements[1])[0]] if len(elements) > 1 else ""
                renderer.commas = "," in between
                break
        return renderer

    def _interpolation(self, node: Node) -> Callable[[Any], str] | None:
        renderer = self._renderer_for(node)  # type: ignore[arg-type]
        return lambda part: "${" + renderer.expression(part) + "}"

    def add_nested_block(self, block: Block, name: str, value: BlockValue) -> None:
        """Add a nested block (a policy document's ``statement``) after the block's last one, even when the block
        has others of the same name already."""
        entry = self._pending.setdefault(id(block), (block, {}))[1]
        entry.setdefault(name, [])
        entry[name] = [*entry[name], value]

    # ------------------------------------------------------------------------------- resources
    def _new_name(self, anchor: Resource, kind: Kind, role: str, noun: str | None, by_role: bool = False) -> str:
        """Labels are unique per resource type: the anchor's own label reads best (``aws_cloudwatch_log_group.api``
        for ``aws_lambda_function.api``), then the label and the role (first, ``by_role``)."""
        assert isinstance(anchor, HclResource)
        taken = {r.label for r in self.unit.resources(kind) if isinstance(r, HclResource)}
        taken |= {new.name for _, new, _ in self._added if new.kind is kind}
        stem = f"{anchor.label}_{snake(role)}"
        candidates = [*([] if by_role else [anchor.label]), stem, *(f"{stem}{n}" for n in range(2, 1000))]
        return next(name for name in candidates if name not in taken)

    def _reference_name(self, new: NewResource) -> str:
        return f"{new.kind.terraform}.{new.name}"

    def _name_in_use(self, name: str) -> bool:
        return any(resource.name == name for resource in self.unit.resources())

    def _render_added(self, added: list[tuple[Resource, NewResource, dict[str, Any]]],
                      rendered: list[Edit]) -> list[Edit]:
        grouped: dict[int, list[str]] = defaultdict(list)
        for anchor, new, settings in added:
            assert isinstance(anchor, HclResource)
            lines = self._resource_lines(anchor, new, settings)
            at = self.document.lines.line_end(anchor.block.end - 1)
            grouped[at].append(self.nl.join(align(lines, set(range(len(lines))))))
            if id(new) in self._adopted:
                grouped[at].append(self._import_block(anchor, new))
        edits = []
        for at, texts in grouped.items():
            ends_line = at > 0 and self.document.text[at - 1] == "\n"
            body = "".join(self.nl + text + (self.nl if ends_line else "") for text in texts)
            edits.append(Edit(at, at, body if ends_line else self.nl + body))
        return edits

    def _resource_lines(self, anchor: HclResource, new: NewResource, settings: dict[str, Any]) -> list[str]:
        repetition = anchor.repetition
        renderer = Renderer(anchor, _index(anchor)) if repetition is not None else Renderer()
        lines = [f'resource "{new.kind.terraform}" "{new.name}" {{']
        if repetition is not None:
            lines += [f"{UNIT}{repetition.name} = {repetition.text}", ""]
        lines += renderer.body({k: v for k, v in settings.items() if k not in META_ARGUMENTS}, UNIT)
        if new.depends_on:
            lines += ["", f"{UNIT}depends_on = [{', '.join(needed.name or '' for needed in new.depends_on)}]"]
        lines.append("}")
        return lines

    def _import_block(self, anchor: HclResource, new: NewResource) -> str:
        """``import { to = ..., id = ... }`` (Terraform 1.5 and later): the new resource takes over the existing one."""
        if anchor.repeated:
            raise CannotFix(f"{anchor.subject} makes several resources; import each instance's {new.kind.label} by hand")
        identifier = Renderer().expression(self._adopted[id(new)], UNIT)
        lines = ["import {", f"{UNIT}to = {new.kind.terraform}.{new.name}", f"{UNIT}id = {identifier}", "}"]
        return self.nl.join(align(lines, set(range(len(lines)))))

    def _finish(self, edits: list[Edit]) -> list[Edit]:
        """Edits inside a top-level block become one edit that realigns the lines they touch."""
        by_block: dict[int, tuple[Block, list[Edit]]] = {}
        others: list[Edit] = []
        for edit in edits:
            block = self.document.block_at(edit.start)
            if block is None or edit.start >= self.document.lines.line_end(block.end - 1):
                others.append(edit)
            else:
                by_block.setdefault(id(block), (block, []))[1].append(edit)
        return [self.document.edit_within(block, _merge_touch_ups(self.document.text, group))
                for block, group in by_block.values()] + others


def _merge_touch_ups(text: str, edits: list[Edit]) -> list[Edit]:
    """Edits that rewrite a line as it is, only to have it realigned, may overlap the real edits of a neighbouring
    removal or replacement: each overlapping group becomes one edit making the real changes."""
    groups: list[tuple[int, int, list[Edit]]] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if groups and edit.start < groups[-1][1]:
            start, end, group = groups[-1]
            groups[-1] = (start, max(end, edit.end), [*group, edit])
        else:
            groups.append((edit.start, edit.end, [edit]))
    merged = []
    for start, end, group in groups:
        real = [Edit(e.start - start, e.end - start, e.text) for e in group if e.text != text[e.start : e.end]]
        merged.append(group[0] if len(group) == 1 else Edit(start, end, apply_edits(text[start:end], real)))
    return merged


def _index(resource: HclResource | None) -> str:
    repetition = resource.repetition if resource is not None else None
    if repetition is None:
        return ""
    return "[count.index]" if repetition.name == "count" else "[each.key]"


def _key(key: str) -> str:
    return key if expressions.is_identifier(key) else expressions.quoted(key)


def remove_attribute(document: HclDocument, block: Block, start: int, end: int) -> list[Edit]:
    """Remove an attribute's (or nested block's) lines with the comment lines right above it (they describe it)
    and a blank line the removal would leave dangling; the code lines around are touched so that the block's
    realignment sees the ``=`` chains the removal joins or shortens."""
    lines = document.lines
    text = document.text
    item_start, item_end = start, end
    start = lines.line_start(item_start)
    end = lines.line_end(item_end - 1)
    closing_line = lines.line_start(block.close_brace)
    if start <= block.open_brace or end > closing_line:  # a block written on one line
        alone = not text[block.open_brace + 1 : item_start].strip() and not text[item_end : block.close_brace].strip()
        return [Edit(block.open_brace + 1, block.close_brace, "") if alone else Edit(item_start, item_end, "")]

    def line_above(offset: int) -> str | None:
        above = lines.line_start(offset - 1)
        return text[above:offset].strip() if above > block.open_brace else None

    while (above := line_above(start)) and above.startswith(("#", "//")):
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
