"""IAC002 iam-wildcard-least-privilege: policies must name the actions and resources a function uses."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Protocol

from iacfix.fixers.document import Document, Resource
from iacfix.fixers.iam import usage
from iacfix.fixers.iam.policy import (
    WILDCARD_ACTION,
    ArnValue,
    Breadth,
    Grant,
    Narrowing,
    Scope,
    Statement,
    breadth,
    narrow,
    target,
)
from iacfix.fixers.iam.rewrite import CannotRewrite
from iacfix.fixers.kinds import Kind
from iacfix.fixers.model import Applicability, Edit, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register


class PolicySite(Protocol):
    """A statement as each language's policies module finds it."""

    statement: Statement
    start: int
    end: int

    @property
    def resource(self) -> Resource | None: ...  # the resource whose settings hold the statement, or that is given it

    @property
    def holder_name(self) -> str: ...

    def rewrite(self, document: Document, grants: list[Grant]) -> list[Edit]: ...  # raises CannotRewrite


class Port(Protocol):
    """What IAC002 asks of a language beyond the vocabulary: its statements, how a policy names a resource, and
    what a function's code and events say about its role."""

    def statements(self) -> list[PolicySite]: ...

    def scope_key(self, site: PolicySite) -> object: ...  # sites with the same key have the same scope

    def usable(self, site: PolicySite, resource: Resource) -> bool: ...  # may the policy name it

    def arn(self, resource: Resource, kind: Kind, attribute: str, suffix: str) -> ArnValue | None: ...

    def log_group(self, site: PolicySite, function: Resource) -> tuple[str, ArnValue] | None: ...

    def handler_sources(self, function: Resource) -> list[str] | None: ...

    def event_sources(self, function: Resource) -> list[Resource]: ...


def port_for(document: Document, context: RuleContext) -> Port:
    """The language's part, imported only when a file of that language is checked."""
    if document.language is Language.TERRAFORM:
        from iacfix.fixers.rules.iam_wildcard_least_privilege.terraform import TerraformPort as port
    elif document.language is Language.CLOUDFORMATION:
        from iacfix.fixers.rules.iam_wildcard_least_privilege.cloudformation import (
            CloudFormationPort as port,  # type: ignore[assignment]
        )
    else:
        from iacfix.fixers.rules.iam_wildcard_least_privilege.pulumi import PulumiPort as port  # type: ignore[assignment]
    return port(document, context)  # type: ignore[return-value]


