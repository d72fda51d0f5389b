"""The edit verbs for CloudFormation: properties, list items and resources written in the template's own style
(YAML block or flow, JSON, short or long intrinsic functions, its indentation)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YamlNode

from iacfix.fixers.cfn import render
from iacfix.fixers.cfn.document import CfnDocument, CfnNode, CfnResource, _is_call, content_end, entry_of, scalar
from iacfix.fixers.cfn.expressions import Uncopyable, copied, intrinsic
from iacfix.fixers.cfn.lists import ListEdits
from iacfix.fixers.cfn.render import json_text, yaml_lines, yaml_scalar
from iacfix.fixers.document import CannotFix, Changes, Node, Resource, Unit, pascal
from iacfix.fixers.kinds import Kind, Setting, attribute_name
from iacfix.fixers.model import Edit, Language
from iacfix.fixers.text import newline_of, remove_list_items
from iacfix.fixers.values import Block, Copy, Join, Json, JsonDocument, NewResource, Ref, Value

MANAGED_POLICY_ARNS = Setting(None, "ManagedPolicyArns")


class CfnChanges(ListEdits, Changes):
    document: CfnDocument

    def __init__(self, document: CfnDocument, unit: Unit | None = None) -> None:
        super().__init__(document, unit)
        self.nl = newline_of(document.text)
        self.style = document.style

    # ------------------------------------------------------------------------------- values
    def value(self, value: Any) -> Any:
        """A neutral value as the renderer's template values (Ref, GetAtt, Sub, dicts, lists, scalars)."""
        if isinstance(value, (bool, int, float, str, render.Ref, render.GetAtt, render.Sub)) or value is None:
            return value
        if isinstance(value, Ref):
            target = value.resource
            logical_id = target.name or ""
            resource_type = target.kind.created_as(Language.CLOUDFORMATION) if isinstance(target, NewResource) \
                else target.type
            attribute = attribute_name(Language.CLOUDFORMATION, resource_type or "", value.attribute)
            if attribute == "":
                raise CannotFix(f"CloudFormation cannot name the {value.attribute} of {logical_id}")
            return render.Ref(logical_id) if attribute is None else render.GetAtt(logical_id, attribute)
        if isinstance(value, Join):
            return render.Sub("".join(self._template_part(part) for part in value.parts))
        if isinstance(value, Copy):
            try:
                return copied(value.node.node)  # type: ignore[attr-defined]
            except Uncopyable as tag:
                raise CannotFix(f"the value written with {tag} cannot be copied") from None
        if isinstance(value, JsonDocument):
            return self.value(dict(value.value))
        if isinstance(value, Block):
            return {key: self.value(item) for key, item in value.settings.items()}
        if isinstance(value, Json):
            return json.dumps(value.document, separators=(",", ":"))
        if isinstance(value, Mapping):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        raise TypeError(f"cannot write {value!r} in a template")

    def _template_part(self, part: Any) -> str:
        if isinstance(part, str):
            return part.replace("${", "${!")
        if isinstance(part, Copy):
            node = part.node.node  # type: ignore[attr-defined]
            text = scalar(node)
            if text is not None:
                return text.replace("${", "${!")
            call = intrinsic(node)
            if call is not None and call.function == "Fn::Sub" and isinstance(call.argument, ScalarNode):
                return str(call.argument.value)
            reference = part.node.reference()
            if reference is not None:
                return "${" + reference.name + (f".{reference.attribute}" if reference.attribute else "") + "}"
            raise CannotFix("a value that is not text cannot be written inside !Sub")
        converted = self.value(part)
        if isinstance(converted, render.Ref):
            return "${" + converted.target + "}"
        if isinstance(converted, render.GetAtt):
            return "${" + converted.resource + "." + converted.attribute + "}"
        raise CannotFix("only references can be written inside !Sub")

    # ------------------------------------------------------------------------------ settings
    def _descend(self, resource: Resource, path: list[str]) -> tuple[Any, list[str], Node | None]:
        assert isinstance(resource, CfnResource)
        properties = resource.properties
        if properties is None:
            if entry_of(resource.node, "Properties") is not None:
                raise CannotFix(f"the Properties of {resource.subject} are computed")
            return resource.node, ["Properties", *path], None
        current: MappingNode = properties
        for index, segment in enumerate(path):
            entry = entry_of(current, segment)
            if entry is None:
                return current, path[index:], None
            key, value = entry
            if index == len(path) - 1:
                return current, [], CfnNode(self.document, value, parent=current, key=key)
            if not isinstance(value, MappingNode) or _is_call(value) or str(value.tag).startswith("!"):
                raise CannotFix(f"{resource.subject}: {'.'.join(path[: index + 1])} is computed")
            current = value
        raise AssertionError("unreachable")

    def _insert(self, mapping: MappingNode, settings: dict[str, Any]) -> list[Edit]:
        """Add entries as the mapping's last ones."""
        values = {key: self.value(item) for key, item in settings.items()}
        style = self.style
        text = self.document.text
        nl = self.nl
        if style.json:
            if not mapping.value:
                outer = self.document.lines.indentation(mapping.start_mark.index)
                pad = outer + style.unit
                body = ("," + nl).join(f'{pad}"{key}": {json_text(item, pad, style)}' for key, item in values.items())
                return [Edit(mapping.start_mark.index + 1, mapping.end_mark.index - 1, nl + body + nl + outer)]
            first = mapping.value[0][0].start_mark.index
            pad = self.document.text[self.document.lines.line_start(first) : first]
            if pad.strip():  # keys on one line with the brace: one level in from that line
                pad = self.document.lines.indentation(first) + style.unit
            at = content_end(mapping.value[-1][1], text)
            body = "".join(f',{nl}{pad}"{key}": {json_text(item, pad, style)}' for key, item in values.items())
            return [Edit(at, at, body)]
        if mapping.flow_style:
            if mapping.value:
                at = content_end(mapping.value[-1][1], text)
                return [Edit(at, at, "".join(f", {key}: {self._flow(item)}" for key, item in values.items()))]
            indent = len(self.document.lines.indentation(mapping.start_mark.index)) + style.indent
            lines = yaml_lines(values, indent, style)
            start = mapping.start_mark.index
            while start > 0 and text[start - 1] in " \t":
                start -= 1  # no trailing space after the key's colon
            return [Edit(start, mapping.end_mark.index, nl + nl.join(lines))]
        indent = self._key_column(mapping.value[0][0])
        return [self._lines_after(content_end(mapping.value[-1][1], text), yaml_lines(values, indent, style))]

    def _mapping(self, node: Node) -> Any:
        if not isinstance(node, CfnNode) or not isinstance(node.node, MappingNode) or _is_call(node.node):
            return super()._mapping(node)
        return node.node

    def _key_column(self, key: YamlNode) -> int:
        """The column a mapping's keys start at (an explicit ``? key`` counts from its ``?``)."""
        start = key.start_mark.index
        before = self.document.text[self.document.lines.line_start(start) : start]
        if before.rstrip().endswith("?"):
            return len(before.rstrip()) - 1
        return key.start_mark.column

    def _lines_after(self, offset: int, lines: list[str]) -> Edit:
        at = self.document.lines.line_end(max(offset - 1, 0))
        prefix = "" if at > 0 and self.document.text[at - 1] == "\n" else self.nl
        return Edit(at, at, prefix + self.nl.join(lines) + (self.nl if prefix == "" else ""))

    def _flow(self, value: Any) -> str:
        """A value written inline: an intrinsic in a long-form file becomes ``{Ref: X}``, as its author writes it."""
        if isinstance(value, list):
            return "[" + ", ".join(self._flow(item) for item in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{key}: {self._flow(item)}" for key, item in value.items()) + "}"
        if not self.style.short_tags and isinstance(value, (render.Ref, render.GetAtt, render.Sub)):
            if isinstance(value, render.Ref):
                return f"{{Ref: {value.target}}}"
            if isinstance(value, render.GetAtt):
                return f"{{'Fn::GetAtt': [{value.resource}, {value.attribute}]}}"
            return f"{{'Fn::Sub': {yaml_scalar(value.template, self.style)}}}"
        if isinstance(value, str) and any(char in value for char in ":,[]{}#"):
            quote = self.style.quote
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if quote == '"' \
                else "'" + value.replace("'", "''") + "'"
        return yaml_scalar(value, self.style)

    def _render_in_place(self, node: Node, value: Value) -> str:
        assert isinstance(node, CfnNode)
        converted = self.value(value)
        if self.style.json:
            indent = len(self.document.lines.indentation(node.start))
            return json_text(converted, indent, self.style)
        block_value = isinstance(converted, (dict, list)) and converted
        long_intrinsic = not self.style.short_tags and isinstance(converted, (render.Ref, render.GetAtt, render.Sub))
        in_flow = node.parent is not None and node.parent.flow_style
        if (block_value or long_intrinsic) and node.key is not None and not in_flow:
            # Written as a block under its key: replaced from the key on (see replace()).
            column = self._key_column(node.key)
            lines = yaml_lines({str(node.key.value): converted}, column, self.style)
            return self.nl.join(lines)[column:]
        return self._flow(converted)

    def replace(self, node: Node, value: Value) -> None:
        assert isinstance(node, CfnNode)
        rendered = self._render_in_place(node, value)
        start = node.start
        if node.key is not None and not self.style.json and rendered.startswith(f"{node.key.value}:"):
            start = node.key.start_mark.index
        elif node.key is not None and isinstance(node.node, (MappingNode, SequenceNode)) and not node.node.flow_style \
                and not self.style.json:
            # A block value replaced by an inline one: written on its key's line, after the colon.
            start = self.document.text.index(":", node.key.end_mark.index) + 1
            rendered = " " + rendered
        self._edits.append(Edit(start, node.end, rendered))

    def attach_managed_policy(self, role: Resource, policy: str, *, word: str) -> None:
        """An entry of the role's ``ManagedPolicyArns``, in the stack's own partition."""
        arn = render.Sub(f"arn:${{AWS::Partition}}:iam::aws:policy/{policy}")
        existing = role.get(MANAGED_POLICY_ARNS)
        if existing is not None:
            self.add_to_list(existing, arn)  # type: ignore[arg-type]
        else:
            self.set(role, MANAGED_POLICY_ARNS, [arn])  # type: ignore[list-item]
        self.describe(f"attach {policy} to {role.subject}")

    # -------------------------------------------------------------------------------- removal
    def _removal(self, resource: Resource | None, node: Node) -> list[Edit]:
        return self._removals([node])

    def _removals(self, nodes: list[Node]) -> list[Edit]:
        """Entries of one mapping removed together, so that JSON and flow separators stay right."""
        by_mapping: dict[int, tuple[MappingNode, list[str]]] = {}
        for node in nodes:
            assert isinstance(node, CfnNode)
            if node.parent is None or node.key is None:
                raise CannotFix("only mapping entries can be removed")
            by_mapping.setdefault(id(node.parent), (node.parent, []))[1].append(str(node.key.value))
        return [edit for mapping, keys in by_mapping.values() for edit in remove_entries(self.document, mapping, keys)]

    def _render_key(self, old: str, key: str) -> str:
        if self.style.json or old[:1] == '"':
            return json.dumps(key)
        if old[:1] == "'":
            return "'" + key.replace("'", "''") + "'"
        return yaml_scalar(key, self.style)
    def _interpolation(self, node: Node) -> Callable[[Any], str] | None:
        return self._template_part

    # ------------------------------------------------------------------------------- resources
    def _new_name(self, anchor: Resource, kind: Kind, role: str, noun: str | None, by_role: bool = False) -> str:
        stem = f"{anchor.name}{pascal(noun) if noun else kind.stem}"
        return self.free_name([stem, stem + pascal(role)])

    def _name_in_use(self, name: str) -> bool:
        return name in _section_keys(self.document, "Resources") or name in self.document.parameters

    def _render_added(self, added: list[tuple[Resource, NewResource, dict[str, Any]]],
                      rendered: list[Edit]) -> list[Edit]:
        from iacfix.fixers.cfn.statements import refuse_other_conditions

        grouped: dict[int, tuple[CfnResource, list[str]]] = {}
        for anchor, new, settings in added:
            if id(new) in self._adopted:
                raise CannotFix(f"CloudFormation cannot take over the {new.kind.label} AWS created for "
                                f"{anchor.subject} in a stack update; import it with a change set of type IMPORT")
            assert isinstance(anchor, CfnResource)
            refuse_other_conditions(new.name, anchor.condition, settings)  # the new resource carries the anchor's
            body: dict[str, Any] = {"Type": new.kind.created_as(Language.CLOUDFORMATION)}
            if anchor.condition is not None:
                body["Condition"] = anchor.condition
            if new.depends_on:
                names = [needed.name for needed in new.depends_on]
                body["DependsOn"] = names[0] if len(names) == 1 else names
            if settings:  # in alphabetical order, as CloudFormation's reference lists properties
                body["Properties"] = {key: self.value(settings[key]) for key in sorted(settings)}
            grouped.setdefault(id(anchor), (anchor, []))[1].append(self._resource_text(anchor, new.name, body))
        return [self._after(anchor, texts) for anchor, texts in grouped.values()]

    def _resource_text(self, anchor: CfnResource, logical_id: str, body: dict[str, Any]) -> str:
        if self.style.json:
            pad = " " * anchor.key.start_mark.column
            return f',{self.nl}{pad}"{logical_id}": {json_text(body, len(pad), self.style)}'
        indent = self._key_column(anchor.key)
        lines = [" " * indent + f"{logical_id}:", *yaml_lines(body, indent + self.style.indent, self.style)]
        if _resources_spaced(self.document):
            lines.insert(0, "")
        return self.nl.join(lines)

    def _after(self, anchor: CfnResource, texts: list[str]) -> Edit:
        if self.style.json:
            at = anchor.node.end_mark.index
            return Edit(at, at, "".join(texts))
        return self._lines_after(self._declaration_end(anchor), [self.nl.join(texts)])

    def _declaration_end(self, resource: CfnResource) -> int:
        """Where a resource's declaration ends: its last value, and the comment lines indented under it that
        follow (they belong to it, and must not end up inside the resource added after it), unless, after a blank
        line, they sit right above what comes next, which they then introduce. A line commented out from the first
        column (``#       Hooks:``) counts as indented when its text is indented as a property's."""
        text, lines = self.document.text, self.document.lines
        end = content_end(resource.node, text)
        column = self._key_column(resource.key)

        def kind(cursor: int) -> str:
            """``blank``, ``own`` (a comment indented under the resource), or ``other``."""
            line = text[cursor : lines.line_end(cursor)]
            if not line.strip():
                return "blank"
            indent = len(line) - len(line.lstrip(" "))
            commented = line.lstrip(" ")[1:]
            text_column = indent + 1 + len(commented) - len(commented.lstrip(" "))
            return "own" if line.lstrip(" ").startswith("#") and (indent > column or text_column > column + 2) \
                else "other"

        cursor, after_blank = lines.line_end(max(end - 1, 0)), False
        while cursor < len(text):
            found = kind(cursor)
            if found == "blank":
                cursor, after_blank = lines.line_end(cursor), True
                continue
            if found == "other":
                break
            last, block_end = cursor, cursor
            while block_end < len(text) and kind(block_end) == "own":
                last, block_end = block_end, lines.line_end(block_end)
            if after_blank and block_end < len(text) and kind(block_end) == "other":
                break  # a comment right above the next resource introduces it
            end = last + len(text[last:block_end].rstrip("\r\n"))
            cursor, after_blank = block_end, False
        return end


