"""What a Pulumi policy is used for: its role, the functions of that role, and the resources they use.

A program is run top to bottom, so a policy can only name a resource whose variable is assigned before the
policy's statement, in the same file; anything else is reported, not guessed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping

import libcst as cst

from iacfix.fixers.iam.policy import ArnValue, Scope, Target, target
from iacfix.fixers.pulumi.document import PulumiDocument, ResourceCall, dotted_name
from iacfix.fixers.pulumi.policies import PolicyStatement, PyExpression, holder_of, qualified

TARGET_TYPES = {
    "dynamodb.Table": "dynamodb", "s3.Bucket": "s3", "s3.BucketV2": "s3", "sqs.Queue": "sqs", "sns.Topic": "sns",
    "kinesis.Stream": "kinesis", "secretsmanager.Secret": "secretsmanager", "kms.Key": "kms",
    "lambda_.Function": "lambda", "sfn.StateMachine": "states", "cloudwatch.EventBus": "events",
}
OUTPUT_ATTRIBUTES = {"arn", "id", "name", "url", "bucket", "stream_arn", "function_name"}
LOG_GROUP_PREFIX = "arn:aws:logs:*:*:log-group:/aws/lambda/"
Located = tuple[PulumiDocument, ResourceCall]



def _resource_name(node: cst.BaseExpression | None) -> str | None:
    """``role.arn`` -> ``role``; ``iam.lambda_role.id`` -> ``lambda_role``: the variable an output belongs to."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    parts = dotted.split(".")
    if len(parts) > 1 and parts[-1] in OUTPUT_ATTRIBUTES:
        parts = parts[:-1]
    return parts[-1]


def _keyword(call: ResourceCall, name: str) -> cst.BaseExpression | None:
    arg = call.keywords.get(name)
    return arg.value if arg is not None else None


