"""IAC019 secrets-rotation: secrets must rotate, through the rotation function the unit defines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import CannotFix, Document, Resource, Unit
from iacfix.fixers.kinds import (
    LAMBDA_FUNCTION,
    LAMBDA_PERMISSION,
    PERMISSION_FUNCTION,
    PERMISSION_PRINCIPAL,
    ROTATION_DAYS,
    ROTATION_FUNCTION,
    ROTATION_SECRET,
    SECRET,
    SECRET_ROTATION,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Ref, Value

SECRETS_MANAGER = "secretsmanager.amazonaws.com"
_LAMBDA_ARN = re.compile(r"^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$")


@register
class SecretsRotation(Rule):
    """Secrets Manager secrets that never rotate.

    ## What it does
    Finds secrets (`aws_secretsmanager_secret`, `AWS::SecretsManager::Secret`, `aws.secretsmanager.Secret`)
    with no rotation (`aws_secretsmanager_secret_rotation`, `AWS::SecretsManager::RotationSchedule`,
    `aws.secretsmanager.SecretRotation` naming the secret), and adds one using the module's rotation function:
    the one Lambda function that Secrets Manager is allowed to invoke (an `aws_lambda_permission` for
    `secretsmanager.amazonaws.com`), or the function the `rotation_function` option names.

    ## Why is this bad?
    A credential that never changes stays valid for as long as anyone who ever saw it keeps it: a leaked
    database or partner password keeps working until someone notices. Rotation bounds that window and is a
    standing requirement of security reviews of secrets.

    ## What the fix does
    Terraform gets an `aws_secretsmanager_secret_rotation` right after the secret, every 30 days by default, with the
    module's rotation function and `depends_on` its invoke permission.
    CloudFormation gets an `AWS::SecretsManager::RotationSchedule` (`DependsOn` the permission), Pulumi a
    `secretsmanager.SecretRotation` with `opts=pulumi.ResourceOptions(depends_on=[...])`: Secrets Manager
    rotates once as soon as the schedule exists, and that call fails if the permission comes later.

    ## Fix safety
    Unsafe: rotation runs the function against the real credential right away and then on schedule; a function
    that does not implement the four rotation steps for this kind of secret locks its users out. Not fixed
    (and the message says what is missing): no rotation function, several candidates, a function Secrets
    Manager may not invoke, or one a Pulumi program assigns after the secret.

    ## Options
    - `rotation_function` (default none): the rotation function, as references name it
      (`aws_lambda_function.rotate`, `RotateFunction`, `rotate`) or as a Lambda function ARN.
    - `rotation_days` (default 30): days between rotations, 1 to 1000.

    ## References
    - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
    - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html
    """

    code = "IAC019"
    name = "secrets-rotation"
    title = "Secrets must rotate automatically"
    severity = Severity.WARNING
    seeds = ("seed 000 §5",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        rotation_function: str | None = None
        rotation_days: int = 30

        def __post_init__(self) -> None:
            if not 1 <= self.rotation_days <= 1000:
                raise ValueError("rotation_days is between 1 and 1000")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        for secret in document.resources(SECRET):
            if unit.referring(secret, SECRET_ROTATION, ROTATION_SECRET):
                continue
            message = f"secret {secret.subject} is never rotated"
            changes = context.changes(document)
            try:
                function, permission = self.rotation_function(unit, context.options.rotation_function)
                if isinstance(function, Resource):
                    changes.check_reachable(secret, function)
                target: Value = Ref(function, "arn") if isinstance(function, Resource) else function
                rotation = changes.add_resource_after(secret, SECRET_ROTATION, {
                    ROTATION_SECRET: Ref(secret, "id"), ROTATION_FUNCTION: target,
                    ROTATION_DAYS: context.options.rotation_days,
                }, role="rotation", depends_on=[permission] if permission is not None else [])
            except CannotFix as reason:
                yield self.finding(secret, message, not_fixed_reason=str(reason))
                continue
            changes.describe(f"rotate {secret.subject} every {context.options.rotation_days} days ({rotation.name})")
            yield self.finding(secret, message, fix=changes)

    @staticmethod
    def rotation_function(unit: Unit, configured: str | None) -> tuple[Resource | str, Resource | None]:
        """The function that rotates the unit's secrets, with the permission that lets Secrets Manager invoke it."""
        permitted = {}  # function name -> the permission granting Secrets Manager
        for permission in unit.resources(LAMBDA_PERMISSION):
            principal = permission.get(PERMISSION_PRINCIPAL)
            function = unit.referenced(permission.get(PERMISSION_FUNCTION), LAMBDA_FUNCTION)
            if principal is not None and principal.literal == SECRETS_MANAGER and function is not None:
                permitted.setdefault(function.name, permission)
        if configured is not None:
            named = unit.resource(configured)
            if named is not None and named.is_a(LAMBDA_FUNCTION):
                return named, permitted.get(named.name)
            if _LAMBDA_ARN.match(configured):
                return configured, None
            raise CannotFix(f"rotation_function names {configured}, which is neither a function declared here nor "
                            "a Lambda function ARN")
        candidates = [unit.resource(name) for name in permitted]
        if len(candidates) == 1 and candidates[0] is not None:
            return candidates[0], permitted[candidates[0].name]
        if candidates:
            names = ", ".join(sorted(c.subject for c in candidates if c is not None))
            raise CannotFix(f"Secrets Manager may invoke several functions here ({names}): name the rotation "
                            "function in the rotation_function option")
        raise CannotFix("no rotation function is defined here (a Lambda function with a permission for "
                        f"{SECRETS_MANAGER}); add one, or name it in the rotation_function option")
