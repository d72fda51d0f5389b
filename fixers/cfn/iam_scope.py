"""What a CloudFormation policy is used for: its role, the functions of that role, and what they reference.

Resources are followed through ``Ref``, ``Fn::GetAtt``, ``Fn::Sub`` and ``DependsOn``; a resource that depends on
the policy's own resource is never named from the policy, since that would close a dependency cycle.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import cached_property

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixers.cfn.document import CfnDocument, CfnResource, get, scalar
from iacfix.fixers.cfn.expressions import intrinsic, referenced_resources
from iacfix.fixers.cfn.policies import SAM_TYPES, CfnReference, CfnTemplate
from iacfix.fixers.iam.policy import ArnValue, Scope, Target, target
from iacfix.fixers.references import reaches

FUNCTION_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
# CfnResource types a function may use: IAM service, and the attribute holding their ARN (None: Ref returns it).
TARGET_TYPES: dict[str, tuple[str, str | None]] = {
    "AWS::DynamoDB::Table": ("dynamodb", "Arn"), "AWS::DynamoDB::GlobalTable": ("dynamodb", "Arn"),
    "AWS::S3::Bucket": ("s3", "Arn"), "AWS::SQS::Queue": ("sqs", "Arn"), "AWS::SNS::Topic": ("sns", None),
    "AWS::Kinesis::Stream": ("kinesis", "Arn"), "AWS::SecretsManager::Secret": ("secretsmanager", None),
    "AWS::KMS::Key": ("kms", "Arn"), "AWS::Lambda::Function": ("lambda", "Arn"),
    "AWS::Serverless::Function": ("lambda", "Arn"), "AWS::StepFunctions::StateMachine": ("states", None),
    "AWS::Serverless::StateMachine": ("states", None), "AWS::Events::EventBus": ("events", "Arn"),
}
SIMPLE_TABLE = "AWS::Serverless::SimpleTable"
TABLE_ARN = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
# The stack's own partition, region and account: the function's log group is created where the function runs.
LOG_GROUP_PREFIX = CfnTemplate("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/")


class Graph:
    """The template's resources and what each depends on."""

    def __init__(self, document: CfnDocument) -> None:
        self.document = document
        self.resources = document.by_logical_id

    @cached_property
    def edges(self) -> dict[str, set[str]]:
        edges: dict[str, set[str]] = {}
        for logical_id, resource in self.resources.items():
            found = {name for name, _ in referenced_resources(resource.node)}
            depends = get(resource.node, "DependsOn")
            items = depends.value if isinstance(depends, SequenceNode) else [depends] if depends is not None else []
            found |= {str(item.value) for item in items if isinstance(item, ScalarNode)}
            edges[logical_id] = found & set(self.resources)
        return edges

    def reaches(self, start: str, goals: set[str]) -> bool:
        return reaches(start, goals, lambda logical_id: self.edges.get(logical_id, ()))


def _refers_to(node: Node | None, logical_id: str) -> bool:
    return node is not None and any(name == logical_id for name, _ in referenced_resources(node))


def users(holder: CfnResource, graph: Graph) -> list[CfnResource]:
    """The functions whose permissions the holder's policy grants."""
    if holder.type in SAM_TYPES:
        return [holder] if holder.type in FUNCTION_TYPES else []
    roles: set[str] = set()
    if holder.type == "AWS::IAM::Role":
        roles = {holder.logical_id}
    else:
        for name in ("Roles", "RoleName"):
            roles |= {n for n, _ in referenced_resources(holder.property(name))} if holder.property(name) else set()
        for resource in graph.resources.values():
            if resource.type == "AWS::IAM::Role" and _refers_to(resource.property("ManagedPolicyArns"), holder.logical_id):
                roles.add(resource.logical_id)
    return [r for r in graph.resources.values()
            if r.type in FUNCTION_TYPES and any(_refers_to(r.property("Role"), role) for role in roles)]


def scope_of(document: CfnDocument, holder: CfnResource, texts: Mapping[str, str]) -> Scope:
    graph = Graph(document)
    functions = users(holder, graph)
    scope = Scope()
    for function in functions:
        scope.add_function(function.logical_id, _targets(function, graph, {holder.logical_id}),
                           handler_sources(document, function, texts), _features(document, function))
    return scope


def _features(document: CfnDocument, function: CfnResource) -> set[str]:
    """What the function's configuration asks of its role beyond its handler's calls."""
    found = {"vpc"} if function.property("VpcConfig") is not None or _globals(document, "VpcConfig") is not None \
        else set()
    tracing = scalar(get(function.property("TracingConfig"), "Mode")) or scalar(function.property("Tracing")) \
        or scalar(_globals(document, "Tracing"))
    if tracing == "Active":
        found.add("tracing")
    return found


