"""A CloudFormation template as a composed YAML node tree, speaking the resource vocabulary.

Nodes come from libyaml's composer (PyYAML's, the one cfn-lint reads templates with): it keeps the position of
every node and accepts all the YAML CloudFormation accepts, ``Action: [dynamodb:*]`` included. JSON templates
are YAML too. Nothing is ever re-serialised: edits are made on node spans, in the file's own style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YamlNode

from iacfix.fixers.cfn.render import Style
from iacfix.fixers.document import (
    Document,
    Input,
    Node,
    NotInfrastructure,
    ParseFailure,
    Reference,
    Resource,
    Unit,
)
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Language
from iacfix.fixers.names import Name

if TYPE_CHECKING:
    from iacfix.fixers.cfn.changes import CfnChanges

_RESOURCE_TYPE = re.compile(r"^(AWS|Custom|Alexa)::")
READ_TRANSFORMS = frozenset({"AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"})  # their effect is read
_DIRECTIVE = re.compile(r"^[A-Za-z][A-Za-z0-9]*::")  # a key naming a function or a tool's directive
# SAM's Globals sections, by the serverless type whose properties they provide.
GLOBALS_SECTIONS = {
    "AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api", "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable", "AWS::Serverless::StateMachine": "StateMachine",
    "AWS::Serverless::LayerVersion": "LayerVersion",
}
_YAML_TYPES = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}
MAX_ALIASES = 1000


def get(mapping: YamlNode | None, key: str) -> YamlNode | None:
    """The value under ``key`` in a mapping node, or None."""
    entry = entry_of(mapping, key)
    return entry[1] if entry else None


def entry_of(mapping: YamlNode | None, key: str) -> tuple[ScalarNode, YamlNode] | None:
    if not isinstance(mapping, MappingNode):
        return None
    for key_node, value in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def scalar(node: YamlNode | None) -> str | None:
    """A scalar's text when it is a plain value (not an intrinsic function's short tag)."""
    return str(node.value) if isinstance(node, ScalarNode) and not str(node.tag).startswith("!") else None


def typed(node: ScalarNode) -> Any:
    """A plain scalar as the value YAML resolves it to: ``14`` an int, ``true`` a bool, the rest text."""
    tag = str(node.tag)
    if tag == "tag:yaml.org,2002:bool":
        return str(node.value).lower() in ("true", "yes", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    try:
        return _YAML_TYPES.get(tag, str)(node.value)
    except ValueError:
        return str(node.value)


def content_end(node: YamlNode, text: str) -> int:
    """Offset just past a node's last character, excluding the blank lines and comments that follow it."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return content_end(last[1] if isinstance(node, MappingNode) else last, text)
    end = node.end_mark.index
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


