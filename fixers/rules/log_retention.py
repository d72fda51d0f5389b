"""IAC003 log-retention: log groups must expire their logs, and every Lambda function needs such a group."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.snippets import render

if TYPE_CHECKING:  # each language's parser is imported only when a file of that language is checked
    from iacfix.fixers.cfn.document import CfnDocument, Resource
    from iacfix.fixers.hcl.document import Block, HclDocument
    from iacfix.fixers.pulumi.document import PulumiDocument, ResourceCall

# Retention periods CloudWatch Logs accepts (days).
VALID_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)

CFN_FUNCTIONS = ("AWS::Lambda::Function", "AWS::Serverless::Function")


@register
class LogRetention(Rule):
    """Log groups that keep their logs forever, and Lambda functions that write to such a group.

    ## What it does
    Finds CloudWatch log groups declared without a retention period, and Lambda functions for which the
    template, module or program declares no log group at all (Lambda then creates `/aws/lambda/<name>` by
    itself, with logs kept forever).

    ## Why is this bad?
    A log group without retention grows without bound: storage is billed every month for every byte ever
    logged, and old logs that should have expired are kept. Reviews keep finding functions whose logs were
    left to the implicitly created group, where nobody can set retention from code.

    ## Example
    ```hcl
    resource "aws_cloudwatch_log_group" "api" {
      name = "/aws/lambda/api"
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_cloudwatch_log_group" "api" {
      name              = "/aws/lambda/api"
      retention_in_days = 14
    }
    ```
    For a function with no log group, a log group named `/aws/lambda/<function name>` with retention is
    added right after the function.

    ## Fix safety
    Safe: retention only deletes logs older than the configured period. A log group added for a function
    that was already deployed may collide with the group Lambda created implicitly; import that group into
    the stack before applying. Functions created with `count`/`for_each`, unnamed Pulumi resources and
    functions whose log group is chosen through `LoggingConfig` are reported but not fixed.

    ## Options
    - `retention_days` (default 14): the retention written by the fix; must be a period CloudWatch accepts.

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
    options = {"retention_days": 14}

    @staticmethod
    def retention(context: RuleContext) -> int:
        days = int(context.options["retention_days"])
        if days not in VALID_RETENTION_DAYS:
            raise ValueError(f"retention_days={days} is not a period CloudWatch Logs accepts: {VALID_RETENTION_DAYS}")
        return days

    # ------------------------------------------------------------------------------- Terraform
    def check_terraform(self, document: HclDocument, context: RuleContext) -> Iterator[Finding]:
        days = self.retention(context)
        for group in document.resources("aws_cloudwatch_log_group"):
            if "retention_in_days" not in group.attributes:
                yield self.finding(
                    document, subject=group.address, start=group.start, end=group.open_brace + 1,
                    message=f"{group.address} keeps its logs forever: set retention_in_days",
                    edits=[document.insert_attribute(group, "retention_in_days", str(days))],
                    description=f"set retention_in_days = {days} on {group.address}",
                )
        module_groups = [g for doc in context.module for g in doc.resources("aws_cloudwatch_log_group")]
        labels = {group.labels[1] for group in module_groups}
        for function in document.resources("aws_lambda_function"):
            if _has_terraform_log_group(function, module_groups):
                continue
            message = f"{function.address} has no log group: Lambda creates one that keeps logs forever"
            if "count" in function.attributes or "for_each" in function.attributes:
                yield self.finding(
                    document, subject=f"{function.address}:log-group", start=function.start,
                    end=function.open_brace + 1, message=message,
                    not_fixed_reason="the function uses count/for_each; add a log group per instance",
                )
                continue
            label = _free_name(function.labels[1], labels, "_logs")
            snippet = render(
                "log_group.tf.j2", label=label, function_address=function.address, retention_days=days
            )
            yield self.finding(
                document, subject=f"{function.address}:log-group", start=function.start,
                end=function.open_brace + 1, message=message,
                edits=[document.insert_after_block(function, snippet)],
                description=f"add aws_cloudwatch_log_group.{label} with {days} days retention for {function.address}",
            )

    # -------------------------------------------------------------------------- CloudFormation
    def check_cloudformation(self, document: CfnDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.cfn.render import Sub

        days = self.retention(context)
        groups = list(document.of_type("AWS::Logs::LogGroup"))
        for group in groups:
            if group.property("RetentionInDays") is None:
                yield self.finding(
                    document, subject=group.logical_id, start=group.key.start_mark.index,
                    end=group.key.end_mark.index,
                    message=f"{group.logical_id} keeps its logs forever: set RetentionInDays",
                    edits=[document.set_property(group, "RetentionInDays", days)],
                    description=f"set RetentionInDays: {days} on {group.logical_id}",
                )
        for function in document.of_type(*CFN_FUNCTIONS):
            if _has_cfn_log_group(function, groups):
                continue
            logical_id = _free_name(function.logical_id + "LogGroup", set(document.resources), "")
            body = {
                "Type": "AWS::Logs::LogGroup",
                "Properties": {"LogGroupName": Sub(f"/aws/lambda/${{{function.logical_id}}}"), "RetentionInDays": days},
            }
            yield self.finding(
                document, subject=f"{function.logical_id}:log-group", start=function.key.start_mark.index,
                end=function.key.end_mark.index,
                message=f"{function.logical_id} has no log group: Lambda creates one that keeps logs forever",
                edits=[document.add_resource_after(function, logical_id, body)],
                description=f"add {logical_id} with {days} days retention for {function.logical_id}",
            )

    # ---------------------------------------------------------------------------------- Pulumi
    def check_pulumi(self, document: PulumiDocument, context: RuleContext) -> Iterator[Finding]:
        days = self.retention(context)
        groups = [g for doc in context.module for g in doc.of_type("cloudwatch.LogGroup")]
        for group in document.of_type("cloudwatch.LogGroup"):
            if "retention_in_days" not in group.keywords:
                yield self.finding(
                    document, subject=_pulumi_subject(document, group), start=group.start, end=group.end,
                    resource_start=group.statement_start,
                    message=f"log group {_pulumi_subject(document, group)} keeps its logs forever: set retention_in_days",
                    edits=[document.add_keyword(document.keyword_target(group), "retention_in_days", str(days))],
                    description=f"set retention_in_days={days} on {_pulumi_subject(document, group)}",
                )
        variables = {call.variable for doc in context.module for call in doc.resources}
        for function in document.of_type("lambda_.Function"):
            if "logging_config" in function.keywords or _has_pulumi_log_group(document, function, groups):
                continue
            subject = f"{_pulumi_subject(document, function)}:log-group"
            message = f"Lambda function {_pulumi_subject(document, function)} has no log group: Lambda creates one that keeps logs forever"
            if function.variable is None:
                yield self.finding(
                    document, subject=subject, start=function.start, end=function.end,
                    resource_start=function.statement_start, message=message,
                    not_fixed_reason="the function is not assigned to a variable the log group could refer to",
                )
                continue
            cloudwatch, import_edits = document.module_reference("cloudwatch")
            name = function.resource_name
            literal = document.source(name) if name is not None else None
            resource_name = (
                literal[:-1] + '-logs"' if literal and re.fullmatch(r'"[^"{}\\]*"', literal) else f'"{function.variable}-logs"'
            )
            snippet = render(
                "log_group.py.j2", variable=_free_name(f"{function.variable}_log_group", variables, "_2"),
                cloudwatch=cloudwatch, resource_name=resource_name, function=function.variable, retention_days=days,
            )
            yield self.finding(
                document, subject=subject, start=function.start, end=function.end,
                resource_start=function.statement_start, message=message,
                edits=[*import_edits, document.insert_statement_after(function, snippet)],
                description=f"add a log group with {days} days retention for {function.variable}",
            )


def _pulumi_subject(document: PulumiDocument, call: ResourceCall) -> str:
    name = call.resource_name
    return call.variable or (document.source(name) if name is not None else call.type)


def _free_name(wanted: str, taken: set[str | None] | set[str], suffix: str) -> str:
    """``wanted``, or ``wanted`` + suffix (+ a number) when a resource of that name exists already."""
    candidates = [wanted, wanted + suffix, *(f"{wanted}{suffix}{n}" for n in range(2, 100))]
    return next(name for name in candidates if name not in taken)


def _has_terraform_log_group(function: Block, groups: list[Block]) -> bool:
    if any("log_group" in config.attributes for config in function.nested("logging_config")):
        return True
    reference = f"{function.address}."
    name = function.attributes.get("function_name")
    for group in groups:
        group_name = group.attributes.get("name")
        if group_name is None:
            continue
        if reference in group_name.text:
            return True
        if name is not None and name.literal is None and name.text in group_name.text:
            return True
        if name is not None and name.literal is not None and group_name.literal == f"/aws/lambda/{name.literal}":
            return True
    return False


def _has_cfn_log_group(function: Resource, groups: list[Resource]) -> bool:
    from iacfix.fixers.cfn.document import get, scalar
    from iacfix.fixers.cfn.intrinsics import referenced_resources

    if get(function.property("LoggingConfig"), "LogGroup") is not None:
        return True
    function_name = scalar(function.property("FunctionName"))
    for group in groups:
        name = group.property("LogGroupName")
        if name is None:
            continue
        if any(target == function.logical_id for target, _ in referenced_resources(name)):
            return True
        if function_name is not None and scalar(name) == f"/aws/lambda/{function_name}":
            return True
    return False


def _has_pulumi_log_group(document: PulumiDocument, function: ResourceCall, groups: list[ResourceCall]) -> bool:
    if function.variable is None:
        return False
    pattern = re.compile(rf"\b{re.escape(function.variable)}\.(name|id|arn)\b")
    for group in groups:
        name = group.keywords.get("name")
        if name is not None and pattern.search(document.module.code_for_node(name.value)):
            return True
    return False
