"""IAM policy statements in CloudFormation templates, read from the node tree and rewritten in the file's style.

Policies live in ``PolicyDocument`` (``AWS::IAM::Policy``, ``ManagedPolicy``, ``RolePolicy``, ``UserPolicy``,
``GroupPolicy``), in the ``Policies`` list of roles, users and groups, and in a SAM function's ``Policies`` (a
document, or a list mixing documents with managed policy names and policy templates).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.document import CfnDocument, CfnResource, content_end, entry_of, get, scalar
from iacfix.fixers.cfn.render import GetAtt, Ref, Sub, json_text, yaml_lines, yaml_scalar
from iacfix.fixers.iam.policy import ArnValue, Grant, Statement
from iacfix.fixers.iam.rewrite import CannotRewrite, ListLayout, NewList, copy_sid, item_indent, layout_items, rewrite
from iacfix.fixers.model import Edit
from iacfix.fixers.text import newline_of

DOCUMENT_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy",
                  "AWS::IAM::GroupPolicy")
POLICIES_TYPES = ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group")
SAM_TYPES = ("AWS::Serverless::Function", "AWS::Serverless::StateMachine")


@dataclass(frozen=True)
class CfnReference:
    """A resource or parameter an ARN names: ``!Ref Id`` (no attribute) or ``!GetAtt Id.Attribute``."""

    logical_id: str
    attribute: str | None = None

    def __str__(self) -> str:
        return f"{self.logical_id}.{self.attribute}" if self.attribute else self.logical_id


@dataclass(frozen=True)
class CfnTemplate:
    """Text of an ``Fn::Sub`` template spliced into a larger one (e.g. a function name ``${AWS::StackName}-api``)."""

    text: str
    template: ClassVar[bool] = True  # written into the ARN's template as it is

    def __str__(self) -> str:
        return self.text


def cfn_value(value: str | ArnValue) -> Any:
    """A resource as a template value: a string, ``Ref``, ``GetAtt``, or ``Sub`` joining text and references."""
    if isinstance(value, str):
        return value
    if value.is_literal:
        return value.text
    if len(value.parts) == 1 and isinstance(value.parts[0], CfnReference):
        reference = value.parts[0]
        return GetAtt(reference.logical_id, reference.attribute) if reference.attribute else Ref(reference.logical_id)
    template = ""
    for part in value.parts:
        if isinstance(part, str):
            template += part.replace("${", "${!")
        elif isinstance(part, CfnTemplate):
            template += part.text
        else:
            template += f"${{{part}}}"
    return Sub(template)


@dataclass
class PolicyStatement:
    """A statement found in a template, with the nodes its rewriting replaces."""

    resource: CfnResource
    node: MappingNode
    statement: Statement
    values: dict[str, tuple[ScalarNode, Node]] = field(default_factory=dict)  # slot -> (key, value)
    in_list: bool = True  # whether the statement is an item of a Statement list, so copies can follow it
    flow_list: bool = False  # whether that list is written ``[{...}, {...}]``

    @property
    def start(self) -> int:
        return self.node.start_mark.index

    @property
    def end(self) -> int:
        return content_end(self.node, self.resource.document.text)

    @property
    def holder_name(self) -> str:
        return self.resource.logical_id

    def rewrite(self, document: CfnDocument, grants: list[Grant]) -> list[Edit]:
        """The statement rewritten per grant; raises CannotRewrite when copies are needed where none can go."""
        nl = newline_of(document.text)
        prefix = document.text[document.lines.line_start(self.start) : self.start]
        if document.style.json:
            sep = "," + nl + document.lines.indentation(self.start)
        elif self.flow_list:
            sep = ", "
        elif prefix.strip() == "-":
            sep = nl + prefix
        else:
            sep = ""
        new_list = None
        if not self.in_list and document.style.json:
            new_list = NewList(document.lines.indentation(self.start), " " * document.style.indent, nl, False)
        elif len(grants) > 1 and (not self.in_list or not sep):
            raise CannotRewrite(f"the statement needs one copy per resource ({len(grants)}), and its Statement is "
                                "not a list the copies can join")
        slots = {slot: self._slot(document, key, value) for slot, (key, value) in self.values.items()}
        end = content_end(self.node, document.text)
        return [rewrite(document.text, self.start, end, slots, grants,
                        lambda slot, grant, index: self._render(document, slot, grant, index, nl), sep, new_list)]

    def _inline(self, document: CfnDocument, value: Node) -> bool:
        """Whether a YAML value is replaced from its key's colon (it sits on the key's line)."""
        block = isinstance(value, SequenceNode) and not value.flow_style
        return not document.style.json and not self.node.flow_style and not block

    def _slot(self, document: CfnDocument, key: ScalarNode, value: Node) -> tuple[int, int]:
        end = content_end(value, document.text)
        return (key.end_mark.index if self._inline(document, value) else value.start_mark.index), end

    def _render(self, document: CfnDocument, slot: str, grant: Grant, index: int, nl: str) -> str | None:
        key, node = self.values[slot]
        style = document.style
        if slot == "sid":
            if index == 0:
                return None
            items: list[Any] = [copy_sid(self.statement.sid or "", index)]
        elif slot == "actions":
            items = list(grant.actions)
        elif grant.resources is None:
            return None
        else:
            items = [cfn_value(resource) for resource in grant.resources]
        keep_scalar = len(items) == 1 and not isinstance(node, SequenceNode)
        if style.json:
            return self._json(document, node, items, keep_scalar, nl)
        flow = isinstance(node, SequenceNode) and bool(node.flow_style)
        if self._inline(document, node):
            between = document.text[key.end_mark.index : node.start_mark.index]
            if keep_scalar or flow:
                return between + self._flow_value(document, node, items, keep_scalar)
            return ":" + nl + nl.join(self._block_lines(document, node, items,
                                                        key.start_mark.column + style.sequence_offset))
        if self.node.flow_style or flow:
            return self._flow_value(document, node, items, keep_scalar)
        return nl.join(self._block_lines(document, node, items, node.start_mark.column)).lstrip(" ")

    def _text(self, document: CfnDocument, node: Node, item: Any, flow: bool) -> str | None:
        """A text item as written when the list already holds it, and in the value's own quotes when new (a
        ``!Sub`` template too)."""
        quote = _quote(node)
        if isinstance(item, Sub) and quote is not None and document.style.short_tags:
            return f"!Sub {_quoted(item.template, quote)}"
        if not isinstance(item, str):
            return None
        listed = isinstance(node, SequenceNode) and bool(node.flow_style) == flow
        original = _originals(document, node).get(item) if listed else None
        if original is not None:
            return original
        if quote is not None:
            return _quoted(item, quote)
        return _flow(document, item) if flow else yaml_scalar(item, document.style)

    def _flow_value(self, document: CfnDocument, node: Node, items: list[Any], keep_scalar: bool) -> str:
        """A scalar on its key's line (plain text is fine there in a block mapping), or a list in brackets."""
        if keep_scalar and not self.node.flow_style:
            text = self._text(document, node, items[0], False)
            return text if text is not None else _flow(document, items[0])
        texts = [self._text(document, node, item, True) or _flow(document, item) for item in items]
        return texts[0] if keep_scalar else "[" + ", ".join(texts) + "]"

    def _block_lines(self, document: CfnDocument, node: Node, items: list[Any], column: int) -> list[str]:
        lines: list[str] = []
        for item in items:
            text = self._text(document, node, item, False)
            lines += [" " * column + "- " + text] if text is not None else yaml_lines([item], column, document.style)
        return lines

    def _json(self, document: CfnDocument, node: Node, items: list[Any], keep_scalar: bool, nl: str) -> str:
        """JSON laid out as the template writes it: one-line lists stay on one line, intrinsics as the file has them."""
        start = node.start_mark.index
        indent = document.lines.indentation(start)
        unit = " " * document.style.indent
        inline = _inline_intrinsics(document.text)

        def item_text(item: Any, depth: str) -> str:
            expanded = json_text(item, len(depth), document.style)
            return json.dumps(json.loads(expanded)) if inline or "\n" not in expanded else expanded

        originals = _originals(document, node)

        def text_of(item: Any, depth: str) -> str:
            written = originals.get(item) if isinstance(item, str) else None
            return written if written is not None else item_text(item, depth)

        if keep_scalar:
            return item_text(items[0], indent)
        statement_start = self.node.start_mark.index
        one_line = "\n" not in document.text[statement_start:content_end(self.node, document.text)]
        layout = ListLayout(
            is_list=True,
            multiline="\n" in document.text[start:content_end(node, document.text)]
            or (not one_line and not isinstance(node, SequenceNode)),
            one_line_statement=one_line,
            indent=indent,
            column=start - document.lines.line_start(start),
            trailing_comma=False,
            item_indent=item_indent(document.text, [item.start_mark.index for item in node.value], start)
            if isinstance(node, SequenceNode) and node.value else None,
        )
        return layout_items([text_of(item, indent + unit) for item in items], layout, unit, nl)


