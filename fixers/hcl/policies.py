"""IAM policy statements in Terraform: ``jsonencode({...})`` objects, heredoc JSON and ``aws_iam_policy_document``.

Each statement is read into the language-independent :class:`fixers.iam.policy.Statement` and can be rewritten
from :class:`fixers.iam.policy.Grant` values; only the Action, Resource (and, for copies, Sid) values change, and
the block is realigned as ``terraform fmt`` aligns it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from lark import Token, Tree

from iacfix.fixers.document import Resource
from iacfix.fixers.hcl.document import Block, HclDocument, HclResource, literal_value
from iacfix.fixers.hcl.parser import span
from iacfix.fixers.iam import json_text
from iacfix.fixers.iam.policy import ArnValue, Grant, Statement
from iacfix.fixers.iam.rewrite import ListLayout, NewList, copy_sid, item_indent, layout_items, rewrite, separator
from iacfix.fixers.model import Edit
from iacfix.fixers.text import newline_of

NOT_POLICIES = frozenset({"assume_role_policy"})


@dataclass(frozen=True)
class HclExpression:
    """A Terraform expression used inside an ARN, e.g. ``aws_dynamodb_table.orders.arn``."""

    code: str

    def __str__(self) -> str:
        return self.code


def hcl_string(text: str) -> str:
    escaped = json.dumps(text)[1:-1].replace("${", "$${").replace("%{", "%%{")
    return f'"{escaped}"'


def _template(value: ArnValue) -> str:
    """An ARN as a quoted HCL template: literal parts escaped, references interpolated."""
    return '"' + "".join(hcl_string(p)[1:-1] if isinstance(p, str) else f"${{{p}}}" for p in value.parts) + '"'


def hcl_resource(value: str | ArnValue) -> str:
    """A resource as an HCL expression: a bare reference, or a quoted template."""
    if isinstance(value, str):
        return hcl_string(value)
    if len(value.parts) == 1 and not isinstance(value.parts[0], str):
        return str(value.parts[0])
    return _template(value)


def json_resource(value: str | ArnValue) -> str:
    """A resource as a JSON string inside a heredoc, references interpolated."""
    return hcl_string(value) if isinstance(value, str) else _template(value)


def _unwrap(node: Tree | Token) -> Tree | Token:
    while isinstance(node, Tree) and node.data == "expr_term" and len(node.children) == 1:
        node = node.children[0]
    return node


def _items(node: Tree | Token) -> list[Tree | Token] | None:
    """A tuple's items, a single value as a one-item list, None for anything computed."""
    node = _unwrap(node)
    if isinstance(node, Tree) and node.data == "tuple":
        return [child for child in node.children if isinstance(child, Tree) and child.data != "new_line_or_comment"]
    if isinstance(node, Tree) and node.data in ("for_tuple_expr", "conditional", "function_call"):
        return None
    return [node]


def _literals(node: Tree | Token | None) -> list[str | None] | None:
    if node is None:
        return None
    items = _items(node)
    return None if items is None else [literal_value(item) for item in items]


@dataclass
class _Value:
    """One value a statement may rewrite, with how the author laid it out."""

    start: int
    end: int
    layout: ListLayout
    lead: str = ""  # what goes between the key and the value: " = " (terraform fmt's spacing), when the slot has it