class CfnNode(Node):
    """A value in a template: a scalar, an intrinsic function call, a list or a mapping."""

    def __init__(self, document: CfnDocument, node: YamlNode, *, parent: MappingNode | None = None,
                 key: ScalarNode | None = None, inherited: bool = False) -> None:
        self.document = document
        self.node = node
        self.start = node.start_mark.index
        self.end = content_end(node, document.text)
        self.parent = parent  # the mapping holding this value, and its key
        self.key = key
        self.inherited = inherited  # read from SAM's Globals section
        self.key_span = (key.start_mark.index, key.end_mark.index) if key is not None else None

    @property
    def literal(self) -> Any:
        node = self.node
        return typed(node) if isinstance(node, ScalarNode) and not str(node.tag).startswith("!") else None

    def get(self, path: str) -> CfnNode | None:
        return self.document.lookup(self.node, path.split("."))

    def items(self) -> list[Node] | None:
        if not isinstance(self.node, SequenceNode) or str(self.node.tag).startswith("!"):
            return None
        found: list[Node] = []
        for item in self.node.value:
            node = CfnNode(self.document, item)
            node.within = self
            found.append(node)
        return found

    def keys(self) -> list[str]:
        if not isinstance(self.node, MappingNode):
            return []
        return [str(key.value) for key, _ in self.node.value if isinstance(key, ScalarNode)]

    def entries(self) -> list[tuple[str, Node]]:
        if not isinstance(self.node, MappingNode) or _is_call(self.node):
            return []
        return [(str(key.value), CfnNode(self.document, value, parent=self.node, key=key))
                for key, value in self.node.value if isinstance(key, ScalarNode)]

    def decoded(self) -> Node | None:
        from iacfix.fixers.cfn.encoded import decoded

        return decoded(self)

    def is_mapping(self) -> bool:
        return isinstance(self.node, MappingNode) and not _is_call(self.node) and not str(self.node.tag).startswith("!")

    def reference(self) -> Reference | None:
        from iacfix.fixers.cfn.expressions import reference_of

        return reference_of(self.node)

    def name_value(self, unit: Unit) -> Name:
        from iacfix.fixers.cfn.expressions import name_of

        return name_of(self.node, unit.name_read)

    def mentions(self, text: str) -> bool:
        seen: set[int] = set()
        stack = [self.node]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode) and node.value == text:
                return True
            if isinstance(node, MappingNode):
                stack.extend(value for _, value in node.value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return False

    def input(self, unit: Unit) -> Input | None:
        reference = self.reference()
        if reference is None or reference.attribute is not None or reference.name not in self.document.parameters:
            return None
        return Input(reference.name, self.document.lookup(self.document.parameters[reference.name], ["Default"]))

    def references(self) -> list[Reference]:
        from iacfix.fixers.cfn.expressions import referenced_resources

        found: list[Reference] = []
        for name, _ in referenced_resources(self.node):
            if Reference(name) not in found:
                found.append(Reference(name))
        return found


class CfnResource(Resource):
    """One entry of ``Resources``: ``get`` reads its ``Properties`` (and SAM's ``Globals`` for serverless types)."""

    def __init__(self, document: CfnDocument, key: ScalarNode, node: MappingNode, resource_type: str) -> None:
        self.document = document
        self.key = key
        self.node = node
        self.type = resource_type
        self.name = self.logical_id = str(key.value)
        self.subject = self.logical_id
        self.start = key.start_mark.index
        self.end = content_end(node, document.text)
        self.header = (key.start_mark.index, key.end_mark.index)

    @property
    def properties(self) -> MappingNode | None:
        value = get(self.node, "Properties")
        return value if isinstance(value, MappingNode) else None

    @property
    def condition(self) -> str | None:
        return scalar(get(self.node, "Condition"))

    def property(self, name: str) -> YamlNode | None:
        properties = self.properties
        return get(properties, name) if properties is not None else None

    def attribute(self, name: str) -> CfnNode | None:
        """A resource attribute beside ``Properties``: ``Condition``, ``DependsOn``, ``DeletionPolicy``..."""
        entry = entry_of(self.node, name)
        return CfnNode(self.document, entry[1], parent=self.node, key=entry[0]) if entry else None

    def keys(self) -> list[str]:
        properties = self.properties
        return [str(key.value) for key, _ in properties.value if isinstance(key, ScalarNode)] if properties else []

    def references(self) -> list[Reference]:
        properties = self.properties
        return CfnNode(self.document, properties).references() if properties is not None else []

    def _lookup(self, path: str) -> CfnNode | None:
        segments = path.split(".")
        properties = self.properties
        if properties is not None:
            found = self.document.lookup(properties, segments)
            if found is not None:
                return found
        section = GLOBALS_SECTIONS.get(self.type)
        if section is None:
            return None
        defaults = get(get(self.document.root, "Globals"), section)
        found = self.document.lookup(defaults, segments) if defaults is not None else None
        if found is not None:
            found.inherited = True
        return found


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
    def by_logical_id(self) -> dict[str, CfnResource]:
        found: dict[str, CfnResource] = {}
        for key, value in self.resources_node.value if self.resources_node is not None else ():
            resource_type = scalar(get(value, "Type"))
            if isinstance(key, ScalarNode) and isinstance(value, MappingNode) and resource_type:
                found.setdefault(str(key.value), CfnResource(self, key, value, resource_type))
        return found

    @property
    def declared(self) -> list[Resource]:  # type: ignore[override]
        return list(self.by_logical_id.values())

    def resources(self, kind: Kind | None = None) -> list[CfnResource]:  # type: ignore[override]
        return super().resources(kind)  # type: ignore[return-value]

    def of_type(self, *types: str) -> Iterator[CfnResource]:
        for resource in self.by_logical_id.values():
            if resource.type in types:
                yield resource

    @cached_property
    def parameters(self) -> dict[str, YamlNode]:
        section = get(self.root, "Parameters")
        if not isinstance(section, MappingNode):
            return {}
        return {str(key.value): value for key, value in section.value if isinstance(key, ScalarNode)}

    def lookup(self, node: YamlNode | None, segments: list[str]) -> CfnNode | None:
        """A value by path through nested mappings; a computed value on the way is returned as it is."""
        current = node
        parent: MappingNode | None = None
        key: ScalarNode | None = None
        for segment in segments:
            if not isinstance(current, MappingNode) or _is_call(current):
                return CfnNode(self, current, parent=parent, key=key) if current is not node else None
            entry = entry_of(current, segment)
            if entry is None:
                return None
            parent, (key, current) = current, entry
        return CfnNode(self, current, parent=parent, key=key) if current is not None else None

    def emptied(self, before: Document) -> list[str]:  # type: ignore[override]
        """Sections that were mappings and are now null (``Parameters:`` with nothing under it), which
        CloudFormation rejects."""
        assert isinstance(before, CfnDocument)
        return [str(key.value) for key, value in before.root.value
                if isinstance(key, ScalarNode) and isinstance(value, MappingNode)
                and not isinstance(get(self.root, str(key.value)), MappingNode | None)]

    def changes(self, unit: Unit | None = None) -> CfnChanges:
        from iacfix.fixers.cfn.changes import CfnChanges

        return CfnChanges(self, unit)

    @cached_property
    def preprocessors(self) -> list[str]:  # type: ignore[override]
        """The template's macros (transforms other than SAM's and ``AWS::LanguageExtensions``), and packaging tools
        whose directives it holds (Rain's ``!Rain::Embed`` tags or ``"Rain::Module"`` keys), by name."""
        from iacfix.fixers.cfn.expressions import SHORT_TAGS

        transform = get(self.root, "Transform")
        listed = transform.value if isinstance(transform, SequenceNode) else [transform] if transform else []
        found = [scalar(item) or scalar(get(item, "Name")) or "" for item in listed]
        seen: set[int] = set()
        stack: list[YamlNode] = [self.root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            tag = str(node.tag)
            if tag.startswith("!") and tag not in SHORT_TAGS and tag != "!Condition":
                found.append(tag[1:].split("::")[0])
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    name = str(key.value) if isinstance(key, ScalarNode) else ""
                    if _DIRECTIVE.match(name) and not name.startswith(("Fn::", "AWS::")):
                        found.append(name.split("::")[0])
                    stack.append(value)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return list(dict.fromkeys(name for name in found if name and name not in READ_TRANSFORMS))

    def section(self, name: str) -> CfnNode | None:
        entry = entry_of(self.root, name)
        return CfnNode(self, entry[1], parent=self.root, key=entry[0]) if entry is not None else None

    # ------------------------------------------------------------------------------------ style
    @cached_property
    def style(self) -> Style:
        """Indentation, sequence style, tag style and quotes as this file writes them."""
        if self.is_json:
            resources = self.resources_node
            section = self.text[resources.start_mark.index : resources.end_mark.index] if resources else ""
            inline = re.search(r'\{[ \t]*"(?:Ref|Fn::[A-Za-z]+)"[ \t]*:[^\n]*\}', section) is not None
            tabs = re.search(r"\{\s*\n\t", self.text) is not None
            return Style(json=True, indent=self._json_indent(), short_tags=False, inline_intrinsics=inline, tabs=tabs)
        indent = 2
        resources = self.resources_node
        if resources is not None and resources.value and not resources.flow_style:
            key = next(k for k, _ in self.root.value if isinstance(k, ScalarNode) and k.value == "Resources")
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


def _is_call(node: MappingNode) -> bool:
    """A one-key mapping that is an intrinsic function in long form (``{"Fn::If": [...]}``)."""
    if len(node.value) != 1 or not isinstance(node.value[0][0], ScalarNode):
        return False
    key = str(node.value[0][0].value)
    return key == "Ref" or key.startswith("Fn::")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer when PyYAML has it (ten times faster than the pure one)."""


def parse(path: str, text: str) -> CfnDocument:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise ParseFailure(f"YAML syntax error: {problem}", line, column) from None
    except yaml.YAMLError as error:
        raise ParseFailure(f"YAML syntax error: {error}") from None
    if not isinstance(root, MappingNode) or not _looks_like_template(root):
        raise NotInfrastructure("YAML/JSON that is not a CloudFormation template")
    from iacfix.fixers.cfn.structure import check_structure

    check_structure(text, root)
    return CfnDocument(path, text, root)


def _looks_like_template(root: MappingNode) -> bool:
    keys = {str(key.value) for key, _ in root.value if isinstance(key, ScalarNode)}
    if "AWSTemplateFormatVersion" in keys:
        return True
    resources = get(root, "Resources")
    if not isinstance(resources, MappingNode):
        return False
    return any(_RESOURCE_TYPE.match(scalar(get(value, "Type")) or "") for _, value in resources.value)
