"""Decides which files are infrastructure code, and in which language, before anything is parsed."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass

from iacfix.fixers.model import Language

CLOUDFORMATION_SUFFIXES = (".yaml", ".yml", ".json", ".template")
_PULUMI_IMPORT = re.compile(r"^\s*(?:import\s+pulumi|from\s+pulumi(?:_aws)?[\s.])", re.MULTILINE)
_TEMPLATE_HINT = re.compile(r"AWSTemplateFormatVersion|\b(?:AWS|Custom|Alexa)::[A-Za-z0-9]+|Transform")


@dataclass(frozen=True)
class Classification:
    language: Language | None
    reason: str  # why the file is skipped, or what it was taken for


def classify(path: str, text: str, all_paths: Collection[str] = ()) -> Classification:
    """Classify by name first and content second; CloudFormation is confirmed later by its structure."""
    lower = path.lower()
    if lower.endswith(".tf"):
        return Classification(Language.TERRAFORM, "Terraform configuration")
    if lower.endswith(".tf.json"):
        return Classification(None, "Terraform JSON syntax is not supported")
    if lower.endswith(CLOUDFORMATION_SUFFIXES):
        if _TEMPLATE_HINT.search(text):
            return Classification(Language.CLOUDFORMATION, "may be a CloudFormation template")
        return Classification(None, "YAML/JSON that is not a CloudFormation template")
    if lower.endswith(".py"):
        if _PULUMI_IMPORT.search(text):
            return Classification(Language.PULUMI, "Python importing pulumi")
        if has_pulumi_project(path, all_paths):
            return Classification(Language.PULUMI, "Python in a Pulumi project")
        return Classification(None, "Python that is not part of a Pulumi program")
    return Classification(None, "not an infrastructure file")


def has_pulumi_project(path: str, all_paths: Collection[str]) -> bool:
    """True when a Pulumi.yaml sits in the file's folder or any folder above it."""
    folder = posixpath.dirname(path)
    while True:
        for name in ("Pulumi.yaml", "Pulumi.yml"):
            if posixpath.join(folder, name) in all_paths:
                return True
        if not folder or folder in ("/", "."):
            return False
        folder = posixpath.dirname(folder)
