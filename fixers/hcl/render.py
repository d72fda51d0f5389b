"""Terraform code for language-neutral values: expressions, attribute lines and nested blocks.

Lines come out unaligned; the document aligns them as ``terraform fmt`` does once they are in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.document import CannotFix, Resource
from iacfix.fixers.hcl.expressions import is_identifier, quoted
from iacfix.fixers.kinds import attribute_name
from iacfix.fixers.model import Language
from iacfix.fixers.values import Block, Copy, Join, Json, JsonDocument, NewResource, Ref

UNIT = "  "  # terraform fmt indents by two spaces
META_ARGUMENTS = ("count", "for_each", "provider")


@dataclass
class Renderer:
    """Renders values for one place: ``indexed`` is the owner whose copies the code is written in (a resource
    added for a ``count``/``for_each`` resource), so references to it read the same instance."""

    indexed: Resource | None = None
    index: str = ""  # "[count.index]" or "[each.key]"
    quoted_keys: bool = False  # object keys written "Key" as the object beside does, not Key
    colon: bool = False  # object entries written "Key" : value, JSON-like, as the object beside does
    commas: bool = False  # entries of objects written over several lines end with commas, as the object beside's do

    def entry(self, key: str, rendered: str) -> str:
        """One object entry: its key in the object's style, and the value already rendered."""
        name = quoted(key) if self.quoted_keys or not is_identifier(key) else key
        return f"{name} : {rendered}" if self.colon else f"{name} = {rendered}"  # terraform fmt spaces colons

    def inline(self, value: Any) -> str:
        """A value on one line: objects as ``{ a = 1, b = 2 }``, as authors write short statements."""
        if isinstance(value, Mapping):
            if not value:
                return "{}"
            return "{ " + ", ".join(self.entry(key, self.inline(item)) for key, item in value.items()) + " }"
        if isinstance(value, list):
            return "[" + ", ".join(self.inline(item) for item in value) + "]"
        return self.expression(value)

    def expression(self, value: Any, indent: str = "") -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, str):
            return quoted(value)
        if isinstance(value, Ref):
            return self.reference(value)
        if isinstance(value, Copy):
            return value.node.text
        if isinstance(value, Join):
            return '"' + "".join(self._template_part(part) for part in value.parts) + '"'
        if isinstance(value, Json):
            return f"jsonencode({self.expression(dict(value.document), indent)})"
        if isinstance(value, list):
            items = [self.expression(item, indent + UNIT) for item in value]
            single = "[" + ", ".join(items) + "]"
            if len(single) + len(indent) <= 100 and "\n" not in single:
                return single
            return "[\n" + "".join(f"{indent}{UNIT}{item},\n" for item in items) + indent + "]"
        if isinstance(value, Mapping):
            if not value:
                return "{}"
            lines = [f"{indent}{UNIT}{self.entry(key, self.expression(item, indent + UNIT))}"
                     for key, item in value.items()]
            return "{\n" + (",\n" if self.commas else "\n").join(lines) + "\n" + indent + "}"
        if isinstance(value, JsonDocument):
            return f"jsonencode({self.expression(dict(value.value), indent)})"
        if isinstance(value, Block):
            raise CannotFix("a nested block cannot be written as a value")
        raise TypeError(f"cannot write {value!r} in Terraform")

    def _template_part(self, part: Any) -> str:
        if isinstance(part, str):
            return quoted(part)[1:-1]
        if isinstance(part, Copy):
            text = part.node.text
            if len(text) >= 2 and text[0] == '"' and text[-1] == '"' and "\n" not in text:
                return text[1:-1]  # a string spliced into another keeps its own interpolations
            return "${" + text + "}"
        return "${" + self.expression(part) + "}"

    def reference(self, value: Ref) -> str:
        target = value.resource
        if isinstance(target, NewResource):
            resource_type = target.kind.terraform or ""
            address = f"{resource_type}.{target.name}"
            repeated = target.owner is not None and target.owner.repeated
            same_copies = target.owner is not None and target.owner is self.indexed
        else:
            resource_type, address = target.type, target.name or ""
            repeated = target.repeated
            same_copies = target is self.indexed
        if repeated:
            if not same_copies:
                raise CannotFix(f"{address} makes several resources (count/for_each); name one instance by hand")
            address += self.index
        return f"{address}.{attribute_name(Language.TERRAFORM, resource_type, value.attribute)}"

    def body(self, settings: Mapping[str, Any], indent: str) -> list[str]:
        """Attribute lines, then nested blocks (each after a blank line), as an author lays out a body; a list of
        blocks is the block repeated."""
        lines: list[str] = []
        for key, value in settings.items():
            if not is_block(value):
                rendered = self.expression(value, indent)
                lines.extend(f"{indent}{_key(key)} = {rendered}".split("\n"))
        for key, value in settings.items():
            for block in [value] if isinstance(value, Block) else value if is_block(value) else ():
                if lines:
                    lines.append("")
                lines.extend(self.block(key, block, indent))
        return lines

    def block(self, name: str, value: Block, indent: str) -> list[str]:
        inner = self.body(value.settings, indent + UNIT)
        if not inner:
            return [f"{indent}{name} {{}}"]
        return [f"{indent}{name} {{", *inner, f"{indent}}}"]


def is_block(value: Any) -> bool:
    """A nested block, or a list of them: the same block repeated (``rule { }`` ``rule { }``)."""
    return isinstance(value, Block) or (
        isinstance(value, list) and bool(value) and all(isinstance(item, Block) for item in value))


def _key(key: str) -> str:
    return key if is_identifier(key) else quoted(key)
