"""What a Terraform policy is used for: its role, the Lambda functions of that role, and what they reference.

The resources a function names (its environment, its event source mappings, its log group) are the only
resources a narrowed policy grants; a resource that depends on the policy itself is left out, since naming it
from the policy would close a dependency cycle.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from iacfix.fixers.hcl.document import Attribute, Block, HclDocument
from iacfix.fixers.hcl.policies import HclExpression
from iacfix.fixers.iam.policy import ArnValue, Scope, Target, target
from iacfix.fixers.references import reaches

# A resource or data source address (``aws_s3_bucket.logs``, ``data.archive_file.api``): provider types have an ``_``.
_REFERENCE = re.compile(r"(?<![\w.])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.([a-z_]+))?")
_PLAIN_EXPRESSION = re.compile(r"^(?:var|local)\.[A-Za-z_][\w.]*$")

# Terraform resource types a function may use, by IAM service prefix.
TARGET_TYPES = {
    "aws_dynamodb_table": "dynamodb", "aws_s3_bucket": "s3", "aws_sqs_queue": "sqs", "aws_sns_topic": "sns",
    "aws_kinesis_stream": "kinesis", "aws_secretsmanager_secret": "secretsmanager", "aws_kms_key": "kms",
    "aws_lambda_function": "lambda", "aws_sfn_state_machine": "states", "aws_cloudwatch_event_bus": "events",
    "aws_cloudwatch_log_group": "logs",
}
LOG_GROUP_PREFIX = "arn:aws:logs:*:*:log-group:/aws/lambda/"


def _texts(block: Block) -> Iterable[Attribute]:
    yield from block.attributes.values()
    for nested in block.blocks:
        yield from _texts(nested)


def references(block: Block, attribute: str | None = None) -> list[tuple[str, str | None]]:
    """(address, attribute) pairs the block (or one of its attributes) refers to, indexed references excluded."""
    sources = [block.attributes[attribute]] if attribute is not None and attribute in block.attributes else (
        [] if attribute is not None else list(_texts(block))
    )
    found = []
    for source in sources:
        for match in _REFERENCE.finditer(source.text):
            if match.group(2) is None:
                found.append((match.group(1), match.group(3)))
    return found


@dataclass
class Module:
    """The blocks of one Terraform module folder, by address, with their reference graph."""

    blocks: dict[str, Block] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)  # address -> file

    @classmethod
    def of(cls, documents: Iterable[HclDocument]) -> Module:
        module = cls()
        for document in documents:
            for block in document.blocks:
                if block.type in ("resource", "data"):
                    module.blocks[block.address] = block
                    module.paths[block.address] = document.path
        return module

    def of_type(self, resource_type: str) -> list[Block]:
        return [b for b in self.blocks.values() if b.type == "resource" and b.labels[0] == resource_type]

    def reaches(self, start: str, goals: set[str]) -> bool:
        """Whether ``start`` depends, through references and depends_on, on one of ``goals``."""
        return reaches(start, goals, lambda address: (
            [target for target, _ in references(self.blocks[address])] if address in self.blocks else []
        ))


def bearers(holder: Block, module: Module) -> list[Block]:
    """The resources that carry a policy: the holder, or the resources using a policy document's JSON."""
    if holder.type != "data":
        return [holder]
    return [block for block in module.blocks.values()
            if block.type == "resource" and any(address == holder.address for address, _ in references(block))]


def roles(bearer: Block, module: Module) -> set[str]:
    kind = bearer.labels[0] if bearer.labels else ""
    if kind == "aws_iam_role":
        return {bearer.address}
    if kind == "aws_iam_role_policy":
        return {a for a, _ in references(bearer, "role") if a.startswith("aws_iam_role.")}
    if kind == "aws_iam_policy":
        found = {role.address for role in module.of_type("aws_iam_role")
                 if any(a == bearer.address for a, _ in references(role, "managed_policy_arns"))}
        for attachment in module.of_type("aws_iam_role_policy_attachment") + module.of_type("aws_iam_policy_attachment"):
            if any(a == bearer.address for a, _ in references(attachment, "policy_arn")):
                for name in ("role", "roles"):
                    found |= {a for a, _ in references(attachment, name) if a.startswith("aws_iam_role.")}
        return found
    return set()


def scope_of(document: HclDocument, holder: Block, documents: list[HclDocument], texts: Mapping[str, str]) -> Scope:
    """The role's functions, the resources they use (where the policy may name them) and their handlers' calls."""
    module = Module.of(documents or [document])
    carriers = bearers(holder, module)
    carrier_addresses = {b.address for b in carriers}
    role_addresses = set().union(*(roles(b, module) for b in carriers)) if carriers else set()
    functions = [f for f in module.of_type("aws_lambda_function")
                 if any(a in role_addresses for a, _ in references(f, "role"))]
    scope = Scope()
    for function in functions:
        scope.add_function(function.address, _targets(function, module, carrier_addresses),
                           handler_sources(function, module, texts), _features(function))
    return scope


