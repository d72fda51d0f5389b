"""Per-service profiles: the data-plane actions an application normally needs, and how to name its resources.

A wildcard such as ``dynamodb:*`` is replaced by the service's profile (item reads and writes, never
``DeleteTable``), narrowed further to what the handler calls when its source is known. ``forms`` say which
ARN of a referenced resource satisfies each resource type the dataset lists for the profile's actions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArnForm:
    """How a resource of the service satisfies one of the dataset's resource types."""

    resource_type: str  # the dataset's name, e.g. "table", "object", "log-stream"
    attribute: str = "arn"  # which ARN of the resource: "arn" or "stream_arn"
    suffix: str = ""  # appended to that ARN, e.g. "/index/*" or "/*"
    needs: str | None = None  # "indexes": only for tables with secondary indexes; "consumed": only for event sources


@dataclass(frozen=True)
class ServiceProfile:
    prefix: str
    actions: tuple[str, ...]
    forms: tuple[ArnForm, ...] = ()
    consumer_actions: tuple[str, ...] = ()  # what Lambda's event source mapping needs to read the resource
    runtime: bool = False  # needed by the Lambda runtime itself, so never narrowed by the handler's calls

    def qualified(self, names: tuple[str, ...] | None = None) -> list[str]:
        return [f"{self.prefix}:{name}" for name in (self.actions if names is None else names)]

    def all_actions(self) -> list[str]:
        return self.qualified(tuple(dict.fromkeys(self.actions + self.consumer_actions)))


PROFILES: dict[str, ServiceProfile] = {
    profile.prefix: profile
    for profile in (
        ServiceProfile(
            "dynamodb",
            ("GetItem", "BatchGetItem", "Query", "Scan", "ConditionCheckItem", "PutItem", "UpdateItem",
             "DeleteItem", "BatchWriteItem", "DescribeTable"),
            (ArnForm("table"), ArnForm("index", suffix="/index/*", needs="indexes"),
             ArnForm("stream", attribute="stream_arn", needs="consumed")),
            consumer_actions=("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"),
        ),
        ServiceProfile("s3", ("GetObject", "PutObject", "DeleteObject", "ListBucket"),
                       (ArnForm("bucket"), ArnForm("object", suffix="/*"))),
        ServiceProfile(
            "sqs",
            ("SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes",
             "GetQueueUrl"),
            (ArnForm("queue"),),
            consumer_actions=("ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "ChangeMessageVisibility"),
        ),
        ServiceProfile("sns", ("Publish",), (ArnForm("topic"),)),
        ServiceProfile(
            "kinesis",
            ("PutRecord", "PutRecords", "GetRecords", "GetShardIterator", "DescribeStream", "DescribeStreamSummary",
             "ListShards"),
            (ArnForm("stream"),),
            consumer_actions=("DescribeStream", "DescribeStreamSummary", "GetRecords", "GetShardIterator", "ListShards"),
        ),
        ServiceProfile("logs", ("CreateLogGroup", "CreateLogStream", "PutLogEvents"),
                       (ArnForm("log-group", suffix=":*"), ArnForm("log-stream", suffix=":*")), runtime=True),
        ServiceProfile("secretsmanager", ("GetSecretValue", "DescribeSecret"), (ArnForm("Secret"),)),
        ServiceProfile("kms", ("Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey"), (ArnForm("key"),)),
        ServiceProfile("lambda", ("InvokeFunction",), (ArnForm("function"),)),
        ServiceProfile("states", ("StartExecution", "StartSyncExecution"), (ArnForm("statemachine"),)),
        ServiceProfile("events", ("PutEvents",), (ArnForm("event-bus"),)),
        ServiceProfile("cloudwatch", ("PutMetricData",)),
        ServiceProfile(
            "xray",
            ("PutTraceSegments", "PutTelemetryRecords", "GetSamplingRules", "GetSamplingTargets",
             "GetSamplingStatisticSummaries"),
        ),
    )
}


def profile(prefix: str) -> ServiceProfile | None:
    return PROFILES.get(prefix.lower())
