"""Which policy statements grant too much, and the narrower statements that replace them.

The language packages describe each statement as a :class:`Statement` and the role's use of AWS as a
:class:`Scope` (the resources its functions reference, the calls their handlers make); :func:`narrow` answers
with the statements to write, or with the reason it cannot decide and a statement to write by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from iacfix.fixers.iam import dataset
from iacfix.fixers.iam.boto3_calls import calls_in
from iacfix.fixers.iam.profiles import ServiceProfile, profile

if TYPE_CHECKING:
    from iacfix.fixers.iam.json_text import JsonNode

WILDCARD_ACTION = re.compile(r"^(?:\*|[A-Za-z0-9-]+:\*)$")
LAMBDA_LOG_GROUP = "arn:aws:logs:*:*:log-group:/aws/lambda/${FunctionName}:*"


@dataclass
class Statement:
    """What one statement says, as far as it is written literally."""

    effect: str | None = "Allow"  # None: not a literal
    actions: list[str] | None = None  # None: NotAction, or an action that is not a literal
    resources: list[str | None] | None = None  # None items are expressions; None: NotResource or absent
    condition: bool = False
    principal: bool = False
    sid: str | None = None

    @classmethod
    def from_json(cls, item: JsonNode, interpolation: str) -> Statement:
        """A statement written as JSON text; strings holding ``interpolation`` (``${``, ``%``) are not literals."""

        def literal(node: JsonNode) -> str | None:
            return node.value if node.kind == "string" and interpolation not in node.value else None

        def strings(node: JsonNode | None) -> list[str | None] | None:
            if node is None:
                return None
            return [literal(value) for value in (node.items if node.kind == "array" else [node])]

        actions = strings(item.get("Action")) if item.get("NotAction") is None else None
        effect = item.get("Effect")
        sid = item.get("Sid")
        return cls(
            effect=literal(effect) if effect is not None else "Allow",
            actions=None if actions is None or None in actions else [a for a in actions if a is not None],
            resources=None if item.get("NotResource") is not None else strings(item.get("Resource")),
            condition=item.get("Condition") is not None,
            principal=item.get("Principal") is not None or item.get("NotPrincipal") is not None,
            sid=sid.value if sid is not None and sid.kind == "string" else None,
        )


@dataclass(frozen=True)
class ArnValue:
    """An ARN the fix writes: literal text and references to other resources (language objects), concatenated."""

    parts: tuple[Any, ...]

    @property
    def text(self) -> str:
        """The ARN as a template: references as ``${...}``, text a language writes as template text as it is."""
        return "".join(str(part) if isinstance(part, str) or getattr(part, "template", False) else f"${{{part}}}"
                       for part in self.parts)

    @property
    def is_literal(self) -> bool:
        return all(isinstance(part, str) for part in self.parts)

    def __str__(self) -> str:
        if len(self.parts) == 1 and not isinstance(self.parts[0], str):
            return str(self.parts[0])
        return self.text


def joined(*parts: Any) -> ArnValue:
    """An ARN from text and references, adjacent text merged and empty text dropped."""
    merged: list[Any] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return ArnValue(tuple(merged))


@dataclass
class Target:
    """A resource the role's functions use, with the ARN that satisfies each of the dataset's resource types."""

    service: str
    name: str
    arns: dict[str, ArnValue]
    consumed: bool = False  # an event source mapping reads it with the role


def target(
    service: str, name: str, arn: Callable[[str, str], ArnValue | None], *, indexes: bool = False,
    consumed: bool = False,
) -> Target | None:
    """A target whose ARNs follow the service profile; ``arn(attribute, suffix)`` names them in the file's language."""
    found = profile(service)
    if found is None:
        return None
    arns: dict[str, ArnValue] = {}
    for form in found.forms:
        if (form.needs == "indexes" and not indexes) or (form.needs == "consumed" and not consumed):
            continue
        value = arn(form.attribute, form.suffix)
        if value is not None:
            arns[form.resource_type] = value
    return Target(service, name, arns, consumed) if arns else None


@dataclass
class Scope:
    """What the policy's role is known to be used for."""

    targets: list[Target] = field(default_factory=list)
    calls: dict[str, set[str]] | None = None  # per service; None when a function's handler source is unknown
    users: list[str] = field(default_factory=list)  # the functions that assume the role
    features: set[str] = field(default_factory=set)  # "vpc", "tracing": what the functions' configuration needs

    def add_function(self, name: str, targets: Iterable[Target], sources: list[str] | None, features: set[str]) -> None:
        """Add what one function of the role uses; one handler whose source is unknown makes the calls unknown."""
        first = not self.users
        self.users.append(name)
        self.features |= features
        for found in targets:
            known = next((t for t in self.targets if (t.service, t.name) == (found.service, found.name)), None)
            if known is None:
                self.targets.append(found)
            elif found.consumed:  # read by an event source mapping of this function: its stream ARN joins in
                known.consumed = True
                known.arns = {**found.arns, **known.arns}
        calls = calls_in(sources) if sources else None
        if calls is None or (self.calls is None and not first):
            self.calls = None
            return
        merged: dict[str, set[str]] = self.calls if self.calls is not None else {}
        for service, actions in calls.items():
            merged.setdefault(service, set()).update(actions)
        self.calls = merged


@dataclass(frozen=True)
class Breadth:
    """What makes a statement too broad."""

    actions: tuple[str, ...]  # "*" and "service:*" actions
    any_resource: bool  # "*" as resource for actions that can be scoped to resources

    @property
    def label(self) -> str:
        parts = [", ".join(self.actions)] if self.actions else []
        if self.any_resource:
            parts.append('Resource "*"')
        return " on ".join(parts) if self.actions else parts[0]


def scopable(pattern: str) -> bool:
    """Whether ``"*"`` grants some action of the pattern more than it needs.

    An action always acts on a resource when the Service Authorization Reference marks one of its resource types
    as required, or when the service's profile names the resource it acts on (S3's objects: the reference marks
    neither the object nor its access point as required, since either will do). An action whose types are all
    optional (a translation that may use a custom terminology) and a List action (``ec2:Describe*``) are fine on
    ``"*"``.
    """
    return any(_scopable(found) for found in dataset.expand(pattern))


def _scopable(privilege: dataset.Privilege) -> bool:
    found = profile(privilege.service)
    if found is not None and {form.resource_type for form in found.forms} & set(privilege.resource_types):
        return True
    return bool(privilege.required) and not privilege.list_only


def breadth(statement: Statement) -> Breadth | None:
    """The wildcards of an Allow statement of an identity policy; None when it grants nothing too broad."""
    if statement.effect != "Allow" or statement.principal or not statement.actions:
        return None
    wild = tuple(action for action in statement.actions if WILDCARD_ACTION.match(action))
    any_resource = (
        statement.resources is not None
        and "*" in statement.resources
        and (bool(wild) or (not statement.condition and any(scopable(a) for a in statement.actions)))
    )
    if not wild and not any_resource:
        return None
    return Breadth(wild, any_resource)


@dataclass
class Grant:
    """One statement to write: its actions and resources (None: the original statement's resources)."""

    actions: list[str]
    resources: list[str | ArnValue] | None


@dataclass
class Narrowing:
    grants: list[Grant] | None  # None: the statement cannot be narrowed automatically
    reasons: list[str]
    suggestion: list[Grant]  # what to write instead, with ARN templates where a resource is unknown

    @property
    def suggestion_text(self) -> str:
        return json.dumps([_display(grant) for grant in self.suggestion])


def _display(grant: Grant) -> dict[str, Any]:
    resources: Any = "(unchanged)" if grant.resources is None else [str(r) for r in grant.resources]
    if isinstance(resources, list) and len(resources) == 1:
        resources = resources[0]
    return {"Effect": "Allow", "Action": grant.actions, "Resource": resources}


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def _consumed(scope: Scope, service: str) -> bool:
    return any(t.service == service and t.consumed for t in scope.targets)


def service_actions(prefix: str, scope: Scope) -> list[str] | None:
    """The actions that replace ``prefix:*``: the profile, narrowed to the handlers' calls when they are known."""
    found: ServiceProfile | None = profile(prefix)
    if found is None:
        return None
    consumer = found.qualified(found.consumer_actions) if _consumed(scope, found.prefix) else []
    called = sorted((scope.calls or {}).get(found.prefix, set()))
    if found.runtime:
        chosen = found.qualified() + called
    elif scope.calls is not None and called:
        order = {action.lower(): index for index, action in enumerate(found.all_actions())}
        chosen = sorted(called, key=lambda a: (order.get(a.lower(), len(order)), a)) + consumer
    elif scope.calls is not None and consumer:
        chosen = consumer
    else:
        chosen = found.qualified() + consumer
    return _unique([dataset.canonical(action) or action for action in chosen])


def _star_services(scope: Scope) -> list[str] | None:
    """The services ``Action: "*"`` stands for: what the handlers call, the resources the functions use, their logs
    and, with active tracing, X-Ray."""
    if scope.calls is None or not scope.users:
        return None
    services = [*scope.calls, *(t.service for t in scope.targets), "logs"]
    if "tracing" in scope.features:
        services.append("xray")
    return sorted(dict.fromkeys(services))


def narrow(statement: Statement, scope: Scope) -> Narrowing:
    """The statements that grant what the role's functions need of what this statement grants."""
    reasons: list[str] = []
    actions: list[str] = []
    for action in statement.actions or []:
        if not WILDCARD_ACTION.match(action):
            actions.append(action)
            continue
        if action == "*":
            if "vpc" in scope.features:
                reasons.append('a function of the role runs in a VPC, where Lambda needs network interface actions '
                               'on Resource "*" (the managed policy AWSLambdaVPCAccessExecutionRole grants them)')
            services = _star_services(scope)
            if services is None:
                reasons.append('Action "*" can be narrowed only when the source of every function using the role '
                               "is in the repository")
                services = sorted({t.service for t in scope.targets} | ({"logs"} if scope.users else set()))
                if not services:
                    actions.append(action)
                    continue
        else:
            services = [action.split(":", 1)[0].lower()]
        for service in services:
            narrowed = service_actions(service, scope)
            if narrowed is None:
                narrowed = sorted((scope.calls or {}).get(service, set()))
                if not narrowed:
                    reasons.append(f"there is no least-privilege profile for {service}: list the actions it needs")
                    narrowed = [f"{service}:*"]
            actions.extend(narrowed)
    actions = _unique(actions)
    if statement.resources is None or "*" not in statement.resources:
        grants = suggestion = [Grant(actions, None)]
    else:
        if None in statement.resources:
            reasons.append('the Resource list mixes "*" with expressions the fix cannot copy')
        kept = [r for r in statement.resources if r is not None and r != "*"]
        grants, suggestion = _by_resource(actions, scope, reasons, kept)
    reasons = list(dict.fromkeys(reasons))
    return Narrowing(None if reasons else grants, reasons, suggestion)


def _by_resource(
    actions: list[str], scope: Scope, reasons: list[str], kept: list[str]
) -> tuple[list[Grant], list[Grant]]:
    """Group actions by the resources they need: the role's targets (with the ARNs the statement already names
    beside its "*"), or "*" for actions AWS cannot scope."""
    grants: dict[tuple[str, ...], Grant] = {}
    suggestion: dict[tuple[str, ...], Grant] = {}
    missing: set[str] = set()
    for action in actions:
        if WILDCARD_ACTION.match(action) or not scopable(action):
            resources: list[str | ArnValue] = ["*"]
            hints: list[str | ArnValue] = ["*"]
        else:
            service = action.split(":", 1)[0].lower()
            kinds = dataset.resource_types(action)
            targets = [t for t in scope.targets if t.service == service]
            resources = list(dict.fromkeys(t.arns[kind] for t in targets for kind in kinds if kind in t.arns))
            resources += [arn for arn in kept if resources and arn not in resources and _names_service(arn, service)]
            hints = list(resources)
            if not resources:
                hints = [_hint(service, kinds, scope)]
                if service not in missing:
                    missing.add(service)
                    reasons.append(_missing(service, scope))
        key = tuple(str(resource) for resource in resources)
        grants.setdefault(key, Grant([], resources)).actions.append(action)
        hint_key = tuple(str(hint) for hint in hints)
        suggestion.setdefault(hint_key, Grant([], hints)).actions.append(action)
    return list(grants.values()), list(suggestion.values())


def _names_service(arn: str, service: str) -> bool:
    """Whether an ARN the author wrote belongs to the service (text that is not an ARN may be anything)."""
    parts = arn.split(":")
    return len(parts) < 3 or parts[0] != "arn" or parts[2].lower() == service


def _hint(service: str, kinds: tuple[str, ...], scope: Scope) -> str:
    """The ARN to write by hand: the Lambda log group pattern, or the shape AWS documents for the resource type
    (the one the service profile names, e.g. a bucket's objects rather than an access point's)."""
    if service == "logs" and scope.users:
        return LAMBDA_LOG_GROUP
    found = profile(service)
    usual = [form.resource_type for form in found.forms if form.resource_type in kinds] if found else []
    kind = next(iter(usual or kinds), None)
    template = dataset.arn_template(service, kind) if kind is not None else None
    return template or "*"


def _missing(service: str, scope: Scope) -> str:
    if not scope.users:
        return "no function in the same module, template or program uses this policy, so its resources are unknown"
    if service == "logs":
        return "the log group of the role's functions cannot be named from the policy (its name is generated, " \
            "or naming it would make the policy depend on the function)"
    return f"the role's functions use no {service} resource that the policy can name"
