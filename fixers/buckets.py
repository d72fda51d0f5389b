"""Which resources configure an S3 bucket: a lifecycle configuration, an encryption configuration, a public access
block, a website, an ACL, a bucket policy.

Terraform (AWS provider v4 and later) and Pulumi declare each of them as a resource naming the bucket in its
``bucket`` argument, by reference (``aws_s3_bucket.logs.id``, ``logs.id``) or by the bucket's name, and a
CloudFormation bucket policy names its bucket the same way (``!Ref Logs``, ``!Sub ${App}-logs``). Names are
compared symbolically (:mod:`iacfix.fixers.names`): a configuration whose bucket name *may* be this bucket's is
told apart from one that certainly is, because adding a second configuration for a bucket that has one makes the
two fight on every deployment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iacfix.fixers.document import Node, Resource, Unit
from iacfix.fixers.kinds import BUCKET_OF, BUCKET_POLICY_DOCUMENT, S3_BUCKET_POLICY, Kind


@dataclass
class Configurations:
    """The resources of one kind that configure a bucket: certainly, or possibly (a name that may be its)."""

    certain: list[Resource] = field(default_factory=list)
    possible: list[Resource] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.certain or self.possible)


def configurations(unit: Unit, bucket: Resource, kind: Kind) -> Configurations:
    """The resources of ``kind`` in the unit whose ``bucket`` names ``bucket``."""
    found = Configurations()
    if not kind.types(bucket.document.language):
        return found
    name = None
    for candidate in unit.resources(kind):
        node = candidate.get(BUCKET_OF)
        if node is None:
            continue
        reference = node.reference()
        if reference is not None and reference.name == bucket.name:
            found.certain.append(candidate)
            continue
        name = name or bucket.real_name(unit)
        named = node.name_value(unit)
        if named.certainly_equals(name):
            found.certain.append(candidate)
        elif (reference is None or unit.resource(reference.name) is None) and named.may_equal(name):
            # A reference to another declared resource is that resource's; anything else may be this bucket.
            found.possible.append(candidate)
    return found


def statements(policy: Node) -> list[Node] | None:
    """The statements of a policy document written as a value the vocabulary reads (a mapping, ``jsonencode``,
    ``json.dumps``); None when it is written otherwise (JSON text, a policy document data source, an expression)."""
    found = policy.get("Statement")
    if found is None:
        return None
    return found.items() or [found]


def bucket_policies(unit: Unit, bucket: Resource) -> list[tuple[Resource, Node | None]]:
    """The policies that may apply to a bucket, with their documents: the bucket's own (AWS provider v3, Pulumi's
    legacy bucket) and the bucket policy resources that name it, certainly or possibly."""
    found: list[tuple[Resource, Node | None]] = []
    own = bucket.get(BUCKET_POLICY_DOCUMENT)
    if own is not None:
        found.append((bucket, own))
    policies = configurations(unit, bucket, S3_BUCKET_POLICY)
    found += [(policy, policy.get(BUCKET_POLICY_DOCUMENT)) for policy in [*policies.certain, *policies.possible]]
    return found


def possible(unit: Unit, bucket: Resource) -> list[Resource]:
    """The bucket policies that may apply to a bucket without certainly doing so (a name that may be its)."""
    return configurations(unit, bucket, S3_BUCKET_POLICY).possible
