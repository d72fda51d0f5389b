"""IAC013 s3-encryption-and-public-access: buckets must declare default encryption and block public access."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.buckets import bucket_policies, configurations, statements
from iacfix.fixers.document import CannotFix, Changes, Document, Node, Resource, Unit
from iacfix.fixers.kinds import (
    BUCKET_ENCRYPTION,
    BUCKET_KEY_ENABLED,
    BUCKET_OF,
    BUCKET_PUBLIC_ACCESS_BLOCK,
    CANNED_ACL,
    ENCRYPTION_RULES,
    INLINE_WEBSITE,
    KMS_KEY,
    PUBLIC_ACCESS_BLOCK,
    S3_BUCKET,
    S3_BUCKET_ACL,
    S3_ENCRYPTION_CONFIGURATION,
    S3_PUBLIC_ACCESS_BLOCK,
    S3_WEBSITE_CONFIGURATION,
    SSE_ALGORITHM,
    SSE_KMS_KEY,
    Kind,
    Setting,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Block, Ref

PUBLIC_ACLS = {"public-read", "public-read-write", "PublicRead", "PublicReadWrite"}


@register
class S3EncryptionAndPublicAccess(Rule):
    """S3 buckets without default encryption or without a public access block.

    ## What it does
    Finds S3 buckets that declare no default encryption (`aws_s3_bucket_server_side_encryption_configuration`,
    `BucketEncryption`, `s3.BucketServerSideEncryptionConfiguration`), and buckets with no public access block
    (`aws_s3_bucket_public_access_block`, `PublicAccessBlockConfiguration`, `s3.BucketPublicAccessBlock`). Each is
    its own finding, so a bucket can get one fix without the other.

    ## Why is this bad?
    A bucket without a public access block is one ACL or one bucket-policy edit away from publishing its data:
    nothing stops a `public-read` object upload or a `"Principal": "*"` statement. The block makes S3 refuse them.
    S3 encrypts new objects with SSE-S3 even when no default is declared, but a bucket that declares none leaves
    the choice of key to whoever deploys it and cannot be audited from code; requirements to encrypt "all data at
    rest" are reviewed against the declared configuration.

    ## What the fix does
    Terraform gets an `aws_s3_bucket_public_access_block` that blocks every kind of public access and an
    `aws_s3_bucket_server_side_encryption_configuration` with SSE-S3 (`AES256`), right after the bucket.
    CloudFormation gets `BucketEncryption` and `PublicAccessBlockConfiguration` on the bucket; Pulumi an
    `s3.BucketServerSideEncryptionConfiguration` and an `s3.BucketPublicAccessBlock` right after it.

    ## Fix safety
    Safe: SSE-S3 (`AES256`) is transparent to every reader, and the public access block only refuses public ACLs
    and public policies. With the `kms_key` option the encryption is SSE-KMS with an S3 bucket key: readers and
    writers then need `kms:Decrypt`/`kms:GenerateDataKey` on that key. Found but not fixed: a bucket that is
    public on purpose (a website configuration, a public canned ACL, a bucket policy that allows everyone), a
    bucket whose policy is not written as a document the rule can read (the block could reject it), and a bucket
    that a configuration of the module *may* name (its bucket name is computed).

    ## Options
    - `kms_key` (default none): a KMS key to encrypt with instead of SSE-S3: a key ARN or alias (written as a
      string), or the name of a key declared in the same module, template or program, as references name it
      (`aws_kms_key.data`, `DataKey`, `data_key`).

    ## References
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
    - https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
    """

    code = "IAC013"
    name = "s3-encryption-and-public-access"
    title = "S3 buckets must declare default encryption and block public access"
    severity = Severity.WARNING
    seeds = ("seed 001 §5", "seed 000 §5")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        kms_key: str | None = None

        def __post_init__(self) -> None:
            if self.kms_key is not None and not self.kms_key.strip():
                raise ValueError("kms_key names a key: an ARN, an alias, or a key declared beside the bucket")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        for bucket in document.resources(S3_BUCKET):
            reason = _configured(unit, bucket, S3_ENCRYPTION_CONFIGURATION, BUCKET_ENCRYPTION)
            if reason is not True:
                yield self._finding(bucket, "declares no default encryption", "encryption", reason,
                                    lambda bucket=bucket: self._encryption(document, context, bucket))
            reason = _configured(unit, bucket, S3_PUBLIC_ACCESS_BLOCK, BUCKET_PUBLIC_ACCESS_BLOCK)
            if reason is not True:
                yield self._finding(bucket, "has no public access block", "public-access",
                                    reason or _public_on_purpose(unit, bucket),
                                    lambda bucket=bucket: self._public_access_block(document, context, bucket))

    def _finding(self, bucket: Resource, problem: str, part: str, reason: str | None,
                 fix: Callable[[], Changes]) -> Finding:
        message = f"S3 bucket {bucket.subject} {problem}"
        subject = f"{bucket.subject}:{part}"
        if reason is None:
            try:
                return self.finding(bucket, message, subject=subject, fix=fix())
            except CannotFix as cannot:
                reason = str(cannot)
        return self.finding(bucket, message, subject=subject, not_fixed_reason=reason)

    def _encryption(self, document: Document, context: RuleContext, bucket: Resource) -> Changes:
        key = context.options.kms_key
        rule: dict[Setting, Any] = {SSE_ALGORITHM: "AES256"}
        if key is not None:
            rule = {SSE_ALGORITHM: "aws:kms", SSE_KMS_KEY: _key(context.unit, key), BUCKET_KEY_ENABLED: True}
        changes = context.changes(document)
        _configure(changes, bucket, S3_ENCRYPTION_CONFIGURATION, {ENCRYPTION_RULES: [Block(rule)]},
                   role="encryption", noun="encryption configuration")
        changes.describe(f"encrypt {bucket.subject} by default with "
                         f"{'SSE-KMS and a bucket key' if key is not None else 'SSE-S3'}")
        return changes

    def _public_access_block(self, document: Document, context: RuleContext, bucket: Resource) -> Changes:
        changes = context.changes(document)
        _configure(changes, bucket, S3_PUBLIC_ACCESS_BLOCK, dict.fromkeys(PUBLIC_ACCESS_BLOCK, True),
                   role="public-access", noun="public access block")
        changes.describe(f"block public access to {bucket.subject}")
        return changes


def _configured(unit: Unit, bucket: Resource, kind: Kind, on_bucket: Setting) -> bool | str | None:
    """True when the bucket has the configuration (on itself, or a resource naming it), a reason when a resource
    may name it, None when it has none."""
    if bucket.get(on_bucket) is not None:
        return True
    found = configurations(unit, bucket, kind)
    if found.certain:
        return True
    if found.possible:
        return f"{found.possible[0].subject} may configure this bucket (its bucket name is computed)"
    return None


def _configure(changes: Changes, bucket: Resource, kind: Kind, settings: dict[Setting, Any], *, role: str,
               noun: str) -> None:
    """A configuration resource right after the bucket where the language has one, else settings of the bucket."""
    if kind.types(bucket.document.language):
        changes.add_resource_after(bucket, kind, {BUCKET_OF: Ref(bucket, "id"), **settings}, role=role, noun=noun)
        return
    for setting, value in settings.items():
        changes.set(bucket, setting, value)


def _public_on_purpose(unit: Unit, bucket: Resource) -> str | None:
    """Why the bucket looks public on purpose (or may be), so that blocking public access could break it."""
    website = configurations(unit, bucket, S3_WEBSITE_CONFIGURATION)
    if bucket.get(INLINE_WEBSITE) is not None or website:
        return "it serves a static website; blocking public access would take the site down"
    acls = [bucket.get(CANNED_ACL), *(acl.get(CANNED_ACL) for acl in _all(configurations(unit, bucket, S3_BUCKET_ACL)))]
    public = next((acl.literal for acl in acls if acl is not None and acl.literal in PUBLIC_ACLS), None)
    if public is not None:
        return f"its canned ACL {public} makes it public on purpose; blocking public access would revoke it"
    for holder, document in bucket_policies(unit, bucket):
        allows = _allows_everyone(document) if document is not None else False
        if allows is None:
            return (f"the policy of {holder.subject} is not written as a document the rule can read; if it grants "
                    "no public access, block public access by hand")
        if allows:
            return (f"the policy of {holder.subject} allows everyone (Principal \"*\"); blocking public access "
                    "would reject it")
    return None


def _all(found: Any) -> list[Resource]:
    return [*found.certain, *found.possible]


def _allows_everyone(policy: Node) -> bool | None:
    """Whether a policy document has an Allow statement for every principal; None when it cannot be read."""
    written = statements(policy)
    if written is None:
        return None
    for statement in written:
        effect = statement.get("Effect")
        if effect is not None and effect.literal == "Deny":
            continue
        principal = statement.get("Principal")
        if principal is None:
            continue
        values = [principal, principal.get("AWS")]
        values += [item for value in values if value is not None for item in value.items() or ()]
        if any(value is not None and value.literal == "*" for value in values):
            return True
        if principal.literal is None and not principal.keys():
            return None  # a principal computed by an expression
    return False


def _key(unit: Unit, key: str) -> str | Ref:
    """The configured KMS key as the fix writes it: a literal ARN or alias, or a reference to a key declared here."""
    if key.startswith(("arn:", "alias/")):
        return key
    found = unit.resource(key)
    if found is None or not found.is_a(KMS_KEY):
        raise CannotFix(f"the kms_key option names {key}, which is not a KMS key declared beside the bucket")
    return Ref(found, "arn")
