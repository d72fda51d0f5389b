"""IAC008 lambda-xray-tracing: functions must send traces to X-Ray, and their role must allow it."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.document import Document, Resource
from iacfix.fixers.iam.permissions import role_allows
from iacfix.fixers.kinds import IAM_ROLE, LAMBDA_FUNCTION, Setting
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

TRACING = Setting("tracing_config.mode", "TracingConfig.Mode", sam="Tracing")
ROLE = Setting("role", "Role")
XRAY_WRITE = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
XRAY_POLICY = "AWSXRayDaemonWriteAccess"


@register
class LambdaXrayTracing(Rule):
    """Lambda functions without active X-Ray tracing.

    ## What it does
    Finds Lambda functions whose tracing mode is not `Active` (absent, or `PassThrough`), SAM functions included
    (their `Tracing` property, or `Globals`).

    ## Why is this bad?
    Without traces, a slow or failing request cannot be followed from the API through the function to the
    table or queue it calls: a latency regression or a throttled dependency shows up only as an average.

    ## What the fix does
    Terraform: a `tracing_config { mode = "Active" }` block and an `aws_iam_role_policy_attachment` of
    `AWSXRayDaemonWriteAccess` to the function's role.
    CloudFormation: `TracingConfig: {Mode: Active}` (SAM: `Tracing: Active`), and the AWS managed policy
    `AWSXRayDaemonWriteAccess` added to the role's `ManagedPolicyArns`; Pulumi: `tracing_config=` and an
    `iam.RolePolicyAttachment`. A role that already allows `xray:PutTraceSegments` and
    `xray:PutTelemetryRecords` (inline, attached, or through an AWS managed policy) is left as it is, and a role
    shared by several functions gets the policy once.

    ## Fix safety
    Safe: tracing adds the X-Ray SDK's segments to what the function sends; Lambda refuses active tracing on a
    role without X-Ray write permissions, so the fix grants them. Not fixed: a function whose role is not
    declared in the same module, template or program (its permissions cannot be checked), or whose tracing
    mode is computed. SAM functions without a `Role` get the permission from SAM itself.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
    - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSXRayDaemonWriteAccess.html
    """

    code = "IAC008"
    name = "lambda-xray-tracing"
    title = "Lambda functions must use active X-Ray tracing"
    severity = Severity.WARNING
    seeds = ("seed 001 §7",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        granted: set[str] = set()  # roles this run already gives the permission (shared by several functions)
        for function in document.resources(LAMBDA_FUNCTION):
            mode = function.get(TRACING)
            if mode is not None and mode.literal != "PassThrough":
                continue  # active, or decided by an expression
            message = f"Lambda function {function.subject} does not send traces to X-Ray"
            changes = context.changes(document)
            changes.set(function, TRACING, "Active")
            changes.describe(f"enable active tracing on {function.subject}")
            role = self.role_needing_permission(function, context, granted)
            if isinstance(role, str):
                yield self.finding(function, message, subject=f"{function.subject}:tracing", not_fixed_reason=role)
                continue
            if role is not None:
                changes.attach_managed_policy(role, XRAY_POLICY, word="xray")
            yield self.finding(function, message, subject=f"{function.subject}:tracing", fix=changes)

    @staticmethod
    def role_needing_permission(function: Resource, context: RuleContext, granted: set[str]) -> Resource | str | None:
        """The role to give X-Ray write access; None when it has it already; a reason when that is unknown."""
        node = function.get(ROLE)
        if node is None and function.type == "AWS::Serverless::Function":
            return None  # SAM makes the role, and adds X-Ray permissions with tracing
        role = context.unit.referenced(node, IAM_ROLE)
        if role is None:
            return "the function's role is not declared here, so its X-Ray permissions cannot be checked"
        if role.name in granted or role_allows(context.unit, role, XRAY_WRITE):
            return None
        if role.document is not function.document:
            return f"its role {role.subject} lacks X-Ray permissions and is declared in {role.document.path}"
        granted.add(role.name or "")
        return role
