"""A CloudFormation template as ruamel.yaml's composed node tree, with edits written in the file's style."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.render import Style, json_text, yaml_lines
from iacfix.fixers.document import Document, NotInfrastructure, ParseFailure
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.text import newline_of

_RESOURCE_TYPE = re.compile(r"^(AWS|Custom|Alexa)::")


@dataclass
class Resource:
    logical_id: str
    key: ScalarNode
    node: MappingNode
    type: str

    @property
    def properties(self) -> MappingNode | None:
        value = get(self.node, "Properties")
        return value if isinstance(value, MappingNode) else None

    def property(self, name: str) -> Node | None:
        properties = self.properties
        return get(properties, name) if properties is not None else None


def get(mapping: Node | None, key: str) -> Node | None:
    """The value under ``key`` in a mapping node, or None."""
    entry = entry_of(mapping, key)
    return entry[1] if entry else None


def entry_of(mapping: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    if not isinstance(mapping, MappingNode):
        return None
    for key_node, value in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def scalar(node: Node | None) -> str | None:
    return str(node.value) if isinstance(node, ScalarNode) and not str(node.tag).startswith("!") else None


def content_end(node: Node, text: str) -> int:
    """Offset just past a node's last character, excluding the blank lines and comments that follow it."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return content_end(last[1] if isinstance(node, MappingNode) else last, text)
    end = node.end_mark.index
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


