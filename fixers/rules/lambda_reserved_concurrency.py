"""IAC010 lambda-reserved-concurrency: functions must cap the concurrency they can take from the account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import Document, Resource, Unit
from iacfix.fixers.invocation import cloudformation_handler
from iacfix.fixers.kinds import (
    LAMBDA_ALIAS,
    LAMBDA_FUNCTION,
    LAMBDA_VERSION,
    PROVISIONED_CONCURRENCY,
    PROVISIONED_EXECUTIONS,
    RESERVED_CONCURRENCY,
    TARGET_FUNCTION,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.rules.lambda_provisioned_concurrency_alias import names_function


@register
class LambdaReservedConcurrency(Rule):
    """Lambda functions without reserved concurrency.

    ## What it does
    Finds Lambda functions that set no reserved concurrency (`reserved_concurrent_executions`,
    `ReservedConcurrentExecutions`, SAM's `Globals` included). A function that sets one, even `-1` (no limit)
    or `0` (switched off), is left as its author chose, and so are the handlers of CloudFormation custom resources
    and macros, which only CloudFormation invokes, once per deployment.

    ## Why is this bad?
    Without a reservation a function draws from the account's shared pool of concurrent executions (1,000 by
    default per Region). One function under a burst can take all of it: every other function in the account is
    throttled, and the function itself floods the database or API it calls. A reservation caps the function and
    guarantees it that much capacity.

    ## What the fix does
    The function gets a reserved concurrency (the `reserved` option, 100 by default): Terraform
    `reserved_concurrent_executions = 100`;
    CloudFormation and SAM: `ReservedConcurrentExecutions: 100`; Pulumi: `reserved_concurrent_executions=100`.

    ## Fix safety
    Unsafe, offered as a suggestion unless asked for: requests beyond the reservation are throttled, and the
    reservation is taken from the account's unreserved pool, which AWS keeps at 100 or more (a deployment that
    would go below fails). Not fixed: a function whose provisioned concurrency (on its aliases or versions, all
    added up) is more than the reservation would be, or is set by an expression: Lambda refuses provisioned
    concurrency above the reservation.

    ## Options
    - `reserved` (default 100): the reserved concurrency the fix sets; at least 1.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
    - https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
    """

    code = "IAC010"
    name = "lambda-reserved-concurrency"
    title = "Lambda functions must reserve their concurrency"
    severity = Severity.WARNING
    seeds = ("seed 003 §3",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        reserved: int = 100

        def __post_init__(self) -> None:
            if self.reserved < 1:
                raise ValueError("reserved must be at least 1 (0 stops the function)")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        reserved = context.options.reserved
        for function in document.resources(LAMBDA_FUNCTION):
            if function.get(RESERVED_CONCURRENCY) is not None or cloudformation_handler(function, context.unit):
                continue
            message = (f"Lambda function {function.subject} has no reserved concurrency: a burst can take the "
                       "account's whole concurrency pool, throttling every other function")
            subject = f"{function.subject}:reserved-concurrency"
            provisioned = provisioned_concurrency(function, context.unit)
            if isinstance(provisioned, str):
                yield self.finding(function, message, subject=subject, not_fixed_reason=provisioned)
                continue
            if provisioned > reserved:
                yield self.finding(function, message, subject=subject, not_fixed_reason=(
                    f"its provisioned concurrency ({provisioned}) is more than the {reserved} the fix would reserve; "
                    "reserve at least that much"))
                continue
            changes = context.changes(document)
            changes.set(function, RESERVED_CONCURRENCY, reserved)
            changes.describe(f"reserve {reserved} concurrent executions for {function.subject}")
            yield self.finding(function, message, subject=subject, fix=changes)


def provisioned_concurrency(function: Resource, unit: Unit) -> int | str:
    """The provisioned concurrency of all the function's aliases and versions together, or why it is unknown."""
    total = 0
    holders = [function] + [holder for kind in (PROVISIONED_CONCURRENCY, LAMBDA_ALIAS, LAMBDA_VERSION)
                            for holder in unit.resources(kind) if names_function(holder.get(TARGET_FUNCTION), function)]
    for holder in holders:
        node = holder.get(PROVISIONED_EXECUTIONS)
        if node is None:
            continue
        value = node.literal
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or holder.repeated and holder is not function:
            written = " ".join(node.text.split())[:60]
            return (f"the provisioned concurrency of {holder.subject} is {written}, not a number the fix can compare; "
                    "reserve at least that much by hand")
        total += value
    return total
