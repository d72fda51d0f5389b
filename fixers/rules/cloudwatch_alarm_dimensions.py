"""IAC015 cloudwatch-alarm-dimensions: an alarm on a dimension its namespace does not have never fires."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from iacfix.fixers.alarms import dimensions as alarm_dimensions
from iacfix.fixers.document import Changes, Document, Node, Reference, Resource, Unit
from iacfix.fixers.kinds import (
    ALARM_DIMENSIONS,
    ALARM_NAMESPACE,
    CLOUDWATCH_ALARM,
    DYNAMODB_TABLE,
    ELASTICACHE_CLUSTER,
    KINESIS_STREAM,
    LAMBDA_FUNCTION,
    S3_BUCKET,
    SNS_TOPIC,
    SQS_QUEUE,
    STATE_MACHINE,
    attribute_name,
)
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Ref

# The dimension that names a resource of each kind in its service's namespace (a value that refers to the resource
# says which dimension was meant), and the attribute of the resource that dimension's value is.
NAMED_BY = {
    LAMBDA_FUNCTION: ("AWS/Lambda", "FunctionName", "name"), DYNAMODB_TABLE: ("AWS/DynamoDB", "TableName", "name"),
    SQS_QUEUE: ("AWS/SQS", "QueueName", "name"), SNS_TOPIC: ("AWS/SNS", "TopicName", "name"),
    S3_BUCKET: ("AWS/S3", "BucketName", "name"), ELASTICACHE_CLUSTER: ("AWS/ElastiCache", "CacheClusterId", "name"),
    KINESIS_STREAM: ("AWS/Kinesis", "StreamName", "name"), STATE_MACHINE: ("AWS/States", "StateMachineArn", "arn"),
}
GENERIC_WORDS = frozenset({"name", "id", "arn"})


@cache
def documented_dimensions() -> dict[str, frozenset[str]]:
    """The dimension names of each namespace, from ``fixers/data/metric_dimensions.json`` (AWS's metric pages)."""
    text = resources.files("iacfix.fixers").joinpath("data/metric_dimensions.json").read_text(encoding="utf-8")
    return {name: frozenset(entry["dimensions"]) for name, entry in json.loads(text)["namespaces"].items()}


@register
class CloudwatchAlarmDimensions(Rule):
    """CloudWatch alarms on a dimension that the metric's namespace does not have.

    ## What it does
    Finds alarms (`aws_cloudwatch_metric_alarm`, `AWS::CloudWatch::Alarm`, `cloudwatch.MetricAlarm`) on an AWS
    namespace whose dimensions include a name that namespace does not publish: `Table` or `TableArn` for
    `AWS/DynamoDB` (which has `TableName`), `ClusterName` for `AWS/ElastiCache` (`CacheClusterId`), `Function`
    for `AWS/Lambda` (`FunctionName`). The names of each namespace come from AWS's metric documentation, written
    with their sources in `fixers/data/metric_dimensions.json`; namespaces not listed there (custom metrics
    included) are not checked, nor are metric-math alarms.

    ## Why is this bad?
    CloudWatch accepts any dimension name. An alarm on one that the service never publishes watches a metric with
    no data: it stays in `INSUFFICIENT_DATA` (or `OK`, with missing data treated as not breaching) forever, so the
    throttling, errors or evictions it was written for go unnoticed. Template reviews keep finding such alarms,
    written from memory.

    ## What the fix does
    The name is corrected when exactly one documented name fits: the dimension that names the resource its value
    refers to (a DynamoDB table: `TableName`; a value that reads another attribute of it, such as its ARN, is
    pointed at the one the dimension takes), the same name written in other letters (`tablename`,
    `table_name`), or the only name sharing a word with it (`ClusterName` and `CacheClusterId` in
    `AWS/ElastiCache`). Otherwise the finding lists the names the namespace has.

    ## Fix safety
    Unsafe: the alarm starts evaluating real data, and may go into `ALARM` (and notify) at once. Not fixed when
    no documented name, or more than one, fits, or when the corrected name is already one of the alarm's
    dimensions.

    ## Options
    - `known_dimensions` (default none): more dimension names per namespace, for names AWS added after the data
      was read (`{"AWS/Lambda": ["EventSourceMappingUUID"]}`).

    ## References
    - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension
    - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/aws-services-cloudwatch-metrics.html
    """

    code = "IAC015"
    name = "cloudwatch-alarm-dimensions"
    title = "Alarm dimensions must exist in the metric's namespace"
    severity = Severity.ERROR
    seeds = ("seed 001 §3b",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        known_dimensions: dict[str, list[str]] = field(default_factory=dict)

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        extra = context.options.known_dimensions
        for alarm in document.resources(CLOUDWATCH_ALARM):
            namespace = alarm.get(ALARM_NAMESPACE)
            dimensions = alarm.get(ALARM_DIMENSIONS)
            valid = documented_dimensions().get(str(namespace.literal)) if namespace is not None else None
            if valid is None or dimensions is None:
                continue
            valid = valid | set(extra.get(str(namespace.literal), ()))  # type: ignore[union-attr]
            written = alarm_dimensions(dimensions)
            for dimension in written:
                if dimension.name in valid:
                    continue
                yield self._finding(document, context, alarm, str(namespace.literal), valid, dimension.name,
                                    dimension.key, dimension.value, [other.name for other in written])

    def _finding(self, document: Document, context: RuleContext, alarm: Resource, namespace: str,
                 valid: frozenset[str], name: str, key: Node, value: Node | None, written: list[str]) -> Finding:
        message = (f"alarm {alarm.subject} uses the dimension {name}, which {namespace} metrics do not have: "
                   "it watches a metric with no data and never fires")
        subject = f"{alarm.subject}:{name}"
        fits, target = _fitting(context.unit, namespace, valid, name, value)
        if len(fits) != 1:
            listed = ", ".join(sorted(fits or valid))
            reason = (f"several names fit ({listed})" if fits else f"no documented name fits; {namespace} has {listed}")
            return self.finding(key, message, subject=subject, resource=alarm, span=key.header, not_fixed_reason=reason)
        correct = fits[0]
        if correct in written:
            return self.finding(key, message, subject=subject, resource=alarm, span=key.header,
                                not_fixed_reason=f"the alarm already has a {correct} dimension")
        changes: Changes = context.changes(document)
        if key is value or value is None:
            changes.rename(key, correct)  # a map's key: the value is written under it
        else:
            changes.replace(key, correct)  # a Name/Value pair: the name is a value of its own
        changes.describe(f"rename the dimension {name} of {alarm.subject} to {correct}")
        if target is not None and value is not None:
            resource, attribute = target
            changes.replace(value, Ref(resource, attribute))
            changes.describe(f"give it the {attribute} of {resource.subject}")
        return self.finding(key, message, subject=subject, resource=alarm, span=key.header, fix=changes)


def _fitting(unit: Unit, namespace: str, valid: frozenset[str], name: str,
             value: Node | None) -> tuple[list[str], tuple[Resource, str] | None]:
    """The documented names the author meant, most certain evidence first: the resource the value refers to, the
    same name in other letters, the names sharing the most words with it. With the first, when the value reads
    another attribute of the resource than the one the dimension takes, that resource and attribute."""
    for reference in value.references() if value is not None else []:
        target = unit.resource(reference.name)
        meant = next(((dimension, attribute) for kind, (space, dimension, attribute) in NAMED_BY.items()
                      if space == namespace and target is not None and target.is_a(kind)), None)
        if target is not None and meant is not None and meant[0] in valid:
            whole = value.reference() if value is not None else None
            if whole is not None and not _reads(unit, whole, target, meant[1]):
                return [meant[0]], (target, meant[1])
            return [meant[0]], None
    same = [dimension for dimension in valid if _letters(dimension) == _letters(name)]
    if same:
        return same, None
    words = _words(name) - GENERIC_WORDS
    shared = {dimension: len(words & (_words(dimension) - GENERIC_WORDS)) for dimension in valid}
    best = max(shared.values(), default=0)
    return (sorted(dimension for dimension, count in shared.items() if count == best) if best else []), None


def _reads(unit: Unit, reference: Reference, target: Resource, attribute: str) -> bool:
    """Whether a reference reads the resource's ``attribute`` (its name however the language reads it)."""
    if attribute == "name":
        return unit.name_read(reference.name, reference.attribute) is not None
    return reference.attribute == attribute_name(target.document.language, target.type, attribute)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _words(name: str) -> set[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)
    return {word.lower() for word in re.split(r"[^A-Za-z0-9]+", spaced) if word}
