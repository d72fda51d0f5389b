"""IAC011 cost-allocation-tags: every taggable resource carries the tags the module uses, and the required ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from iacfix.fixers.document import CannotFix, Changes, Document, Node, Resource, Unit
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.taggable import TagShape, tag_shape
from iacfix.fixers.values import Copy, Value

PROVIDER = "aws"
PROVIDER_ALIAS, RESOURCE_PROVIDER = "alias", "provider"  # Terraform meta-arguments that pick a provider
DEFAULT_TAGS = "default_tags.tags"
_LOCAL_TO_ITS_RESOURCE = ("each.", "count.", "self.")  # expressions that mean something else elsewhere
IDENTITY_TAGS = frozenset({"Name"})  # a tag naming one resource: never copied to another


@register
class CostAllocationTags(Rule):
    """Taggable resources without the module's tags, or without the tags the repository requires.

    ## What it does
    Learns the module's own tagging: the tag set (a `local`, a variable, a dict, a `Tags` list) that most of
    its taggable resources carry, written the same way. Taggable resources with no tags get that set; with
    the `required_tags` option, resources (or the Terraform provider's `default_tags`) whose tags are written
    out lack none of the required names. Which types take tags, and how (`tags` maps; CloudFormation `Tags`
    lists of `Key`/`Value` or maps, SAM maps), comes from the AWS provider's schema, CloudFormation's resource
    schemas and pulumi_aws (`fixers/data/taggable.json`).

    ## Why is this bad?
    Cost Explorer and budgets split the bill by tags: an untagged queue or function is spend nobody owns, that
    no team, project or environment report shows, and that no tag-based budget alert or cleanup ever finds.

    ## What the fix does
    A resource without the module's cost allocation tags gets the tag set its other resources share (in
    Terraform `tags = local.tags`, as they write it).
    When the module configures the AWS provider in one `provider "aws"` block that every resource uses, the
    set goes to its `default_tags` instead, once for every resource. CloudFormation resources get the module's
    `Tags` (converted between list and map as each type writes them); Pulumi resources `tags=`.

    ## Fix safety
    Safe: tags change no behaviour (only tag-based IAM conditions could notice them). Values are never
    invented: they are copied from the module's own tag set (less its `Name`, which names one resource) or from
    `required_tags`. Not fixed: tags written by an expression (their names cannot be read: add required tags
    where the expression is defined), and a tag set a Pulumi program assigns after the resource.

    ## Options
    - `required_tags` (default none): tag names (without dots) and the literal values to write where they are
      missing, e.g. `{CostCenter: "1234", Team: "bidding"}`.

    ## References
    - https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html
    - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging
    """

    code = "IAC011"
    name = "cost-allocation-tags"
    title = "Taggable resources must carry the module's cost allocation tags"
    severity = Severity.WARNING
    seeds = ("seed 004 §8", "seed 003 §17")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        required_tags: dict[str, str] | None = None

        def __post_init__(self) -> None:
            if any(not name or "." in name for name in self.required_tags or ()):
                raise ValueError("required_tags names are non-empty and have no dot")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        unit = context.unit
        required: dict[str, str] = dict(context.options.required_tags or {})
        taggable = [(r, shape) for r in unit.resources() if (shape := tag_shape(r.document.language, r.type))]
        learned = _learned(taggable)
        provider = _default_provider(unit, taggable)
        if provider is not None and provider.document is document:
            finding = self.provider_finding(provider, taggable, learned, required, context)
            if finding is not None:
                yield finding
        for resource, shape in taggable:
            if resource.document is not document or (provider is not None and shape.default_tags):
                continue
            tags = resource.get(shape.setting)
            changes = context.changes(document)
            try:
                message = _plan(resource, shape, tags, learned, required, changes)
            except CannotFix as reason:
                yield self.finding(resource, _message(resource, tags, learned, required), not_fixed_reason=str(reason))
                continue
            if message is not None:
                yield self.finding(resource, message, fix=changes)

    def provider_finding(self, provider: Resource, taggable: list[tuple[Resource, TagShape]], learned: Node | None,
                         required: dict[str, str], context: RuleContext) -> Finding | None:
        """Terraform with one AWS provider: the module's set, or the required tags, go to its ``default_tags``."""
        current = provider.get(DEFAULT_TAGS)
        changes = context.changes(provider.document)
        untagged = [r for r, shape in taggable if shape.default_tags and r.get(shape.setting) is None]
        if current is None:
            if not (untagged and learned is not None) and not required:
                return None
            changes.set(provider, DEFAULT_TAGS, _tag_value(provider, learned, required, "map"))
            what = f"{len(untagged)} resource(s) lack {_described(learned)}, which most carry" if learned is not None \
                and untagged else f"the module's resources lack the required tags {', '.join(required)}"
            message = f"{what}: the AWS provider's default_tags can tag them all"
        else:
            written = set(current.keys()) if current.is_mapping() else None
            missing = [name for name in required if written is not None and name not in written]
            if not missing:
                return None
            for name in missing:
                changes.set(provider, f"{DEFAULT_TAGS}.{name}", required[name])
            message = f"the AWS provider's default_tags lack the required tags {', '.join(missing)}"
        changes.describe(f"tag every resource through {provider.subject}'s default_tags")
        return self.finding(provider, message, fix=changes)