@dataclass
class PolicyStatement:
    """A statement found in a Terraform file and how to rewrite it."""

    holder: Block
    statement: Statement
    start: int
    end: int
    form: str  # "jsonencode", "heredoc" or "document"
    values: dict[str, _Value] = field(default_factory=dict)  # "actions", "resources", "sid"
    json_indent: str = "  "  # heredoc JSON: the file's indentation unit
    block: Block | None = None  # the statement block of a policy document
    in_list: bool = True  # False when the statement is the whole Statement value, not an item of a list
    resource: HclResource | None = None  # the holder as the vocabulary sees it (None for a module call)

    @property
    def holder_name(self) -> str:
        return self.holder.address

    def rewrite(self, document: HclDocument, grants: list[Grant]) -> list[Edit]:
        return [self._rewrite(document, grants)]

    def _rewrite(self, document: HclDocument, grants: list[Grant]) -> Edit:
        nl = newline_of(document.text)
        slots = {name: (value.start, value.end) for name, value in self.values.items()}
        if self.form == "document":
            sep = nl + nl + document.lines.indentation(self.start)
        else:
            sep = separator(document.text, self.start, nl)
        new_list = None if self.in_list else NewList(
            document.lines.indentation(self.start), self.json_indent if self.form == "heredoc" else "  ", nl,
            trailing_comma=self.form != "heredoc",
        )
        edit = rewrite(document.text, self.start, self.end, slots, grants,
                       lambda slot, grant, index: self._render(slot, grant, index, nl), sep, new_list)
        if self.form == "heredoc":
            return edit
        return document.edit_within(self.holder, [edit])

    def _render(self, slot: str, grant: Grant, index: int, nl: str) -> str | None:
        value = self.values[slot]
        rendered = self._render_value(value, slot, grant, index, nl)
        return None if rendered is None else value.lead + rendered

    def _render_value(self, value: _Value, slot: str, grant: Grant, index: int, nl: str) -> str | None:
        json_form = self.form == "heredoc"
        if slot == "sid":
            return None if index == 0 else (json_resource if json_form else hcl_string)(copy_sid(self.statement.sid or "", index))
        layout = value.layout
        if slot == "actions":
            items = [layout.item(action, hcl_string) for action in grant.actions]
        elif grant.resources is None:
            return None
        else:
            render = json_resource if json_form else hcl_resource
            items = [layout.item(resource, render) if isinstance(resource, str) else render(resource)
                     for resource in grant.resources]
        return layout_items(items, layout, self.json_indent if json_form else "  ", nl)


def statements(document: HclDocument) -> Iterator[PolicyStatement]:
    """Every policy statement of the file, in jsonencode objects, heredocs and policy document blocks."""
    resources = {id(resource.block): resource for resource in document.declared if isinstance(resource, HclResource)}
    for found in _statements(document):
        found.resource = resources.get(id(found.holder))
        yield found


def _statements(document: HclDocument) -> Iterator[PolicyStatement]:
    for block in document.blocks:
        if block.type == "data" and block.labels[:1] == ["aws_iam_policy_document"]:
            for nested in block.nested("statement"):
                found = _document_statement(document, block, nested)
                if found is not None:
                    yield found
            continue
        for attribute in _attributes(block):
            if attribute.name in NOT_POLICIES:
                continue
            yield from _from_value(document, block, attribute.value)


def _attributes(block: Block) -> Iterator:  # type: ignore[type-arg]
    yield from block.attributes.values()
    for nested in block.blocks:
        yield from _attributes(nested)


def _from_value(document: HclDocument, holder: Block, value: Tree | Token) -> Iterator[PolicyStatement]:
    for node in ([value] if isinstance(value, Token) else value.iter_subtrees_topdown()):
        if isinstance(node, Tree) and node.data == "function_call":
            name = node.children[0]
            arguments = [c for c in node.children if isinstance(c, Tree) and c.data == "arguments"]
            if isinstance(name, Tree) and str(name.children[0]) == "jsonencode" and arguments:
                yield from _jsonencode_statements(document, holder, arguments[0].children[0])
        elif isinstance(node, Tree) and node.data in ("heredoc_template", "heredoc_template_trim"):
            yield from _heredoc_statements(document, holder, node)


