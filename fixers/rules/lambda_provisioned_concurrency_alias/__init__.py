"""IAC001 lambda-provisioned-concurrency-alias: provisioned concurrency needs an alias of a published version.

Terraform and Pulumi declare the configuration as a resource whose ``qualifier`` must name an alias or a
published version: one plan over the vocabulary serves both. CloudFormation writes it as a property of the
function or of an alias: its plans are in ``cloudformation.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import CannotFix, Changes, Document, Node, Reference, Resource, Unit
from iacfix.fixers.kinds import (
    FUNCTION_NAME,
    LAMBDA_ALIAS,
    LAMBDA_FUNCTION,
    PROVISIONED_CONCURRENCY,
    Setting,
    attribute_name,
)
from iacfix.fixers.model import Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.values import Ref

LATEST = "$LATEST"
QUALIFIER = Setting("qualifier", None)
CONFIG_FUNCTION = Setting("function_name", None)
PUBLISH = Setting("publish", None)
ALIAS_NAME = Setting("name", "Name")
ALIAS_FUNCTION = Setting("function_name", "FunctionName")
ALIAS_VERSION = Setting("function_version", "FunctionVersion")
ALIAS_NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]*[a-zA-Z_-][a-zA-Z0-9_-]*$")  # not only digits


@register
class LambdaProvisionedConcurrencyAlias(Rule):
    """Provisioned concurrency set on `$LATEST`, on an unpublished version, or on the function itself.

    ## What it does
    Finds provisioned concurrency that Lambda cannot allocate: a Terraform
    `aws_lambda_provisioned_concurrency_config` or Pulumi `ProvisionedConcurrencyConfig` whose `qualifier` is
    `"$LATEST"`, the `version` of a function that does not publish versions (which is `$LATEST` too), or another
    attribute of the function; an alias that points at `$LATEST`; a CloudFormation `ProvisionedConcurrencyConfig`
    written on `AWS::Lambda::Function`, where the property does not exist (cfn-lint E3002), or on an alias whose
    `FunctionVersion` is `$LATEST`; and a SAM function with `ProvisionedConcurrencyConfig` but no
    `AutoPublishAlias`, which SAM refuses to transform.

    ## Why is this bad?
    Lambda keeps execution environments initialised only for a published version or an alias of one; `$LATEST`
    cannot carry provisioned concurrency. Lambda rejects such a configuration when it is applied, and CloudFormation
    and SAM reject the template before that. Reviews of latency-critical services keep finding it: the
    concurrency meant to remove cold starts never exists, and requests keep paying cold starts of hundreds of
    milliseconds.

    ## What the fix does
    The function is published, an alias named `live` is added on its published version, and the configuration's
    qualifier names the alias instead of `$LATEST` or a version number.
    An existing alias of the function is reused (and pointed at the published version if it was on `$LATEST`).
    CloudFormation: the configuration moves from the function to a new `AWS::Lambda::Alias` named `live` on an
    `AWS::Lambda::Version` of the function, both added right after it (an existing version of the function, or its
    alias named `live`, is reused); an alias on `$LATEST` is pointed at `!GetAtt <Version>.Version`. SAM functions
    get `AutoPublishAlias: live`. Pulumi: `publish=True` on the function, an `Alias` assigned to `<function>_live`
    right after it, and `qualifier=<function>_live.name`.

    ## Fix safety
    Safe: publishing a version and adding an alias create new resources without changing what the function
    runs, and the concurrency the author asked for starts to exist. Callers that invoke the unqualified
    function keep using `$LATEST`, which has no provisioned concurrency; point them at the alias. A
    CloudFormation `AWS::Lambda::Version` is immutable: publishing new code later needs a new version resource
    (SAM's `AutoPublishAlias` does that for you). Not fixed automatically: functions or configurations using
    `count`/`for_each`, functions not declared in the same module, template or program, Pulumi functions not
    assigned to a variable, `publish` set by an expression, qualifiers computed by an expression, and fixes that
    would have to change a second file.

    ## Options
    - `alias_name` (default `live`): the name of the alias the fix creates.

    ## References
    - https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
    - https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
    - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_provisioned_concurrency_config
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-alias.html
    - https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
    """

    code = "IAC001"
    name = "lambda-provisioned-concurrency-alias"
    title = "Provisioned concurrency must target an alias of a published version"
    severity = Severity.ERROR
    seeds = ("seed 004 §1", "seed 003 §1–2", "seed 000 §3")
    languages = (Language.TERRAFORM, Language.CLOUDFORMATION, Language.PULUMI)

    @dataclass(frozen=True)
    class Options:
        alias_name: str = "live"

        def __post_init__(self) -> None:
            if not ALIAS_NAME_PATTERN.match(self.alias_name) or len(self.alias_name) > 128:
                raise ValueError("a Lambda alias name has letters, digits, - and _ (not only digits), at most 128")

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        if document.language is Language.CLOUDFORMATION:
            from iacfix.fixers.rules.lambda_provisioned_concurrency_alias.cloudformation import check_template

            yield from check_template(self, document, context)
            return
        for config in document.resources(PROVISIONED_CONCURRENCY):
            qualifier = config.get(QUALIFIER)
            problem = qualifier_problem(qualifier, context.unit) if qualifier is not None else None
            if qualifier is None or problem is None:
                continue
            message = (f"provisioned concurrency {config.subject} needs an alias or a published version, "
                       f"but the qualifier {problem}")
            changes = context.changes(document)
            try:
                self.plan(config, qualifier, context, changes)
            except CannotFix as reason:
                yield self.finding(qualifier, message, subject=config.subject, resource=config,
                                   not_fixed_reason=str(reason))
                continue
            yield self.finding(qualifier, message, subject=config.subject, resource=config, fix=changes)

    def plan(self, config: Resource, qualifier: Node, context: RuleContext, changes: Changes) -> None:
        """Point the qualifier at an alias of a published version: the function's alias, or a new one."""
        unit = context.unit
        reference = qualifier.reference()
        if reference is None and qualifier.literal is None:
            raise CannotFix("the qualifier is an expression the fix cannot rewrite; point it at an alias")
        if config.repeated:
            raise CannotFix("the configuration uses count/for_each; add an alias per instance")
        named_alias = unit.referenced(qualifier, LAMBDA_ALIAS)
        function = _function_of(config, qualifier, named_alias, unit)
        if function is None:
            raise CannotFix("the function is not declared in this module or program")
        if function.name is None:
            raise CannotFix("the function is not assigned to a variable an alias could refer to")
        if function.repeated or (reference is not None and reference.indexed):
            raise CannotFix(f"{function.subject} uses count/for_each; add an alias per instance")
        alias_name = context.options.alias_name
        existing = named_alias or next(iter(aliases_of(function, unit, alias_name)), None)
        if existing is None:
            _same_file(changes, function)
            alias = changes.add_resource_after(function, LAMBDA_ALIAS, {
                ALIAS_NAME: alias_name, ALIAS_FUNCTION: Ref(function, "name"), ALIAS_VERSION: Ref(function, "version"),
            }, role=alias_name)
            changes.describe(f"add alias {alias.name}")
            needs_publishing = True
        else:
            version = existing.get(ALIAS_VERSION)
            needs_publishing = _reads(version, function, "version")
            if version is not None and version.literal == LATEST:
                _same_file(changes, existing)
                changes.replace(version, Ref(function, "version"))
                changes.describe(f"point {existing.subject} at the published version")
                needs_publishing = True
        if needs_publishing:
            publish = function.get(PUBLISH)
            if publish is not None and publish.is_true() is None:
                raise CannotFix(f"publish is set by an expression on {function.subject}; make it true")
            if publish is None or publish.is_true() is False:
                _same_file(changes, function)
                changes.set(function, PUBLISH, True)
                changes.describe(f"publish versions of {function.subject}")
        if named_alias is None:
            changes.replace(qualifier, Ref(existing or alias, "name"))
            changes.describe("point the qualifier at the alias")


def qualifier_problem(qualifier: Node, unit: Unit) -> str | None:
    """What is wrong with a qualifier, or None when it names an alias or a published version (or is unknown)."""
    if qualifier.literal == LATEST:
        return f'is "{LATEST}"'
    reference = qualifier.reference()
    target = unit.resource(reference.name) if reference is not None else None
    if target is not None and target.is_a(LAMBDA_FUNCTION):
        if reference.attribute != _attribute(target, "version"):  # type: ignore[union-attr]
            return f"is {target.subject}.{reference.attribute}, not a version"  # type: ignore[union-attr]
        if publishes(target) is False:
            return f"is the version of {target.subject}, which publishes no versions ($LATEST)"
        return None
    if target is not None and target.is_a(LAMBDA_ALIAS):
        version = target.get(ALIAS_VERSION)
        if version is not None and version.literal == LATEST:
            return f"names alias {target.subject}, which points at $LATEST"
        if _unpublished_version(version, unit):
            return f"names alias {target.subject}, whose function publishes no versions ($LATEST)"
        return None
    if reference is None and qualifier.literal is None and (
            qualifier.mentions(LATEST) or any(_unpublished_version_reference(r, unit) for r in qualifier.references())):
        return "can be $LATEST"
    return None


def publishes(function: Resource) -> bool | None:
    """Whether a function publishes versions: False when ``publish`` is absent or false, None for an expression."""
    publish = function.get(PUBLISH)
    return False if publish is None else publish.is_true()


def aliases_of(function: Resource, unit: Unit, preferred: str) -> list[Resource]:
    """The function's aliases, the one named ``preferred`` first."""
    found = [alias for alias in unit.resources(LAMBDA_ALIAS) if names_function(alias.get(ALIAS_FUNCTION), function)]
    return sorted(found, key=lambda alias: (alias.get(ALIAS_NAME) or _NONE).literal != preferred)


def names_function(node: Node | None, function: Resource) -> bool:
    """Whether a ``function_name`` value designates the function: by reference, or by its literal name."""
    if node is None:
        return False
    reference = node.reference()
    if reference is not None:
        readable = {_attribute(function, name) for name in ("name", "arn", "id")}
        return reference.name == function.name and reference.attribute in readable
    own = function.get(FUNCTION_NAME)
    return node.literal is not None and own is not None and own.literal == node.literal


def _function_of(config: Resource, qualifier: Node, alias: Resource | None, unit: Unit) -> Resource | None:
    functions = list(unit.resources(LAMBDA_FUNCTION))
    candidates = [
        next((f for f in functions if names_function(config.get(CONFIG_FUNCTION), f)), None),
        unit.referenced(qualifier, LAMBDA_FUNCTION),
        next((f for f in functions if alias is not None and names_function(alias.get(ALIAS_FUNCTION), f)), None),
    ]
    return next((function for function in candidates if function is not None), None)


def _reads(node: Node | None, resource: Resource, attribute: str) -> bool:
    reference = node.reference() if node is not None else None
    return reference is not None and reference.name == resource.name and reference.attribute == _attribute(
        resource, attribute)


def _unpublished_version(node: Node | None, unit: Unit) -> bool:
    reference = node.reference() if node is not None else None
    return reference is not None and _unpublished_version_reference(reference, unit)


def _unpublished_version_reference(reference: Reference, unit: Unit) -> bool:
    target = unit.resource(reference.name)
    return (target is not None and target.is_a(LAMBDA_FUNCTION)
            and reference.attribute == _attribute(target, "version") and publishes(target) is False)


def _attribute(resource: Resource, name: str) -> str | None:
    return attribute_name(resource.document.language, resource.type, name)


def _same_file(changes: Changes, resource: Resource) -> None:
    if resource.document is not changes.document:
        raise CannotFix(f"the fix would also change {resource.document.path}; apply it there by hand")


class _Missing:
    literal = None


_NONE = _Missing()
