"""IAC020 lambda-error-alarms: functions and dead-letter queues that fail without anyone being told."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.alarms import watches
from iacfix.fixers.document import CannotFix, Document, Resource, Unit
from iacfix.fixers.kinds import (
    ALARM_ACTIONS,
    ALARM_COMPARISON,
    ALARM_DIMENSION_MAP,
    ALARM_DIMENSION_PAIRS,
    ALARM_EVALUATION_PERIODS,
    ALARM_METRIC,
    ALARM_MISSING_DATA,
    ALARM_NAMESPACE,
    ALARM_PERIOD,
    ALARM_STATISTIC,
    ALARM_THRESHOLD,
    CLOUDWATCH_ALARM,
    DEAD_LETTER_TARGET,
    DIMENSION_NAME,
    DIMENSION_VALUE,
    LAMBDA_FUNCTION,
    REDRIVE_POLICY,
    SNS_TOPIC,
    SQS_QUEUE,
    Setting,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Block, Ref, join


@dataclass(frozen=True)
class Watch:
    """An alarm the rule wants: on which metric, for which dimension, what breaches, and what it costs to miss."""

    namespace: str
    metric: str
    dimension: str
    statistic: str
    comparison: str
    role: str  # names the alarm: "errors" -> <function>-errors
    consequence: str


ERRORS = Watch("AWS/Lambda", "Errors", "FunctionName", "Sum", "GreaterThanOrEqualToThreshold", "errors",
               "failed invocations go unnoticed until someone looks")
THROTTLES = Watch("AWS/Lambda", "Throttles", "FunctionName", "Sum", "GreaterThanOrEqualToThreshold", "throttles",
                  "throttled requests are rejected without anyone knowing")
QUEUE_DEPTH = Watch("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "Maximum", "GreaterThanThreshold",
                    "depth", "failed events pile up unseen until they expire")
# Where an alarm without a name is given a unique one (CloudFormation from the stack and logical id, Pulumi from the
# resource name); Terraform requires one.
GENERATED_NAMES = (Language.CLOUDFORMATION, Language.PULUMI)


@register
class LambdaErrorAlarms(Rule):
    """Lambda functions without error and throttle alarms, and dead-letter queues without a depth alarm.

    ## What it does
    Finds Lambda functions that no CloudWatch alarm watches on their `Errors` metric (and, by default, their
    `Throttles` metric), and SQS queues used as a dead-letter queue (by a function's dead-letter configuration or
    by another queue's redrive policy) that no alarm watches on `ApproximateNumberOfMessagesVisible`. An alarm
    counts when its namespace, metric and dimension (`FunctionName`, `QueueName`) name the resource, by reference
    or by a name that may be its.

    ## Why is this bad?
    Lambda retries and then drops, or parks in a dead-letter queue, what it could not process; nothing tells a
    person. Reviews of event pipelines keep finding dead-letter queues that filled for weeks before anyone
    looked, and functions that failed or were throttled at every peak with no alert.

    ## What the fix does
    Each function gets an alarm on its `Errors` (`Sum` at least 1 in a minute) and the same on `Throttles`; a
    dead-letter queue gets an alarm on its `ApproximateNumberOfMessagesVisible` (`Maximum` above 0). Each alarm
    is added right after what it watches, carrying its `Condition`, `count`/`for_each` or enclosing `if`. Its
    action is the module's SNS topic when it declares exactly one, or the configured `alarm_topic`; otherwise
    the alarm has no action, and the finding says so.

    ## Fix safety
    Safe: an alarm only watches. It may go into `ALARM` soon after it is created if the function already fails.
    A topic that exists only under a `Condition` the function does not have is not notified (the stack would
    fail whenever the condition is false); the finding says so. An alarm is named after what it watches
    (`<function>-errors`) unless another alarm may already have that name: CloudFormation and Pulumi then name
    it themselves, and in Terraform, which requires a name, the finding is not fixed.
    Not fixed: a Pulumi alarm whose topic is declared in another file of the program, and a template that a
    macro or a packaging tool (Rain's modules) rewrites, which may add the alarms.

    ## Options
    - `errors_threshold` (default 1): errors per period that raise the alarm.
    - `throttles` (default true): also watch `Throttles`; `throttles_threshold` (default 1).
    - `period` (default 60) and `evaluation_periods` (default 1): seconds per data point, and how many.
    - `alarm_topic` (default none): the SNS topic to notify, as references name it (`aws_sns_topic.alerts`,
      `AlertsTopic`, `alerts`) or its ARN; by default the module's only topic.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html
    - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
    - https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
    """

    code = "IAC020"
    name = "lambda-error-alarms"
    title = "Lambda functions and dead-letter queues must have alarms"
    severity = Severity.WARNING
    seeds = ("seed 004 §9", "seed 003 §10", "seed 002 §3", "seed 000 §7")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        errors_threshold: int = 1
        throttles: bool = True
        throttles_threshold: int = 1
        period: int = 60
        evaluation_periods: int = 1
        alarm_topic: str | None = None

        def __post_init__(self) -> None:
            if self.period not in (10, 30) and (self.period < 60 or self.period % 60):
                raise ValueError("period must be 10, 30 or a multiple of 60 seconds")
            if min(self.errors_threshold, self.throttles_threshold, self.evaluation_periods) < 1:
                raise ValueError("thresholds and evaluation_periods must be at least 1")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit, options = context.unit, context.options
        alarms = list(unit.resources(CLOUDWATCH_ALARM))
        wanted = [(ERRORS, options.errors_threshold)] + ([(THROTTLES, options.throttles_threshold)]
                                                          if options.throttles else [])
        watching = [(function, wanted) for function in document.resources(LAMBDA_FUNCTION)]
        watching += [(queue, [(QUEUE_DEPTH, 0)]) for queue in document.resources(SQS_QUEUE)
                     if _dead_letter_queue(queue, unit)]
        for resource, watches_wanted in watching:
            missing = [(watch, threshold) for watch, threshold in watches_wanted if not any(
                watches(alarm, watch.namespace, watch.metric, watch.dimension, resource, unit) for alarm in alarms)]
            if missing:
                yield self._finding(document, context, resource, missing)

    def _finding(self, document: Document, context: RuleContext, resource: Resource,
                 missing: list[tuple[Watch, int]]) -> Finding:
        what = "Lambda function" if resource.is_a(LAMBDA_FUNCTION) else "dead-letter queue"
        metrics = " and ".join(watch.metric for watch, _ in missing)
        message = f"{what} {resource.subject} has no alarm on {metrics}: {missing[0][0].consequence}"
        subject = f"{resource.subject}:alarms"
        try:
            topic = _topic(context.unit, context.options.alarm_topic)
        except CannotFix as reason:
            return self.finding(resource, message, subject=subject, not_fixed_reason=str(reason))
        if isinstance(topic, Ref) and topic.resource.condition not in (None, resource.condition):
            message += (f" (the SNS topic {topic.resource.subject} exists only when {topic.resource.condition} "
                        "holds: the alarms added only change state)")
            topic = None
        elif topic is None:
            message += " (no SNS topic to notify: the alarms added only change state)"
        if document.preprocessors:
            return self.finding(resource, message, subject=subject, not_fixed_reason=(
                f"the file is rewritten by {', '.join(document.preprocessors)} before it deploys, which may add them"))
        changes = context.changes(document)
        for watch, threshold in missing:
            settings = self._settings(context, resource, watch, threshold, topic)
            name_setting = CLOUDWATCH_ALARM.name_setting
            if (document.language in GENERATED_NAMES and name_setting is not None
                    and changes.name_holder(CLOUDWATCH_ALARM, settings[name_setting]) is not None):
                del settings[name_setting]  # another alarm may have the name: AWS makes up a unique one instead
            alarm = changes.add_resource_after(resource, CLOUDWATCH_ALARM, settings, role=watch.role,
                                               noun=f"{watch.role} alarm", by_role=True)
            changes.describe(f"add alarm {alarm.name} on {watch.metric} of {resource.subject}")
        if topic is None:
            changes.describe("no SNS topic to notify")
        return self.finding(resource, message, subject=subject, fix=changes)

    @staticmethod
    def _settings(context: RuleContext, resource: Resource, watch: Watch, threshold: int,
                  topic: Ref | str | None) -> dict[Setting | str, Any]:
        options = context.options
        value = Ref(resource, "name")
        return {
            CLOUDWATCH_ALARM.name_setting or "": join(value, f"-{watch.role}"),
            ALARM_NAMESPACE: watch.namespace,
            ALARM_METRIC: watch.metric,
            ALARM_STATISTIC: watch.statistic,
            ALARM_PERIOD: options.period,
            ALARM_EVALUATION_PERIODS: options.evaluation_periods,
            ALARM_THRESHOLD: threshold,
            ALARM_COMPARISON: watch.comparison,
            ALARM_MISSING_DATA: "notBreaching",
            **({ALARM_ACTIONS: [topic]} if topic is not None else {}),
            ALARM_DIMENSION_MAP: {watch.dimension: value},
            ALARM_DIMENSION_PAIRS: [Block({DIMENSION_NAME: watch.dimension, DIMENSION_VALUE: value})],
        }


def _dead_letter_queue(queue: Resource, unit: Unit) -> bool:
    """Whether a function sends its failed events to the queue, or another queue redrives to it."""
    holders = [(function, DEAD_LETTER_TARGET) for function in unit.resources(LAMBDA_FUNCTION)]
    holders += [(other, REDRIVE_POLICY) for other in unit.resources(SQS_QUEUE) if other is not queue]
    for holder, setting in holders:
        node = holder.get(setting)
        if node is not None and any(reference.name == queue.name for reference in node.references()):
            return True
    return False


def _topic(unit: Unit, configured: str | None) -> Ref | str | None:
    """What the alarms notify: the configured topic, or the unit's only SNS topic; None when there is neither."""
    if configured is not None:
        if configured.startswith("arn:"):
            return configured
        found = unit.resource(configured)
        if found is None or not found.is_a(SNS_TOPIC):
            raise CannotFix(f"the alarm_topic option names {configured}, which is not an SNS topic declared here")
        return Ref(found, "arn")
    topics = list(unit.resources(SNS_TOPIC))
    return Ref(topics[0], "arn") if len(topics) == 1 else None