# ------------------------------------------------------------------------------------ jsonencode
def _object_elems(node: Tree | Token) -> dict[str, tuple[Tree, Tree]] | None:
    node = _unwrap(node)
    if not isinstance(node, Tree) or node.data != "object":
        return None
    elems: dict[str, tuple[Tree, Tree]] = {}
    for elem in node.children:
        if isinstance(elem, Tree) and elem.data == "object_elem":
            key = _unwrap(elem.children[0].children[0])
            name = literal_value(key) if isinstance(key, Tree) and key.data == "string" else None
            if name is None and isinstance(key, Tree) and key.data == "identifier":
                name = str(key.children[0])
            if name is not None:
                elems[name] = (elem, elem.children[-1])
    return elems


def _jsonencode_statements(document: HclDocument, holder: Block, argument: Tree) -> Iterator[PolicyStatement]:
    elems = _object_elems(argument)
    if elems is None or "Statement" not in elems:
        return
    items = _items(elems["Statement"][1])
    listed = isinstance(statement_list := _unwrap(elems["Statement"][1]), Tree) and statement_list.data == "tuple"
    for item in items or ():
        item = _unwrap(item)
        statement_elems = _object_elems(item)
        if statement_elems is None:
            continue
        start, end = span(item)
        multiline = "\n" in document.text[start:end]
        found = PolicyStatement(holder, _statement_of(statement_elems), start, end, "jsonencode", in_list=listed)
        for slot, key in (("actions", "Action"), ("resources", "Resource"), ("sid", "Sid")):
            if key in statement_elems:
                elem, value = statement_elems[key]
                found.values[slot] = _hcl_value(document, elem, value, multiline)
        yield found


def _hcl_value(document: HclDocument, anchor: Tree, value: Tree, statement_multiline: bool) -> _Value:
    start, end = span(value)
    node = _unwrap(value)
    text = document.text[start:end]
    is_list = isinstance(node, Tree) and node.data == "tuple"
    layout = ListLayout(
        is_list=is_list,
        multiline="\n" in text or (statement_multiline and not is_list),
        one_line_statement=not statement_multiline,
        indent=document.lines.indentation(span(anchor)[0]),
        column=start - document.lines.line_start(start),
        trailing_comma=not is_list or "\n" not in text or text[:-1].rstrip().endswith(","),
        **_written_items(document, value),
    )
    found = _Value(start, end, layout)
    separator_token = anchor.children[1]
    if isinstance(separator_token, Token) and separator_token.type == "EQ":
        found.start, found.lead = separator_token.start_pos, " = "  # type: ignore[assignment]
    return found


def _written_items(document: HclDocument, value: Tree | Token) -> dict:
    """How the author wrote a list's items: their text by value, and their indentation one per line."""
    items = _items(value) or []
    originals = {}
    for item in items:
        literal = literal_value(item)
        if literal is not None:
            originals.setdefault(literal, document.text[slice(*span(item))])
    opening = span(value)[0]
    return {"originals": originals,
            "item_indent": item_indent(document.text, [span(item)[0] for item in items], opening) if items else None}


def _statement_of(elems: dict[str, tuple[Tree, Tree]]) -> Statement:
    def literal(key: str) -> str | None:
        return literal_value(elems[key][1]) if key in elems else None

    actions = _literals(elems["Action"][1]) if "Action" in elems and "NotAction" not in elems else None
    resources = _literals(elems["Resource"][1]) if "Resource" in elems else None
    if "Resource" in elems and resources is None:
        resources = [None]
    return Statement(
        effect=literal("Effect") if "Effect" in elems else "Allow",
        actions=None if actions is None or None in actions else [a for a in actions if a is not None],
        resources=None if "NotResource" in elems else resources,
        condition="Condition" in elems,
        principal="Principal" in elems or "NotPrincipal" in elems,
        sid=literal("Sid"),
    )


