"""IAC022 apigateway-access-logging: API stages must write access logs, to a log group that expires them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import Document, Node, Resource, Unit
from iacfix.fixers.kinds import (
    ACCOUNT_CLOUDWATCH_ROLE,
    API_GATEWAY_ACCOUNT,
    HTTP_ACCESS_LOG_DESTINATION,
    HTTP_ACCESS_LOG_FORMAT,
    HTTP_STAGE,
    HTTP_STAGE_API,
    HTTP_STAGE_NAME,
    LOG_GROUP,
    LOG_GROUP_NAME,
    LOG_GROUP_RETENTION,
    REST_ACCESS_LOG_DESTINATION,
    REST_ACCESS_LOG_FORMAT,
    REST_STAGE,
    REST_STAGE_API,
    REST_STAGE_NAME,
    Kind,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.names import Name
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.rules.log_retention import RetentionDays
from iacfix.fixers.values import Copy, Json, Ref, join

# What each access log line records: who asked for what, and how it went.
REST_FORMAT = {"requestId": "$context.requestId", "sourceIp": "$context.identity.sourceIp",
               "httpMethod": "$context.httpMethod", "resourcePath": "$context.resourcePath",
               "status": "$context.status", "responseLatency": "$context.responseLatency"}
HTTP_FORMAT = {"requestId": "$context.requestId", "sourceIp": "$context.identity.sourceIp",
               "routeKey": "$context.routeKey", "status": "$context.status",
               "responseLatency": "$context.responseLatency"}
DEFAULT_STAGE = "$default"  # an HTTP API's stage that serves the API's root URL; "$" is not allowed in log groups


@register
class ApigatewayAccessLogging(Rule):
    """API Gateway stages that write no access logs.

    ## What it does
    Finds REST API stages (`aws_api_gateway_stage`, `AWS::ApiGateway::Stage`, SAM `AWS::Serverless::Api`,
    `aws.apigateway.Stage`) and HTTP or WebSocket API stages (`aws_apigatewayv2_stage`,
    `AWS::ApiGatewayV2::Stage`, SAM `AWS::Serverless::HttpApi`, `aws.apigatewayv2.Stage`) without access log
    settings, and gives each a log group with retention and a JSON access log format.

    ## Why is this bad?
    Without access logs there is no record of who called the API, from where, what they asked for and how it
    went: audits that require an access trail fail, and an incident (a client hammering the API, a burst of
    5xx errors) cannot be traced back to its callers.

    ## What the fix does
    The stage gets access log settings that write one JSON line per request (request id, source IP, route,
    status, latency) to a new log group kept 365 days by default.
    REST stages log the method and resource path instead of the route. The log group is named after the API's
    id and the stage, so it cannot collide with a group of another stack; CloudFormation writes the format as a
    JSON string and Pulumi as `json.dumps({...})`.

    ## Fix safety
    Safe: access logs are written by API Gateway after the response; they add CloudWatch Logs charges. Not
    fixed: REST stages when the module, template or program does not set the account's CloudWatch Logs role
    (`aws_api_gateway_account`, `AWS::ApiGateway::Account`): API Gateway then refuses access log settings and
    the stage fails to deploy; and stages whose log group name may already be taken.

    ## Options
    - `retention_days` (default 365, a year of audit trail): how long the access logs are kept; one of the
      periods CloudWatch Logs accepts.

    ## References
    - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
    - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
    """

    code = "IAC022"
    name = "apigateway-access-logging"
    title = "API Gateway stages must write access logs"
    severity = Severity.WARNING
    seeds = ("seed 003 §16", "seed 003 §4")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        retention_days: RetentionDays = 365

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        flavours = ((REST_STAGE, REST_STAGE_API, REST_STAGE_NAME, REST_ACCESS_LOG_DESTINATION, REST_ACCESS_LOG_FORMAT,
                     REST_FORMAT), (HTTP_STAGE, HTTP_STAGE_API, HTTP_STAGE_NAME, HTTP_ACCESS_LOG_DESTINATION,
                                    HTTP_ACCESS_LOG_FORMAT, HTTP_FORMAT))
        for kind, api_setting, name_setting, destination, log_format, fields in flavours:
            for stage in document.resources(kind):
                if stage.get(destination) is not None:
                    continue
                message = f"API stage {stage.subject} writes no access logs"
                api, stage_name = stage.get(api_setting), stage.get(name_setting)
                api_part = Copy(api) if api is not None else Ref(stage, "id")  # SAM: the API is the stage
                wanted = Name.of("/aws/apigateway/", api.name_value(unit) if api is not None else None, "/",
                                 _stage_text(stage_name.name_value(unit)) if stage_name is not None else None)
                reason = _cannot_log(stage, kind, unit, wanted)
                if reason is not None:
                    yield self.finding(stage, message, not_fixed_reason=reason)
                    continue
                stage_part = _stage_part(stage_name)
                parts = ("/aws/apigateway/", api_part, *(("/", stage_part) if stage_part is not None else ()))
                days = context.options.retention_days
                changes = context.changes(document)
                group = changes.add_resource_after(stage, LOG_GROUP, {
                    LOG_GROUP_NAME: join(*parts, "/access-logs"), LOG_GROUP_RETENTION: days,
                }, role="access-logs", noun="access log group")
                changes.set(stage, destination, Ref(group, "arn"))
                changes.set(stage, log_format, Json(fields))
                changes.describe(f"log {stage.subject}'s requests as JSON to {group.name}, kept {days} days")
                yield self.finding(stage, message, fix=changes)


def _stage_text(name: Name) -> Name:
    return Name.of("default") if name.literal == DEFAULT_STAGE else name


def _stage_part(node: Node | None) -> str | Copy | None:
    """The stage's name as the log group's name writes it: its literal text, or its expression."""
    if node is None:
        return None
    if isinstance(node.literal, str):
        return "default" if node.literal == DEFAULT_STAGE else node.literal
    return Copy(node)


def _cannot_log(stage: Resource, kind: Kind, unit: Unit, wanted: Name) -> str | None:
    """Why access logs cannot be added here, or None."""
    if kind is REST_STAGE and not any(account.get(ACCOUNT_CLOUDWATCH_ROLE) is not None
                                      for account in unit.resources(API_GATEWAY_ACCOUNT)):
        return ("the account's CloudWatch Logs role is not set here (an API Gateway account resource with a "
                "CloudWatch role ARN): without it API Gateway refuses access logs and the stage fails to deploy")
    for group in unit.resources(LOG_GROUP):
        if group.get(LOG_GROUP_NAME) is not None and group.real_name(unit).may_equal(Name.of(wanted, "/access-logs")):
            return f"the log group {group.subject} may already have the name this stage's access logs would use"
    return None
