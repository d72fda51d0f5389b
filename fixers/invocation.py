"""Who invokes a Lambda function, as far as the unit says: some settings matter only for the callers a function
has (reserved concurrency against bursts, a dead-letter queue for asynchronous events)."""

from __future__ import annotations

from iacfix.fixers.document import Resource, Unit
from iacfix.fixers.kinds import CFN_MACRO, SERVICE_TOKEN, TARGET_FUNCTION


def cloudformation_handler(function: Resource, unit: Unit) -> str | None:
    """What CloudFormation runs the function for, when it handles a custom resource or a macro: CloudFormation
    calls it once per deployment and reports its failures itself. None for any other function."""
    macros = unit.referring(function, CFN_MACRO, TARGET_FUNCTION)
    if macros:
        return f"the macro {macros[0].subject}"
    for resource in unit.resources():
        token = resource.get(SERVICE_TOKEN)
        if token is not None and any(reference.name == function.name for reference in token.references()):
            return f"the custom resource {resource.subject}"
    return None
