"""Policy documents read as statements whatever their form, and a statement added to one in that form.

A policy document is written either as JSON structure whose ``Statement`` holds IAM's keys (``jsonencode({...})``,
heredoc JSON, a template mapping, ``json.dumps``, a JSON string) or as a policy document data source whose
statements are blocks with keys of their own (``aws_iam_policy_document``'s ``actions``, ``principals``,
``condition``; ``get_policy_document``'s ``conditions``). Both read as :class:`StatementView`s, so a rule asks "does
this policy deny plain HTTP" once; :func:`add_statement` appends a statement in the document's form, or extends the
statement that already has its Sid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from iacfix.fixers.document import CannotFix, Document, Node, Resource, Unit
from iacfix.fixers.kinds import attribute_name
from iacfix.fixers.model import Language
from iacfix.fixers.values import Block, Ref, describe

if TYPE_CHECKING:
    from iacfix.fixers.document import Changes

KEYS = ("Action", "Resource")  # what a statement with the same Sid is extended with
BLOCK_KEYS = {"Sid": "sid", "Effect": "effect", "Action": "actions", "Resource": "resources"}


@dataclass
class StatementView:
    """One statement as written: its Sid and Effect when literal, and the values a fix extends or a rule reads."""

    node: Node
    sid: str | None
    effect: str | None  # None: computed
    principal: bool
    values: dict[str, Node] = field(default_factory=dict)  # "Action", "Resource": the value written
    conditions: list[tuple[str | None, str | None, list[Any]]] = field(default_factory=list)  # test, key, values

    def items(self, key: str) -> list[Node]:
        """The values written for ``Action`` or ``Resource``: a list's items, or the single value."""
        node = self.values.get(key)
        if node is None:
            return []
        listed = node.items()
        return listed if listed is not None else [node]


class PolicyForm(Protocol):
    """A policy document as its statements, and how a statement is added to it."""

    document: Document
    statements: list[StatementView] | None  # None: computed, not readable

    def append(self, changes: Changes, statement: Mapping[str, Any]) -> None: ...

    def extend(self, changes: Changes, view: StatementView, key: str, values: list[Any]) -> None: ...


# ------------------------------------------------------------------------------------------------ reading
def form_of(policy: Node, unit: Unit) -> PolicyForm | None:
    """How the policy a setting holds is written: JSON structure (whatever encodes it), or a document data source;
    None when it is neither (a file read, a variable, an expression)."""
    decoded = policy.decoded()
    if decoded is not None and decoded.items() is None and decoded.literal is None:  # a mapping
        return JsonForm(decoded)
    return language_part(policy.document.language).document_form(policy, unit)


def statements_of(policy: Node, unit: Unit) -> list[StatementView] | None:
    """The statements of the policy a setting holds; None when they cannot be read."""
    form = form_of(policy, unit)
    return form.statements if form is not None else None


def json_view(node: Node) -> StatementView:
    """A statement written with IAM's keys."""
    effect = node.get("Effect")
    view = StatementView(
        node, _text(node.get("Sid")), effect.literal if effect is not None else "Allow",
        node.get("Principal") is not None or node.get("NotPrincipal") is not None,
        {key: found for key in KEYS if (found := node.get(key)) is not None},
    )
    condition = node.get("Condition")
    for test, block in condition.entries() if condition is not None else []:
        for key, values in block.entries():
            view.conditions.append((test, key, literals(values)))
    return view


def block_view(node: Node, conditions: list[Node]) -> StatementView:
    """A statement written as a policy document data source writes it (``sid``, ``effect``, ``actions``,
    ``resources``, ``principals``), with its condition blocks (``test``, ``variable``, ``values``)."""
    effect = node.get("effect")
    view = StatementView(
        node, _text(node.get("sid")), effect.literal if effect is not None else "Allow",
        node.get("principals") is not None or node.get("not_principals") is not None,
        {key: found for key, name in (("Action", "actions"), ("Resource", "resources"))
         if (found := node.get(name)) is not None},
    )
    for condition in conditions:
        test, variable, values = (condition.get(name) for name in ("test", "variable", "values"))
        view.conditions.append((_text(test), _text(variable), literals(values) if values is not None else []))
    return view


def literals(node: Node) -> list[Any]:
    """The literal values of a list, or of a single value (None for what is computed)."""
    listed = node.items()
    return [item.literal for item in listed] if listed is not None else [node.literal]


def _text(node: Node | None) -> str | None:
    value = node.literal if node is not None else None
    return value if isinstance(value, str) else None


