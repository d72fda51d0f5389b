"""Who invokes a Lambda function, as far as the unit says: some settings matter only for the callers a function
has (reserved concurrency against bursts, a dead-letter queue for asynchronous events)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iacfix.fixers.document import Node, Resource, Unit
from iacfix.fixers.kinds import (
    CFN_MACRO,
    CLOUDFRONT_DISTRIBUTION,
    DEFINITION,
    DEFINITION_STRING,
    DEFINITION_SUBSTITUTIONS,
    EVENT_SOURCE_MAPPING,
    FUNCTION_NAME,
    LAMBDA_ALIAS,
    LAMBDA_PERMISSION,
    LAMBDA_VERSION,
    PERMISSION_FUNCTION,
    PERMISSION_PRINCIPAL,
    SAM_EVENTS,
    SERVICE_TOKEN,
    STATE_MACHINE,
    TARGET_FUNCTION,
)


class Mode(Enum):
    SYNCHRONOUS = "waits for the result"  # the caller gets the error
    POLLED = "polls a stream or queue"  # failures stay in the source (its redrive policy, the mapping's destination)
    ASYNCHRONOUS = "queues the event"  # Lambda retries, then drops it


# Services that invoke a function and wait for it (a permission to one of them means a synchronous caller).
SYNCHRONOUS_PRINCIPALS = frozenset({
    "apigateway.amazonaws.com", "elasticloadbalancing.amazonaws.com", "cognito-idp.amazonaws.com",
    "lex.amazonaws.com", "secretsmanager.amazonaws.com", "alexa-appkit.amazon.com", "vpc-lattice.amazonaws.com",
})
MACROS = "cloudformation.amazonaws.com"  # a permission to CloudFormation is a macro's (custom resources need none)
SAM_EVENT_MODES = {
    "Api": Mode.SYNCHRONOUS, "HttpApi": Mode.SYNCHRONOUS, "Cognito": Mode.SYNCHRONOUS, "AlexaSkill": Mode.SYNCHRONOUS,
    "SQS": Mode.POLLED, "Kinesis": Mode.POLLED, "DynamoDB": Mode.POLLED, "MSK": Mode.POLLED, "MQ": Mode.POLLED,
    "SelfManagedKafka": Mode.POLLED, "DocumentDB": Mode.POLLED,
}  # any other event type (S3, SNS, Schedule, EventBridgeRule...) invokes asynchronously


@dataclass(frozen=True)
class Invoker:
    what: str  # "the macro Expand", "apigateway.amazonaws.com"
    mode: Mode
    deployment: bool = False  # CloudFormation itself, once per deployment: a macro (waits), a custom resource (queues)


def invokers(function: Resource, unit: Unit) -> list[Invoker]:
    """Everything in the unit that invokes the function, and how."""
    found = [Invoker(f"the macro {m.subject}", Mode.SYNCHRONOUS, deployment=True)
             for m in unit.referring(function, CFN_MACRO, TARGET_FUNCTION)]
    found += [Invoker(f"the custom resource {r.subject}", Mode.ASYNCHRONOUS, deployment=True)
              for r in unit.resources() if _refers(r.get(SERVICE_TOKEN), function)]
    for permission in unit.resources(LAMBDA_PERMISSION):
        if _refers(permission.get(PERMISSION_FUNCTION), function):
            principal = permission.get(PERMISSION_PRINCIPAL)
            service = principal.literal if principal is not None else None
            mode = Mode.SYNCHRONOUS if service in SYNCHRONOUS_PRINCIPALS | {MACROS} else Mode.ASYNCHRONOUS
            found.append(Invoker(str(service or permission.subject), mode, deployment=service == MACROS))
    found += [Invoker(f"the event source mapping {m.subject}", Mode.POLLED)
              for m in unit.resources(EVENT_SOURCE_MAPPING) if _refers(m.get(TARGET_FUNCTION), function)]
    events = function.get(SAM_EVENTS)
    for name, event in events.entries() if events is not None else ():
        kind = event.get("Type")
        found.append(Invoker(f"the {kind.literal if kind else ''} event {name}",
                             SAM_EVENT_MODES.get(kind.literal if kind else None, Mode.ASYNCHRONOUS)))
    for machine in unit.resources(STATE_MACHINE):
        if any(_refers(machine.get(setting), function)
               for setting in (DEFINITION, DEFINITION_STRING, DEFINITION_SUBSTITUTIONS)):
            found.append(Invoker(f"the state machine {machine.subject}", Mode.SYNCHRONOUS))
    versions = [v for kind in (LAMBDA_VERSION, LAMBDA_ALIAS) for v in unit.resources(kind)
                if _refers(v.get(TARGET_FUNCTION), function)]
    names = {function.name, *(version.name for version in versions)}
    found += [Invoker(f"CloudFront (Lambda@Edge) through {d.subject}", Mode.SYNCHRONOUS)
              for d in unit.resources(CLOUDFRONT_DISTRIBUTION) if _mentions(d, names)]
    return found


def cloudformation_handler(function: Resource, unit: Unit) -> str | None:
    """What CloudFormation runs the function for, when it handles a custom resource or a macro: CloudFormation
    calls it once per deployment and reports its failures itself. None for any other function."""
    return next((invoker.what for invoker in invokers(function, unit) if invoker.deployment), None)


def _refers(node: Node | None, function: Resource) -> bool:
    """Whether a value names the function: a reference to it (any attribute, or the resource itself), or its name."""
    if node is None:
        return False
    if any(reference.name == function.name for reference in node.references()):
        return True
    own = function.get(FUNCTION_NAME)
    return node.literal is not None and own is not None and own.literal == node.literal


def _mentions(resource: Resource, names: set[str | None]) -> bool:
    """Whether any setting of the resource refers to one of the named resources."""
    for key in resource.keys():  # noqa: SIM118 - a resource is no dict
        node = resource.get(key)
        if node is not None and any(reference.name in names for reference in node.references()):
            return True
    return False
