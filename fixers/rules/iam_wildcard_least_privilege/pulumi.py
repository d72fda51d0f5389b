"""IAC002 in Pulumi: how a policy names a resource (``table.arn``), and which resources it may name.

A program runs top to bottom, so a policy can only name a resource whose variable is assigned before the
statement that holds the policy, in the same file; anything else is reported, not guessed.
"""

from __future__ import annotations

from iacfix.fixers.document import Resource
from iacfix.fixers.iam import usage
from iacfix.fixers.iam.policy import ArnValue, joined
from iacfix.fixers.kinds import FUNCTION_NAME, Kind
from iacfix.fixers.model import Language
from iacfix.fixers.pulumi import role_usage
from iacfix.fixers.pulumi.document import PulumiDocument, PulumiResource
from iacfix.fixers.pulumi.policies import PolicyStatement, PyExpression, statements
from iacfix.fixers.registry import RuleContext

LOG_GROUP_PREFIX = "arn:aws:logs:*:*:log-group:/aws/lambda/"


class PulumiPort:
    def __init__(self, document: PulumiDocument, context: RuleContext) -> None:
        self.document = document
        self.context = context
        self.unit = context.unit

    def statements(self) -> list[PolicyStatement]:
        return list(statements(self.document))

    def scope_key(self, site: PolicyStatement) -> object:
        return site.holder_name, site.top_level  # what the policy may name depends on where it is written

    # ------------------------------------------------------------------------------- naming
    def usable(self, site: PolicyStatement, resource: Resource) -> bool:
        """Assigned to a variable, in this file, before the statement holding the policy."""
        return isinstance(resource, PulumiResource) and resource.document is self.document \
            and resource.name is not None and resource.statement_start < site.top_level

    def arn(self, resource: Resource, kind: Kind, attribute: str, suffix: str) -> ArnValue | None:
        found = kind.attributes.get(attribute)
        name = found.of(Language.PULUMI) if found is not None else None
        return joined(PyExpression(f"{resource.name}.{name}"), suffix) if name else None

    def log_group(self, site: PolicyStatement, function: Resource) -> tuple[str, ArnValue] | None:
        """The function's log group: a declared group of its name, or the ``/aws/lambda/<name>`` pattern."""
        group = usage.log_group(self.unit, function, lambda found: self.usable(site, found))
        if group is not None:
            return group.name or "", joined(PyExpression(f"{group.name}.arn"), ":*")
        node = function.get(FUNCTION_NAME)
        if node is not None and isinstance(node.literal, str):
            return f"{function.name} log group", joined(f"{LOG_GROUP_PREFIX}{node.literal}:*")
        if self.usable(site, function):
            return f"{function.name} log group", joined(LOG_GROUP_PREFIX, PyExpression(f"{function.name}.name"), ":*")
        return None

    # ---------------------------------------------------------------------------------- code
    def handler_sources(self, function: Resource) -> list[str] | None:
        return role_usage.handler_sources(function, self.unit, self.context.texts)

    def event_sources(self, function: Resource) -> list[Resource]:
        return []