def _consumed(function: CfnResource, graph: Graph) -> set[str]:
    found: set[str] = set()
    for resource in graph.resources.values():
        if resource.type == "AWS::Lambda::EventSourceMapping" and _refers_to(resource.property("FunctionName"), function.logical_id):
            found |= {n for n, _ in referenced_resources(resource.property("EventSourceArn"))} if resource.property("EventSourceArn") else set()
    events = function.property("Events")
    for _, event in events.value if isinstance(events, MappingNode) else ():
        kind = scalar(get(event, "Type"))
        properties = get(event, "Properties")
        if kind in ("SQS", "Kinesis", "DynamoDB"):
            source = get(properties, "Queue") or get(properties, "Stream")
            if source is not None:
                found |= {n for n, _ in referenced_resources(source)}
    return found


def _targets(function: CfnResource, graph: Graph, carriers: set[str]) -> list[Target]:
    consumed = _consumed(function, graph)
    named = [n for n, _ in referenced_resources(function.properties)] if function.properties is not None else []
    found: list[Target] = []
    for logical_id in dict.fromkeys(named + sorted(consumed)):
        resource = graph.resources.get(logical_id)
        if resource is None or logical_id == function.logical_id or graph.reaches(logical_id, carriers):
            continue
        made = _target(resource, logical_id in consumed)
        if made is not None:
            found.append(made)
    logs = _log_target(function, graph, carriers)
    if logs is not None:
        found.append(logs)
    return found


def _target(resource: CfnResource, consumed: bool) -> Target | None:
    logical_id = resource.logical_id
    if resource.type == SIMPLE_TABLE:
        return target("dynamodb", logical_id, lambda attribute, suffix: _table_arn(logical_id, attribute, suffix))
    if resource.type not in TARGET_TYPES:
        return None
    service, arn_attribute = TARGET_TYPES[resource.type]
    indexes = any(resource.property(name) is not None for name in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"))

    def arn(attribute: str, suffix: str) -> ArnValue:
        name = "StreamArn" if attribute == "stream_arn" else arn_attribute
        reference = CfnReference(logical_id, name)
        return ArnValue((reference, suffix) if suffix else (reference,))

    return target(service, logical_id, arn, indexes=indexes, consumed=consumed)


def _table_arn(logical_id: str, attribute: str, suffix: str) -> ArnValue | None:
    if attribute != "arn":
        return None
    return ArnValue((CfnTemplate(TABLE_ARN), CfnReference(logical_id), *((suffix,) if suffix else ())))


def _log_target(function: CfnResource, graph: Graph, carriers: set[str]) -> Target | None:
    """The function's log group: a declared group named after it, or the ``/aws/lambda/<name>`` pattern."""
    for group in graph.resources.values():
        if group.type != "AWS::Logs::LogGroup" or graph.reaches(group.logical_id, carriers):
            continue
        name = group.property("LogGroupName")
        literal = scalar(function.property("FunctionName"))
        if _refers_to(name, function.logical_id) or (literal is not None and scalar(name) == f"/aws/lambda/{literal}"):
            value = ArnValue((CfnReference(group.logical_id, "Arn"),))  # the attribute already ends in ":*"
            return target("logs", group.logical_id, lambda attribute, suffix, value=value: value)
    part = _function_name(function, graph, carriers)
    if part is None:
        return None
    value = ArnValue((LOG_GROUP_PREFIX, part, ":*"))
    return target("logs", f"{function.logical_id} log group", lambda attribute, suffix: value)


def _function_name(function: CfnResource, graph: Graph, carriers: set[str]) -> str | CfnReference | CfnTemplate | None:
    node = function.property("FunctionName")
    if node is None:
        if graph.reaches(function.logical_id, carriers):
            return None
        return CfnReference(function.logical_id)
    literal = scalar(node)
    if literal is not None:
        return literal
    call = intrinsic(node)
    if call is None:
        return None
    named = {n for n, _ in referenced_resources(node)}
    if any(graph.reaches(n, carriers) for n in named if n in graph.resources):
        return None
    if call.function == "Ref" and isinstance(call.argument, ScalarNode):
        return CfnReference(str(call.argument.value))
    if call.function == "Fn::Sub" and isinstance(call.argument, ScalarNode):
        return CfnTemplate(str(call.argument.value))
    return None


def _globals(document: CfnDocument, name: str) -> Node | None:
    return get(get(get(document.root, "Globals"), "Function"), name)


def handler_sources(document: CfnDocument, function: CfnResource, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources of a function: inline ``ZipFile``/``InlineCode``, or the files under SAM's ``CodeUri``."""
    runtime = scalar(function.property("Runtime")) or scalar(_globals(document, "Runtime")) or ""
    if not runtime.startswith("python"):
        return None
    inline = scalar(get(function.property("Code"), "ZipFile")) or scalar(function.property("InlineCode"))
    if inline is not None:
        return [inline]
    code_uri = scalar(function.property("CodeUri")) or scalar(_globals(document, "CodeUri"))
    if code_uri is None or "://" in code_uri:
        return None
    folder = posixpath.normpath(posixpath.join(posixpath.dirname(document.path), code_uri))
    prefix = "" if folder in ("", ".") else folder + "/"
    sources = [text for path, text in texts.items() if path.startswith(prefix) and path.endswith(".py")]
    return sources or None
