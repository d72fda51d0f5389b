"""Values a fix writes, as a small tree every language renders in its own idiom.

A rule says *what* to write: the string ``"Active"``, the number ``14``, the ARN of the queue it adds, a nested
block of settings. Each language's document says *how*: ``aws_sqs_queue.dlq.arn``, ``!GetAtt Dlq.Arn`` or
``{"Fn::GetAtt": ["Dlq", "Arn"]}``, ``dlq.arn``; a nested block, a mapping, or an ``...Args(...)`` object.

Plain Python values are the leaves: ``str``, ``int``, ``float``, ``bool``; a ``list`` is a list, a ``dict`` a
mapping (a Terraform object, a YAML/JSON mapping, a Python dict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iacfix.fixers.document import Node, Resource
    from iacfix.fixers.kinds import Kind


@dataclass(frozen=True, eq=False)
class NewResource:
    """A resource a fix adds, known by the name its language gives it (label, logical id, variable).

    ``owner`` is the resource it is added for: it carries the owner's ``Condition``, ``count``/``for_each`` or
    enclosing ``if``, so a reference from one to the other is indexed the same way. ``role`` is the word its
    names were made from (``logs``, ``live``).
    """

    kind: Kind
    name: str
    owner: Resource | None = None
    role: str = ""
    depends_on: tuple[Resource, ...] = ()  # resources it must wait for though it does not refer to them


@dataclass(frozen=True)
class Ref:
    """An attribute of a resource, by the kind table's name for it (``arn``, ``name``, ``id``)."""

    resource: Resource | NewResource
    attribute: str


@dataclass(frozen=True)
class Copy:
    """An expression copied from the document as its author wrote it (a name built from a variable, say)."""

    node: Node


@dataclass(frozen=True)
class Join:
    """Text with references inside: an interpolated string, ``!Sub``, an f-string or ``Output.concat``."""

    parts: tuple[str | Ref | Copy, ...]


@dataclass(frozen=True)
class Block:
    """Nested settings: a Terraform block, a mapping, a Pulumi ``...Args(...)`` object (or dict, as the file does).

    A plain ``dict`` is a value (a Terraform object such as ``tags``); a ``Block`` is structure.
    """

    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JsonDocument:
    """A document a resource takes as JSON (a policy): ``jsonencode({...})`` in Terraform,
    ``pulumi.Output.json_dumps({...})`` in Pulumi (references inside are resolved first), and the mapping itself in
    CloudFormation, whose policy properties take an object."""

    value: Mapping[str, Any]




@dataclass(frozen=True)
class Json:
    """A JSON document a setting takes as text (an access log format, a policy): ``jsonencode({...})``, a JSON
    string in a template, ``json.dumps({...})``."""

    document: Mapping[str, Any]


Value = str | int | float | bool | list | dict | Ref | Join | Copy | Block | JsonDocument | Json


def join(*parts: str | Ref | Copy) -> Join | str:
    """The parts as one text: adjacent strings merged, plain ``str`` when nothing is referenced."""
    merged: list[str | Ref | Copy] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if all(isinstance(part, str) for part in merged):
        return "".join(merged)  # type: ignore[arg-type]
    return Join(tuple(merged))


def describe(value: Any) -> str:
    """A short rendering for messages and fix descriptions: ``"Active"``, ``14``, ``dlq.arn``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Ref):
        return f"{value.resource.name}.{value.attribute}"
    if isinstance(value, Block):
        return "{" + ", ".join(f"{key} = {describe(item)}" for key, item in value.settings.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(describe(item) for item in value) + "]"
    return str(value)
