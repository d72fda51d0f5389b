"""IAC001 in CloudFormation, where provisioned concurrency is a property: of an alias (right), of the function
(where it does not exist), or of a SAM function that needs ``AutoPublishAlias`` to apply it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from iacfix.fixers.document import CannotFix, Changes, Document, Resource
from iacfix.fixers.kinds import LAMBDA_ALIAS, LAMBDA_FUNCTION, LAMBDA_VERSION, Setting
from iacfix.fixers.model import Finding
from iacfix.fixers.registry import RuleContext
from iacfix.fixers.rules.lambda_provisioned_concurrency_alias import (
    ALIAS_FUNCTION,
    ALIAS_NAME,
    ALIAS_VERSION,
    LATEST,
    aliases_of,
    names_function,
)
from iacfix.fixers.values import Copy, NewResource, Ref

if TYPE_CHECKING:
    from iacfix.fixers.rules.lambda_provisioned_concurrency_alias import LambdaProvisionedConcurrencyAlias

CONFIG = Setting(None, "ProvisionedConcurrencyConfig")
AUTO_PUBLISH = Setting(None, "AutoPublishAlias")
VERSION_FUNCTION = Setting(None, "FunctionName")
PLAIN_FUNCTION = "AWS::Lambda::Function"
SAM_FUNCTION = "AWS::Serverless::Function"


def check_template(rule: LambdaProvisionedConcurrencyAlias, document: Document,
                   context: RuleContext) -> Iterator[Finding]:
    alias_name = context.options.alias_name
    for function in document.resources(LAMBDA_FUNCTION):
        config = function.get(CONFIG)
        if config is None:
            continue
        if function.type == PLAIN_FUNCTION:
            message = (f"{function.subject}: AWS::Lambda::Function has no ProvisionedConcurrencyConfig; it belongs on "
                       "an alias of a published version")
            changes = context.changes(document)
            reason = _attempt(_move_to_alias, function, alias_name, context, changes)
            yield rule.finding(config, message, subject=f"{function.subject}:ProvisionedConcurrencyConfig",
                               resource=function, fix=None if reason else changes, not_fixed_reason=reason)
        elif function.type == SAM_FUNCTION and function.get(AUTO_PUBLISH) is None:
            changes = context.changes(document)
            changes.set(function, AUTO_PUBLISH, alias_name)
            changes.describe(f"AutoPublishAlias: {alias_name}")
            yield rule.finding(config, f"{function.subject}: SAM needs AutoPublishAlias to apply "
                               "ProvisionedConcurrencyConfig", subject=f"{function.subject}:AutoPublishAlias",
                               resource=function, fix=changes)
    for alias in document.resources(LAMBDA_ALIAS):
        version = alias.get(ALIAS_VERSION)
        if alias.get(CONFIG) is None or version is None or version.literal != LATEST:
            continue
        changes = context.changes(document)
        reason = _attempt(_publish_for, alias, version, context, changes)
        yield rule.finding(version, f"{alias.subject}: provisioned concurrency cannot be allocated on an alias of "
                           "$LATEST; point it at a published version", subject=f"{alias.subject}:FunctionVersion",
                           resource=alias, fix=None if reason else changes, not_fixed_reason=reason)


def _attempt(plan: Callable[..., None], *arguments: Any) -> str | None:
    """Run a plan; the reason it cannot be carried out, or None."""
    try:
        plan(*arguments)
    except CannotFix as reason:
        return str(reason)
    return None


def _move_to_alias(function: Resource, alias_name: str, context: RuleContext, changes: Changes) -> None:
    """Move the configuration from the function to its alias: its existing one of that name, or a new one."""
    config = function.get(CONFIG)
    assert config is not None
    if function.keys() == ["ProvisionedConcurrencyConfig"]:
        raise CannotFix("ProvisionedConcurrencyConfig is the function's only property")
    alias = next((a for a in aliases_of(function, context.unit, alias_name)
                  if (a.get(ALIAS_NAME) and a.get(ALIAS_NAME).literal == alias_name)), None)  # type: ignore[union-attr]
    if alias is not None and alias.get(CONFIG) is not None:
        raise CannotFix(f"{alias.subject} already has a ProvisionedConcurrencyConfig; keep one of the two")
    changes.remove(function, CONFIG)
    changes.describe(f"remove ProvisionedConcurrencyConfig from {function.subject}")
    if alias is None:
        version = _version_of(function, context, changes)
        new = changes.add_resource_after(function, LAMBDA_ALIAS, {
            ALIAS_FUNCTION: Ref(function, "name"), ALIAS_VERSION: Ref(version, "version"), ALIAS_NAME: alias_name,
            CONFIG: Copy(config),
        }, role=alias_name)
        changes.describe(f"add {new.name} carrying it")
        return
    changes.set(alias, CONFIG, Copy(config))
    changes.describe(f"move it to {alias.subject}")
    version_node = alias.get(ALIAS_VERSION)
    if version_node is not None and version_node.literal == LATEST:
        version = _version_of(function, context, changes)
        changes.replace(version_node, Ref(version, "version"))
        changes.describe(f"point {alias.subject} at {version.name}")


def _publish_for(alias: Resource, version_node, context: RuleContext, changes: Changes) -> None:  # type: ignore[no-untyped-def]
    function = next((f for f in context.unit.resources(LAMBDA_FUNCTION)
                     if f.type == PLAIN_FUNCTION and names_function(alias.get(ALIAS_FUNCTION), f)), None)
    if function is None:
        raise CannotFix("the alias's function is not an AWS::Lambda::Function of this template")
    version = _version_of(function, context, changes)
    changes.replace(version_node, Ref(version, "version"))
    changes.describe(f"point {alias.subject} at {version.name}")


def _version_of(function: Resource, context: RuleContext, changes: Changes) -> Resource | NewResource:
    """The function's existing version resource, or a new one added after it."""
    existing = [v for v in context.unit.resources(LAMBDA_VERSION) if names_function(v.get(VERSION_FUNCTION), function)]
    if existing:
        return existing[0]
    version = changes.add_resource_after(function, LAMBDA_VERSION, {VERSION_FUNCTION: Ref(function, "name")},
                                         role="published")
    changes.describe(f"publish {version.name}")
    return version
