"""IAC006 dynamodb-on-demand: tables on fixed provisioned capacity, with nothing scaling it, go on demand."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.document import CannotFix, Changes, Document, Resource, Unit
from iacfix.fixers.kinds import (
    BILLING_MODE,
    DYNAMODB_TABLE,
    GLOBAL_SECONDARY_INDEXES,
    PROVISIONED_THROUGHPUT,
    READ_CAPACITY,
    SCALABLE_TARGET,
    SCALING_NAMESPACE,
    SCALING_RESOURCE_ID,
    SIMPLE_TABLE,
    WRITE_CAPACITY,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.names import Name
from iacfix.fixers.registry import Rule, RuleContext, register

PROVISIONED = "PROVISIONED"
ON_DEMAND = "PAY_PER_REQUEST"


@register
class DynamodbOnDemand(Rule):
    """DynamoDB tables on fixed provisioned capacity that nothing scales.

    ## What it does
    Finds DynamoDB tables whose billing mode is `PROVISIONED`, written or by default (Terraform, CloudFormation
    and Pulumi all default to it), when no Application Auto Scaling target in the module, template or program
    scales the table or one of its indexes. SAM's `AWS::Serverless::SimpleTable` is found when it sets
    `ProvisionedThroughput`. A billing mode taken from a variable or parameter is judged by its default and
    reported without a fix.

    ## Why is this bad?
    Fixed capacity is paid for every hour whether the table is used or not, and requests above it are
    throttled: a traffic spike fails while the quiet hours are billed in full. On demand, a table costs nothing
    when idle and absorbs spikes without throttling; for spiky or unknown workloads it is usually cheaper.

    ## What the fix does
    The table's billing mode becomes `PAY_PER_REQUEST`.
    The read and write capacities go too, from the table and from each global secondary index (DynamoDB
    refuses them on demand). CloudFormation: `BillingMode: PAY_PER_REQUEST` without `ProvisionedThroughput`;
    SAM simple tables lose their `ProvisionedThroughput`; Pulumi: `billing_mode="PAY_PER_REQUEST"` without
    `read_capacity`/`write_capacity`.

    ## Fix safety
    Unsafe, offered as a suggestion unless asked for: the bill changes from capacity-hours to requests, which
    costs more for a steady, high load than well-used provisioned capacity; DynamoDB also allows a switch to on
    demand only once every 24 hours. Not fixed: a table that an autoscaling target may scale (its resource id
    is computed), indexes written by `dynamic` blocks or expressions, and billing modes from variables.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html
    - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
    """

    code = "IAC006"
    name = "dynamodb-on-demand"
    title = "DynamoDB tables with fixed capacity must go on demand"
    severity = Severity.WARNING
    seeds = ("seed 004 §3",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        for table in document.resources(DYNAMODB_TABLE) + document.resources(SIMPLE_TABLE):
            reason = None
            mode = table.get(BILLING_MODE)
            if table.path_of(BILLING_MODE) is None and table.get(PROVISIONED_THROUGHPUT[0]) is None:
                continue  # a SAM simple table without capacity is on demand
            if mode is not None and mode.literal is None:
                source = mode.input(unit)
                default = source.default.literal if source is not None and source.default is not None else None
                if source is None or str(default).upper() != PROVISIONED:
                    continue  # decided by an expression
                reason = f"its billing mode comes from {source.name} (default {default}); change it where it is chosen"
            elif mode is not None and str(mode.literal).upper() != PROVISIONED:
                continue
            scaled = scaling_target(table, unit)
            if scaled is True:
                continue
            if scaled is not None:
                reason = f"the autoscaling target {scaled.subject} may scale it; check that it does"
            message = f"DynamoDB table {table.subject} {capacity(table)} and no autoscaling target is known " \
                      "to scale it: it is billed for that capacity when idle and throttled above it"
            changes = context.changes(document)
            try:
                on_demand(table, changes)
            except CannotFix as error:
                reason = reason or str(error)
            yield self.finding(table, message, subject=f"{table.subject}:billing", fix=changes,
                               not_fixed_reason=reason)


def capacity(table: Resource) -> str:
    """``has provisioned capacity (5 read and 5 write capacity units)``, as far as the values are written."""
    read, write = (table.get(setting) for setting in (READ_CAPACITY, WRITE_CAPACITY))
    written = table.get(BILLING_MODE) is not None or table.path_of(BILLING_MODE) is None
    mode = "provisioned capacity" if written else "provisioned capacity by default"
    if read is not None and write is not None and read.literal is not None and write.literal is not None:
        return f"has {mode} ({read.literal} read and {write.literal} write capacity units)"
    return f"has {mode}"


def on_demand(table: Resource, changes: Changes) -> None:
    """Bill the table per request: the billing mode, and no capacity on the table or its global indexes."""
    if table.path_of(BILLING_MODE) is not None:
        changes.set(table, BILLING_MODE, ON_DEMAND)
    for setting in PROVISIONED_THROUGHPUT:
        changes.remove(table, setting)
    indexes = table.each(GLOBAL_SECONDARY_INDEXES)
    if indexes is None:
        raise CannotFix(f"the global secondary indexes of {table.subject} are computed; remove their capacities")
    paths = [path for path in (table.path_of(setting) for setting in PROVISIONED_THROUGHPUT) if path]
    for index in indexes:
        for found in (index.get(path) for path in paths):
            if found is not None:
                changes.remove(found)
    changes.describe(f"bill {table.subject} per request and remove its provisioned capacity")


def scaling_target(table: Resource, unit: Unit) -> Resource | bool | None:
    """True when an autoscaling target certainly scales the table or one of its indexes; a target that may (its
    resource id is computed); None when none does."""
    name = table.real_name(unit)
    possible = None
    for target in unit.resources(SCALABLE_TARGET):
        namespace = target.get(SCALING_NAMESPACE)
        resource_id = target.get(SCALING_RESOURCE_ID)
        if resource_id is None or (namespace is not None and namespace.literal not in (None, "dynamodb")):
            continue
        if any(reference.name == table.name for reference in resource_id.references()):
            return True
        scaled = resource_id.name_value(unit)
        table_id, index_ids = Name.of("table/", name), Name.of("table/", name, "/index/", None)
        if scaled.certainly_equals(table_id) or _index_of(scaled, name):
            return True
        if scaled.may_equal(table_id) or scaled.may_equal(index_ids):
            possible = possible or target
    return possible


def _index_of(scaled: Name, table: Name) -> bool:
    """``table/orders/index/by-date`` for the table ``orders``, both written out."""
    return scaled.literal is not None and table.literal is not None and \
        scaled.literal.startswith(f"table/{table.literal}/index/")
