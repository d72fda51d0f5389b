"""JSON written inside another language's strings (Terraform heredocs, Python string literals), with positions.

Policies are often JSON text embedded in a file; to edit one statement and leave the rest byte for byte, every
value needs its span. This small parser keeps offsets relative to the text it is given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class JsonNode:
    kind: str  # "object", "array", "string", "number", "literal"
    start: int
    end: int
    value: Any = None  # the Python value of scalars
    items: list[JsonNode] = field(default_factory=list)  # array items
    entries: list[tuple[JsonNode, JsonNode]] = field(default_factory=list)  # object (key, value) pairs

    def get(self, key: str) -> JsonNode | None:
        for name, value in self.entries:
            if name.value == key:
                return value
        return None

    def entry(self, key: str) -> tuple[JsonNode, JsonNode] | None:
        for name, value in self.entries:
            if name.value == key:
                return name, value
        return None

    def python(self) -> Any:
        """The plain Python value of the node."""
        if self.kind == "object":
            return {key.value: value.python() for key, value in self.entries}
        if self.kind == "array":
            return [item.python() for item in self.items]
        return self.value


class JsonError(ValueError):
    pass


_WHITESPACE = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def parse(text: str) -> JsonNode:
    """Parse ``text`` as one JSON value (surrounding white space allowed); raises JsonError."""
    node, at = _value(text, _skip(text, 0))
    if _skip(text, at) != len(text):
        raise JsonError(f"unexpected text at {at}")
    return node


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at


def _value(text: str, at: int) -> tuple[JsonNode, int]:
    if at >= len(text):
        raise JsonError("unexpected end of text")
    char = text[at]
    if char == "{":
        return _object(text, at)
    if char == "[":
        return _array(text, at)
    if char == '"':
        match = _STRING.match(text, at)
        if match is None:
            raise JsonError(f"unterminated string at {at}")
        try:
            value = json.loads(match.group(0))
        except json.JSONDecodeError as error:
            raise JsonError(str(error)) from None
        return JsonNode("string", at, match.end(), value), match.end()
    for word, value in (("true", True), ("false", False), ("null", None)):
        if text.startswith(word, at):
            return JsonNode("literal", at, at + len(word), value), at + len(word)
    match = _NUMBER.match(text, at)
    if match is None:
        raise JsonError(f"unexpected character {char!r} at {at}")
    return JsonNode("number", at, match.end(), json.loads(match.group(0))), match.end()


def _object(text: str, start: int) -> tuple[JsonNode, int]:
    node = JsonNode("object", start, start)
    at = _skip(text, start + 1)
    if text.startswith("}", at):
        node.end = at + 1
        return node, node.end
    while True:
        key, at = _value(text, at)
        if key.kind != "string":
            raise JsonError(f"object key expected at {key.start}")
        at = _skip(text, at)
        if not text.startswith(":", at):
            raise JsonError(f"':' expected at {at}")
        value, at = _value(text, _skip(text, at + 1))
        node.entries.append((key, value))
        at = _skip(text, at)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
            continue
        if text.startswith("}", at):
            node.end = at + 1
            return node, node.end
        raise JsonError(f"',' or '}}' expected at {at}")


def _array(text: str, start: int) -> tuple[JsonNode, int]:
    node = JsonNode("array", start, start)
    at = _skip(text, start + 1)
    if text.startswith("]", at):
        node.end = at + 1
        return node, node.end
    while True:
        item, at = _value(text, at)
        node.items.append(item)
        at = _skip(text, at)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
            continue
        if text.startswith("]", at):
            node.end = at + 1
            return node, node.end
        raise JsonError(f"',' or ']' expected at {at}")
