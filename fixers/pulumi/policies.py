"""IAM policy statements in Pulumi programs: dicts given to ``json.dumps`` or ``pulumi.Output.json_dumps``, JSON
string literals, and the statements of ``aws.iam.get_policy_document``.

A statement is rewritten in place (its Action and Resource values); naming another resource's ARN needs an
Output, so ``json.dumps`` becomes ``pulumi.Output.json_dumps`` when that happens, and forms that cannot hold an
Output (a JSON string, the plain ``get_policy_document``) are only rewritten with literal ARNs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst

from iacfix.fixers.iam import json_text
from iacfix.fixers.iam.policy import ArnValue, Grant, Statement
from iacfix.fixers.iam.rewrite import (
    CannotRewrite,
    ListLayout,
    NewList,
    copy_sid,
    item_indent,
    layout_items,
    rewrite,
    separator,
)
from iacfix.fixers.model import Edit
from iacfix.fixers.pulumi import expressions
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiResource
from iacfix.fixers.text import newline_of

JSON_DUMPS = ("json.dumps",)
OUTPUT_JSON_DUMPS = ("pulumi.Output.json_dumps",)
POLICY_DOCUMENT = ("pulumi_aws.iam.get_policy_document", "pulumi_aws.iam.get_policy_document_output")
STATEMENT_ARGS = ("pulumi_aws.iam.GetPolicyDocumentStatementArgs",)
# Keys of a statement in each form: the policy JSON, and get_policy_document's arguments.
JSON_KEYS = {"actions": "Action", "resources": "Resource", "sid": "Sid", "effect": "Effect"}
DOCUMENT_KEYS = {"actions": "actions", "resources": "resources", "sid": "sid", "effect": "effect"}


@dataclass(frozen=True)
class PyExpression:
    """Python code naming an output, e.g. ``table.arn``."""

    code: str

    def __str__(self) -> str:
        return self.code


def qualified(document: PulumiDocument, expression: cst.BaseExpression) -> str | None:
    """The imported name an expression stands for (``aws.iam.Policy`` -> ``pulumi_aws.iam.Policy``)."""
    return expressions.qualified(document.aliases, expression)


def local_name(document: PulumiDocument, module: str) -> str | None:
    """How the file names an imported module (``pulumi``), or None when it is not imported."""
    return next((local for local, target in document.aliases.items() if target == module), None)


@dataclass
class _Slot:
    start: int
    end: int
    layout: ListLayout


@dataclass
class PolicyStatement:
    """A statement in a Pulumi program and how to rewrite it."""

    node: cst.CSTNode
    statement: Statement
    start: int
    end: int
    form: str  # "dict" (a policy dict), "json" (a JSON string), "document" (get_policy_document)
    wrapper: str | None = None  # the call the policy is given to: "json.dumps", "Output.json_dumps", ...
    wrapper_node: cst.Call | None = None
    in_lambda: bool = False
    top_level: int = 0  # start of the module-level statement holding the policy, for definition order
    slots: dict[str, _Slot] = field(default_factory=dict)
    quote: str = '"'
    unit: str = "    "
    in_list: bool = True  # False when the statement is the whole Statement value, not an item of a list
    resource: PulumiResource | None = None  # the resource whose arguments hold the policy, or that is given it

    @property
    def holder_name(self) -> str:
        """How findings name the holder: its variable, else its resource name."""
        holder = self.resource
        if holder is None:
            return "policy"
        if holder.variable:
            return holder.variable
        return holder.document.source(holder.resource_name) if holder.resource_name is not None else holder.type

    def rewrite(self, document: PulumiDocument, grants: list[Grant]) -> list[Edit]:
        """The edits writing ``grants``; raises CannotRewrite when the policy's form cannot hold the outputs they name."""
        outputs = [r for g in grants for r in g.resources or () if isinstance(r, ArnValue) and not r.is_literal]
        extra: list[Edit] = []
        pulumi_name = local_name(document, "pulumi")
        if outputs:
            named = str(outputs[0])
            if self.form == "json":
                raise CannotRewrite(f"the policy is a JSON string, which cannot hold {named}: "
                                    "write it as a dict given to pulumi.Output.json_dumps")
            if self.in_lambda:
                raise CannotRewrite(f"the statement is built inside a lambda, where {named} cannot be named")
            if pulumi_name is None:
                raise CannotRewrite(f"naming {named} needs pulumi.Output, and the program does not import pulumi")
            if self.form == "document" and self.wrapper != "pulumi_aws.iam.get_policy_document_output":
                raise CannotRewrite(f"get_policy_document cannot take {named}: use get_policy_document_output")
            if self.form == "dict":
                if self.wrapper == "json.dumps" and self.wrapper_node is not None:
                    start, end = document.span(self.wrapper_node.func)
                    extra.append(Edit(start, end, f"{pulumi_name}.Output.json_dumps"))
                elif self.wrapper != "pulumi.Output.json_dumps":
                    raise CannotRewrite(f"the policy is given to {self.wrapper or 'no call'}, which cannot hold {named}")
        nl = newline_of(document.text)
        spans = {name: (slot.start, slot.end) for name, slot in self.slots.items()}
        new_list = None if self.in_list else NewList(document.lines.indentation(self.start), self.unit, nl,
                                                     trailing_comma=self.form != "json")
        edit = rewrite(document.text, self.start, self.end, spans, grants,
                       lambda name, grant, index: self._render(name, grant, index, nl, pulumi_name or "pulumi"),
                       separator(document.text, self.start, nl), new_list)
        return [edit, *extra]

    def _render(self, name: str, grant: Grant, index: int, nl: str, pulumi_name: str) -> str | None:
        slot = self.slots[name]
        if name == "sid":
            return None if index == 0 else self._string(copy_sid(self.statement.sid or "", index))
        layout = slot.layout
        if name == "actions":
            items = [layout.item(action, self._string) for action in grant.actions]
        elif grant.resources is None:
            return None
        else:
            items = [layout.item(resource, self._string) if isinstance(resource, str)
                     else self._resource(resource, pulumi_name) for resource in grant.resources]
        return layout_items(items, layout, self.unit, nl)

    def _string(self, text: str) -> str:
        return json.dumps(text) if self.form == "json" else expressions.python_string(text, self.quote)

    def _resource(self, resource: str | ArnValue, pulumi_name: str) -> str:
        if isinstance(resource, str):
            return self._string(resource)
        if resource.is_literal:
            return self._string(resource.text)
        if len(resource.parts) == 1:
            return str(resource.parts[0])
        parts = [self._string(p) if isinstance(p, str) else str(p) for p in resource.parts]
        return f"{pulumi_name}.Output.concat({', '.join(parts)})"


