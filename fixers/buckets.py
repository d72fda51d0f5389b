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

from iacfix.fixers.document import Resource, Unit
from iacfix.fixers.kinds import BUCKET_OF, Kind


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