# --------------------------------------------------------------------------------------- heredoc
def _heredoc_statements(document: HclDocument, holder: Block, node: Tree) -> Iterator[PolicyStatement]:
    start, end = span(node)
    raw = document.text[start:end]
    body_start = raw.find("\n") + 1
    body_end = raw.rstrip("\r\n").rfind("\n") + 1
    if body_start <= 0 or body_end <= body_start:
        return
    offset = start + body_start
    try:
        root = json_text.parse(raw[body_start:body_end])
    except json_text.JsonError:
        return
    statements_node = root.get("Statement") if root.kind == "object" else None
    if statements_node is None:
        return
    items = statements_node.items if statements_node.kind == "array" else [statements_node]
    for item in items:
        if item.kind != "object":
            continue
        found = PolicyStatement(holder, Statement.from_json(item, "${"), offset + item.start, offset + item.end, "heredoc",
                                in_list=statements_node.kind == "array")
        first_key = item.entries[0][0] if item.entries else None
        if first_key is not None:
            outer = len(document.lines.indentation(offset + item.start))
            inner = len(document.lines.indentation(offset + first_key.start))
            found.json_indent = " " * max(inner - outer, 2) if inner > outer else "  "
        multiline = "\n" in document.text[found.start:found.end]
        for slot, key in (("actions", "Action"), ("resources", "Resource"), ("sid", "Sid")):
            entry = item.entry(key)
            if entry is None:
                continue
            name, value = entry
            value_start = offset + value.start
            text = document.text[value_start : offset + value.end]
            items = value.items if value.kind == "array" else []
            layout = ListLayout(
                is_list=value.kind == "array",
                multiline="\n" in text or (multiline and value.kind != "array"),
                one_line_statement=not multiline,
                indent=document.lines.indentation(offset + name.start),
                column=value_start - document.lines.line_start(value_start),
                trailing_comma=False,
                item_indent=item_indent(document.text, [offset + item.start for item in items], value_start)
                if items else None,
                originals={item.value: document.text[offset + item.start : offset + item.end] for item in items
                           if item.kind == "string"},
            )
            found.values[slot] = _Value(value_start, offset + value.end, layout)
        yield found


# ------------------------------------------------------------------------------ policy documents
def _document_statement(document: HclDocument, holder: Block, block: Block) -> PolicyStatement | None:
    attributes = block.attributes
    effect = attributes.get("effect")
    actions = _literals(attributes["actions"].value) if "actions" in attributes else None
    resources = _literals(attributes["resources"].value) if "resources" in attributes else None
    statement = Statement(
        effect=(effect.literal if effect is not None else "Allow"),
        actions=None if actions is None or None in actions or "not_actions" in attributes
        else [a for a in actions if a is not None],
        resources=resources if "not_resources" not in attributes else None,
        condition=bool(block.nested("condition")),
        principal=bool(block.nested("principals") or block.nested("not_principals")),
        sid=attributes["sid"].literal if "sid" in attributes else None,
    )
    found = PolicyStatement(holder, statement, block.start, block.end, "document", block=block)
    for slot, name in (("actions", "actions"), ("resources", "resources"), ("sid", "sid")):
        attribute = attributes.get(name)
        if attribute is not None:
            node = _unwrap(attribute.value)
            is_list = isinstance(node, Tree) and node.data == "tuple"
            layout = ListLayout(
                is_list=is_list or slot != "sid",
                multiline="\n" in attribute.text,
                one_line_statement=False,
                indent=document.lines.indentation(attribute.start),
                column=attribute.start - document.lines.line_start(attribute.start) + len(name) + 3,
                trailing_comma=not is_list or "\n" not in attribute.text or attribute.text[:-1].rstrip().endswith(","),
                **_written_items(document, attribute.value),
            )
            found.values[slot] = _Value(attribute.start + len(name), attribute.value_end, layout, " = ")
    return found


def policy_statements(document: HclDocument) -> Iterator[tuple[Resource, Statement]]:
    """Each statement with the resource or policy document that holds it (for what a role is allowed)."""
    for found in statements(document):
        if found.resource is not None:
            yield found.resource, found.statement
