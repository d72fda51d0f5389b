"""Lists in a template, edited as its author writes them: items appended to block sequences (with their dash),
flow sequences and JSON arrays (items one per line, inline, or hugging the brackets: ``[{`` ... ``}, {`` ... ``}]``),
items removed with their separators, and a single value made the first item of a list (a block mapping becomes the
first item of a block sequence, its lines moved in by the dash)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, SequenceNode

from iacfix.fixers.cfn.document import CfnNode, content_end
from iacfix.fixers.cfn.render import json_text, yaml_lines
from iacfix.fixers.document import CannotFix, Node
from iacfix.fixers.model import Edit
from iacfix.fixers.text import remove_list_items
from iacfix.fixers.values import Value

if TYPE_CHECKING:
    from iacfix.fixers.cfn.changes import CfnChanges

    _Base = CfnChanges
else:
    _Base = object


class ListEdits(_Base):
    """The part of :class:`CfnChanges` that edits lists."""

    def _remove_items(self, node: Node, keep: list[bool]) -> list[Edit]:
        """A block sequence's items go with their dashes; flow and JSON items with their commas."""
        assert isinstance(node, CfnNode) and isinstance(node.node, SequenceNode)
        text, lines = self.document.text, self.document.lines
        if node.node.flow_style or self.style.json:
            spans = [(item.start_mark.index, content_end(item, text)) for item in node.node.value]
            return remove_list_items(spans, keep)
        edits = []
        for item, kept in zip(node.node.value, keep, strict=True):
            if kept:
                continue
            dash = text.rindex("-", 0, item.start_mark.index)
            start, indent = lines.line_start(dash), lines.indentation(dash)
            while start > 0 and text[lines.line_start(start - 1) : start].strip().startswith("#") \
                    and lines.indentation(start - 1) == indent:
                start = lines.line_start(start - 1)  # the comment lines that describe the item go with it
            edits.append(Edit(start, lines.line_end(max(content_end(item, text) - 1, 0)), ""))
        return edits

    def _append_item(self, node: Node, value: Value) -> Edit:
        assert isinstance(node, CfnNode)
        sequence = node.node
        if not isinstance(sequence, SequenceNode) or str(sequence.tag).startswith("!"):
            raise CannotFix(f"{node.text[:40]} is not written as a list")
        converted = self.value(value)
        text = self.document.text
        if self.style.json:
            if not sequence.value:
                return Edit(sequence.start_mark.index + 1, sequence.end_mark.index - 1,
                            json_text(converted, 0, self.style))
            last = sequence.value[-1]
            end = content_end(last, text)
            lines = self.document.lines
            spread = "\n" in text[sequence.start_mark.index : sequence.end_mark.index]
            if spread and lines.line_start(sequence.value[0].start_mark.index) <= sequence.start_mark.index:
                return Edit(end, end, ", " + json_text(converted, lines.indentation(end - 1), self.style))  # [{ }, { }]
            if spread:
                indent = self.document.lines.indentation(last.start_mark.index)
                return Edit(end, end, f",{self.nl}{indent}{json_text(converted, len(indent), self.style)}")
            return Edit(end, end, ", " + json_text(converted, 0, self.style).replace("\n", " "))
        if sequence.flow_style or not sequence.value:
            if not sequence.value:
                return Edit(sequence.start_mark.index, sequence.end_mark.index, "[" + self._flow(converted) + "]")
            end = content_end(sequence.value[-1], text)
            return Edit(end, end, ", " + self._flow(converted))
        last = sequence.value[-1]
        dash = text.rindex("-", 0, last.start_mark.index)
        column = dash - self.document.lines.line_start(dash)
        lines = yaml_lines([converted], column, self.style)
        return self._lines_after(content_end(last, text), lines)

    def _wrap(self, node: Node, value: Value) -> list[Edit]:
        assert isinstance(node, CfnNode)
        converted = self.value(value)
        text, lines = self.document.text, self.document.lines
        start, end = node.start, node.end
        if isinstance(node.node, MappingNode) and not node.node.flow_style and not self.style.json:
            return [self._block_sequence(node, converted)]
        if self.style.json:
            spread = "\n" in text[start:end]
            item = json_text(converted, lines.indentation(end - 1) if spread else 0, self.style)
            return [Edit(start, start, "["), Edit(end, end, f", {item if spread else _one_line(item)}]")]
        return [Edit(start, start, "["), Edit(end, end, f", {self._flow(converted)}]")]

    def _block_sequence(self, node: CfnNode, converted: Any) -> Edit:
        """A block mapping under its key rewritten as the first item of a block sequence (its lines moved in by the
        dash), with ``converted`` as the second item."""
        if node.key is None:
            raise CannotFix(f"{node.text[:40]} is not written under a key")
        text, lines = self.document.text, self.document.lines
        dash = self._key_column(node.key) + self.style.sequence_offset
        column = node.node.start_mark.column
        first, last = lines.line_start(node.start), lines.line_end(node.end - 1)
        written = text[first:last].rstrip("\r\n").split("\n")
        shift = dash + 2 - column
        moved = [" " * dash + "- " + written[0][column:]]
        for line in written[1:]:
            indent = len(line) - len(line.lstrip(" "))
            moved.append(line if not line.strip() else " " * max(indent + shift, 0) + line.lstrip(" "))
        ending = text[first:last][len(text[first:last].rstrip("\r\n")):]
        added = yaml_lines([converted], dash, self.style)
        return Edit(first, last, "\n".join(moved + added) + (ending or ""))


def _one_line(json_value: str) -> str:
    return json.dumps(json.loads(json_value), ensure_ascii=False)
