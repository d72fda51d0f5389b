"""How SAM expands a serverless resource, as far as the ordering of resources goes.

The ``AWS::Serverless-2016-10-31`` transform turns one serverless resource into several: the resource that keeps
the logical id (a Lambda function, a REST API, a state machine), and resources generated beside it (the role of a
function without ``Role``; an event source mapping, permission, rule or subscription per event; an alias, a
version and a deployment group; a stage and a deployment). A property that configures a generated resource makes
that resource depend on what it names, not the serverless resource: a function whose SNS event names a topic
that subscribes the function is no cycle. Some events change the resource they name instead: an S3 event writes
the function into the bucket's notifications, so the bucket depends on the function.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.document import GLOBALS_SECTIONS, CfnDocument, CfnResource, get, scalar
from iacfix.fixers.cfn.expressions import reference_of

TRANSFORM = "AWS::Serverless-2016-10-31"
FUNCTION = "AWS::Serverless::Function"
# Resource attributes SAM turns into resources of their own (embedded connectors).
GENERATED_ATTRIBUTES = frozenset({"Connectors"})
# Properties that configure resources SAM generates beside the serverless resource.
GENERATED = {
    FUNCTION: frozenset({
        "Events", "DeploymentPreference", "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256",
        "VersionDescription", "ProvisionedConcurrencyConfig", "FunctionUrlConfig",
    }),
    "AWS::Serverless::StateMachine": frozenset({"Events", "AutoPublishAlias", "DeploymentPreference",
                                                "UseAliasAsEventTarget"}),
    "AWS::Serverless::Api": frozenset({"StageName", "Variables", "MethodSettings", "AccessLogSetting", "CanarySetting",
                                       "TracingEnabled", "CacheClusterEnabled", "CacheClusterSize", "Domain"}),
    "AWS::Serverless::HttpApi": frozenset({"StageName", "StageVariables", "AccessLogSettings", "DefaultRouteSettings",
                                           "RouteSettings", "Domain"}),
    "AWS::Serverless::GraphQLApi": frozenset({"DataSources", "Functions", "Resolvers", "ApiKeys", "DomainName", "Cache",
                                              "SchemaInline", "SchemaUri"}),
}
# Properties of the role SAM generates when the resource names none (with a Role, SAM ignores them): the resource
# depends on that role, so on what they name.
ROLE = {
    FUNCTION: frozenset({"Policies", "AssumeRolePolicyDocument", "PermissionsBoundary", "RolePath",
                         "EventInvokeConfig"}),
    "AWS::Serverless::StateMachine": frozenset({"Policies", "PermissionsBoundary", "RolePath"}),
}
# Mapping properties of which SAM reads only some keys, dropping the rest: a reference under another key is gone
# from the template it deploys (an Api's ``EndpointConfiguration`` becomes the REST API's ``Types`` and ids).
READ_KEYS = {
    ("AWS::Serverless::Api", "EndpointConfiguration"): frozenset({"Type", "VPCEndpointIds"}),
}
# Outputs of resources SAM generates for a function, which references may name (``!Ref Fn.Alias``).
GENERATED_OUTPUTS = ("Alias", "Version")


def is_sam(document: CfnDocument) -> bool:
    transform = get(document.root, "Transform")
    names = transform.value if isinstance(transform, SequenceNode) else [transform]
    return any(scalar(name) == TRANSFORM for name in names if name is not None)


def _role_given(document: CfnDocument, resource: CfnResource) -> bool:
    return resource.property("Role") is not None or _globals(document, resource, "Role") is not None


def _ordering(document: CfnDocument, resource: CfnResource, name: str) -> bool:
    """Whether a property's references order the serverless resource itself."""
    if name in GENERATED.get(resource.type, ()):
        return False
    return name not in ROLE.get(resource.type, ()) or not _role_given(document, resource)


def own_properties(document: CfnDocument, resource: CfnResource) -> Iterator[tuple[list[str], Node]]:
    """The properties (or the keys of them that SAM reads) whose references order the resource, as SAM expands
    it, with their paths under ``Properties`` (all of a plain resource's)."""
    properties = resource.properties
    for key, value in properties.value if properties is not None else ():
        name = str(key.value) if isinstance(key, ScalarNode) else None
        if name is None or not _ordering(document, resource, name):
            continue
        read = READ_KEYS.get((resource.type, name))
        if read is None or not isinstance(value, MappingNode):
            yield [name], value
            continue
        for inner, setting in value.value:
            if isinstance(inner, ScalarNode) and inner.value in read:
                yield [name, str(inner.value)], setting


def _globals(document: CfnDocument, resource: CfnResource, name: str) -> Node | None:
    section = GLOBALS_SECTIONS.get(resource.type)
    return get(get(get(document.root, "Globals"), section), name) if section else None


def inherited_properties(document: CfnDocument, resource: CfnResource) -> Iterator[tuple[list[str], Node]]:
    """The ``Globals`` properties SAM gives the resource: those it does not set itself (mappings are merged)."""
    section = GLOBALS_SECTIONS.get(resource.type)
    defaults = get(get(document.root, "Globals"), section) if section else None
    if not isinstance(defaults, MappingNode):
        return
    for key, value in defaults.value:
        name = str(key.value) if isinstance(key, ScalarNode) else None
        if name is None or not _ordering(document, resource, name):
            continue
        own = resource.property(name)
        if own is None or (isinstance(own, MappingNode) and isinstance(value, MappingNode)):
            yield ["Globals", section or "", name], value


def generated_references(document: CfnDocument) -> Iterator[tuple[str, str, str]]:
    """References SAM writes into other resources of the template: (source, target, where)."""
    for function in document.of_type(FUNCTION):
        events = function.property("Events")
        for key, event in events.value if isinstance(events, MappingNode) else ():
            if scalar(get(event, "Type")) != "S3":
                continue
            bucket = get(get(event, "Properties"), "Bucket")
            reference = reference_of(bucket) if bucket is not None else None
            if reference is not None and reference.attribute is None:
                yield (reference.name, function.logical_id,
                       f"the notification SAM adds to {reference.name} for the {key.value} event of "
                       f"{function.logical_id}")


def referenced_object(document: CfnDocument, name: str) -> str:
    """The declared resource a reference names: ``Fn.Alias`` and ``Fn.Version`` are generated from ``Fn``."""
    owner, _, output = name.partition(".")
    found = document.by_logical_id.get(owner)
    if found is not None and found.type == FUNCTION and output in GENERATED_OUTPUTS:
        return owner
    return name