class CfnDocument(Document):
    language = Language.CLOUDFORMATION

    def __init__(self, path: str, text: str, root: MappingNode) -> None:
        super().__init__(path, text)
        self.root = root

    @cached_property
    def is_json(self) -> bool:
        return self.text.lstrip("\ufeff \t\r\n").startswith("{")

    @cached_property
    def resources_node(self) -> MappingNode | None:
        node = get(self.root, "Resources")
        return node if isinstance(node, MappingNode) else None

    @cached_property
    def resources(self) -> dict[str, Resource]:
        found: dict[str, Resource] = {}
        for key, value in self.resources_node.value if self.resources_node is not None else ():
            resource_type = scalar(get(value, "Type"))
            if isinstance(key, ScalarNode) and isinstance(value, MappingNode) and resource_type:
                found[str(key.value)] = Resource(str(key.value), key, value, resource_type)
        return found

    def of_type(self, *types: str) -> Iterator[Resource]:
        for resource in self.resources.values():
            if resource.type in types:
                yield resource

    @cached_property
    def style(self) -> Style:
        """Indentation, sequence style, tag style and quotes as this file writes them."""
        if self.is_json:
            return Style(json=True, indent=self._json_indent(), short_tags=False)
        indent = 2
        resources = self.resources_node
        if resources is not None and resources.value and not resources.flow_style:
            key = self.root.value[[k.value for k, _ in self.root.value].index("Resources")][0]
            indent = max(1, resources.value[0][0].start_mark.column - key.start_mark.column) or 2
        return Style(
            json=False,
            indent=indent,
            sequence_offset=self._sequence_offset(indent),
            short_tags=re.search(r"!(Ref|GetAtt|Sub|Join|If)\b", self.text) is not None
            or re.search(r"\b(Ref|Fn::GetAtt|Fn::Sub):", self.text) is None,
            quote="'" if self.text.count("'") > self.text.count('"') else '"',
        )

    def _json_indent(self) -> int:
        match = re.search(r"\{\s*\n([ \t]+)\"", self.text)
        return len(match.group(1).expandtabs(4)) if match else 2

    def _sequence_offset(self, indent: int) -> int:
        """Whether block sequences are indented under their key (``Key:\\n  - a``) or flush (``Key:\\n- a``)."""
        match = re.search(r"^( *)[A-Za-z0-9_]+:[ \t]*\n( *)- ", self.text, re.MULTILINE)
        if match is None:
            return indent
        return len(match.group(2)) - len(match.group(1))

    # ------------------------------------------------------------------------------------ edits
    def indentation_of(self, node: Node) -> int:
        return node.start_mark.column

    def add_entry(self, mapping: MappingNode, key: str, value: Any) -> Edit:
        """Add ``key: value`` as the last entry of a mapping."""
        nl = newline_of(self.text)
        style = self.style
        if style.json:
            if not mapping.value:
                outer = self.lines.indentation(mapping.start_mark.index)
                pad = outer + " " * style.indent
                body = f'{nl}{pad}"{key}": {json_text(value, len(pad), style)}{nl}{outer}'
                return Edit(mapping.start_mark.index + 1, mapping.end_mark.index - 1, body)
            first_key = mapping.value[0][0]
            pad = " " * first_key.start_mark.column
            at = content_end(mapping.value[-1][1], self.text)
            return Edit(at, at, f',{nl}{pad}"{key}": {json_text(value, len(pad), style)}')
        if mapping.flow_style:
            if mapping.value:
                at = content_end(mapping.value[-1][1], self.text)
                return Edit(at, at, f", {key}: {self._flow_scalar(value)}")
            parent_indent = self._parent_indent(mapping)
            lines = yaml_lines({key: value}, parent_indent + style.indent, style)
            return Edit(mapping.start_mark.index, mapping.end_mark.index, nl + nl.join(lines))
        indent = mapping.value[0][0].start_mark.column
        lines = yaml_lines({key: value}, indent, style)
        return self._insert_lines_after(content_end(mapping.value[-1][1], self.text), lines)

    def _flow_scalar(self, value: Any) -> str:
        """A value written inline: an intrinsic in a long-form file becomes ``{Ref: X}``, as its author writes it."""
        from iacfix.fixers.cfn.render import GetAtt, Ref, Sub, yaml_scalar

        if not self.style.short_tags and isinstance(value, (Ref, GetAtt, Sub)):
            if isinstance(value, Ref):
                return f"{{Ref: {value.target}}}"
            if isinstance(value, GetAtt):
                return f"{{'Fn::GetAtt': [{value.resource}, {value.attribute}]}}"
            return f"{{'Fn::Sub': {yaml_scalar(value.template, self.style)}}}"
        return yaml_scalar(value, self.style)

    def _parent_indent(self, node: Node) -> int:
        """Indentation of the line on which a node starts (its key's column for ``Key: {}``)."""
        return len(self.lines.indentation(node.start_mark.index))

    def _insert_lines_after(self, offset: int, lines: list[str]) -> Edit:
        nl = newline_of(self.text)
        at = self.lines.line_end(max(offset - 1, 0))
        prefix = "" if at > 0 and self.text[at - 1] == "\n" else nl
        return Edit(at, at, prefix + nl.join(lines) + (nl if prefix == "" else ""))

    def set_property(self, resource: Resource, name: str, value: Any) -> Edit:
        """Add a property to a resource, creating its ``Properties`` when it has none."""
        properties = resource.properties
        if properties is not None:
            return self.add_entry(properties, name, value)
        return self.add_entry(resource.node, "Properties", {name: value})

    def add_resource_after(self, resource: Resource, logical_id: str, body: dict[str, Any]) -> Edit:
        """Insert a new resource right after ``resource`` in the Resources section."""
        nl = newline_of(self.text)
        style = self.style
        if style.json:
            pad = " " * resource.key.start_mark.column
            at = resource.node.end_mark.index
            return Edit(at, at, f',{nl}{pad}"{logical_id}": {json_text(body, len(pad), style)}')
        indent = resource.key.start_mark.column
        lines = [" " * indent + f"{logical_id}:", *yaml_lines(body, indent + style.indent, style)]
        if self._resources_spaced():
            lines.insert(0, "")
        return self._insert_lines_after(content_end(resource.node, self.text), lines)

    def _resources_spaced(self) -> bool:
        """Whether the author separates resources with blank lines (most of them are)."""
        keys = [key for key, _ in self.resources_node.value] if self.resources_node is not None else []
        if len(keys) < 2:
            return False
        rows = [self.lines.position(key.start_mark.index).line for key in keys]
        spaced = sum(1 for row in rows[1:] if not self.lines.line_text(row - 1).strip())
        return spaced * 2 > len(rows) - 1

    def remove_entry(self, mapping: MappingNode, key: str) -> Edit:
        """Remove ``key`` and its value from a mapping, with its separator (JSON) or its lines (YAML)."""
        index = [k.value for k, _ in mapping.value].index(key)
        key_node, value = mapping.value[index]
        if self.style.json or mapping.flow_style:
            start, end = key_node.start_mark.index, content_end(value, self.text)
            if index + 1 < len(mapping.value):
                end = mapping.value[index + 1][0].start_mark.index
            elif index > 0:
                start = content_end(mapping.value[index - 1][1], self.text)
            return Edit(start, end, "")
        start = self.lines.line_start(key_node.start_mark.index)
        end = self.lines.line_end(max(content_end(value, self.text) - 1, 0))
        return Edit(start, end, "")

    def replace_node(self, node: Node, value: Any) -> Edit:
        """Replace a value node with ``value`` rendered inline (scalars, intrinsics) in the file's style."""
        end = content_end(node, self.text)
        if self.style.json:
            indent = len(self.lines.indentation(node.start_mark.index))
            return Edit(node.start_mark.index, end, json_text(value, indent, self.style))
        return Edit(node.start_mark.index, end, self._flow_scalar(value))


def _composer() -> YAML:
    """libyaml's C parser when ruamel.yaml.clib is installed (ten times faster), the pure one otherwise."""
    try:
        return YAML(typ="safe", pure=False)
    except Exception:  # pragma: no cover - clib missing on this platform
        return YAML(typ="safe", pure=True)


_YAML = _composer()


def parse(path: str, text: str) -> CfnDocument:
    try:
        root = _YAML.compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise ParseFailure(f"YAML syntax error: {problem}", line, column) from None
    except YAMLError as error:
        raise ParseFailure(f"YAML syntax error: {error}") from None
    if not isinstance(root, MappingNode) or not _looks_like_template(root):
        raise NotInfrastructure("YAML/JSON that is not a CloudFormation template")
    return CfnDocument(path, text, root)


def _looks_like_template(root: MappingNode) -> bool:
    keys = {str(key.value) for key, _ in root.value if isinstance(key, ScalarNode)}
    if "AWSTemplateFormatVersion" in keys:
        return True
    resources = get(root, "Resources")
    if not isinstance(resources, MappingNode):
        return False
    return any(_RESOURCE_TYPE.match(scalar(get(value, "Type")) or "") for _, value in resources.value)