def _section_keys(document: CfnDocument, section: str) -> set[str]:
    node = document.root
    entry = entry_of(node, section)
    if entry is None or not isinstance(entry[1], MappingNode):
        return set()
    return {str(key.value) for key, _ in entry[1].value if isinstance(key, ScalarNode)}


def _resources_spaced(document: CfnDocument) -> bool:
    """Whether the author separates resources with blank lines (most do), above the comments that introduce
    them when there are any."""
    resources = document.resources_node
    keys = [key for key, _ in resources.value] if resources is not None else []
    if len(keys) < 2:
        return False
    lines = document.lines
    spaced = 0
    for key in keys[1:]:
        row = lines.position(key.start_mark.index).line - 1
        while row > 1 and lines.line_text(row).strip().startswith("#"):
            row -= 1
        spaced += not lines.line_text(row).strip()
    return spaced * 2 > len(keys) - 1


def remove_entries(document: CfnDocument, mapping: MappingNode, keys: list[str]) -> list[Edit]:
    """Remove several entries of a mapping: line by line in YAML blocks; in JSON and flow mappings each run of
    neighbours at once with its separators (every entry gone leaves ``{}``)."""
    keep = [str(key.value) not in keys for key, _ in mapping.value]
    if not (document.style.json or mapping.flow_style):
        edits = sorted((remove_entry(document, mapping, key, tidy=any(keep)) for key in keys),
                       key=lambda edit: edit.start)
        if not any(keep):  # a block mapping left empty would read as null: `Properties:` must stay a mapping
            indent = document.lines.indentation(mapping.value[0][0].start_mark.index)
            edits[0] = Edit(edits[0].start, edits[0].end, f"{indent}{{}}\n")
        return edits
    if len(keys) == 1 and any(keep):
        return [remove_entry(document, mapping, keys[0])]
    text = document.text
    if not any(keep):
        return [Edit(mapping.start_mark.index + 1, mapping.end_mark.index - 1, "")]
    spans = [(key.start_mark.index, content_end(value, text)) for key, value in mapping.value]
    return remove_list_items(spans, keep)


