"""What a role is used for, read through the vocabulary: the functions that assume it, the resources they use,
and what their configuration asks of the role.

A narrowed policy may only grant what the role's users need, and only name resources the unit declares; these
questions have the same answer in the three languages once the kind tables name the resources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from iacfix.fixers.document import Node, Reference, Resource, Unit
from iacfix.fixers.iam.permissions import roles_of
from iacfix.fixers.kinds import (
    ARN,
    DYNAMODB_TABLE,
    LAMBDA_FUNCTION,
    LOG_GROUP,
    LOG_GROUP_NAME,
    Attribute,
    Kind,
    Setting,
)
from iacfix.fixers.names import Name

ARN_BY_REF = Attribute("arn", None)  # resources whose !Ref is their ARN
STREAM_ARN = Attribute("stream_arn", "StreamArn")

QUEUE = Kind("SQS queue", "aws_sqs_queue", ("AWS::SQS::Queue",), "sqs.Queue", {"arn": ARN})
TOPIC = Kind("SNS topic", "aws_sns_topic", ("AWS::SNS::Topic",), "sns.Topic", {"arn": ARN_BY_REF})
BUCKET = Kind("S3 bucket", "aws_s3_bucket", ("AWS::S3::Bucket",), "s3.BucketV2", {"arn": ARN})
BUCKET_V1 = Kind("S3 bucket", None, (), "s3.Bucket", {"arn": ARN})
STREAM = Kind("Kinesis stream", "aws_kinesis_stream", ("AWS::Kinesis::Stream",), "kinesis.Stream", {"arn": ARN})
SECRET = Kind("secret", "aws_secretsmanager_secret", ("AWS::SecretsManager::Secret",), "secretsmanager.Secret",
              {"arn": ARN_BY_REF})
KEY = Kind("KMS key", "aws_kms_key", ("AWS::KMS::Key",), "kms.Key", {"arn": ARN})
STATE_MACHINE = Kind("state machine", "aws_sfn_state_machine",
                     ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"), "sfn.StateMachine",
                     {"arn": ARN_BY_REF})
EVENT_BUS = Kind("event bus", "aws_cloudwatch_event_bus", ("AWS::Events::EventBus",), "cloudwatch.EventBus",
                 {"arn": ARN})
GLOBAL_TABLE = Kind("DynamoDB global table", None, ("AWS::DynamoDB::GlobalTable",), None,
                    {"arn": ARN, "stream_arn": STREAM_ARN})
SIMPLE_TABLE = Kind("DynamoDB table", None, ("AWS::Serverless::SimpleTable",), None)  # ARN written from its name
EVENT_SOURCE_MAPPING = Kind("event source mapping", "aws_lambda_event_source_mapping",
                            ("AWS::Lambda::EventSourceMapping",), "lambda_.EventSourceMapping")

# The resources a policy may name for a function, by the IAM service prefix their ARNs belong to.
TARGETS: dict[Kind, str] = {
    DYNAMODB_TABLE: "dynamodb", GLOBAL_TABLE: "dynamodb", SIMPLE_TABLE: "dynamodb", BUCKET: "s3", BUCKET_V1: "s3",
    QUEUE: "sqs", TOPIC: "sns", STREAM: "kinesis", SECRET: "secretsmanager", KEY: "kms", LAMBDA_FUNCTION: "lambda",
    STATE_MACHINE: "states", EVENT_BUS: "events",
}

FUNCTION_ROLE = Setting("role", "Role")
MAPPED_FUNCTION = Setting("function_name", "FunctionName")
EVENT_SOURCE = Setting("event_source_arn", "EventSourceArn")
VPC = Setting("vpc_config", "VpcConfig")
TRACING = Setting("tracing_config.mode", "TracingConfig.Mode", sam="Tracing")
SECONDARY_INDEXES = (Setting("global_secondary_index", "GlobalSecondaryIndexes", pulumi="global_secondary_indexes"),
                     Setting("local_secondary_index", "LocalSecondaryIndexes", pulumi="local_secondary_indexes"))


def _references(node: Node | None) -> list[Reference]:
    return node.references() if node is not None else []


def target_kind(resource: Resource) -> Kind | None:
    return next((kind for kind in TARGETS if resource.is_a(kind)), None)


def users(unit: Unit, holder: Resource) -> list[Resource]:
    """The functions whose permissions a policy's holder grants: those assuming one of its roles, or the holder
    itself when it is a function that carries its own policies (SAM's ``Policies``)."""
    if holder.is_a(LAMBDA_FUNCTION):
        return [holder]
    roles = roles_of(unit, holder)
    return [function for function in unit.resources(LAMBDA_FUNCTION)
            if any(reference.name in roles for reference in _references(function.get(FUNCTION_ROLE)))]


def used_resources(unit: Unit, function: Resource, consumed: list[Resource]) -> Iterator[tuple[Resource, bool]]:
    """The resources a function names (a reference to one of several instances aside), then those an event source
    mapping or event reads for it (``consumed``, True for those), each once, log groups aside."""
    mapped = [source for mapping in unit.resources(EVENT_SOURCE_MAPPING)
              if any(r.name == function.name for r in _references(mapping.get(MAPPED_FUNCTION)))
              for source in _resources(unit, mapping.get(EVENT_SOURCE))]
    read = {id(resource) for resource in [*mapped, *consumed]}
    named = [resource for reference in function.references() if not reference.indexed
             for resource in [unit.resource(reference.name)] if resource is not None]
    by_name = sorted([*mapped, *consumed], key=lambda resource: resource.name or "")
    seen: set[int] = set()
    for resource in [*named, *by_name]:
        if id(resource) in seen or resource is function or resource.is_a(LOG_GROUP):
            continue
        seen.add(id(resource))
        yield resource, id(resource) in read


def _resources(unit: Unit, node: Node | None) -> list[Resource]:
    return [found for reference in _references(node) for found in [unit.resource(reference.name)] if found]


def has_indexes(table: Resource) -> bool:
    return any(table.get(setting) is not None for setting in SECONDARY_INDEXES)


def features(function: Resource) -> set[str]:
    """What the function's configuration asks of its role beyond its handler's calls."""
    found = {"vpc"} if function.get(VPC) is not None else set()
    mode = function.get(TRACING)
    if mode is not None and mode.literal == "Active":
        found.add("tracing")
    return found


def log_group(unit: Unit, function: Resource, usable: Callable[[Resource], bool]) -> Resource | None:
    """The log group the unit declares under the name Lambda writes the function's logs to (names compared as
    evaluated: ``!Sub``, interpolation, locals), when a policy may name it."""
    expected = Name.of("/aws/lambda/", function.real_name(unit))
    return next((group for group in unit.resources(LOG_GROUP) if group.has(LOG_GROUP_NAME)
                 and group.real_name(unit).certainly_equals(expected) and usable(group)), None)
