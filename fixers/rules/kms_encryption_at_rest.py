"""IAC018 kms-encryption-at-rest: queues, topics, streams and tables must encrypt what they store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import CannotFix, Changes, Document, Resource, Unit
from iacfix.fixers.kinds import (
    ALARM_NOTIFICATIONS,
    BUCKET_NOTIFICATION_TOPICS,
    BUCKET_TOPIC_CONFIGURATIONS,
    CLOUDWATCH_ALARM,
    DYNAMODB_SSE,
    DYNAMODB_SSE_KEY,
    DYNAMODB_SSE_TYPE,
    DYNAMODB_TABLE,
    EVENT_RULE_TARGETS,
    EVENT_TARGET,
    EVENT_TARGET_ARN,
    KINESIS_ENCRYPTION,
    KINESIS_KMS_KEY,
    KINESIS_STREAM,
    KMS_ALIAS,
    KMS_KEY,
    S3_BUCKET_NOTIFICATION,
    SAM_SIMPLE_TABLE,
    SNS_KMS_KEY,
    SNS_TOPIC,
    SQS_KMS_KEY,
    SQS_MANAGED_SSE,
    SQS_QUEUE,
    Setting,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Ref, Value

SNS_MANAGED_KEY = "alias/aws/sns"
KINESIS_MANAGED_KEY = "alias/aws/kinesis"
_LITERAL_KEY = re.compile(r"^(alias/\S+|arn:\S+:kms:\S+|(mrk-)?[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12})$")
# Who publishes to a topic as an AWS service, by kind and the settings that name the topic.
PUBLISHERS = ((CLOUDWATCH_ALARM, ALARM_NOTIFICATIONS), (EVENT_TARGET, (EVENT_TARGET_ARN,)),
              (S3_BUCKET_NOTIFICATION, (BUCKET_NOTIFICATION_TOPICS,)))
PUBLISHING_SETTINGS = (EVENT_RULE_TARGETS, BUCKET_TOPIC_CONFIGURATIONS)  # CloudFormation: on any resource


@register
class KmsEncryptionAtRest(Rule):
    """SQS queues, SNS topics, Kinesis streams and DynamoDB tables without server-side encryption.

    ## What it does
    Finds queues with neither SQS-managed encryption nor a KMS key, topics without a KMS key, Kinesis streams
    whose encryption type is not `KMS`, and DynamoDB tables (SAM's `SimpleTable` included) that do not turn
    on server-side encryption with KMS, or turn it off explicitly.

    ## Why is this bad?
    Messages, events and items stored unencrypted, or encrypted with a key nobody controls, fail the "all data
    at rest encrypted with KMS" requirement that security reviews and audits check first; access to the data
    is then not logged or revocable through a key policy, and fixing it later means replacing the resource.

    ## What the fix does
    Each service gets its AWS managed key: SQS-managed SSE (`sqs_managed_sse_enabled = true`,
    `SqsManagedSseEnabled: true`; never `alias/aws/sqs`, which SNS and EventBridge cannot use to deliver),
    `alias/aws/sns`, `encryption_type = "KMS"` with `alias/aws/kinesis`, and DynamoDB's
    `server_side_encryption { enabled = true }` (`SSESpecification: {SSEEnabled: true}`). With the `kms_key`
    option, that key is written instead.

    ## Fix safety
    Safe: the services encrypt and decrypt transparently for callers allowed to use the key, and AWS managed
    keys allow every caller in the account. Not fixed: a topic that CloudWatch alarms, EventBridge or S3
    publish to (those services cannot use `alias/aws/sns`: set `kms_key` to a customer managed key whose
    policy allows them), settings computed by an expression, and a `kms_key` this unit cannot refer to.

    ## Options
    - `kms_key` (default none): the key to write instead of the AWS managed ones: a KMS key or alias declared
      in the module, template or program as references name it (`aws_kms_key.data`, `DataKey`, `data_key`),
      or a key ARN, alias (`alias/data`) or key id.

    ## References
    - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
    - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
    - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
    - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
    """

    code = "IAC018"
    name = "kms-encryption-at-rest"
    title = "Queues, topics, streams and tables must be encrypted at rest"
    severity = Severity.WARNING
    seeds = ("seed 000 §5", "seed 001 §4")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        kms_key: str | None = None

        def __post_init__(self) -> None:
            if self.kms_key is not None and (not self.kms_key or any(c.isspace() for c in self.kms_key)):
                raise ValueError("kms_key names a KMS key or alias resource, or is a key ARN, alias or key id")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        # Each plan says how the resource fails ("has no", "disables") or None when it is encrypted (or decided by
        # an expression); given changes, it also plans the fix into them.
        checks = ((SQS_QUEUE, _queue), (SNS_TOPIC, _topic), (KINESIS_STREAM, _stream), (DYNAMODB_TABLE, _table),
                  (SAM_SIMPLE_TABLE, _table))
        for kind, plan in checks:
            for resource in document.resources(kind):
                state = plan(resource, None, context)
                if state is None:
                    continue
                message = f"{kind.label} {resource.subject} {state} encryption at rest"
                changes = context.changes(document)
                try:
                    plan(resource, changes, context)
                except CannotFix as reason:
                    yield self.finding(resource, message, not_fixed_reason=str(reason))
                    continue
                yield self.finding(resource, message, fix=changes)


def _queue(queue: Resource, changes: Changes | None, context: RuleContext) -> str | None:
    managed, key = queue.get(SQS_MANAGED_SSE), queue.get(SQS_KMS_KEY)
    if key is not None or (managed is not None and managed.is_true() is not False):
        return None
    if changes is not None:
        chosen = _configured_key(queue, changes, context)
        if chosen is None:
            changes.set(queue, SQS_MANAGED_SSE, True)
            changes.describe(f"turn on SQS-managed encryption for {queue.subject}")
        else:
            changes.set(queue, SQS_KMS_KEY, chosen)
            changes.describe(f"encrypt {queue.subject} with the configured KMS key")
    return "disables" if managed is not None else "has no"


def _topic(topic: Resource, changes: Changes | None, context: RuleContext) -> str | None:
    if topic.get(SNS_KMS_KEY) is not None:
        return None
    if changes is not None:
        chosen = _configured_key(topic, changes, context)
        if chosen is None:
            publisher = _service_publisher(topic, context.unit)
            if publisher is not None:
                raise CannotFix(f"{publisher} publishes to it, and AWS services cannot use {SNS_MANAGED_KEY}: "
                                "set kms_key to a customer managed key whose policy allows them")
        changes.set(topic, SNS_KMS_KEY, chosen or SNS_MANAGED_KEY)
        changes.describe(f"encrypt {topic.subject} with {'the configured KMS key' if chosen else SNS_MANAGED_KEY}")
    return "has no"


def _stream(stream: Resource, changes: Changes | None, context: RuleContext) -> str | None:
    encryption = stream.get(KINESIS_ENCRYPTION)
    if encryption is not None and encryption.literal != "NONE":
        return None  # KMS, or decided by an expression
    if changes is not None:
        changes.set(stream, KINESIS_ENCRYPTION, "KMS")
        if stream.get(KINESIS_KMS_KEY) is None:
            changes.set(stream, KINESIS_KMS_KEY, _configured_key(stream, changes, context) or KINESIS_MANAGED_KEY)
        changes.describe(f"encrypt {stream.subject} with KMS")
    return "disables" if encryption is not None else "has no"


def _table(table: Resource, changes: Changes | None, context: RuleContext) -> str | None:
    enabled = table.get(DYNAMODB_SSE)
    if enabled is not None and enabled.is_true() is not False:
        return None
    if changes is not None:
        changes.set(table, DYNAMODB_SSE, True)
        chosen = _configured_key(table, changes, context)
        if chosen is not None and table.get(DYNAMODB_SSE_KEY) is None:
            if isinstance(chosen, str) and table.document.language is not Language.CLOUDFORMATION \
                    and not chosen.startswith("arn:"):
                raise CannotFix(f"DynamoDB's kms_key_arn takes a key ARN, and kms_key is {chosen}")
            changes.set(table, DYNAMODB_SSE_KEY, chosen)
            if table.path_of(DYNAMODB_SSE_TYPE) is not None:
                changes.set(table, DYNAMODB_SSE_TYPE, "KMS")
        changes.describe(f"turn on KMS server-side encryption for {table.subject}")
    return "disables" if enabled is not None else "has no"


def _configured_key(resource: Resource, changes: Changes, context: RuleContext) -> Value | None:
    """The ``kms_key`` option as this resource can write it: a reference to the unit's key, or the literal."""
    wanted: str | None = context.options.kms_key
    if wanted is None:
        return None
    declared = context.unit.resource(wanted)
    if declared is not None and (declared.is_a(KMS_KEY) or declared.is_a(KMS_ALIAS)):
        changes.check_reachable(resource, declared)
        return Ref(declared, "key" if declared.is_a(KMS_ALIAS) else "arn")
    if _LITERAL_KEY.match(wanted):
        return wanted
    raise CannotFix(f"kms_key names {wanted}, which is neither a KMS key or alias declared here nor a key ARN, "
                    "alias or id")


def _service_publisher(topic: Resource, unit: Unit) -> str | None:
    """An alarm, event target or bucket notification of the unit that sends to the topic."""
    for kind, settings in PUBLISHERS:
        for publisher in unit.resources(kind):
            if _names(publisher, settings, topic):
                return publisher.subject
    if topic.document.language is Language.CLOUDFORMATION:
        for publisher in unit.resources():
            if _names(publisher, PUBLISHING_SETTINGS, topic):
                return publisher.subject
    return None


def _names(resource: Resource, settings: tuple[Setting, ...], target: Resource) -> bool:
    for setting in settings:
        node = resource.get(setting)
        if node is not None and any(reference.name == target.name for reference in node.references()):
            return True
    return False