def _plan(resource: Resource, shape: TagShape, tags: Node | None, learned: Node | None, required: dict[str, str],
          changes: Changes) -> str | None:
    """Plan the resource's tags; the finding's message, or None when it has what it needs."""
    if tags is None:
        if learned is None and not required:
            return None
        changes.set(resource, shape.setting, _tag_value(resource, learned, required, shape.form))
        changes.describe(f"tag {resource.subject}")
        return _message(resource, tags, learned, required)
    known = _names(tags)
    missing = [name for name in required if known is not None and name not in known]
    if not missing:
        return None
    for name in missing:
        if shape.form == "list":
            changes.add_to_list(tags, {"Key": name, "Value": required[name]})
        else:
            changes.set(resource, f"{shape.setting}.{name}", required[name])
    changes.describe(f"add the required tags {', '.join(missing)} to {resource.subject}")
    return _message(resource, tags, learned, required)


def _message(resource: Resource, tags: Node | None, learned: Node | None, required: dict[str, str]) -> str:
    if tags is not None:
        known = _names(tags) or set()
        return f"{resource.subject} lacks the required tags {', '.join(n for n in required if n not in known)}"
    carried = f"most of the module's resources carry {_described(learned)}" if learned is not None else \
        f"required: {', '.join(required)}"
    return f"{resource.subject} has no cost allocation tags ({carried})"


def _learned(taggable: list[tuple[Resource, TagShape]]) -> Node | None:
    """The tag set more than half of the taggable resources carry, written the same way; its first use."""
    first: dict[str, Node] = {}
    counts: Counter[str] = Counter()
    for resource, shape in taggable:
        node = resource.get(shape.setting)
        if node is None:
            continue
        text = _text(node)
        names = _names(node)
        if any(marker in text for marker in _LOCAL_TO_ITS_RESOURCE) or names is not None and names <= IDENTITY_TAGS:
            continue
        signature = _signature(node) if names is not None else text
        counts[signature] += 1
        first.setdefault(signature, node)
    if not counts:
        return None
    text, count = counts.most_common(1)[0]
    return first[text] if count >= 2 and count * 2 > len(taggable) else None


def _tag_value(resource: Resource, learned: Node | None, required: dict[str, str], form: str) -> Value:
    """The module's set as written, when it has every required name and the form the resource takes; otherwise
    its entries and the required ones, written out."""
    if learned is not None:
        names = _names(learned)
        written_as = "list" if learned.items() is not None else "map" if learned.is_mapping() else None
        if written_as in (None, form) and (names is None or all(name in names for name in required)) \
                and not (names and names & IDENTITY_TAGS):
            _reachable(resource, learned)
            return Copy(learned)
    return _entries(learned, required, form)


def _entries(learned: Node | None, required: Mapping[str, str], form: str) -> Value:
    """The learned set's entries (copied as written) and the required ones it lacks, as a map or Key/Value list."""
    pairs: dict[str, Any] = {}
    if learned is not None:
        if learned.is_mapping():
            pairs = {key: Copy(value) for key in list(learned.keys())
                     if key not in IDENTITY_TAGS and (value := learned.get(key)) is not None}
        else:
            for item in learned.items() or []:
                key, value = item.get("Key"), item.get("Value")
                if key is None or not isinstance(key.literal, str) or value is None:
                    raise CannotFix("the module's tags are named by expressions, and this resource writes its tags "
                                    "in another form")
                if key.literal not in IDENTITY_TAGS:
                    pairs[key.literal] = Copy(value)
    for name, value in required.items():
        pairs.setdefault(name, value)
    if form == "list":
        return [{"Key": key, "Value": value} for key, value in pairs.items()]
    return dict(pairs)


def _signature(tags: Node) -> str:
    """A set written out, by its entries less the identity tags: two resources named apart carry the same set."""
    if tags.is_mapping():
        entries = {key: tags.get(key) for key in list(tags.keys())}
    else:
        entries = {item.get("Key").literal: item.get("Value") for item in tags.items() or []}  # type: ignore[union-attr]
    return repr(sorted((key, _text(value)) for key, value in entries.items() if key not in IDENTITY_TAGS))


def _names(tags: Node) -> set[str] | None:
    """The tag names a tags value writes; None when an expression decides them."""
    if tags.is_mapping():
        return set(tags.keys())
    items = tags.items()
    if items is None:
        return None
    names = {key.literal for item in items if (key := item.get("Key")) is not None and isinstance(key.literal, str)}
    return names if len(names) == len(items) else None


def _default_provider(unit: Unit, taggable: list[tuple[Resource, TagShape]]) -> Resource | None:
    """The one AWS provider configuration every resource of a Terraform module goes through, if there is one."""
    providers = [p for document in unit.documents for p in document.providers(PROVIDER)]
    if len(providers) != 1 or providers[0].get(PROVIDER_ALIAS) is not None:
        return None
    return None if any(r.get(RESOURCE_PROVIDER) is not None for r, _ in taggable) else providers[0]


def _reachable(resource: Resource, learned: Node) -> None:
    """A copied expression must read what it reads at its first use: a program assigns names before using them."""
    if resource.document.language is Language.PULUMI and (
            learned.document is not resource.document or learned.start > resource.start):
        raise CannotFix(f"the tags it would copy ({_described(learned)}) are first used after {resource.subject}")


def _described(tags: Node) -> str:
    """``local.tags`` as written; a set written out in place by its names: ``the tags Environment, Project``."""
    if tags.reference() is not None or not (tags.is_mapping() or tags.items() is not None):
        return _text(tags)
    names = _names(tags)
    return f"the tags {', '.join(sorted(names - IDENTITY_TAGS))}" if names else "tags named by expressions"


def _text(node: Node | None) -> str:
    return " ".join(node.text.split()) if node is not None else ""
