"""The IAM actions a Python handler needs, read from the boto3 calls in its source.

The source is parsed with :mod:`ast`, never imported or run. Clients and resources are followed through simple
assignments (``table = boto3.resource("dynamodb").Table(name)``, ``self.s3 = boto3.client("s3")``); each
method called on them becomes an action (``put_item`` -> ``dynamodb:PutItem``), kept only when AWS documents it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from iacfix.fixers.iam import dataset

# boto3 service names whose IAM prefix differs.
SERVICE_PREFIX = {"stepfunctions": "states", "dynamodbstreams": "dynamodb", "logs": "logs"}

# Sub-resources of boto3's resource API that act on one service object (a table, a bucket, a queue).
SUB_RESOURCES = {"Table", "Bucket", "Object", "ObjectSummary", "Queue", "Topic", "Stream", "Message"}

# Methods whose IAM action is not their PascalCase name.
METHOD_ACTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "s3": {
        "upload_file": ("PutObject",), "upload_fileobj": ("PutObject",), "put": ("PutObject",),
        "download_file": ("GetObject",), "download_fileobj": ("GetObject",), "head_object": ("GetObject",),
        "get": ("GetObject",), "load": ("GetObject",), "delete": ("DeleteObject",),
        "delete_objects": ("DeleteObject",), "list_objects": ("ListBucket",), "list_objects_v2": ("ListBucket",),
        "copy_object": ("GetObject", "PutObject"), "copy": ("GetObject", "PutObject"), "objects": ("ListBucket",),
        "generate_presigned_post": ("PutObject",),
    },
    "dynamodb": {
        "batch_writer": ("BatchWriteItem",), "load": ("DescribeTable",), "reload": ("DescribeTable",),
        "transact_write_items": ("PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"),
        "transact_get_items": ("GetItem",),
    },
    "sqs": {
        "send_message_batch": ("SendMessage",), "send_messages": ("SendMessage",),
        "receive_messages": ("ReceiveMessage",), "delete_message_batch": ("DeleteMessage",),
        "delete_messages": ("DeleteMessage",), "delete": ("DeleteMessage",),
        "change_message_visibility_batch": ("ChangeMessageVisibility",),
        "change_visibility": ("ChangeMessageVisibility",),
    },
    "sns": {"publish_batch": ("Publish",)},
    "lambda": {"invoke": ("InvokeFunction",), "invoke_async": ("InvokeFunction",)},
}

_NOT_CALLS = {"get_paginator", "get_waiter", "can_paginate", "close", "meta", "exceptions", "batch_writer_close",
              "generate_presigned_url"}


def pascal(method: str) -> str:
    """``put_item`` -> ``PutItem``, ``list_objects_v2`` -> ``ListObjectsV2``."""
    return "".join(part[:1].upper() + part[1:] for part in method.split("_") if part)


def actions_for(boto3_service: str, method: str) -> set[str]:
    """The documented IAM actions one boto3 method call needs (empty when it needs none that we know)."""
    prefix = SERVICE_PREFIX.get(boto3_service, boto3_service)
    names = METHOD_ACTIONS.get(prefix, {}).get(method, (pascal(method),))
    found = {dataset.canonical(f"{prefix}:{name}") for name in names}
    return {action for action in found if action is not None}


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _service_argument(call: ast.Call) -> str | None:
    argument = call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg == "service_name"), None
    )
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None


class _Calls(ast.NodeVisitor):
    def __init__(self) -> None:
        self.objects: dict[str, str] = {}  # dotted name -> boto3 service name
        self.actions: dict[str, set[str]] = {}

    def service_of(self, node: ast.AST) -> str | None:
        """The boto3 service an expression is a client, resource or sub-resource of."""
        dotted = _dotted(node)
        if dotted is not None and dotted in self.objects:
            return self.objects[dotted]
        if isinstance(node, ast.Attribute) and node.attr in ("meta", "client"):
            return self.service_of(node.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("client", "resource"):
                name = _service_argument(node)
                if name is not None and dataset.service(SERVICE_PREFIX.get(name, name)) is not None:
                    return name
            if node.func.attr in SUB_RESOURCES:
                return self.service_of(node.func.value)
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "object_versions"):
            return self.service_of(node.value)
        return None

    def remember(self, targets: Iterable[ast.AST], value: ast.AST) -> None:
        found = self.service_of(value)
        if found is None:
            return
        for target in targets:
            dotted = _dotted(target)
            if dotted is not None:
                self.objects[dotted] = found

    def visit_Assign(self, node: ast.Assign) -> None:
        self.remember(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.remember([node.target], node.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr not in _NOT_CALLS:
            owner = node.func.value
            service = self.service_of(owner)
            method = node.func.attr
            if isinstance(owner, ast.Attribute) and owner.attr in ("objects", "object_versions"):
                method = "objects"
            if service is not None and method not in ("client", "resource", *SUB_RESOURCES):
                self.record(service, method)
        if (  # a paginator, and a presigned URL, act with the role's permissions for the method they name
            isinstance(node.func, ast.Attribute) and node.func.attr in ("get_paginator", "generate_presigned_url")
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        ):
            service = self.service_of(node.func.value)
            if service is not None:
                self.record(service, node.args[0].value)
        self.generic_visit(node)

    def record(self, service: str, method: str) -> None:
        actions = actions_for(service, method)
        if actions:
            prefix = SERVICE_PREFIX.get(service, service)
            self.actions.setdefault(prefix, set()).update(actions)


def calls_in(sources: Iterable[str]) -> dict[str, set[str]] | None:
    """IAM actions per service prefix that the handler sources call; None when one of them does not parse."""
    collector = _Calls()
    trees = []
    for source in sources:
        try:
            trees.append(ast.parse(source))
        except (SyntaxError, ValueError, RecursionError):
            return None
    # Assignments first, in every file, so a client created in one module and used in another is known.
    for _ in range(2):
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign):
                    collector.remember(node.targets, node.value)
                elif isinstance(node, ast.AnnAssign) and node.value is not None:
                    collector.remember([node.target], node.value)
    for tree in trees:
        collector.visit(tree)
    return collector.actions


_HANDLER = re.compile(r"^([A-Za-z_][\w./-]*)\.([A-Za-z_]\w*)$")


def handler_module(handler: str) -> str | None:
    """``app.handler`` -> ``app.py``; ``src/api.main`` -> ``src/api.py``; None for non-Python handlers."""
    match = _HANDLER.match(handler)
    if match is None or "::" in handler:
        return None
    return match.group(1).replace(".", "/") + ".py"