def remove_entry(document: CfnDocument, mapping: MappingNode, key: str, *, tidy: bool = True) -> Edit:
    """Remove ``key`` and its value from a mapping, with its separator (JSON, flow) or its lines, the comment
    lines right above it and the blank lines that would be left doubled, or leading the mapping (YAML)."""
    index = [k.value for k, _ in mapping.value].index(key)
    key_node, value = mapping.value[index]
    text = document.text
    if document.style.json or mapping.flow_style:
        start, end = key_node.start_mark.index, content_end(value, text)
        if index + 1 < len(mapping.value):
            end = mapping.value[index + 1][0].start_mark.index
        elif index > 0:
            start = content_end(mapping.value[index - 1][1], text)
        return Edit(start, end, "")
    lines = document.lines
    start = lines.line_start(key_node.start_mark.index)
    indent = lines.indentation(key_node.start_mark.index)
    while start > 0:
        above = lines.line_start(start - 1)
        line = text[above:start]
        if not (line.strip().startswith("#") and lines.indentation(above) == indent):
            break
        start = above
    end = lines.line_end(max(content_end(value, text) - 1, 0))
    if tidy and (index == 0 or start == 0 or not text[lines.line_start(start - 1) : start].strip()):
        # first of its mapping, or with a blank line above: the blank lines below would be left doubled or leading
        while end < len(text) and not text[end : lines.line_end(end)].strip():
            end = lines.line_end(end)
    return Edit(start, end, "")


def group_edits(edits: list[Edit]) -> list[Edit]:
    """Several insertions at one offset as one edit, in order."""
    by_offset: dict[tuple[int, int], list[str]] = defaultdict(list)
    for edit in edits:
        by_offset[edit.start, edit.end].append(edit.text)
    return [Edit(start, end, "".join(texts)) for (start, end), texts in by_offset.items()]
