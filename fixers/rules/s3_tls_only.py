"""IAC021 s3-tls-only: buckets must refuse requests made over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.buckets import bucket_policies, possible
from iacfix.fixers.document import CannotFix, Changes, Document, Node, Resource, Unit
from iacfix.fixers.iam.documents import statements_of
from iacfix.fixers.kinds import BUCKET_OF, BUCKET_POLICY_DOCUMENT, S3_BUCKET, S3_BUCKET_POLICY
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import JsonDocument, Ref, join

SECURE_TRANSPORT = "aws:SecureTransport"
SID = "DenyInsecureTransport"


@register
class S3TlsOnly(Rule):
    """S3 buckets whose policy does not deny requests made without TLS.

    ## What it does
    Finds S3 buckets with no bucket policy statement that denies every request whose `aws:SecureTransport` is
    `false`, whatever the policy's form: `jsonencode`, heredoc JSON or an `aws_iam_policy_document` (its `condition`
    blocks); a `PolicyDocument` mapping; `json.dumps`, `Output.json_dumps`, JSON text or `get_policy_document`. A
    bucket without a policy gets a new one (`aws_s3_bucket_policy`, `AWS::S3::BucketPolicy`, `s3.BucketPolicy`)
    right after it, holding that statement for the bucket and its objects; a bucket with one gets the statement
    added to it.

    ## Why is this bad?
    S3 answers plain HTTP requests as well as HTTPS ones. Without the statement, an SDK or script configured
    with an `http://` endpoint sends credentials-signed requests and object data in clear text across every
    network on the way; reviews of compliance-bound templates keep asking for HTTPS enforcement that was never
    written.

    ## What the fix does
    Terraform gets an `aws_s3_bucket_policy` whose statement `DenyInsecureTransport` denies every request to the
    bucket and its objects not sent over TLS (`aws:SecureTransport` is `false`).
    CloudFormation gets an `AWS::S3::BucketPolicy` with the statement as its `PolicyDocument`; Pulumi an
    `s3.BucketPolicy` whose `policy` is `pulumi.Output.json_dumps({...})`.

    A policy the bucket already has gets the statement (Sid `DenyInsecureTransport`) in its own form: a new item
    of its `Statement` list laid out as the others are (a single statement becomes a list), a `statement` block
    with `principals` and `condition` blocks in an `aws_iam_policy_document`, an entry of `get_policy_document`'s
    `statements` (dicts or `GetPolicyDocumentStatementArgs`), `${...}` interpolations in heredoc JSON. Naming the
    bucket's ARN from Pulumi needs an Output, so `json.dumps` becomes `pulumi.Output.json_dumps` and
    `get_policy_document` becomes `get_policy_document_output`.

    ## Fix safety
    Unsafe: clients that still use plain HTTP get `Access Denied` from then on. Found but not fixed: a bucket
    whose policy cannot take the statement (JSON text in a Python string, which cannot name the bucket's ARN; a
    policy written in the bucket itself, which cannot name its own ARN; a policy declared in another file), a
    bucket with several policies or with one that only may be its, and a bucket without a policy in a template
    that a macro or a packaging tool (Rain's modules) rewrites, which may add one. Buckets whose policy is written
    in a form the rule does not read (a file, a variable, an expression) are not checked.

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
    - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport
    """

    code = "IAC021"
    name = "s3-tls-only"
    title = "S3 buckets must deny requests without TLS"
    severity = Severity.WARNING
    seeds = ("seed 003 §15",)
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        for bucket in document.resources(S3_BUCKET):
            policies = bucket_policies(unit, bucket)
            verdicts = [_denies_plain_http(policy, unit) if policy is not None else None for _, policy in policies]
            if any(verdict is not False for verdict in verdicts):
                continue  # enforced, or written in a form not read here
            message = f"S3 bucket {bucket.subject} accepts requests over plain HTTP: its policy does not deny them"
            subject = f"{bucket.subject}:tls"
            changes = context.changes(document)
            arn = Ref(bucket, "arn")
            statement = {
                "Sid": SID, "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [arn, join(arn, "/*")], "Condition": {"Bool": {SECURE_TRANSPORT: "false"}},
            }
            if policies:
                reason = _merge(bucket, policies, possible(unit, bucket), statement, changes)
                yield self.finding(bucket, message, subject=subject, fix=changes, not_fixed_reason=reason)
                continue
            if document.preprocessors:
                yield self.finding(bucket, message, subject=subject, not_fixed_reason=(
                    f"the file is rewritten by {', '.join(document.preprocessors)} before it deploys, which may add "
                    "a policy"))
                continue
            policy = changes.add_resource_after(bucket, S3_BUCKET_POLICY, {
                BUCKET_OF: Ref(bucket, "id"),
                BUCKET_POLICY_DOCUMENT: JsonDocument({"Version": "2012-10-17", "Statement": [statement]}),
            }, role="policy", noun="policy")
            changes.describe(f"add bucket policy {policy.name} denying requests without TLS to {bucket.subject}")
            yield self.finding(bucket, message, subject=subject, fix=changes)


def _merge(bucket: Resource, policies: list[tuple[Resource, Node | None]], guessed: list[Resource],
           statement: dict, changes: Changes) -> str | None:
    """Add the statement to the bucket's one policy; the reason it cannot be done, or None."""
    holders = ", ".join(holder.subject for holder, _ in policies)
    if guessed:
        return (f"the policy {guessed[0].subject} may be this bucket's (it names a bucket whose name may be this "
                "one's): add the statement denying aws:SecureTransport false to the one that is")
    if len(policies) > 1:
        return f"it has several policies ({holders}); add the statement denying aws:SecureTransport false to one"
    holder, policy = policies[0]
    if holder is bucket:
        return ("its policy is written in the bucket itself, which cannot name its own ARN: add the statement "
                "denying aws:SecureTransport false there")
    if holder.document is not bucket.document:
        return f"its policy {holder.subject} is declared in {holder.document.path}: add the statement there"
    assert policy is not None
    try:
        changes.add_statement(policy, statement)
    except CannotFix as reason:
        return f"its policy {holder.subject} cannot take the statement denying aws:SecureTransport false: {reason}"
    changes.describe(f"add a statement denying requests without TLS to {holder.subject}")
    return None


def _denies_plain_http(policy: Node, unit: Unit) -> bool | None:
    """Whether a policy has a Deny statement on ``aws:SecureTransport`` false; None when it cannot be read."""
    written = statements_of(policy, unit)
    if written is None:
        return None
    return any(statement.effect == "Deny" and any(
        (test or "").startswith("Bool") and variable == SECURE_TRANSPORT and any(str(v).lower() == "false" for v in values)
        for test, variable, values in statement.conditions) for statement in written)
