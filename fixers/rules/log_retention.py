"""IAC003 log-retention: log groups must expire their logs, and every Lambda function needs such a group."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from iacfix.fixers.document import Document, Resource, Unit
from iacfix.fixers.kinds import LAMBDA_FUNCTION, LOG_GROUP, LOG_GROUP_NAME, Setting
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.names import Name
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Join, Ref, join

# Retention periods CloudWatch Logs accepts (days).
RetentionDays = Literal[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                        3288, 3653]
RETENTION = Setting("retention_in_days", "RetentionInDays")
CUSTOM_LOG_GROUP = Setting("logging_config.log_group", "LoggingConfig.LogGroup")


@register
class LogRetention(Rule):
    """Log groups that keep their logs forever, and Lambda functions that write to such a group.

    ## What it does
    Finds CloudWatch log groups declared without a retention period, and Lambda functions for which the
    template, module or program declares no log group at all (Lambda then creates `/aws/lambda/<name>` by
    itself, with logs kept forever).

    ## Why is this bad?
    A log group without retention grows without bound: storage is billed every month for every byte ever
    logged, and logs that should have expired are kept. A function whose group Lambda creates implicitly
    cannot have its retention set from code at all.

    ## What the fix does
    A log group gets a retention period (`retention_days`, 14 days by default).
    For a function with no log group, a log group named `/aws/lambda/<function name>` with retention is
    added right after the function, carrying the function's `Condition`, `count`/`for_each` or enclosing `if`.

    ## Fix safety
    Safe: retention only deletes logs older than the configured period. A function that existed before the
    change (the pull request's base, or `--base REF`; in a git repository the committed `HEAD`) has run already,
    and Lambda created its group: adding one would fail with "already exists". For such a function the group is
    added with Terraform's `import` block or Pulumi's `import_` option, as an unsafe fix (an import needs the
    group's settings to match); CloudFormation cannot take over a resource in a stack update, so the finding is
    reported with the reason and no fix. A log group is added only when no
    group of the unit may already have the function's name: names are compared by evaluating both sides
    (`!Sub`, `Fn::Join`, interpolation, `format()`, locals, f-strings), and when a match is possible but not
    certain the finding is reported without a fix. Functions whose log group is chosen through
    `LoggingConfig`/`logging_config` are left alone; functions that depend on a Terraform module, which may
    create the group, are reported without a fix.

    ## Options
    - `retention_days` (default 14): the retention written by the fix; one of the periods CloudWatch Logs
      accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
      3288, 3653).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
    - https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
    """

    code = "IAC003"
    name = "log-retention"
    title = "Log groups must have a retention period"
    severity = Severity.WARNING
    seeds = ("seed 004 §6", "seed 003 §18", "seed 001 §7")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        retention_days: RetentionDays = 14

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        days = context.options.retention_days
        for group in document.resources(LOG_GROUP):
            if group.get(RETENTION) is None:
                setting = group.path_of(RETENTION)
                changes = context.changes(document)
                changes.set(group, RETENTION, days)
                changes.describe(f"set {setting} to {days} on {group.subject}")
                yield self.finding(group, f"log group {group.subject} keeps its logs forever: set {setting}",
                                   fix=changes)
        unit = context.unit
        expected = {id(f): Name.of("/aws/lambda/", f.real_name(unit)) for f in unit.resources(LAMBDA_FUNCTION)}
        names = [group.real_name(unit) for group in unit.resources(LOG_GROUP) if group.get(LOG_GROUP_NAME) is not None]
        # A group certainly named after one function is that function's, and no other's.
        unclaimed = [name for name in names if not any(name.certainly_equals(e) for e in expected.values())]
        for function in document.resources(LAMBDA_FUNCTION):
            wanted = expected[id(function)]
            if function.get(CUSTOM_LOG_GROUP) is not None or any(n.certainly_equals(wanted) for n in names):
                continue
            message = f"Lambda function {function.subject} has no log group: Lambda creates one that keeps logs forever"
            possible = next((name for name in unclaimed if name.may_equal(wanted)), None)
            reason = (f"the log group named {possible} may be this function's; give it retention instead"
                      if possible is not None else _module_dependency(function, context.unit))
            if reason is not None:
                yield self.finding(function, message, subject=f"{function.subject}:log-group", not_fixed_reason=reason)
                continue
            changes = context.changes(document)
            existed = context.existed(function)  # then Lambda has created the group already: take it over
            group = changes.add_resource_after(
                function, LOG_GROUP, {LOG_GROUP_NAME: join("/aws/lambda/", Ref(function, "name")), RETENTION: days},
                role="logs", noun="log group", adopt=_group_id(function, unit) if existed else None,
            )
            changes.describe(f"add log group {group.name} with {days} days retention for {function.subject}"
                             + ("; the function exists already, so the group Lambda made is imported" if existed else ""))
            yield self.finding(function, message, subject=f"{function.subject}:log-group", fix=changes,
                               applicability=Applicability.UNSAFE if existed else None)


def _group_id(function: Resource, unit: Unit) -> str | Join:
    """The name of the group Lambda made for a deployed function: its id when it is taken over."""
    name = function.real_name(unit).literal
    return f"/aws/lambda/{name}" if name is not None else join("/aws/lambda/", Ref(function, "name"))  # type: ignore[return-value]


def _module_dependency(function: Resource, unit: Unit) -> str | None:
    """A Terraform function that depends on a module call: the module may create its log group."""
    depends_on = function.get("depends_on") if function.document.language is Language.TERRAFORM else None
    modules = [r.name for r in depends_on.references() if r.name.startswith("module.")] if depends_on else []
    if modules:
        return f"it depends on {modules[0]}, which may create its log group"
    return None

