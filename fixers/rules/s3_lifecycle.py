"""IAC012 s3-lifecycle: buckets must clean up abandoned uploads and tier data nobody reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.buckets import configurations
from iacfix.fixers.document import Changes, Document, Node, Resource
from iacfix.fixers.kinds import (
    ABORT_INCOMPLETE_UPLOAD_DAYS,
    BUCKET_OF,
    INLINE_LIFECYCLE_RULE_ENABLED,
    INLINE_LIFECYCLE_RULES,
    LIFECYCLE_RULE_FILTER,
    LIFECYCLE_RULE_ID,
    LIFECYCLE_RULE_STATUS,
    LIFECYCLE_RULES,
    LIFECYCLE_TRANSITIONS,
    S3_BUCKET,
    S3_LIFECYCLE_CONFIGURATION,
    TRANSITION_DAYS,
    TRANSITION_STORAGE_CLASS,
    Setting,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Block, Ref


@register
class S3Lifecycle(Rule):
    """S3 buckets without lifecycle rules.

    ## What it does
    Finds S3 buckets that no lifecycle rule applies to: no `aws_s3_bucket_lifecycle_configuration` (or inline
    `lifecycle_rule` block of the AWS provider v3) in Terraform, no `LifecycleConfiguration` in CloudFormation, no
    `s3.BucketLifecycleConfiguration` (or `lifecycle_rules=`) in Pulumi, or only rules that are all disabled.

    ## Why is this bad?
    Without lifecycle rules a bucket only grows. The parts of multipart uploads that were never completed stay
    invisible in listings but are billed as storage for as long as the bucket exists, and objects written once and
    never read again (logs, exports, raw events) stay in S3 Standard at its full price. Reviews of data pipelines
    and ad-tech platforms keep finding buckets whose bill grows every month for data nobody uses.

    ## What the fix does
    Terraform gets an `aws_s3_bucket_lifecycle_configuration` right after the bucket, whose rule aborts incomplete
    multipart uploads after 7 days and moves objects to `INTELLIGENT_TIERING` after 30 (both options).
    CloudFormation gets `LifecycleConfiguration.Rules` on the bucket; Pulumi an `s3.BucketLifecycleConfiguration`
    right after the bucket, with `rules=` written as `...Args` objects or dicts as the program writes its inputs.

    ## Fix safety
    Safe: uploads left incomplete for a week are deleted (a multipart upload that takes longer than that is
    aborted), and objects move to S3 Intelligent-Tiering, which moves each one between access tiers by itself
    without retrieval fees; objects smaller than 128 KB are not moved, larger ones add a small monitoring charge.
    Not fixed: a bucket whose rules are all disabled (enabling one is the author's call); a Terraform bucket whose
    inline `lifecycle_rule` blocks are all disabled (a separate lifecycle resource would conflict with them); a
    bucket that a lifecycle configuration in the module *may* name (its bucket name is computed).

    ## Options
    - `abort_incomplete_upload_days` (default 7): days after which an incomplete multipart upload is aborted.
    - `intelligent_tiering_days` (default 30): days after creation when objects move to Intelligent-Tiering;
      `null` writes no transition.

    ## References
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/intelligent-tiering-overview.html
    - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration
    """

    code = "IAC012"
    name = "s3-lifecycle"
    title = "S3 buckets must have lifecycle rules"
    severity = Severity.WARNING
    seeds = ("seed 002 §6", "seed 003 §8", "seed 000 §6")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        abort_incomplete_upload_days: int = 7
        intelligent_tiering_days: int | None = 30

        def __post_init__(self) -> None:
            if self.abort_incomplete_upload_days < 1:
                raise ValueError("abort_incomplete_upload_days must be at least 1")
            if self.intelligent_tiering_days is not None and self.intelligent_tiering_days < 0:
                raise ValueError("intelligent_tiering_days must be 0 or more (or null for no transition)")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        separate = bool(S3_LIFECYCLE_CONFIGURATION.types(document.language))  # Terraform and Pulumi
        for bucket in document.resources(S3_BUCKET):
            found = configurations(context.unit, bucket, S3_LIFECYCLE_CONFIGURATION)
            written = _written_rules(bucket, INLINE_LIFECYCLE_RULES if separate else LIFECYCLE_RULES)
            if found.certain or written:
                continue
            state = "only disabled" if written is False else "no"
            message = (f"S3 bucket {bucket.subject} has {state} lifecycle rules: abandoned multipart uploads and "
                       "objects nobody reads are billed at full price forever")
            if written is False:
                reason = ("its inline lifecycle rules are all disabled, and a separate lifecycle configuration would "
                          "conflict with them" if separate else "its lifecycle rules are all disabled")
                yield self.finding(bucket, message, not_fixed_reason=reason)
            elif found.possible:
                yield self.finding(bucket, message, not_fixed_reason=(
                    f"{found.possible[0].subject} may configure this bucket (its bucket name is computed)"))
            else:
                yield self.finding(bucket, message, fix=self._fix(document, context, bucket, separate))

    def _fix(self, document: Document, context: RuleContext, bucket: Resource, separate: bool) -> Changes:
        options = context.options
        tiering = options.intelligent_tiering_days
        rule: dict[Setting, Any] = {
            LIFECYCLE_RULE_ID: "abort-incomplete-uploads" + ("-and-tiering" if tiering is not None else ""),
            LIFECYCLE_RULE_STATUS: "Enabled",
            LIFECYCLE_RULE_FILTER: Block({}),
            ABORT_INCOMPLETE_UPLOAD_DAYS: options.abort_incomplete_upload_days,
        }
        if tiering is not None:
            rule[LIFECYCLE_TRANSITIONS] = [Block({TRANSITION_DAYS: tiering,
                                                  TRANSITION_STORAGE_CLASS: "INTELLIGENT_TIERING"})]
        changes = context.changes(document)
        if separate:
            added = changes.add_resource_after(bucket, S3_LIFECYCLE_CONFIGURATION, {
                BUCKET_OF: Ref(bucket, "id"), LIFECYCLE_RULES: [Block(rule)],
            }, role="lifecycle", noun="lifecycle configuration")
            changes.describe(f"add lifecycle configuration {added.name} for {bucket.subject}")
        else:
            changes.set(bucket, LIFECYCLE_RULES, [Block(rule)])
            changes.describe(f"add lifecycle rules to {bucket.subject}")
        return changes


def _written_rules(bucket: Resource, setting: Setting) -> bool | None:
    """Whether the bucket itself writes lifecycle rules that apply: None when it writes none, True when one is
    enabled or cannot be read (a computed value, several Terraform blocks), False when all are disabled."""
    node = bucket.get(setting)
    if node is None:
        return None
    items = node.items()
    if items is None:
        single = bool(node.keys()) and bucket.keys().count(bucket.path_of(setting) or "") == 1
        items = [node] if single else []
    return not items or not all(_disabled(item) for item in items)


def _disabled(rule: Node) -> bool:
    status = rule.at(LIFECYCLE_RULE_STATUS)
    enabled = rule.at(INLINE_LIFECYCLE_RULE_ENABLED)
    return (status is not None and status.literal == "Disabled") or (enabled is not None and enabled.is_true() is False)