def _names(node: cst.CSTNode) -> Iterator[tuple[str, str | None]]:
    """Every ``variable`` and ``variable.attribute`` an expression uses."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Attribute) and isinstance(current.value, cst.Name):
            yield current.value.value, current.attr.value
            continue
        if isinstance(current, cst.Name):
            yield current.value, None
            continue
        stack.extend(current.children)


def _holder(document: PulumiDocument, found: PolicyStatement, calls: list[Located]) -> Located | None:
    direct = holder_of(document, found)
    if direct is not None:
        return document, direct
    statement = next((s for s in document.module.body if document.span(s)[0] == found.top_level), None)
    variable = None
    if isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Assign):
        targets = statement.body[0].targets
        variable = targets[0].target.value if targets and isinstance(targets[0].target, cst.Name) else None
    if variable is None:
        return None
    pattern = re.compile(rf"\b{re.escape(variable)}\b")
    users = [(doc, call) for doc, call in calls if doc is document and call.start > found.end
             and pattern.search(doc.source(call.call))]
    return users[0] if len(users) == 1 else None


def _roles(holder: Located, calls: list[Located]) -> set[str]:
    document, call = holder
    if call.type == "iam.Role":
        return {call.variable} if call.variable else set()
    if call.type in ("iam.RolePolicy",):
        name = _resource_name(_keyword(call, "role"))
        return {name} if name else set()
    if call.type == "iam.Policy" and call.variable:
        found = set()
        for _, role in calls:
            arns = _keyword(role, "managed_policy_arns") if role.type == "iam.Role" else None
            if role.variable and arns is not None and any(name == call.variable for name, _ in _names(arns)):
                found.add(role.variable)
        for _, attachment in calls:
            if attachment.type == "iam.RolePolicyAttachment" and _resource_name(_keyword(attachment, "policy_arn")) == call.variable:
                name = _resource_name(_keyword(attachment, "role"))
                if name:
                    found.add(name)
        return found
    return set()


def scope_of(document: PulumiDocument, found: PolicyStatement, documents: list[PulumiDocument],
             texts: Mapping[str, str]) -> Scope:
    calls = [(doc, call) for doc in documents for call in doc.resources]
    holder = _holder(document, found, calls)
    roles = _roles(holder, calls) if holder is not None else set()
    functions = [(doc, call) for doc, call in calls
                 if call.type == "lambda_.Function" and _resource_name(_keyword(call, "role")) in roles]
    variables = {call.variable: (doc, call) for doc, call in calls if call.variable}
    scope = Scope()
    for function in functions:
        scope.add_function(function[1].variable or "function", _targets(function, found, document, variables, calls),
                           handler_sources(*function, texts), _features(*function))
    return scope


def _features(document: PulumiDocument, function: ResourceCall) -> set[str]:
    """What the function's configuration asks of its role beyond its handler's calls."""
    found = {"vpc"} if "vpc_config" in function.keywords else set()
    tracing = _keyword(function, "tracing_config")
    if tracing is not None and re.search(r"""["']Active["']""", document.source(tracing)):
        found.add("tracing")
    return found


def _usable(located: Located, document: PulumiDocument, found: PolicyStatement) -> bool:
    doc, call = located
    return doc is document and call.variable is not None and call.statement_start < found.top_level


def _targets(function: Located, found: PolicyStatement, document: PulumiDocument,
             variables: dict[str, Located], calls: list[Located]) -> list[Target]:
    _, call = function
    consumed: set[str] = set()
    for _, mapping in calls:
        if mapping.type == "lambda_.EventSourceMapping" and call.variable and \
                _resource_name(_keyword(mapping, "function_name")) == call.variable:
            source = _resource_name(_keyword(mapping, "event_source_arn"))
            if source:
                consumed.add(source)
    used = [name for arg in call.keywords.values() for name, _ in _names(arg.value)]
    made: list[Target] = []
    for name in dict.fromkeys(used + sorted(consumed)):
        located = variables.get(name)
        if located is None or located[1] is call or not _usable(located, document, found):
            continue
        resource = located[1]
        service = TARGET_TYPES.get(resource.type)
        if service is None:
            continue
        indexes = any(k in resource.keywords for k in ("global_secondary_indexes", "local_secondary_indexes"))
        new = target(service, name, lambda attribute, suffix, name=name: _arn(name, attribute, suffix),
                     indexes=indexes, consumed=name in consumed)
        if new is not None:
            made.append(new)
    logs = _log_target(function, found, document, calls)
    if logs is not None:
        made.append(logs)
    return made


def _arn(variable: str, attribute: str, suffix: str) -> ArnValue:
    reference = PyExpression(f"{variable}.{attribute}")
    return ArnValue((reference, suffix) if suffix else (reference,))


def _literal(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        return node.evaluated_value
    return None


def _log_target(function: Located, found: PolicyStatement, document: PulumiDocument, calls: list[Located]) -> Target | None:
    doc, call = function
    name = _literal(_keyword(call, "name"))
    for located in calls:
        group = located[1]
        if group.type != "cloudwatch.LogGroup" or not _usable(located, document, found):
            continue
        group_name = _keyword(group, "name")
        mentions = call.variable is not None and group_name is not None and any(
            n == call.variable for n, _ in _names(group_name))
        if mentions or (name is not None and _literal(group_name) == f"/aws/lambda/{name}"):
            value = _arn(group.variable or "", "arn", ":*")
            return target("logs", group.variable or "", lambda attribute, suffix, value=value: value)
    if name is not None:
        value = ArnValue((f"{LOG_GROUP_PREFIX}{name}:*",))
    elif _usable(function, document, found):
        value = ArnValue((LOG_GROUP_PREFIX, PyExpression(f"{call.variable}.name"), ":*"))
    else:
        return None
    return target("logs", f"{call.variable} log group", lambda attribute, suffix: value)


def handler_sources(document: PulumiDocument, function: ResourceCall, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources of a function's code: ``FileArchive``/``FileAsset`` paths or ``StringAsset`` text."""
    runtime = _keyword(function, "runtime")
    runtime_text = (_literal(runtime) or dotted_name(runtime) or "").lower() if runtime is not None else ""
    code = _keyword(function, "code")
    if "python" not in runtime_text or code is None:
        return None
    folder = posixpath.dirname(document.path)
    sources: list[str] = []
    assets = [node for node in _calls(code) if (qualified(document, node.func) or "").startswith("pulumi.")]
    for asset in assets:
        kind = (qualified(document, asset.func) or "").rsplit(".", 1)[-1]
        if kind == "AssetArchive":
            continue
        argument = _literal(asset.args[0].value) if asset.args else None
        if argument is None:
            return None
        if kind == "StringAsset":
            sources.append(argument)
            continue
        path = posixpath.normpath(posixpath.join(folder, argument))
        if kind == "FileAsset" and path.endswith(".py") and path in texts:
            sources.append(texts[path])
        elif kind == "FileArchive" and not path.endswith((".zip", ".jar")):
            prefix = "" if path in ("", ".") else path + "/"
            found = [text for name, text in texts.items() if name.startswith(prefix) and name.endswith(".py")]
            if not found:
                return None
            sources.extend(found)
        else:
            return None
    return sources or None


def _calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            yield current
        stack.extend(current.children)
