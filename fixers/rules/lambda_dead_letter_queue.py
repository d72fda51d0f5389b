"""IAC005 lambda-dead-letter-queue: failed asynchronous events of a function must land somewhere."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator

from iacfix.fixers.document import CannotFix, Changes, Document, Resource, Unit
from iacfix.fixers.iam.permissions import AWS_MANAGED, managed_policies, policy_statements, roles_of
from iacfix.fixers.invocation import Mode, invokers
from iacfix.fixers.kinds import (
    DEAD_LETTER_TARGET,
    DEAD_LETTER_TYPE,
    EVENT_INVOKE_CONFIG,
    FUNCTION_NAME,
    FUNCTION_ROLE,
    IAM_ROLE,
    LAMBDA_FUNCTION,
    MESSAGE_RETENTION,
    ON_FAILURE,
    SQS_MANAGED_ENCRYPTION,
    SQS_QUEUE,
    TARGET_FUNCTION,
    Setting,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.names import Name
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.rules.lambda_provisioned_concurrency_alias import names_function
from iacfix.fixers.values import Ref

SEND = "sqs:SendMessage"
SID = "SendToDeadLetterQueues"  # one statement per role, whatever the number of its functions' queues
SAM_POLICIES = Setting(None, None, sam="Policies")
RETENTION_SECONDS = 1209600  # 14 days, the longest SQS keeps a message: time to notice and replay
ANY_QUEUE = re.compile(r"^arn:[^:]+:sqs:[^:]*:[^:]*:\*$")
SAM_FUNCTION = "AWS::Serverless::Function"


@register
class LambdaDeadLetterQueue(Rule):
    """Lambda functions whose failed asynchronous events are dropped.

    ## What it does
    Finds Lambda functions with neither a dead-letter queue (`dead_letter_config`, `DeadLetterConfig`, SAM's
    `DeadLetterQueue`, `Globals` included) nor an on-failure destination (`aws_lambda_function_event_invoke_config`,
    `AWS::Lambda::EventInvokeConfig`, SAM's `EventInvokeConfig`, `FunctionEventInvokeConfig`). A function that
    everything in the unit invokes synchronously or by polling (API Gateway, a load balancer, an event source
    mapping, a state machine, a CloudFormation macro, CloudFront) is left alone: it never receives an
    asynchronous event to lose, and Lambda@Edge cannot have a dead-letter queue. A function nothing in the unit
    invokes is found, since anyone may invoke it asynchronously.

    ## Why is this bad?
    Lambda retries an asynchronous event (from S3, SNS, EventBridge, a direct `Event` invocation) twice, then
    drops it. Without a dead-letter queue nobody learns that the upload was never processed or the payment
    never recorded, and the event cannot be replayed.

    ## What the fix does
    The queue is added right after the function (with its `count`, `Condition` or enclosing `if`), encrypted
    with SQS-managed keys, keeps messages 14 days, and is named after the function when its name is written
    out. CloudFormation: `DeadLetterConfig: {TargetArn: !GetAtt <Queue>.Arn}`, SAM: `DeadLetterQueue: {Type: SQS,
    TargetArn: ...}`; Pulumi: `dead_letter_config=` and an `sqs.Queue`.

    Lambda refuses a dead-letter queue its function's role cannot send to, so a role that may not send to every
    queue is granted `sqs:SendMessage` on the new queue only, in the role's own style: a statement with the Sid
    `SendToDeadLetterQueues` in one of its inline policies (an `inline_policy` block, an `aws_iam_role_policy` written
    with `jsonencode`, heredoc JSON or an `aws_iam_policy_document`; a `Policies` entry or an `AWS::IAM::Policy`
    naming the role; `inline_policies` or an `iam.RolePolicy` written with `json.dumps`, `Output.json_dumps` or
    `get_policy_document`), else a role policy of its own.
    A role shared by several functions gets one statement whose resources list every queue. A SAM function whose
    role SAM creates needs nothing (SAM grants it); when it lists its `Policies`, the `SQSSendMessagePolicy`
    template says so. A CloudFormation function under a `Condition` its role does not have gets an
    `AWS::IAM::Policy` with that condition, naming the role; a Pulumi policy is declared after the queue it names.

    ## Fix safety
    Safe: the queue only receives events Lambda would otherwise drop, and the role may only send messages to it.
    Not fixed: functions whose role is not declared in the same module, template or program; roles whose
    permission cannot be written where it belongs (`inline_policy` blocks, which are exclusive, none of which can
    take it; `Policies` computed by `!If`; a function made several times by `count`, `for_each` or a loop, whose
    queues one policy cannot name one by one); and functions for which a queue of the same name may exist.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
    - https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
    """

    code = "IAC005"
    name = "lambda-dead-letter-queue"
    title = "Lambda functions must keep their failed events"
    severity = Severity.WARNING
    seeds = ("seed 004 §5", "seed 002 §4")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        for function in document.resources(LAMBDA_FUNCTION):
            if function.get(DEAD_LETTER_TARGET) is not None or function.get(ON_FAILURE) is not None \
                    or has_destination(function, unit) or only_waited_for(function, unit):
                continue
            message = (f"Lambda function {function.subject} has no dead-letter queue or on-failure destination: "
                       "an asynchronous event that fails its retries is dropped without a trace")
            changes = context.changes(document)
            reason = add_queue(function, unit, changes)
            yield self.finding(function, message, subject=f"{function.subject}:dead-letter-queue", fix=changes,
                               not_fixed_reason=reason)


def only_waited_for(function: Resource, unit: Unit) -> bool:
    """Whether everything the unit shows invoking the function waits for its answer or polls a source: such a
    function never gets an asynchronous event to lose (and Lambda@Edge cannot have a dead-letter queue)."""
    found = invokers(function, unit)
    return bool(found) and all(invoker.mode in (Mode.SYNCHRONOUS, Mode.POLLED) for invoker in found)


def has_destination(function: Resource, unit: Unit) -> bool:
    """Whether an asynchronous invocation configuration of the function sends failures somewhere."""
    return any(names_function(config.get(TARGET_FUNCTION), function) and config.get(ON_FAILURE) is not None
               for config in unit.resources(EVENT_INVOKE_CONFIG))


def add_queue(function: Resource, unit: Unit, changes: Changes) -> str | None:
    """Add the queue, point the function at it and let its role send to it; the reason it cannot be done, or None."""
    settings: dict = {}
    written = function.get(FUNCTION_NAME)
    if written is not None and isinstance(written.literal, str):
        name = f"{written.literal}-dlq"
        taken = next((q for q in unit.resources(SQS_QUEUE) if q.real_name(unit).may_equal(Name.of(name))), None)
        if taken is not None:
            return f"the queue {taken.subject} may be named {name} already; point the function at it"
        settings[SQS_QUEUE.name_setting] = name
    settings.update({MESSAGE_RETENTION: RETENTION_SECONDS, SQS_MANAGED_ENCRYPTION: True})
    grantee = role_to_grant(function, unit)
    if isinstance(grantee, str):
        return grantee
    queue = changes.add_resource_after(function, SQS_QUEUE, settings, role="dlq", noun="dead-letter queue")
    if function.path_of(DEAD_LETTER_TYPE):
        changes.set(function, DEAD_LETTER_TYPE, "SQS")
    changes.set(function, DEAD_LETTER_TARGET, Ref(queue, "arn"))
    changes.describe(f"send the failed events of {function.subject} to a new encrypted queue {queue.name}")
    if grantee is None:
        return None
    statement = {"Sid": SID, "Effect": "Allow", "Action": SEND, "Resource": [Ref(queue, "arn")]}
    try:
        changes.grant(grantee, statement, beside=function, word="dlq")
    except CannotFix as reason:
        if grantee is function:
            return None  # SAM grants it anyway: listing it is only a courtesy to the reader
        return f"{_lacks(grantee)}, and it cannot be granted here: {reason}"
    changes.describe(f"allow {grantee.subject} to send to it ({SEND})")
    return None


def role_to_grant(function: Resource, unit: Unit) -> Resource | str | None:
    """What must be granted sqs:SendMessage on the new queue: the function's role, or a SAM function whose
    ``Policies`` SAM makes its role from; None when nothing needs it; a reason when it cannot be known or done."""
    node = function.get(FUNCTION_ROLE)
    if node is None and function.type == SAM_FUNCTION:
        policies = function.get(SAM_POLICIES)
        # SAM grants its role sqs:SendMessage on the dead-letter queue; a function that lists its policies says so.
        return function if policies is not None and not policies.inherited else None
    role = unit.referenced(node, IAM_ROLE)
    if role is None:
        return "the function's role is not declared here, so whether it may send to a new queue cannot be checked"
    if may_send_to_any_queue(role, unit):
        return None
    if function.repeated:
        return (f"{_lacks(role)}, and {function.subject} makes several functions (count, for_each or a loop) whose "
                "queues one policy cannot name one by one; grant it on them")
    return role


def _lacks(role: Resource) -> str:
    return f"its role {role.subject} may not send messages to a new queue ({SEND})"


def may_send_to_any_queue(role: Resource, unit: Unit) -> bool:
    """Whether the role is allowed sqs:SendMessage on every queue (a statement on ``*`` or ``...:sqs:*:*:*``)."""
    def sends(action: str) -> bool:
        return fnmatch.fnmatchcase(SEND.lower(), action.lower())

    if any(sends(pattern) for name in managed_policies(unit, role) for pattern in AWS_MANAGED.get(name, ())):
        return True
    for document in unit.documents:
        for holder, statement in policy_statements(document):
            if statement.effect != "Allow" or statement.principal or statement.condition or not statement.actions:
                continue
            if any(sends(action) for action in statement.actions) and role.name in roles_of(unit, holder) and any(
                    resource == "*" or resource is not None and ANY_QUEUE.match(resource)
                    for resource in statement.resources or ()):
                return True
    return False
