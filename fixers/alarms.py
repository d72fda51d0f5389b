"""What a CloudWatch alarm watches: its namespace, its metric and its dimensions, in every language's shape.

Terraform and Pulumi write dimensions as a map (``dimensions = { FunctionName = ... }``), CloudFormation as a list
of ``Name``/``Value`` pairs; both are read here as (name, the node holding the name, the value's node).
"""

from __future__ import annotations

from dataclasses import dataclass

from iacfix.fixers.document import Node, Resource, Unit
from iacfix.fixers.kinds import ALARM_DIMENSIONS, ALARM_METRIC, ALARM_NAMESPACE, DIMENSION_NAME, DIMENSION_VALUE


@dataclass(frozen=True)
class Dimension:
    """One dimension of an alarm: for a map entry, ``key`` is its value's node (whose key is the name)."""

    name: str
    key: Node
    value: Node | None


def dimensions(node: Node) -> list[Dimension]:
    """The dimensions an alarm's ``dimensions`` value writes with a literal name."""
    items = node.items()
    if items is None:
        keys = node.keys()
        return [Dimension(name, value, value) for name in keys if (value := node.get(name)) is not None]
    found = []
    for item in items:
        name, value = item.at(DIMENSION_NAME), item.at(DIMENSION_VALUE)
        if name is not None and isinstance(name.literal, str):
            found.append(Dimension(name.literal, name, value))
    return found


def watches(alarm: Resource, namespace: str, metric: str, dimension: str, resource: Resource, unit: Unit) -> bool:
    """Whether an alarm watches (or may watch) ``metric`` of ``namespace`` for the resource named by its
    ``dimension``: by reference, or by a name that may be the resource's."""
    written_namespace, written_metric = alarm.get(ALARM_NAMESPACE), alarm.get(ALARM_METRIC)
    node = alarm.get(ALARM_DIMENSIONS)
    if node is None or written_namespace is None or written_metric is None:
        return False
    if written_namespace.literal not in (namespace, None) or written_metric.literal not in (metric, None):
        return False  # a namespace or metric computed by an expression may be the one
    for found in dimensions(node):
        if found.name != dimension or found.value is None:
            continue
        if any(reference.name == resource.name for reference in found.value.references()):
            return True
        if found.value.name_value(unit).may_equal(resource.real_name(unit)):
            return True
    return False
