"""IAC002 in CloudFormation: how a policy names a resource (``!GetAtt X.Arn``, ``!Ref X``, a ``!Sub`` template),
and which resources it may name."""

from __future__ import annotations

from collections import defaultdict

from iacfix.fixers.cfn import role_usage
from iacfix.fixers.cfn.document import CfnDocument, CfnNode
from iacfix.fixers.cfn.expressions import intrinsic
from iacfix.fixers.cfn.policies import CfnReference, CfnTemplate, PolicyStatement, statements
from iacfix.fixers.document import Resource
from iacfix.fixers.iam import usage
from iacfix.fixers.iam.policy import ArnValue, joined
from iacfix.fixers.kinds import FUNCTION_NAME, Kind
from iacfix.fixers.references import dependency_graph, reaches
from iacfix.fixers.registry import RuleContext

SIMPLE_TABLE = "AWS::Serverless::SimpleTable"
TABLE_ARN = CfnTemplate("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/")
# The stack's own partition, region and account: the function's log group is created where the function runs.
LOG_GROUP_PREFIX = CfnTemplate("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/")


class CloudFormationPort:
    def __init__(self, document: CfnDocument, context: RuleContext) -> None:
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
        """A resource that does not wait for the policy's holder: naming it from the policy would close a cycle."""
        return not self._reaches(resource.name or "", site.holder_name)

    def _reaches(self, start: str, goal: str) -> bool:
        if self._edges is None:
            graph = dependency_graph(self.document, self.unit)
            self._edges = defaultdict(set)
            for edge in [*graph.references, *graph.entries]:
                self._edges[edge.source].add(edge.target)
        edges = self._edges
        return reaches(start, {goal}, lambda name: edges.get(name, ()))

    def arn(self, resource: Resource, kind: Kind, attribute: str, suffix: str) -> ArnValue | None:
        if resource.type == SIMPLE_TABLE:  # its Ref is the table's name, and it has no Arn attribute
            return joined(TABLE_ARN, CfnReference(resource.name or ""), suffix) if attribute == "arn" else None
        found = kind.attributes.get(attribute)
        if found is None or found.cloudformation == "":
            return None
        return joined(CfnReference(resource.name or "", found.cloudformation), suffix)

    def log_group(self, site: PolicyStatement, function: Resource) -> tuple[str, ArnValue] | None:
        """The function's log group: a declared group of its name, or the ``/aws/lambda/<name>`` pattern."""
        group = usage.log_group(self.unit, function, lambda found: self.usable(site, found))
        if group is not None:
            return group.name or "", ArnValue((CfnReference(group.name or "", "Arn"),))  # Arn ends in ":*"
        part = self._function_name(site, function)
        return (f"{function.name} log group", joined(LOG_GROUP_PREFIX, part, ":*")) if part is not None else None

    def _function_name(self, site: PolicyStatement, function: Resource) -> str | CfnReference | CfnTemplate | None:
        node = function.get(FUNCTION_NAME)
        if node is None:
            return CfnReference(function.name or "") if self.usable(site, function) else None
        if isinstance(node.literal, str):
            return node.literal
        assert isinstance(node, CfnNode)
        if any(self._reaches(reference.name, site.holder_name) for reference in node.references()):
            return None
        call = intrinsic(node.node)
        if call is not None and call.function == "Ref" and node.reference() is not None:
            return CfnReference(node.reference().name)  # type: ignore[union-attr]
        if call is not None and call.function == "Fn::Sub" and isinstance(call.argument.value, str):
            return CfnTemplate(str(call.argument.value))
        return None

    # ---------------------------------------------------------------------------------- code
    def handler_sources(self, function: Resource) -> list[str] | None:
        return role_usage.handler_sources(function, self.unit, self.context.texts)

    def event_sources(self, function: Resource) -> list[Resource]:
        return role_usage.event_sources(function, self.unit) if function.type.startswith("AWS::Serverless::") else []
