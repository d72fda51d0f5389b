"""Regenerate ``fixers/data/taggable.json``: which resource types take tags, and how, in each language.

Sources, each the tool's own description of AWS resources:
- Terraform: the AWS provider's schema (``terraform providers schema -json`` over a local plugin mirror): a
  resource takes tags when it has a ``tags`` map argument, and the provider's ``default_tags`` reach it when it
  also has ``tags_all``;
- CloudFormation: the resource provider schemas cfn-lint ships (their ``tagging`` section names the property,
  whose shape says list of ``Key``/``Value`` or map), and SAM's resource types from aws-sam-translator;
- Pulumi: the ``pulumi_aws`` package, generated from that same provider: a resource takes tags when its ``Args``
  class has a ``tags`` mapping input.

Usage: ``python tools/taggable_types.py [--plugin-dir DIR] [--aws-version 5.100.0]``. Needs ``terraform`` on the
PATH, a plugin mirror holding the AWS provider, cfn-lint, aws-sam-translator and pulumi_aws installed.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import tempfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "fixers" / "data" / "taggable.json"
PROVIDER = "registry.terraform.io/hashicorp/aws"


def terraform(plugin_dir: str, version: str) -> tuple[dict, str]:
    """Taggable Terraform types: those ``default_tags`` reach, and those that take only their own tags."""
    with tempfile.TemporaryDirectory() as folder:
        requirement = f'aws = {{ source = "hashicorp/aws", version = "{version}" }}'
        Path(folder, "main.tf").write_text(f"terraform {{\n  required_providers {{\n    {requirement}\n  }}\n}}\n")
        subprocess.run(["terraform", "init", "-input=false", f"-plugin-dir={plugin_dir}"], cwd=folder, check=True,
                       capture_output=True)
        schema = json.loads(subprocess.run(["terraform", "providers", "schema", "-json"], cwd=folder, check=True,
                                           capture_output=True, text=True).stdout)
        terraform_version = json.loads(subprocess.run(["terraform", "version", "-json"], cwd=folder, check=True,
                                                      capture_output=True, text=True).stdout)["terraform_version"]
    resources = schema["provider_schemas"][PROVIDER]["resource_schemas"]
    found: dict[str, list[str]] = {"default_tags": [], "own_tags": []}
    for name, resource in sorted(resources.items()):
        attributes = resource["block"].get("attributes", {})
        tags = attributes.get("tags")
        if tags is None or tags.get("type") != ["map", "string"] or not (tags.get("optional") or tags.get("required")):
            continue
        found["default_tags" if "tags_all" in attributes else "own_tags"].append(name)
    return found, f"hashicorp/aws {version} provider schema (Terraform {terraform_version})"


def cloudformation() -> tuple[dict, str]:
    """Taggable CloudFormation and SAM types, by the shape and name of their tag property."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    shapes: dict[str, dict[str, list[str]]] = {"list": defaultdict(list), "map": defaultdict(list)}
    for resource_type in sorted(PROVIDER_SCHEMA_MANAGER.get_resource_types("us-east-1")):
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema
        tagging = schema.get("tagging") or {}
        path = tagging.get("tagProperty", "/properties/Tags")
        if not tagging.get("taggable") or path.count("/") != 2:
            continue  # not taggable, or tags nested in another property (EC2 TagSpecifications)
        name = path.rsplit("/", 1)[-1]
        shape = _shape(schema, schema.get("properties", {}).get(name))
        if shape is not None:
            shapes[shape][name].append(resource_type)
    for resource_type in _sam_types():
        shapes["map"]["Tags"].append(resource_type)
    found = {shape: {name: sorted(types) for name, types in sorted(by_name.items())} for shape, by_name in shapes.items()}
    versions = f"cfn-lint {metadata.version('cfn-lint')} resource schemas (us-east-1), " \
               f"aws-sam-translator {metadata.version('aws-sam-translator')}"
    return found, versions


def _resolve(schema: dict, node: dict | None) -> dict:
    while node and "$ref" in node:
        node = schema.get("definitions", {}).get(node["$ref"].rsplit("/", 1)[-1])
    return node or {}


def _shape(schema: dict, tags: dict | None) -> str | None:
    """``list`` for ``[{Key, Value}]`` (nothing else required), ``map`` for an object of strings, else None."""
    tags = _resolve(schema, tags)
    kind = tags.get("type")
    if kind == "array":
        item = _resolve(schema, tags.get("items"))
        keys = set(item.get("properties", {}))
        return "list" if {"Key", "Value"} <= keys and set(item.get("required", [])) <= {"Key", "Value"} else None
    if kind == "object" and (tags.get("patternProperties") or isinstance(tags.get("additionalProperties"), dict)):
        return "map"
    return None


def _sam_types() -> list[str]:
    """SAM's serverless types that take ``Tags``: always a map of strings."""
    import inspect

    from samtranslator.model import sam_resources

    found = []
    for _, cls in inspect.getmembers(sam_resources, inspect.isclass):
        resource_type = getattr(cls, "resource_type", None)
        if isinstance(resource_type, str) and resource_type.startswith("AWS::Serverless::") \
                and "Tags" in getattr(cls, "property_types", {}):
            found.append(resource_type)
    return sorted(set(found))


def pulumi() -> tuple[list[str], str]:
    """``module.Class`` of every pulumi_aws resource whose ``Args`` take a ``tags`` mapping."""
    import pulumi_aws

    root = Path(pulumi_aws.__file__).parent
    found = []
    for path in sorted(root.glob("*/*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text())
        classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
        for name, node in classes.items():
            if not any(ast.unparse(base) == "pulumi.CustomResource" for base in node.bases):
                continue
            args = classes.get(f"{name}Args")
            init = next((item for item in args.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"),
                        None) if args else None
            tags = next((a for a in init.args.kwonlyargs + init.args.args if a.arg == "tags"), None) if init else None
            if tags is not None and "Mapping[str" in ast.unparse(tags.annotation or ast.Constant(None)):
                found.append(f"{path.parent.name}.{name}")
    return found, f"pulumi_aws {metadata.version('pulumi_aws')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--plugin-dir", default="/opt/tf-plugins", help="a Terraform plugin mirror with the AWS provider")
    parser.add_argument("--aws-version", default="5.100.0", help="the AWS provider version to read")
    options = parser.parse_args()
    terraform_types, terraform_source = terraform(options.plugin_dir, options.aws_version)
    cloudformation_types, cloudformation_source = cloudformation()
    pulumi_types, pulumi_source = pulumi()
    data = {
        "sources": {"terraform": terraform_source, "cloudformation": cloudformation_source, "pulumi": pulumi_source},
        "terraform": terraform_types,
        "cloudformation": cloudformation_types,
        "pulumi": pulumi_types,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, indent=1) + "\n")
    counts = {"terraform": sum(map(len, terraform_types.values())), "pulumi": len(pulumi_types),
              "cloudformation": sum(len(t) for by_name in cloudformation_types.values() for t in by_name.values())}
    print(f"wrote {OUTPUT}: {counts}")


if __name__ == "__main__":
    main()