class _Finder(cst.CSTVisitor):
    """Walks the program once, remembering the calls and lambdas around each policy."""

    def __init__(self, document: PulumiDocument) -> None:
        self.document = document
        self.calls: list[cst.Call] = []
        self.lambdas = 0
        self.top_level = 0
        self.found: list[PolicyStatement] = []

    def visit_Module(self, node: cst.Module) -> bool:
        for statement in node.body:
            self.top_level = self.document.span(statement)[0]
            statement.visit(self)
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)
        if qualified(self.document, node.func) in POLICY_DOCUMENT:
            self._document_statements(node)

    def leave_Call(self, original_node: cst.Call) -> None:
        self.calls.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.lambdas += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.lambdas -= 1

    def _wrapper(self) -> tuple[str | None, cst.Call | None]:
        if not self.calls:
            return None, None
        call = self.calls[-1]
        return qualified(self.document, call.func), call

    def visit_Dict(self, node: cst.Dict) -> None:
        statements = _dict_value(node, "Statement")
        if statements is None:
            return
        wrapper, call = self._wrapper()
        items = statements.elements if isinstance(statements, cst.List) else [statements]
        for item in items:
            value = item.value if isinstance(item, cst.Element) else item
            if isinstance(value, cst.Dict):
                self.found.append(self._from_dict(value, JSON_KEYS, "dict", wrapper, call))
                self.found[-1].in_list = isinstance(statements, cst.List)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if "{" not in node.value or "Statement" not in node.value or "\\" in node.value:
            return
        prefix = node.prefix.lower()
        if "f" in prefix or "b" in prefix:
            return
        quote_length = len(node.quote)
        start = self.document.span(node)[0] + len(node.prefix) + quote_length
        body = node.value[len(node.prefix) + quote_length : len(node.value) - quote_length]
        try:
            root = json_text.parse(body)
        except json_text.JsonError:
            return
        statements = root.get("Statement") if root.kind == "object" else None
        if statements is None:
            return
        for item in statements.items if statements.kind == "array" else [statements]:
            if item.kind == "object":
                self.found.append(self._from_json(item, start))
                self.found[-1].in_list = statements.kind == "array"

    # ------------------------------------------------------------------------------- builders
    def _from_dict(self, node: cst.Dict, keys: dict[str, str], form: str, wrapper: str | None,
                   call: cst.Call | None) -> PolicyStatement:
        values = {k: _dict_value(node, name) for k, name in keys.items()}
        present = {_key(e) for e in node.elements if isinstance(e, cst.DictElement)}
        return self._build(node, values, form, wrapper, call, present, keys)

    def _document_statements(self, call: cst.Call) -> None:
        argument = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "statements"), None)
        if not isinstance(argument, cst.List):
            return
        wrapper = qualified(self.document, call.func)
        for element in argument.elements:
            value = element.value
            if isinstance(value, cst.Dict):
                self.found.append(self._from_dict(value, DOCUMENT_KEYS, "document", wrapper, call))
            elif isinstance(value, cst.Call) and qualified(self.document, value.func) in STATEMENT_ARGS:
                values = {k: _keyword(value, name) for k, name in DOCUMENT_KEYS.items()}
                present = {a.keyword.value for a in value.args if a.keyword is not None}
                self.found.append(self._build(value, values, "document", wrapper, call, present, DOCUMENT_KEYS))

    def _build(self, node: cst.CSTNode, values: dict[str, cst.BaseExpression | None], form: str,
               wrapper: str | None, call: cst.Call | None, present: set[str], keys: dict[str, str]) -> PolicyStatement:
        json_keys = form != "document"
        effect = values["effect"]
        actions = _strings(values["actions"])
        statement = Statement(
            effect=(_string(effect) if effect is not None else "Allow"),
            actions=None if actions is None or None in actions or ("NotAction" if json_keys else "not_actions") in present
            else [a for a in actions if a is not None],
            resources=None if ("NotResource" if json_keys else "not_resources") in present
            else (_strings(values["resources"]) if values["resources"] is not None else None),
            condition=bool(present & {"Condition", "conditions"}),
            principal=bool(present & {"Principal", "NotPrincipal", "principals", "not_principals"}),
            sid=_string(values["sid"]) if values["sid"] is not None else None,
        )
        if statement.resources is None and values["resources"] is not None and statement.effect == "Allow":
            statement.resources = [None]
        start, end = self.document.span(node)
        found = PolicyStatement(node, statement, start, end, form, wrapper, call, self.lambdas > 0, self.top_level)
        multiline = "\n" in self.document.text[start:end]
        for name in ("actions", "resources", "sid"):
            value = values[name]
            if value is None:
                continue
            value_start, value_end = self.document.span(value)
            is_list = isinstance(value, cst.List)
            elements = [e.value for e in value.elements if isinstance(e, cst.Element)] if is_list else []
            layout = ListLayout(
                is_list=is_list,
                multiline="\n" in self.document.text[value_start:value_end] or (multiline and not is_list),
                one_line_statement=not multiline,
                indent=self.document.lines.indentation(value_start),
                column=value_start - self.document.lines.line_start(value_start),
                trailing_comma=not is_list or _has_trailing_comma(value, self.document.text[value_start:value_end]),
                item_indent=item_indent(self.document.text, [self.document.span(e)[0] for e in elements],
                                        value_start) if elements else None,
                originals={text: self.document.source(e) for e in elements if (text := _string(e)) is not None},
            )
            found.slots[name] = _Slot(value_start, value_end, layout)
            if isinstance(value, cst.SimpleString):
                found.quote = value.quote[0]
            elif isinstance(value, cst.List) and value.elements and isinstance(value.elements[0].value, cst.SimpleString):
                found.quote = value.elements[0].value.quote[0]
        return found

    def _from_json(self, item: json_text.JsonNode, offset: int) -> PolicyStatement:
        statement = Statement.from_json(item, "%")
        found = PolicyStatement(item, statement, offset + item.start, offset + item.end, "json",
                                top_level=self.top_level, in_lambda=self.lambdas > 0)
        multiline = "\n" in self.document.text[found.start : found.end]
        first = item.entries[0][0] if item.entries else None
        if first is not None:
            outer = len(self.document.lines.indentation(found.start))
            inner = len(self.document.lines.indentation(offset + first.start))
            found.unit = " " * (inner - outer) if inner > outer else "    "
        for name, key in (("actions", "Action"), ("resources", "Resource"), ("sid", "Sid")):
            entry = item.entry(key)
            if entry is not None:
                key, value = entry
                value_start = offset + value.start
                text = self.document.text[value_start : offset + value.end]
                items = value.items if value.kind == "array" else []
                layout = ListLayout(
                    is_list=value.kind == "array",
                    multiline="\n" in text or (multiline and value.kind != "array"),
                    one_line_statement=not multiline,
                    indent=self.document.lines.indentation(offset + key.start),
                    column=value_start - self.document.lines.line_start(value_start),
                    trailing_comma=False,
                    item_indent=item_indent(self.document.text, [offset + item.start for item in items], value_start)
                    if items else None,
                    originals={item.value: self.document.text[offset + item.start : offset + item.end]
                               for item in items if item.kind == "string"},
                )
                found.slots[name] = _Slot(value_start, offset + value.end, layout)
        return found