@register
class IamWildcardLeastPrivilege(Rule):
    """IAM statements that allow every action of a service, or any resource, where a function needs a few.

    ## What it does
    Finds Allow statements of identity policies whose actions are `"*"` or `service:*`, or whose resource is
    `"*"` for actions that act on a resource, in every way a policy is written: Terraform `jsonencode({...})`,
    heredoc JSON and `aws_iam_policy_document`; CloudFormation `Policies` of `AWS::IAM::Role`,
    `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and SAM functions; Pulumi `json.dumps`,
    `pulumi.Output.json_dumps`, JSON strings and `get_policy_document`. Resource policies (statements with a
    `Principal`) and Deny statements are left alone, and so are actions that are fine on `"*"`: those whose resource
    types the Service Authorization Reference marks all optional (`translate:TranslateText`,
    `rekognition:DetectModerationLabels`) unless the service's profile names the resource they act on (an S3
    object), and List actions (`ec2:Describe*`).

    ## Why is this bad?
    `dynamodb:*` on `*` lets a function delete every table of the account, read any data and run up costs;
    reviews keep finding such policies where the function only reads and writes items of one table. A
    compromised or buggy function can do whatever its role allows.

    ## What the fix does
    Wildcards become the data-plane actions the function needs, on the resources it uses.
    The actions come from a per-service profile of what applications normally call (item reads and writes, never
    `DeleteTable`), checked against AWS's published list of actions, and narrowed to the boto3 calls of the
    handler when its Python source is in the repository (`put_item` -> `dynamodb:PutItem`): the source is found
    through `data.archive_file` (also by way of locals), `CodeUri`/`ZipFile`/`InlineCode` (and `Globals`), or
    Pulumi's assets (also by way of a variable assigned once, `code=code`). The resources are the ones the role's
    functions reference in the same module, template or program (environment variables, event source mappings,
    SAM events, log groups), with `/index/*` for queries of tables with secondary indexes and `/*` for objects.
    Actions AWS cannot scope stay on `"*"` in a statement of their own. `Action: "*"` becomes the services the
    handlers call and the resources the functions use, plus their logs (and X-Ray with active tracing). Values
    the statement already listed keep the author's quotes and indentation; new ones take the value's quotes.

    ## Fix safety
    Unsafe: a narrower policy can break a function that calls something its handler source does not show
    (another library, a dynamic call, a resource named by a parameter). Statements whose resources cannot be
    inferred (no function uses the role in the same unit, or the resource would depend on the policy itself)
    are reported with the statement to write instead as a display-only fix (ARN templates where a resource is
    unknown), never applied: a guess that breaks production is worse than the wildcard. So are services
    without a profile, `Action: "*"` when a handler's source is not in the repository or a function runs in a
    VPC, and policies whose form cannot name the resources (a JSON string in Pulumi that would need an output).

    ## Options
    None.

    ## References
    - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
    - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
    - https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
    """

    code = "IAC002"
    name = "iam-wildcard-least-privilege"
    title = "IAM policies must not use wildcard actions or resources"
    severity = Severity.ERROR
    seeds = ("seed 004 §2", "seed 001 §5", "seed 000 §5", "seed 003 §14")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)
    applicability = Applicability.UNSAFE

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        port = port_for(document, context)
        scopes: dict[object, Scope] = {}
        subjects: Counter[str] = Counter()
        for site in port.statements():
            found = breadth(site.statement)
            if found is None:
                continue
            key = port.scope_key(site)
            if key not in scopes:
                scopes[key] = scope_of(site, port, context)
            yield self.judge(document, context, site, found, _subject(site, found, subjects), scopes[key])

    def judge(self, document: Document, context: RuleContext, site: PolicySite, found: Breadth, subject: str,
              scope: Scope) -> Finding:
        """The finding for one statement: fixed when its narrowing is decided, with a suggestion if not."""
        narrowing = narrow(site.statement, scope)
        message = f"{site.holder_name} allows {found.label}"
        if narrowing.grants is None:
            return self.suggest(document, context, site, narrowing, subject, message, "; ".join(narrowing.reasons))
        try:
            edits = site.rewrite(document, narrowing.grants)
        except CannotRewrite as reason:
            return self.suggest(document, context, site, narrowing, subject, message, str(reason))
        changes = context.changes(document)
        changes.include(edits)
        changes.describe(f"narrow {found.label} in {site.holder_name} to {_describe(narrowing.grants)}")
        return self.finding(document, f"{message}: {_describe(narrowing.grants)}", subject=subject, fix=changes,
                            span=(site.start, site.end), resource=site.resource)

    def suggest(self, document: Document, context: RuleContext, site: PolicySite, narrowing: Narrowing, subject: str,
                message: str, reason: str) -> Finding:
        """Not fixed, with the statement to write instead: in the message, and as a display-only fix where the
        statement can be written (its actions all named, unknown resources as ARN templates)."""
        changes = None
        named = all(not WILDCARD_ACTION.match(action) for grant in narrowing.suggestion for action in grant.actions)
        if named:
            try:
                edits = site.rewrite(document, narrowing.suggestion)
            except CannotRewrite:
                edits = []
            if edits:
                changes = context.changes(document)
                changes.include(edits)
                changes.describe(f"suggested for {site.holder_name}: {_describe(narrowing.suggestion)}")
        return self.finding(document, f"{message}; {reason}. Suggested: {narrowing.suggestion_text}", subject=subject,
                            fix=changes, not_fixed_reason=reason, applicability=Applicability.DISPLAY_ONLY,
                            span=(site.start, site.end), resource=site.resource)


def scope_of(site: PolicySite, port: Port, context: RuleContext) -> Scope:
    """What the policy's role is used for: its functions, the resources they use that the policy may name, and
    the calls their handlers make."""
    unit = context.unit
    scope = Scope()
    for function in usage.users(unit, site.resource) if site.resource is not None else []:
        targets = []
        for resource, consumed in usage.used_resources(unit, function, port.event_sources(function)):
            kind = usage.target_kind(resource)
            if kind is None or not port.usable(site, resource):
                continue
            made = target(usage.TARGETS[kind], resource.name or resource.subject,
                          lambda attribute, suffix, resource=resource, kind=kind:
                          port.arn(resource, kind, attribute, suffix),
                          indexes=usage.has_indexes(resource), consumed=consumed)
            if made is not None:
                targets.append(made)
        logs = port.log_group(site, function)
        if logs is not None:
            made = target("logs", logs[0], lambda attribute, suffix, value=logs[1]: value)
            targets += [made] if made is not None else []
        scope.add_function(function.name or function.subject, targets, port.handler_sources(function),
                           usage.features(function))
    return scope


def _subject(site: PolicySite, found: Breadth, subjects: Counter[str]) -> str:
    """Names the statement by its holder and its own content, never by its place among others: a neighbour
    rewritten (or split in two) leaves the subjects of the other statements as they were."""
    statement = site.statement
    content = json.dumps([statement.effect, statement.actions, statement.resources, statement.condition,
                          statement.principal, statement.sid])
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
    base = f"{site.holder_name}:{statement.sid or found.label}@{digest}"
    subjects[base] += 1  # the same statement written twice in one holder
    return base if subjects[base] == 1 else f"{base}#{subjects[base]}"


def _describe(grants: list[Grant]) -> str:
    parts = []
    for grant in grants:
        where = "" if grant.resources is None else " on " + ", ".join(str(r) for r in grant.resources)
        parts.append(", ".join(grant.actions) + where)
    return "; ".join(parts)