def _features(function: Block) -> set[str]:
    """What the function's configuration asks of its role beyond its handler's calls."""
    found = {"vpc"} if function.nested("vpc_config") else set()
    if any((config.attributes["mode"].literal if "mode" in config.attributes else None) == "Active"
           for config in function.nested("tracing_config")):
        found.add("tracing")
    return found


def _targets(function: Block, module: Module, carriers: set[str]) -> list[Target]:
    found: list[Target] = []
    consumed: set[str] = set()
    for mapping in module.of_type("aws_lambda_event_source_mapping"):
        if any(a == function.address for a, _ in references(mapping, "function_name")):
            consumed |= {a for a, _ in references(mapping, "event_source_arn")}
    addresses = [a for a, _ in references(function)] + sorted(consumed)
    for address in dict.fromkeys(addresses):
        resource = module.blocks.get(address)
        if resource is None or resource.type != "resource" or address == function.address:
            continue
        made = _target(resource, address in consumed, module, carriers)
        if made is not None:
            found.append(made)
    logs = _log_target(function, module, carriers)
    if logs is not None:
        found.append(logs)
    return found


def _usable(resource: Block, module: Module, carriers: set[str]) -> bool:
    counted = "count" in resource.attributes or "for_each" in resource.attributes
    return not counted and not module.reaches(resource.address, carriers)


def _target(resource: Block, consumed: bool, module: Module, carriers: set[str]) -> Target | None:
    service = TARGET_TYPES.get(resource.labels[0])
    if service is None or service == "logs" or not _usable(resource, module, carriers):
        return None
    address = resource.address
    indexes = bool(resource.nested("global_secondary_index") or resource.nested("local_secondary_index"))
    return target(service, address, lambda attribute, suffix: _arn(address, attribute, suffix),
                  indexes=indexes, consumed=consumed)


def _arn(address: str, attribute: str, suffix: str) -> ArnValue:
    reference = HclExpression(f"{address}.{attribute}")
    return ArnValue((reference, suffix) if suffix else (reference,))


def _log_target(function: Block, module: Module, carriers: set[str]) -> Target | None:
    """The function's log group: a declared group, or the ``/aws/lambda/<name>`` pattern from its name."""
    name = function.attributes.get("function_name")
    for group in module.of_type("aws_cloudwatch_log_group"):
        group_name = group.attributes.get("name")
        if group_name is None or not _usable(group, module, carriers):
            continue
        named_after = any(a == function.address for a, _ in references(group, "name"))
        if named_after or (name is not None and name.literal is not None
                           and group_name.literal == f"/aws/lambda/{name.literal}"):
            return target("logs", group.address, lambda attribute, suffix, g=group.address: _arn(g, attribute, suffix))
    part: str | HclExpression | None = None
    if name is not None and name.literal is not None:
        part = name.literal
    elif name is not None and not module.reaches(function.address, carriers) and "count" not in function.attributes \
            and "for_each" not in function.attributes:
        part = HclExpression(f"{function.address}.function_name")
    elif name is not None and _PLAIN_EXPRESSION.match(name.text):
        part = HclExpression(name.text)
    if part is None:
        return None
    value = _joined(LOG_GROUP_PREFIX, part, ":*")
    return target("logs", f"{function.address} log group", lambda attribute, suffix: value)


def _joined(*parts: str | HclExpression) -> ArnValue:
    merged: list[str | HclExpression] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return ArnValue(tuple(merged))


def handler_sources(function: Block, module: Module, texts: Mapping[str, str]) -> list[str] | None:
    """The Python sources packaged for a function through ``data.archive_file``; None when they are unknown."""
    runtime = function.attributes.get("runtime")
    if runtime is None or not (runtime.literal or "").startswith("python"):
        return None
    folder = posixpath.dirname(module.paths.get(function.address, ""))
    archives = [module.blocks.get(a) for a, _ in references(function, "filename")]
    archive = next((a for a in archives if a is not None and a.labels[:1] == ["archive_file"]), None)
    if archive is None:
        return None
    for attribute, many in (("source_file", False), ("source_dir", True)):
        if attribute not in archive.attributes:
            continue
        path = _path(archive.attributes[attribute], folder)
        if path is None:
            return None
        if not many:
            return [texts[path]] if path in texts else None
        prefix = "" if path in ("", ".") else path.rstrip("/") + "/"
        sources = [text for name, text in texts.items() if name.startswith(prefix) and name.endswith(".py")]
        return sources or None
    return None


def _path(attribute: Attribute, folder: str) -> str | None:
    text = attribute.text.strip()
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    text = text.replace("${path.module}", ".").replace("${path.root}", ".")
    if text.startswith("path.module"):
        text = "." + text[len("path.module"):]
    if "${" in text or '"' in text or "(" in text:
        return None
    return posixpath.normpath(posixpath.join(folder, text)) if not text.startswith("/") else None
