"""Which resource types take tags, and how each language writes them, from ``data/taggable.json``.

The data comes from the tools' own descriptions of AWS (the AWS provider's schema, the CloudFormation resource
schemas cfn-lint ships, SAM, pulumi_aws), extracted by ``tools/taggable_types.py``; see ``data/README.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from iacfix.fixers.model import Language


@dataclass(frozen=True)
class TagShape:
    """Where a resource type takes its tags: the setting, a ``map`` of names to values or a ``list`` of
    ``Key``/``Value`` entries, and (Terraform) whether the AWS provider's ``default_tags`` reach it."""

    setting: str
    form: Literal["map", "list"]
    default_tags: bool = False


@cache
def _shapes() -> dict[Language, dict[str, TagShape]]:
    data = json.loads(resources.files("iacfix.fixers").joinpath("data", "taggable.json").read_text())
    terraform = {name: TagShape("tags", "map", True) for name in data["terraform"]["default_tags"]}
    terraform |= {name: TagShape("tags", "map") for name in data["terraform"]["own_tags"]}
    cloudformation = {resource_type: TagShape(setting, form)  # type: ignore[arg-type]
                      for form, by_setting in data["cloudformation"].items()
                      for setting, types in by_setting.items() for resource_type in types}
    pulumi = {name: TagShape("tags", "map") for name in data["pulumi"]}
    return {Language.TERRAFORM: terraform, Language.CLOUDFORMATION: cloudformation, Language.PULUMI: pulumi}


def tag_shape(language: Language, resource_type: str) -> TagShape | None:
    """How a resource type takes tags in a language; None when it takes none."""
    return _shapes()[language].get(resource_type)


def sources() -> dict[str, str]:
    """The tool versions the data was extracted from, by language."""
    data = json.loads(resources.files("iacfix.fixers").joinpath("data", "taggable.json").read_text())
    return dict(data["sources"])