class JsonForm:
    """A document written as JSON structure: ``{"Version": ..., "Statement": [...]}`` in any language."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.document = root.document
        self.listed = root.get("Statement")
        items: list[Node] | None = []
        if self.listed is not None:
            items = self.listed.items()
            if items is None:
                items = [self.listed] if self.listed.keys() else None
        self.statements = [json_view(item) for item in items] if items is not None else None

    def append(self, changes: Changes, statement: Mapping[str, Any]) -> None:
        self._check(changes, statement)
        if self.listed is None:
            changes.add_entry(self.root, "Statement", [dict(statement)])
        elif self.listed.items() is not None:
            changes.add_to_list(self.listed, dict(statement))
        else:
            changes.wrap_in_list(self.listed, dict(statement))

    def extend(self, changes: Changes, view: StatementView, key: str, values: list[Any]) -> None:
        self._check(changes, {key: values})
        extend_value(changes, view, key, key, values)

    def _check(self, changes: Changes, values: Mapping[str, Any]) -> None:
        """Refuse before writing anything: JSON text that cannot name a reference, or what the language refuses."""
        from iacfix.fixers.embedded import JsonTextNode

        if isinstance(self.root, JsonTextNode):
            host = self.root.host
            if host.escape is None:
                raise CannotFix(host.refusal)
            found = references(dict(values))
            if found and not host.interpolates:
                raise CannotFix(f"the policy is JSON text, which cannot name {describe(found[0])}; write it as "
                                "structure (jsonencode, a mapping, json.dumps)")
        language_part(self.document.language).check_json(changes, self.root, values)


def extend_value(changes: Changes, view: StatementView, key: str, written_key: str, values: list[Any]) -> None:
    """Add values to a statement's Action or Resource: items of its list, or a list made of its single value."""
    node = view.values.get(key)
    if node is None:
        changes.add_entry(view.node, written_key, values)
        return
    if node.items() is not None:
        for value in values:
            changes.add_to_list(node, value)
        return
    if len(values) > 1 or node.literal is None and node.reference() is None:
        raise CannotFix(f"the {key} of statement {view.sid} is written as an expression that cannot take "
                        f"{len(values)} more value(s)")
    changes.wrap_in_list(node, values[0])


# ------------------------------------------------------------------------------------------------ writing
def add_statement(changes: Changes, policy: Node, statement: Mapping[str, Any]) -> None:
    """See :meth:`Changes.add_statement`."""
    unit = getattr(changes, "unit", None) or Unit([changes.document])
    form = form_of(policy, unit)
    if form is None or form.statements is None:
        raise CannotFix(f"the policy {_short(policy)} is not written as a document whose statements can be extended")
    if form.document is not changes.document:
        raise CannotFix(f"the policy document is declared in {form.document.path}")
    sid = statement.get("Sid")
    same = next((view for view in form.statements if sid is not None and view.sid == sid), None)
    if same is None:
        form.append(changes, statement)
        return
    if same.effect != statement.get("Effect", "Allow") or same.conditions != conditions_of(statement):
        raise CannotFix(f"the policy has a statement {sid} already, and it says something else")
    for key in KEYS:
        wanted = statement.get(key)
        listed = wanted if isinstance(wanted, list) else [wanted] if wanted is not None else []
        missing = [value for value in listed if not any(same_value(node, value) for node in same.items(key))]
        if missing:
            form.extend(changes, same, key, missing)


def conditions_of(statement: Mapping[str, Any]) -> list[tuple[str | None, str | None, list[Any]]]:
    """A statement's conditions as :class:`StatementView` lists them."""
    return [(test, key, values if isinstance(values, list) else [values])
            for test, block in (statement.get("Condition") or {}).items() for key, values in block.items()]


def same_value(node: Node, value: Any) -> bool:
    """Whether a value written in a document is ``value``: the same text, or a reference to the same attribute."""
    if isinstance(value, str):
        return node.literal == value
    if isinstance(value, Ref) and isinstance(value.resource, Resource):
        found = node.reference()
        target = value.resource
        language = node.document.language
        written = attribute_name(language, target.type, value.attribute)
        return found is not None and found.name == target.name and found.attribute == written
    return False


def block_statement(statement: Mapping[str, Any], conditions: str) -> Block:
    """A statement as a policy document data source writes it: ``sid``, ``effect``, ``actions``, ``resources``,
    ``principals`` blocks (``{type, identifiers}``) and condition blocks (``{test, variable, values}``) under the key
    ``conditions`` names (``condition`` in Terraform, ``conditions`` in Pulumi)."""
    settings: dict[str, Any] = {}
    for key, name in BLOCK_KEYS.items():
        value = statement.get(key)
        if value is not None and (key, value) != ("Effect", "Allow"):  # Allow is the blocks' default
            settings[name] = value if key in ("Sid", "Effect") or isinstance(value, list) else [value]
    principal = statement.get("Principal")
    if principal == "*":
        settings["principals"] = [Block({"type": "*", "identifiers": ["*"]})]
    elif isinstance(principal, Mapping):
        settings["principals"] = [Block({"type": kind, "identifiers": ids if isinstance(ids, list) else [ids]})
                                  for kind, ids in principal.items()]
    tests = [Block({"test": test, "variable": key, "values": values})
             for test, key, values in conditions_of(statement)]
    if tests:
        settings[conditions] = tests
    return Block(settings)


def references(value: Any) -> list[Ref]:
    """Every reference inside a value (a statement's dicts and lists, joined text)."""
    if isinstance(value, Ref):
        return [value]
    if isinstance(value, Mapping):
        return [ref for item in value.values() for ref in references(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in references(item)]
    parts = getattr(value, "parts", None)
    return [part for part in parts if isinstance(part, Ref)] if parts is not None else []


def _short(node: Node) -> str:
    text = " ".join(node.text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def language_part(language: Language) -> Any:
    """The language's part: its policy document data sources and the checks its JSON forms need."""
    if language is Language.TERRAFORM:
        from iacfix.fixers.hcl import statements
    elif language is Language.CLOUDFORMATION:
        from iacfix.fixers.cfn import statements  # type: ignore[no-redef]
    else:
        from iacfix.fixers.pulumi import statements  # type: ignore[no-redef]
    return statements
