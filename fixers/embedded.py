"""JSON written inside another language's strings (a Terraform heredoc, a YAML block scalar, a Python string), as
vocabulary nodes: a rule reads it with ``get``/``entries``/``items`` as it reads any value, and ``add_entry``
inserts into it text laid out as the surrounding JSON is, escaped for the string that holds it.

The surrounding string decides what a reference looks like inside it (``${aws_x.y.arn}``, ``${X.Arn}``, ``%s``)
and how inserted text must be escaped; each language package describes that with a :class:`Host`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.document import CannotFix, Document, Node, Reference
from iacfix.fixers.iam import json_text
from iacfix.fixers.model import Edit
from iacfix.fixers.values import Join, Ref, describe

WIDTH = 100  # lines the inserted JSON keeps within, as formatters do
Interpolate = Callable[[Any], str]  # a reference as the string holding the JSON names it: ``${aws_x.y.arn}``


@dataclass(frozen=True)
class Host:
    """The string holding the JSON: how a string value inside it refers to a resource (given the value and its
    offset in the file), and how inserted text is escaped; ``escape`` None says why nothing can be written."""

    reference: Callable[[str, int], Reference | None]
    escape: Callable[[str], str] | None
    refusal: str = "the JSON is written as an escaped string"
    interpolates: bool = False  # whether a string inside the JSON can name another resource (a template)


def decode(document: Document, start: int, end: int, host: Host, *, decoded: str | None = None) -> JsonTextNode | None:
    """The JSON value written between ``start`` and ``end`` of the file, or None when the text is not JSON.

    ``decoded`` is the string's value when it differs from the text written (escapes): the value is read from it,
    every node then spans the whole string, and nothing can be inserted.
    """
    text = document.text[start:end] if decoded is None else decoded
    try:
        root = json_text.parse(text)
    except (json_text.JsonError, RecursionError):
        return None
    if decoded is not None:
        host = Host(host.reference, None, host.refusal, host.interpolates)
    return JsonTextNode(document, root, start, end if decoded is not None else None, host)


class JsonTextNode(Node):
    """One JSON value inside a string of the document."""

    def __init__(self, document: Document, value: json_text.JsonNode, offset: int, collapsed: int | None,
                 host: Host) -> None:
        self.document = document
        self.value = value
        self.offset = offset
        self.collapsed = collapsed  # the string's end, when offsets cannot be mapped into it
        self.host = host
        self.start = offset if collapsed is not None else offset + value.start
        self.end = collapsed if collapsed is not None else offset + value.end

    def _child(self, value: json_text.JsonNode) -> JsonTextNode:
        return JsonTextNode(self.document, value, self.offset, self.collapsed, self.host)

    @property
    def literal(self) -> Any:
        return self.value.value if self.value.kind in ("string", "number", "literal") else None

    def get(self, path: str) -> JsonTextNode | None:
        found: JsonTextNode | None = self
        for segment in path.split("."):
            child = found.value.get(segment) if found is not None and found.value.kind == "object" else None
            found = self._child(child) if child is not None else None
        return found

    def entries(self) -> list[tuple[str, Node]]:
        return [(str(key.value), self._child(value)) for key, value in self.value.entries]

    def keys(self) -> list[str]:
        return [str(key.value) for key, _ in self.value.entries]

    def items(self) -> list[Node] | None:
        return [self._child(item) for item in self.value.items] if self.value.kind == "array" else None

    def reference(self) -> Reference | None:
        return self.host.reference(self.value.value, self.start) if self.value.kind == "string" else None

    def references(self) -> list[Reference]:
        found: list[Reference] = []
        stack = [self.value]
        while stack:
            value = stack.pop()
            stack.extend(value.items)
            stack.extend(item for _, item in value.entries)
            reference = self._child(value).reference() if value.kind == "string" else None
            if reference is not None and reference not in found:
                found.append(reference)
        return found

    def mentions(self, text: str) -> bool:
        stack = [self.value]
        while stack:
            value = stack.pop()
            if value.kind == "string" and value.value == text:
                return True
            stack.extend(value.items)
            stack.extend(item for _, item in value.entries)
        return False

    # ------------------------------------------------------------------------------------- writing
    def insertion(self, key: str, value: Any, interpolate: Interpolate | None = None) -> Edit:
        """The edit adding ``"key": value`` as the object's last entry, laid out as its entries are."""
        if self.value.kind != "object":
            raise CannotFix("only a JSON object can take a new entry")
        entries = self.value.entries
        if not entries:
            at = self.offset + self.value.start + 1
            return Edit(at, at, self._text(f"{json.dumps(key)}: ", value, None, "", interpolate))
        first_key = self.offset + entries[0][0].start
        after = self.offset + entries[-1][1].end
        if "\n" not in self.document.text[self.offset + self.value.start : first_key]:
            return Edit(after, after, self._text(f", {json.dumps(key)}: ", value, None, "", interpolate))
        indent = self.document.lines.indentation(first_key)
        unit = self._unit(indent, self.document.lines.indentation(self.offset + self.value.start))
        return Edit(after, after, self._text(f",\n{indent}{json.dumps(key)}: ", value, indent, unit, interpolate))

    def appending(self, value: Any, interpolate: Interpolate | None = None) -> Edit:
        """The edit adding ``value`` as the array's last item, laid out as its items are: one per line, on one line,
        or hugging the brackets (``[{`` ... ``}, {`` ... ``}]``)."""
        if self.value.kind != "array":
            raise CannotFix("only a JSON array can take a new item")
        items = self.value.items
        opening = self.offset + self.value.start
        if not items:
            return Edit(opening + 1, opening + 1, self._text("", value, None, "", interpolate))
        first, last = self.offset + items[0].start, self.offset + items[-1].end
        text, lines = self.document.text, self.document.lines
        if "\n" in text[opening:first]:
            indent = lines.indentation(first)
            unit = self._unit(indent, lines.indentation(opening))
            return Edit(last, last, self._text(f",\n{indent}", value, indent, unit, interpolate))
        return self._after(last, items[-1], value, interpolate, "\n" in text[opening : self.offset + self.value.end])

    def wrapping(self, value: Any, interpolate: Interpolate | None = None) -> list[Edit]:
        """The edits making a single value the first item of an array whose second item is ``value``."""
        start, end = self.offset + self.value.start, self.offset + self.value.end
        closing = self._after(end, self.value, value, interpolate, "\n" in self.document.text[start:end])
        return [Edit(start, start, "["), Edit(closing.start, closing.end, closing.text + "]")]

    def _after(self, at: int, neighbour: json_text.JsonNode, value: Any, interpolate: Interpolate | None,
               hugging: bool) -> Edit:
        """``, value`` right after a value: on its line, or (a value written over several lines) laid out from the
        line where that value ends, as ``}, {`` continues it."""
        lines = self.document.lines
        if not hugging:
            one_line = self._text(", ", value, None, "", interpolate)
            if len(lines.line_text(lines.position(at).line).rstrip()) + len(one_line) <= WIDTH or \
                    not isinstance(value, (dict, list)):
                return Edit(at, at, one_line)
        outer = lines.indentation(at - 1)
        inner = lines.indentation(self.offset + neighbour.entries[0][0].start) if neighbour.entries else outer
        return Edit(at, at, self._text(", ", value, outer, self._unit(inner, outer), interpolate))

    @staticmethod
    def _unit(inner: str, outer: str) -> str:
        return inner[len(outer):] if inner.startswith(outer) and len(inner) > len(outer) else "  "

    def _text(self, lead: str, value: Any, indent: str | None, unit: str, interpolate: Interpolate | None) -> str:
        """``lead`` and the value as JSON (one line when ``indent`` is None), escaped for the string holding it;
        references become the host's interpolations."""
        if self.host.escape is None:
            raise CannotFix(self.host.refusal)
        plain, spliced = _placeholders(value)
        if spliced and (interpolate is None or not self.host.interpolates):
            named = describe(next(iter(spliced.values())))
            raise CannotFix(f"the JSON is written in a string, which cannot name {named}; write the document as "
                            "structure (jsonencode, a mapping, json.dumps)")
        rendered = lead + (compact(plain) if indent is None else pretty(plain, indent, unit))
        escaped = self.host.escape(rendered)
        for token, part in spliced.items():
            escaped = escaped.replace(token, self._spliced(part, interpolate))  # type: ignore[arg-type]
        return escaped

    def _spliced(self, value: Ref | Join, interpolate: Interpolate) -> str:
        parts = value.parts if isinstance(value, Join) else (value,)
        escape = self.host.escape
        assert escape is not None
        return "".join(escape(json.dumps(part, ensure_ascii=False)[1:-1]) if isinstance(part, str)
                       else interpolate(part) for part in parts)


def _placeholders(value: Any) -> tuple[Any, dict[str, Ref | Join]]:
    """The value with every reference replaced by a placeholder string, and what each placeholder stands for."""
    spliced: dict[str, Ref | Join] = {}

    def walk(item: Any) -> Any:
        if isinstance(item, (Ref, Join)):
            token = f"\u27e6iacfix{len(spliced)}\u27e7"
            spliced[token] = item
            return token
        if isinstance(item, dict):
            return {key: walk(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        if item is None or isinstance(item, (str, int, float, bool)):
            return item
        raise CannotFix(f"{describe(item)} cannot be written inside JSON text")

    return walk(value), spliced


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def pretty(value: Any, indent: str, unit: str) -> str:
    """JSON whose first line continues a line indented by ``indent``: short lists of plain values on one line,
    everything else one item per line, as JSON formatters lay it out."""
    one_line = compact(value)
    nested = isinstance(value, dict) or isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)
    if not isinstance(value, (dict, list)) or not value or not nested and len(indent) + len(one_line) <= WIDTH:
        return one_line
    inner = indent + unit
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {pretty(item, inner, unit)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(f"{inner}{pretty(item, inner, unit)}" for item in value) + "\n" + indent + "]"
