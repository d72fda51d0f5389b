"""IAC021 s3-tls-only: buckets must refuse requests made over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from iacfix.fixers.buckets import bucket_policies, statements
from iacfix.fixers.document import Document, Node
from iacfix.fixers.kinds import BUCKET_OF, BUCKET_POLICY_DOCUMENT, S3_BUCKET, S3_BUCKET_POLICY
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import JsonDocument, Ref, join

SECURE_TRANSPORT = "aws:SecureTransport"


@register
class S3TlsOnly(Rule):
    """S3 buckets whose policy does not deny requests made without TLS.

    ## What it does
    Finds S3 buckets with no bucket policy statement that denies every request whose `aws:SecureTransport` is
    `false`. A bucket without a policy gets a new one (`aws_s3_bucket_policy`, `AWS::S3::BucketPolicy`,
    `s3.BucketPolicy`) right after it, holding that statement for the bucket and its objects.

    ## Why is this bad?
    S3 answers plain HTTP requests as well as HTTPS ones. Without the statement, an SDK or script configured
    with an `http://` endpoint sends credentials-signed requests and object data in clear text across every
    network on the way; reviews of compliance-bound templates keep asking for HTTPS enforcement that was never
    written.

    ## Example
    ```hcl
    resource "aws_s3_bucket" "statements" {
      bucket = "customer-statements"
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_s3_bucket" "statements" {
      bucket = "customer-statements"
    }

    resource "aws_s3_bucket_policy" "statements" {
      bucket = aws_s3_bucket.statements.id
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Sid       = "DenyInsecureTransport"
            Effect    = "Deny"
            Principal = "*"
            Action    = "s3:*"
            Resource  = [aws_s3_bucket.statements.arn, "${aws_s3_bucket.statements.arn}/*"]
            Condition = {
              Bool = {
                "aws:SecureTransport" = "false"
              }
            }
          },
        ]
      })
    }
    ```
    CloudFormation gets an `AWS::S3::BucketPolicy` with the statement as its `PolicyDocument`; Pulumi an
    `s3.BucketPolicy` whose `policy` is `pulumi.Output.json_dumps({...})`.

    ## Fix safety
    Unsafe: clients that still use plain HTTP get `Access Denied` from then on. Found but not fixed: a bucket
    that already has a policy without the statement (merging a statement into an existing policy is not
    automated yet: add it there), and a bucket in a template that a macro or a packaging tool (Rain's modules)
    rewrites, which may add a policy. Buckets whose policy is written in a form the rule does not read (JSON text,
    a policy document data source) are not checked.

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
        for bucket in document.resources(S3_BUCKET):
            policies = bucket_policies(context.unit, bucket)
            verdicts = [_denies_plain_http(policy) if policy is not None else None for _, policy in policies]
            if any(verdict is not False for verdict in verdicts):
                continue  # enforced, or written in a form not read here
            message = f"S3 bucket {bucket.subject} accepts requests over plain HTTP: its policy does not deny them"
            subject = f"{bucket.subject}:tls"
            if policies:
                holder = policies[0][0]
                yield self.finding(bucket, message, subject=subject, not_fixed_reason=(
                    f"it has a policy ({holder.subject}): add the statement denying aws:SecureTransport false there"))
                continue
            if document.preprocessors:
                yield self.finding(bucket, message, subject=subject, not_fixed_reason=(
                    f"the file is rewritten by {', '.join(document.preprocessors)} before it deploys, which may add "
                    "a policy"))
                continue
            changes = context.changes(document)
            arn = Ref(bucket, "arn")
            statement = {
                "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [arn, join(arn, "/*")], "Condition": {"Bool": {SECURE_TRANSPORT: "false"}},
            }
            policy = changes.add_resource_after(bucket, S3_BUCKET_POLICY, {
                BUCKET_OF: Ref(bucket, "id"),
                BUCKET_POLICY_DOCUMENT: JsonDocument({"Version": "2012-10-17", "Statement": [statement]}),
            }, role="policy", noun="policy")
            changes.describe(f"add bucket policy {policy.name} denying requests without TLS to {bucket.subject}")
            yield self.finding(bucket, message, subject=subject, fix=changes)


def _denies_plain_http(policy: Node) -> bool | None:
    """Whether a policy has a Deny statement on ``aws:SecureTransport`` false; None when it cannot be read."""
    written = statements(policy)
    if written is None:
        return None
    for statement in written:
        effect, condition = statement.get("Effect"), statement.get("Condition")
        if effect is None or effect.literal != "Deny" or condition is None:
            continue
        value = condition.get(f"Bool.{SECURE_TRANSPORT}")
        values = [value, *(value.items() or [])] if value is not None else []
        if any(item is not None and str(item.literal).lower() == "false" for item in values):
            return True
    return False
