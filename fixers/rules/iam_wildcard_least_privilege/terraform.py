"""IAC002 in Terraform: how a policy names a resource (``aws_x.y.arn``), and which resources it may name."""

from __future__ import annotations

from collections import defaultdict

from iacfix.fixers.document import Resource
from iacfix.fixers.hcl import expressions, role_usage
from iacfix.fixers.hcl.document import HclDocument, HclNode
from iacfix.fixers.hcl.policies import HclExpression, PolicyStatement, statements
from iacfix.fixers.iam import usage
from iacfix.fixers.iam.policy import ArnValue, joined
from iacfix.fixers.kinds import FUNCTION_NAME, Kind
from iacfix.fixers.model import Language
from iacfix.fixers.references import dependency_graph, reaches
from iacfix.fixers.registry import RuleContext

LOG_GROUP_PREFIX = "arn:aws:logs:*:*:log-group:/aws/lambda/"
DOCUMENT = "data.aws_iam_policy_document"


class TerraformPort:
    def __init__(self, document: HclDocument, context: RuleContext) -> None:
        self.document = document
        self.context = context
        self.unit = context.unit
        self._edges: dict[str, set[str]] | None = None

    def statements(self) -> list[PolicyStatement]:
        return list(statements(self.document))

    def scope_key(self, site: PolicyStatement) -> object:
        return site.holder_name

    # ------------------------------------------------------------------------------- naming
    def usable(self, site: PolicyStatement, resource: Resource) -> bool:
        """One instance, that does not wait for the policy: naming it from the policy would close a cycle."""
        return not resource.repeated and not self._reaches(resource.name or "", self._carriers(site))

    def _carriers(self, site: PolicyStatement) -> set[str]:
        """What carries the policy: its holder, or the resources using a policy document's JSON."""
        holder = site.holder_name
        if site.resource is None or site.resource.type != DOCUMENT:
            return {holder}
        return {r.name or "" for r in self.unit.resources() if any(ref.name == holder for ref in r.references())}

    def _reaches(self, start: str, goals: set[str]) -> bool:
        if self._edges is None:
            graph = dependency_graph(self.document, self.unit)
            self._edges = defaultdict(set)
            for edge in [*graph.references, *graph.entries]:
                self._edges[edge.source].add(edge.target)
        edges = self._edges
        return reaches(start, goals, lambda name: edges.get(name, ()))

    def arn(self, resource: Resource, kind: Kind, attribute: str, suffix: str) -> ArnValue | None:
        found = kind.attributes.get(attribute)
        name = found.of(Language.TERRAFORM) if found is not None else None
        return joined(HclExpression(f"{resource.name}.{name}"), suffix) if name else None

    def log_group(self, site: PolicyStatement, function: Resource) -> tuple[str, ArnValue] | None:
        """The function's log group: a declared group of its name, or the ``/aws/lambda/<name>`` pattern."""
        group = usage.log_group(self.unit, function, lambda found: self.usable(site, found))
        if group is not None:
            return group.name or "", joined(HclExpression(f"{group.name}.arn"), ":*")
        node = function.get(FUNCTION_NAME)
        part: str | HclExpression | None = None
        if node is not None and isinstance(node.literal, str):
            part = node.literal
        elif node is not None and self.usable(site, function):
            part = HclExpression(f"{function.name}.function_name")
        elif isinstance(node, HclNode) and _variable_or_local(node):
            part = HclExpression(node.text)
        return (f"{function.name} log group", joined(LOG_GROUP_PREFIX, part, ":*")) if part is not None else None

    # ---------------------------------------------------------------------------------- code
    def handler_sources(self, function: Resource) -> list[str] | None:
        return role_usage.handler_sources(function, self.unit, self.context.texts)

    def event_sources(self, function: Resource) -> list[Resource]:
        return []


def _variable_or_local(node: HclNode) -> bool:
    """``var.x`` or ``local.x`` as a whole: the same value wherever it is written in the module."""
    found = expressions.traversal(node.expression) if node.expression is not None else None
    return found is not None and found.names[0] in ("var", "local") and not found.indexed