def _originals(document: CfnDocument, node: Node) -> dict[str, str]:
    """A list's plain text items as their author wrote them (quotes and all), by value."""
    if not isinstance(node, SequenceNode):
        return {}
    return {str(item.value): document.text[item.start_mark.index : item.end_mark.index] for item in node.value
            if isinstance(item, ScalarNode) and not str(item.tag).startswith("!")}


def _quoted(text: str, quote: str) -> str:
    return "'" + text.replace("'", "''") + "'" if quote == "'" else json.dumps(text, ensure_ascii=False)


def _quote(node: Node) -> str | None:
    """The quotes the author wrote a value (or its first item) in: ``'``, ``"``, or None for plain text."""
    first = node.value[0] if isinstance(node, SequenceNode) and node.value else node
    style = first.style if isinstance(first, ScalarNode) else None
    return style if style in ("'", '"') else None


def _inline_intrinsics(text: str) -> bool:
    """Whether a JSON template writes intrinsic functions on one line: ``{"Ref": "Table"}``."""
    return re.search(r'\{[ \t]*"(?:Ref|Fn::GetAtt|Fn::Sub)"[ \t]*:[^\n]*\}', text) is not None


def _flow(document: CfnDocument, value: Any) -> str:
    """A value inside ``[...]`` or ``{...}``, where a plain scalar may not hold ``:`` or ``,`` (libyaml rejects it)."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(document, item) for item in value) + "]"
    if not document.style.short_tags and isinstance(value, (Ref, GetAtt, Sub)):
        if isinstance(value, Ref):
            return "{Ref: " + yaml_scalar(value.target, document.style) + "}"
        if isinstance(value, GetAtt):
            return "{'Fn::GetAtt': [" + value.resource + ", " + value.attribute + "]}"
        return "{'Fn::Sub': " + yaml_scalar(value.template, document.style) + "}"
    if isinstance(value, str) and re.search(r"[:,\[\]{}#]", value):
        return json.dumps(value) if document.style.quote == '"' else "'" + value.replace("'", "''") + "'"
    return yaml_scalar(value, document.style)


def statements(document: CfnDocument) -> Iterator[PolicyStatement]:
    """Every statement of every identity policy in the template."""
    for resource in document.by_logical_id.values():
        for policy in _documents(resource):
            listed = get(policy, "Statement")
            items = listed.value if isinstance(listed, SequenceNode) else [listed]
            for item in items:
                if isinstance(item, MappingNode) and not str(item.tag).startswith("!"):
                    found = _statement(resource, item, isinstance(listed, SequenceNode))
                    found.flow_list = isinstance(listed, SequenceNode) and bool(listed.flow_style) and not document.style.json
                    yield found


def _documents(resource: CfnResource) -> Iterator[MappingNode]:
    if resource.type in DOCUMENT_TYPES:
        found = resource.property("PolicyDocument")
        if isinstance(found, MappingNode):
            yield found
    elif resource.type in POLICIES_TYPES:
        policies = resource.property("Policies")
        for policy in policies.value if isinstance(policies, SequenceNode) else ():
            found = get(policy, "PolicyDocument")
            if isinstance(found, MappingNode):
                yield found
    elif resource.type in SAM_TYPES:
        policies = resource.property("Policies")
        candidates = policies.value if isinstance(policies, SequenceNode) else [policies]
        for candidate in candidates:
            if isinstance(candidate, MappingNode) and get(candidate, "Statement") is not None:
                yield candidate


def _strings(node: Node | None) -> list[str | None] | None:
    if node is None:
        return None
    items = node.value if isinstance(node, SequenceNode) else [node]
    return [scalar(item) for item in items]


def _statement(resource: CfnResource, node: MappingNode, in_list: bool) -> PolicyStatement:
    actions = _strings(get(node, "Action")) if get(node, "NotAction") is None else None
    effect = get(node, "Effect")
    statement = Statement(
        effect=scalar(effect) if effect is not None else "Allow",
        actions=None if actions is None or None in actions else [a for a in actions if a is not None],
        resources=_strings(get(node, "Resource")) if get(node, "NotResource") is None else None,
        condition=get(node, "Condition") is not None,
        principal=get(node, "Principal") is not None or get(node, "NotPrincipal") is not None,
        sid=scalar(get(node, "Sid")),
    )
    found = PolicyStatement(resource, node, statement, in_list=in_list)
    for slot, key in (("actions", "Action"), ("resources", "Resource"), ("sid", "Sid")):
        entry = entry_of(node, key)
        if entry is not None:
            found.values[slot] = entry
    return found


def policy_statements(document: CfnDocument) -> Iterator[tuple[CfnResource, Statement]]:
    """Each statement with the resource that holds it (for what a role is allowed)."""
    for found in statements(document):
        yield found.resource, found.statement
