"""IAC002 iam-wildcard-least-privilege: policies must name the actions and resources a function uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from iacfix.fixers.iam.policy import Breadth, Grant, Narrowing, Scope, Statement, breadth, narrow
from iacfix.fixers.iam.rewrite import CannotRewrite
from iacfix.fixers.model import Applicability, Edit, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

if TYPE_CHECKING:  # each language's parser is imported only when a file of that language is checked
    from iacfix.fixers.cfn.document import CfnDocument
    from iacfix.fixers.document import Document
    from iacfix.fixers.hcl.document import HclDocument
    from iacfix.fixers.pulumi.document import PulumiDocument, ResourceCall


@register
class IamWildcardLeastPrivilege(Rule):
    """IAM statements that allow every action of a service, or any resource, where a function needs a few.

    ## What it does
    Finds Allow statements of identity policies whose actions are `"*"` or `service:*`, or whose resource is
    `"*"` for actions that AWS lets you scope to a resource, in every way a policy is written: Terraform
    `jsonencode({...})`, heredoc JSON and `aws_iam_policy_document`; CloudFormation `Policies` of
    `AWS::IAM::Role`, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and SAM functions; Pulumi `json.dumps`,
    `pulumi.Output.json_dumps`, JSON strings and `get_policy_document`. Resource policies (statements with a
    `Principal`) and Deny statements are left alone.

    ## Why is this bad?
    `dynamodb:*` on `*` lets a function delete every table of the account, read any data and run up costs;
    reviews keep finding such policies where the function only reads and writes items of one table. A
    compromised or buggy function can do whatever its role allows.

    ## Example
    ```hcl
    resource "aws_iam_role_policy" "api" {
      role = aws_iam_role.api.id
      policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "dynamodb:*", Resource = "*" }]
      })
    }
    ```

    ## Use instead
    The data-plane actions the function needs, on the resources it uses:
    ```hcl
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                   Resource = aws_dynamodb_table.orders.arn }]
    ```
    The actions come from a per-service profile of what applications normally call (item reads and writes, never
    `DeleteTable`), checked against AWS's published list of actions, and narrowed to the boto3 calls of the
    handler when its Python source is in the repository (`put_item` -> `dynamodb:PutItem`). The resources are
    the ones the role's functions reference in the same module, template or program (environment variables,
    event source mappings, log groups), with `/index/*` for queries of tables with secondary indexes and `/*` for
    objects. Actions AWS cannot scope stay on `"*"` in a statement of their own. `Action: "*"` becomes the services
    the handlers call and the resources the functions use, plus their logs (and X-Ray with active tracing).

    ## Fix safety
    Unsafe: a narrower policy can break a function that calls something its handler source does not show
    (another library, a dynamic call, a resource named by a parameter). Statements whose resources cannot be
    inferred (no function uses the role in the same unit, or the resource would depend on the policy itself)
    are reported with a suggested statement and not fixed: a guess that breaks production is worse than the
    wildcard. So are services without a profile, `Action: "*"` when a handler's source is not in the repository
    or a function runs in a VPC, and policies whose form cannot name the resources (a JSON string in Pulumi that
    would need an output).

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
    options = {}

    # ------------------------------------------------------------------------------- Terraform
    def check_terraform(self, document: HclDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.hcl.iam_scope import scope_of
        from iacfix.fixers.hcl.policies import statements

        module = [doc for doc in context.module if doc.language is Language.TERRAFORM] or [document]
        scopes: dict[str, Scope] = {}
        subjects: Counter[str] = Counter()
        for site in statements(document):
            address = site.holder.address

            def scope(holder=site.holder, address=address) -> Scope:
                if address not in scopes:
                    scopes[address] = scope_of(document, holder, module, context.texts)  # type: ignore[arg-type]
                return scopes[address]

            found = self.judge(
                document, address, site.statement, site.start, site.end, scope,
                lambda grants, site=site: [site.rewrite(document, grants)], subjects,
            )
            if found is not None:
                yield found

    # -------------------------------------------------------------------------- CloudFormation
    def check_cloudformation(self, document: CfnDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.cfn.document import content_end
        from iacfix.fixers.cfn.iam_scope import scope_of
        from iacfix.fixers.cfn.policies import statements

        scopes: dict[str, Scope] = {}
        subjects: Counter[str] = Counter()
        for site in statements(document):
            holder = site.resource

            def scope(holder=holder) -> Scope:
                if holder.logical_id not in scopes:
                    scopes[holder.logical_id] = scope_of(document, holder, context.texts)
                return scopes[holder.logical_id]

            found = self.judge(
                document, holder.logical_id, site.statement, site.start, content_end(site.node, document.text),
                scope, lambda grants, site=site: site.rewrite(document, grants), subjects,
                resource_start=holder.key.start_mark.index,
            )
            if found is not None:
                yield found

    # ---------------------------------------------------------------------------------- Pulumi
    def check_pulumi(self, document: PulumiDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.pulumi.iam_scope import scope_of
        from iacfix.fixers.pulumi.policies import holder_of, statements

        module = [doc for doc in context.module if doc.language is Language.PULUMI] or [document]
        subjects: Counter[str] = Counter()
        for site in statements(document):
            holder = holder_of(document, site)
            name = _pulumi_name(document, holder)
            found = self.judge(
                document, name, site.statement, site.start, site.end,
                lambda site=site: scope_of(document, site, module, context.texts),  # type: ignore[arg-type]
                lambda grants, site=site: site.rewrite(document, grants), subjects,
                resource_start=holder.statement_start if holder is not None else None,
            )
            if found is not None:
                yield found

    # -------------------------------------------------------------------------------- shared
    def judge(
        self, document: Document, holder: str, statement: Statement, start: int, end: int,
        scope: Callable[[], Scope], rewrite: Callable[[list[Grant]], list[Edit]], subjects: Counter[str],
        resource_start: int | None = None,
    ) -> Finding | None:
        """The finding for one statement: fixed when its narrowing is decided, reported with a suggestion if not."""
        found = breadth(statement)
        if found is None:
            return None
        subject = _subject(holder, statement, found, subjects)
        narrowing = narrow(statement, scope())
        message = f"{holder} allows {found.label}"
        if narrowing.grants is None:
            return self.finding(
                document, subject=subject, start=start, end=end, resource_start=resource_start,
                message=f"{message}; {'; '.join(narrowing.reasons)}. Suggested: {narrowing.suggestion_text}",
                not_fixed_reason="; ".join(narrowing.reasons),
            )
        try:
            edits = rewrite(narrowing.grants)
        except CannotRewrite as reason:
            return self.finding(
                document, subject=subject, start=start, end=end, resource_start=resource_start,
                message=f"{message}; {reason}. Suggested: {narrowing.suggestion_text}", not_fixed_reason=str(reason),
            )
        return self.finding(
            document, subject=subject, start=start, end=end, resource_start=resource_start,
            message=f"{message}: {_describe(narrowing)}", edits=edits,
            description=f"narrow {found.label} in {holder} to {_describe(narrowing)}",
        )


def _pulumi_name(document: PulumiDocument, holder: ResourceCall | None) -> str:
    """How a finding names the resource holding a Pulumi policy: its variable, else its resource name."""
    if holder is None:
        return "policy"
    if holder.variable:
        return holder.variable
    return document.source(holder.resource_name) if holder.resource_name is not None else holder.type


def _subject(holder: str, statement: Statement, found: Breadth, subjects: Counter[str]) -> str:
    """Names the statement by what is too broad in it, so it survives the rewriting of its neighbours."""
    base = f"{holder}:{statement.sid or found.label}"
    subjects[base] += 1
    return base if subjects[base] == 1 else f"{base}#{subjects[base]}"


def _describe(narrowing: Narrowing) -> str:
    parts = []
    for grant in narrowing.grants or []:
        where = "" if grant.resources is None else " on " + ", ".join(str(r) for r in grant.resources)
        parts.append(", ".join(grant.actions) + where)
    return "; ".join(parts)
