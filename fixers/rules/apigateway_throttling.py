"""IAC014 apigateway-throttling: API stages must cap request rate and burst."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import CannotFix, Changes, Document, Node, Resource, Unit
from iacfix.fixers.kinds import (
    HTTP_STAGE,
    HTTP_THROTTLING_BURST,
    HTTP_THROTTLING_RATE,
    METHOD_SETTINGS,
    METHOD_SETTINGS_API,
    METHOD_SETTINGS_BURST,
    METHOD_SETTINGS_PATH,
    METHOD_SETTINGS_RATE,
    METHOD_SETTINGS_STAGE,
    REST_STAGE,
    STAGE_METHOD_SETTINGS,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Ref

ALL_METHODS = "*/*"  # Terraform's and Pulumi's method path for every method of a stage
RATE, BURST = "ThrottlingRateLimit", "ThrottlingBurstLimit"  # a MethodSettings entry's keys (CloudFormation)


@register
class ApigatewayThrottling(Rule):
    """API Gateway stages without throttling.

    ## What it does
    Finds REST API stages (`aws_api_gateway_stage`, `AWS::ApiGateway::Stage`, SAM `AWS::Serverless::Api`,
    `aws.apigateway.Stage`) whose method settings set no rate or burst limit, and HTTP or WebSocket API stages
    (`aws_apigatewayv2_stage`, `AWS::ApiGatewayV2::Stage`, SAM `AWS::Serverless::HttpApi`,
    `aws.apigatewayv2.Stage`) whose default route settings set none.

    ## Why is this bad?
    Without a stage limit, one client or one burst takes the whole account's API Gateway quota (10,000
    requests per second shared by every API in the region) and passes it straight to the functions and
    tables behind the API: they throttle or fail for everyone, other APIs of the account included.

    ## What the fix does
    HTTP API stages get throttling rate and burst limits in their default route settings (Terraform
    `default_route_settings`).
    REST stages get an `aws_api_gateway_method_settings` (Pulumi `apigateway.MethodSettings`) for `*/*`
    with `settings { throttling_rate_limit, throttling_burst_limit }`, or, in CloudFormation and SAM, a
    `MethodSettings` entry for `ResourcePath: /*`, `HttpMethod: "*"`; an existing `*/*` method settings
    resource of the stage gets the limits added.

    ## Fix safety
    Unsafe: requests above the limits are rejected with 429 Too Many Requests; choose limits above the
    traffic the API must serve. Not fixed: method settings of the stage written in another file or computed by
    an expression, and a `MethodSettings` entry for every method that has no limits (add them there).

    ## Options
    - `rate_limit` (default 1000): steady-state requests per second.
    - `burst_limit` (default 2000): requests the stage accepts at once above the rate.

    ## References
    - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
    - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
    """

    code = "IAC014"
    name = "apigateway-throttling"
    title = "API Gateway stages must set throttling limits"
    severity = Severity.WARNING
    seeds = ("seed 003 §4",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        rate_limit: int = 1000
        burst_limit: int = 2000

        def __post_init__(self) -> None:
            if self.rate_limit < 1 or self.burst_limit < 1:
                raise ValueError("rate_limit and burst_limit are positive numbers of requests")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        rate, burst = context.options.rate_limit, context.options.burst_limit
        for stage in document.resources(HTTP_STAGE):
            if stage.get(HTTP_THROTTLING_RATE) is not None or stage.get(HTTP_THROTTLING_BURST) is not None:
                continue
            changes = context.changes(document)
            changes.set(stage, HTTP_THROTTLING_RATE, rate)
            changes.set(stage, HTTP_THROTTLING_BURST, burst)
            changes.describe(f"limit {stage.subject} to {rate} requests per second, bursts of {burst}")
            yield self.finding(stage, _message(stage), fix=changes)
        for stage in document.resources(REST_STAGE):
            changes = context.changes(document)
            try:
                throttled = _throttle_rest_stage(stage, context.unit, changes, rate, burst)
            except CannotFix as reason:
                yield self.finding(stage, _message(stage), not_fixed_reason=str(reason))
                continue
            if not throttled:
                changes.describe(f"limit {stage.subject} to {rate} requests per second, bursts of {burst}")
                yield self.finding(stage, _message(stage), fix=changes)


def _message(stage: Resource) -> str:
    return f"API stage {stage.subject} has no throttling: one burst can take the account's whole API quota"


def _throttle_rest_stage(stage: Resource, unit: Unit, changes: Changes, rate: int, burst: int) -> bool:
    """Whether the stage is throttled already (or decided by an expression); otherwise plan its limits."""
    if stage.document.language is Language.CLOUDFORMATION:
        return _throttle_method_settings_list(stage, changes, rate, burst)
    settings = [s for s in unit.referring(stage, METHOD_SETTINGS, METHOD_SETTINGS_STAGE)]
    if any(s.get(METHOD_SETTINGS_RATE) is not None or s.get(METHOD_SETTINGS_BURST) is not None for s in settings):
        return True
    every = next((s for s in settings if _literal(s.get(METHOD_SETTINGS_PATH)) == ALL_METHODS), None)
    if every is not None:
        if every.document is not stage.document:
            raise CannotFix(f"its method settings {every.subject} are in {every.document.path}: add the limits there")
        changes.set(every, METHOD_SETTINGS_RATE, rate)
        changes.set(every, METHOD_SETTINGS_BURST, burst)
        return False
    changes.add_resource_after(stage, METHOD_SETTINGS, {
        METHOD_SETTINGS_API: Ref(stage, "rest_api"), METHOD_SETTINGS_STAGE: Ref(stage, "name"),
        METHOD_SETTINGS_PATH: ALL_METHODS, METHOD_SETTINGS_RATE: rate, METHOD_SETTINGS_BURST: burst,
    }, role="throttling", noun="method settings")
    return False


def _throttle_method_settings_list(stage: Resource, changes: Changes, rate: int, burst: int) -> bool:
    entry = {"ResourcePath": "/*", "HttpMethod": "*", RATE: rate, BURST: burst}
    existing = stage.get(STAGE_METHOD_SETTINGS)
    if existing is None:
        changes.set(stage, STAGE_METHOD_SETTINGS, [entry])
        return False
    items = existing.items()
    if items is None:
        return True  # computed
    if any(item.get(RATE) is not None or item.get(BURST) is not None for item in items):
        return True
    if any(_literal(item.get("ResourcePath")) == "/*" and _literal(item.get("HttpMethod")) == "*" for item in items):
        raise CannotFix("its MethodSettings entry for every method sets no limits: add ThrottlingRateLimit and "
                        "ThrottlingBurstLimit to it")
    changes.add_to_list(existing, entry)
    return False


def _literal(node: Node | None) -> object:
    return node.literal if node is not None else None

