"""IAC007 dynamodb-point-in-time-recovery: tables must keep continuous backups."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.document import Document
from iacfix.fixers.kinds import DYNAMODB_TABLE, Setting
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

PITR = Setting("point_in_time_recovery.enabled", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")


@register
class DynamodbPointInTimeRecovery(Rule):
    """DynamoDB tables without point-in-time recovery.

    ## What it does
    Finds DynamoDB tables (`aws_dynamodb_table`, `AWS::DynamoDB::Table`, `aws.dynamodb.Table`) that do not
    enable point-in-time recovery, or disable it explicitly.

    ## Why is this bad?
    Without point-in-time recovery a table has no continuous backup: a bad deployment, a buggy migration or an
    accidental `DeleteItem` loop destroys data that cannot be restored. With it, the table can be restored to
    any second of the last 35 days.

    ## What the fix does
    Terraform gets a `point_in_time_recovery { enabled = true }` block;
    CloudFormation gets `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}`, Pulumi
    `point_in_time_recovery=TablePointInTimeRecoveryArgs(enabled=True)` (or a dict, as the program writes its
    nested inputs).

    ## Fix safety
    Safe: enabling recovery changes nothing the application sees; it adds a storage charge for the continuous
    backups. A setting computed by an expression (a variable, `!If`) is left alone.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
    """

    code = "IAC007"
    name = "dynamodb-point-in-time-recovery"
    title = "DynamoDB tables must enable point-in-time recovery"
    severity = Severity.WARNING
    seeds = ("seed 001 §4",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        for table in document.resources(DYNAMODB_TABLE):
            setting = table.get(PITR)
            if setting is not None and setting.is_true() is not False:
                continue  # enabled, or decided by an expression
            changes = context.changes(document)
            changes.set(table, PITR, True)
            changes.describe(f"enable point-in-time recovery on {table.subject}")
            state = "disables" if setting is not None else "has no"
            yield self.finding(table, f"DynamoDB table {table.subject} {state} point-in-time recovery", fix=changes)