def _has_trailing_comma(node: cst.List, text: str) -> bool:
    """Whether a list written over several lines ends with a comma (black's style); other values get one."""
    last = node.elements[-1] if node.elements else None
    return "\n" not in text or last is None or isinstance(last.comma, cst.Comma)


def _key(element: cst.DictElement) -> str | None:
    key = element.key
    return key.evaluated_value if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str) else None


def _dict_value(node: cst.Dict, name: str) -> cst.BaseExpression | None:
    for element in node.elements:
        if isinstance(element, cst.DictElement) and _key(element) == name:
            return element.value
    return None


def _keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _string(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        return node.evaluated_value
    return None


def _strings(node: cst.BaseExpression | None) -> list[str | None] | None:
    if node is None:
        return None
    if isinstance(node, (cst.List, cst.Tuple)):
        return [_string(e.value) if isinstance(e, cst.Element) else None for e in node.elements]
    return [_string(node)]


def statements(document: PulumiDocument) -> Iterator[PolicyStatement]:
    """Every policy statement of the program file; files that mention no statement are not walked."""
    if "Statement" not in document.text and "statements" not in document.text:
        return
    finder = _Finder(document)
    document.module.visit(finder)
    for found in finder.found:
        found.resource = holder_of(document, found)
        yield found


def holder_of(document: PulumiDocument, found: PolicyStatement) -> PulumiResource | None:
    """The resource whose arguments hold the statement (its policy, inline policy or policy document), or the one
    resource further down given the variable the policy is assigned to."""
    enclosing = [r for r in document.resources() if r.start <= found.start and found.end <= r.end]
    if enclosing:
        return min(enclosing, key=lambda r: r.end - r.start)
    statement = next((s for s in document.module.body if document.span(s)[0] == found.top_level), None)
    first = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    targets = first.targets if isinstance(first, cst.Assign) else ()
    variable = targets[0].target.value if len(targets) == 1 and isinstance(targets[0].target, cst.Name) else None
    users = [r for r in document.resources() if variable is not None and r.start > found.end
             and any(reference.name == variable for reference in r.references())]
    return users[0] if len(users) == 1 else None


def policy_statements(document: PulumiDocument) -> Iterator[tuple[PulumiResource, Statement]]:
    """Each statement with the resource that holds it (for what a role is allowed)."""
    for found in statements(document):
        if found.resource is not None:
            yield found.resource, found.statement
