"""IAC001 lambda-provisioned-concurrency-alias: provisioned concurrency needs an alias of a published version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from iacfix.fixers.model import Edit, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register
from iacfix.fixers.snippets import render

if TYPE_CHECKING:  # each language's parser is imported only when a file of that language is checked
    from iacfix.fixers.cfn.document import CfnDocument, Resource
    from iacfix.fixers.document import Document
    from iacfix.fixers.hcl.document import Attribute, Block, HclDocument
    from iacfix.fixers.pulumi.document import PulumiDocument, ResourceCall

_ALIAS_NAME = re.compile(r"^[a-zA-Z0-9_-]*[a-zA-Z_-][a-zA-Z0-9_-]*$")  # a Lambda alias name: not only digits


@dataclass
class _Plan:
    """The edits that fix one finding, or the reason it cannot be fixed; edits may fall in several files."""

    edits: list[tuple[str, Edit]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    not_fixed_reason: str | None = None

    def add(self, document: Document, edit: Edit, change: str) -> None:
        self.edits.append((document.path, edit))
        self.changes.append(change)

    def refuse(self, reason: str) -> _Plan:
        self.not_fixed_reason = reason
        return self


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

    ## Example
    ```hcl
    resource "aws_lambda_function" "api" {
      function_name = "orders-api"
      role          = aws_iam_role.api.arn
      handler       = "handler.main"
      runtime       = "python3.12"
      filename      = "api.zip"
    }

    resource "aws_lambda_provisioned_concurrency_config" "api" {
      function_name                     = aws_lambda_function.api.function_name
      provisioned_concurrent_executions = 5
      qualifier                         = "$LATEST"
    }
    ```

    ## Use instead
    ```hcl
    resource "aws_lambda_function" "api" {
      function_name = "orders-api"
      role          = aws_iam_role.api.arn
      handler       = "handler.main"
      runtime       = "python3.12"
      filename      = "api.zip"
      publish       = true
    }

    resource "aws_lambda_alias" "api" {
      name             = "live"
      function_name    = aws_lambda_function.api.function_name
      function_version = aws_lambda_function.api.version
    }

    resource "aws_lambda_provisioned_concurrency_config" "api" {
      function_name                     = aws_lambda_function.api.function_name
      provisioned_concurrent_executions = 5
      qualifier                         = aws_lambda_alias.api.name
    }
    ```
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
    options = {"alias_name": "live"}

    @staticmethod
    def alias_name(context: RuleContext) -> str:
        name = str(context.options["alias_name"])
        if not _ALIAS_NAME.fullmatch(name) or len(name) > 128:
            raise ValueError(f"alias_name={name!r} is not a Lambda alias name (letters, digits, - and _, not only digits)")
        return name

    def planned(
        self, document: Document, plan: _Plan, *, subject: str, message: str, start: int, end: int,
        resource_start: int,
    ) -> Finding:
        """The finding for a plan: fixed when every edit falls in the checked file, reported otherwise."""
        elsewhere = sorted({path for path, _ in plan.edits if path != document.path})
        reason = plan.not_fixed_reason
        if reason is None and elsewhere:
            reason = f"the fix would also change {', '.join(elsewhere)}; apply it there by hand"
        if reason is not None:
            return self.finding(
                document, subject=subject, message=message, start=start, end=end, resource_start=resource_start,
                not_fixed_reason=reason,
            )
        return self.finding(
            document, subject=subject, message=message, start=start, end=end, resource_start=resource_start,
            edits=[edit for _, edit in plan.edits], description="; ".join(plan.changes),
        )

    # ------------------------------------------------------------------------------- Terraform
    def check_terraform(self, document: HclDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.hcl.document import HclDocument
        from iacfix.fixers.hcl.lambda_versions import functions_by_label, qualifier_problem

        module = [doc for doc in context.module if isinstance(doc, HclDocument)] or [document]
        functions = functions_by_label(module)
        aliases = {block.labels[1]: (doc, block) for doc in module for block in doc.resources("aws_lambda_alias")}
        for config in document.resources("aws_lambda_provisioned_concurrency_config"):
            qualifier = config.attributes.get("qualifier")
            problem = qualifier_problem(qualifier, functions, aliases) if qualifier is not None else None
            if qualifier is None or problem is None:
                continue
            yield self.planned(
                document, self._terraform_plan(document, config, qualifier, module, functions, aliases, context),
                subject=config.address, start=qualifier.start, end=qualifier.end, resource_start=config.start,
                message=f"{config.address}: provisioned concurrency needs an alias or a published version, but the "
                        f"qualifier {problem}",
            )

    def _terraform_plan(
        self, document: HclDocument, config: Block, qualifier: Attribute, module: list[HclDocument],
        functions: dict[str, tuple[HclDocument, Block]], aliases: dict[str, tuple[HclDocument, Block]],
        context: RuleContext,
    ) -> _Plan:
        from iacfix.fixers.hcl.lambda_versions import (
            LATEST,
            aliases_of,
            is_repeated,
            names_function,
            publishes,
            reference_of,
        )

        plan = _Plan()
        reference = reference_of(qualifier)
        if reference is None and qualifier.literal is None:
            return plan.refuse("the qualifier is an expression the fix cannot rewrite; point it at an alias")
        if is_repeated(config):
            return plan.refuse("the configuration uses count/for_each; add an alias per instance")
        named_alias = aliases.get(reference.label) if reference and reference.resource_type == "aws_lambda_alias" else None
        function_name = config.attributes.get("function_name")
        candidates = [
            next((pair for pair in functions.values() if names_function(function_name, pair[1])), None),
            functions.get(reference.label) if reference and reference.resource_type == "aws_lambda_function" else None,
            next((pair for pair in functions.values() if named_alias and names_function(
                named_alias[1].attributes.get("function_name"), pair[1])), None),
        ]
        found = next((pair for pair in candidates if pair is not None), None)
        if found is None:
            return plan.refuse("the function is not declared in this module")
        function_document, function = found
        indexed = any(ref is not None and ref.indexed for ref in (reference_of(function_name), reference))
        if is_repeated(function) or indexed:
            return plan.refuse(f"{function.address} uses count/for_each; add an alias per instance")

        alias_name = self.alias_name(context)
        existing = named_alias or next(iter(aliases_of(function, module, alias_name)), None)
        function_version = f"{function.address}.version"
        if existing is None:
            label = _free_name(function.labels[1], set(aliases), "_" + alias_name.replace("-", "_"))
            alias_address = f"aws_lambda_alias.{label}"
            snippet = render(
                "lambda_alias.tf.j2", label=label, alias_name=alias_name, function_address=function.address
            )
            plan.add(function_document, function_document.insert_after_block(function, snippet), f"add {alias_address}")
            needs_publishing = True
        else:
            alias_document, alias = existing
            alias_address = alias.address
            version = alias.attributes.get("function_version")
            version_reference = reference_of(version)
            needs_publishing = version_reference is not None and (
                version_reference.address, version_reference.attribute) == (function.address, "version")
            if version is not None and version.literal == LATEST:
                edit = alias_document.replace_value(alias, version, function_version)
                plan.add(alias_document, edit, f"point {alias_address} at {function_version}")
                needs_publishing = True
        if needs_publishing:
            publish = function.attributes.get("publish")
            published = publishes(function)
            if published is None:
                return plan.refuse(f"publish is set by an expression on {function.address}; make it true")
            if not published:
                edit = (
                    function_document.insert_attribute(function, "publish", "true") if publish is None
                    else function_document.replace_value(function, publish, "true")
                )
                plan.add(function_document, edit, f"publish versions of {function.address}")
        if named_alias is None:
            plan.add(document, document.replace_value(config, qualifier, f"{alias_address}.name"),
                     f"qualifier = {alias_address}.name")
        return plan

    # -------------------------------------------------------------------------- CloudFormation
    def check_cloudformation(self, document: CfnDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.cfn.document import entry_of
        from iacfix.fixers.cfn.lambda_versions import ALIAS, FUNCTION, global_function_property, is_latest

        for function in document.of_type(FUNCTION):
            entry = entry_of(function.properties, "ProvisionedConcurrencyConfig")
            if entry is None:
                continue
            yield self.planned(
                document, self._cfn_function_plan(document, function, context),
                subject=f"{function.logical_id}:ProvisionedConcurrencyConfig", start=entry[0].start_mark.index,
                end=entry[0].end_mark.index, resource_start=function.key.start_mark.index,
                message=f"{function.logical_id}: AWS::Lambda::Function has no ProvisionedConcurrencyConfig; it "
                        "belongs on an alias of a published version",
            )
        for alias in document.of_type(ALIAS):
            entry = entry_of(alias.properties, "FunctionVersion")
            if alias.property("ProvisionedConcurrencyConfig") is None or entry is None or not is_latest(entry[1]):
                continue
            yield self.planned(
                document, self._cfn_alias_plan(document, alias),
                subject=f"{alias.logical_id}:FunctionVersion", start=entry[0].start_mark.index,
                end=entry[1].end_mark.index, resource_start=alias.key.start_mark.index,
                message=f"{alias.logical_id}: provisioned concurrency cannot be allocated on an alias of $LATEST; "
                        "point it at a published version",
            )
        if global_function_property(document, "AutoPublishAlias") is not None:
            return
        for function in document.of_type("AWS::Serverless::Function"):
            entry = entry_of(function.properties, "ProvisionedConcurrencyConfig")
            if entry is None or function.property("AutoPublishAlias") is not None:
                continue
            name = self.alias_name(context)
            plan = _Plan()
            plan.add(document, document.set_property(function, "AutoPublishAlias", name), f"AutoPublishAlias: {name}")
            yield self.planned(
                document, plan, subject=f"{function.logical_id}:AutoPublishAlias", start=entry[0].start_mark.index,
                end=entry[0].end_mark.index, resource_start=function.key.start_mark.index,
                message=f"{function.logical_id}: SAM needs AutoPublishAlias to apply ProvisionedConcurrencyConfig",
            )

    def _cfn_function_plan(self, document: CfnDocument, function: Resource, context: RuleContext) -> _Plan:
        """Move the configuration from the function to its alias (a new one, or its existing one of that name)."""
        from iacfix.fixers.cfn.lambda_versions import (
            ALIAS,
            Uncopyable,
            alias_named,
            copied,
            is_latest,
            new_resource,
            replace_entry_value,
            version_number,
        )
        from iacfix.fixers.cfn.render import Ref

        plan = _Plan()
        properties = function.properties
        try:
            configuration = copied(function.property("ProvisionedConcurrencyConfig"))  # type: ignore[arg-type]
        except Uncopyable as tag:
            return plan.refuse(f"the ProvisionedConcurrencyConfig uses {tag}, which the fix does not copy; move it by hand")
        if properties is None or len(properties.value) == 1:
            return plan.refuse("ProvisionedConcurrencyConfig is the function's only property")
        plan.add(document, document.remove_entry(properties, "ProvisionedConcurrencyConfig"),
                 f"remove ProvisionedConcurrencyConfig from {function.logical_id}")
        added: list[tuple[str, dict[str, Any]]] = []
        name = self.alias_name(context)
        alias = alias_named(document, function, name)
        if alias is not None and alias.property("ProvisionedConcurrencyConfig") is not None:
            return plan.refuse(f"{alias.logical_id} already has a ProvisionedConcurrencyConfig; keep one of the two")
        if alias is None:
            version_id = self._cfn_version(document, function, added, plan)
            suffix = re.sub(r"[^A-Za-z0-9]", "", name.title()) or "Live"  # logical ids are alphanumeric
            alias_id = _free_name(f"{function.logical_id}Alias", set(document.resources), suffix)
            alias_properties = {
                "FunctionName": Ref(function.logical_id), "FunctionVersion": version_number(version_id), "Name": name,
                "ProvisionedConcurrencyConfig": configuration,
            }
            added.append((alias_id, new_resource(ALIAS, function, alias_properties)))
            plan.changes.append(f"add {alias_id} carrying it")
        else:
            plan.add(document, document.set_property(alias, "ProvisionedConcurrencyConfig", configuration),
                     f"move it to {alias.logical_id}")
            if is_latest(alias.property("FunctionVersion")):
                version_id = self._cfn_version(document, function, added, plan)
                edit = replace_entry_value(document, alias.properties, "FunctionVersion", version_number(version_id))  # type: ignore[arg-type]
                plan.add(document, edit, f"point {alias.logical_id} at {version_id}")
        self._cfn_add_after(document, function, added, plan)
        return plan

    def _cfn_alias_plan(self, document: CfnDocument, alias: Resource) -> _Plan:
        from iacfix.fixers.cfn.lambda_versions import function_named_by, replace_entry_value, version_number

        plan = _Plan()
        function = function_named_by(document, alias.property("FunctionName"))
        if function is None:
            return plan.refuse("the alias's function is not an AWS::Lambda::Function of this template")
        added: list[tuple[str, dict[str, Any]]] = []
        version_id = self._cfn_version(document, function, added, plan)
        edit = replace_entry_value(document, alias.properties, "FunctionVersion", version_number(version_id))  # type: ignore[arg-type]
        plan.add(document, edit, f"point {alias.logical_id} at {version_id}")
        self._cfn_add_after(document, function, added, plan)
        return plan

    @staticmethod
    def _cfn_version(document: CfnDocument, function: Resource, added: list[tuple[str, dict[str, Any]]], plan: _Plan) -> str:
        """The function's existing version resource, or a new one queued in ``added``."""
        from iacfix.fixers.cfn.lambda_versions import VERSION, new_resource, versions_of
        from iacfix.fixers.cfn.render import Ref

        versions = versions_of(document, function)
        if versions:
            return versions[0].logical_id
        version_id = _free_name(f"{function.logical_id}Version", set(document.resources), "Published")
        added.append((version_id, new_resource(VERSION, function, {"FunctionName": Ref(function.logical_id)})))
        plan.changes.append(f"publish {version_id}")
        return version_id

    @staticmethod
    def _cfn_add_after(document: CfnDocument, function: Resource, added: list[tuple[str, dict[str, Any]]], plan: _Plan) -> None:
        from iacfix.fixers.cfn.lambda_versions import add_resources_after

        if added:
            plan.edits.append((document.path, add_resources_after(document, function, added)))

    # ---------------------------------------------------------------------------------- Pulumi
    def check_pulumi(self, document: PulumiDocument, context: RuleContext) -> Iterator[Finding]:
        from iacfix.fixers.pulumi.lambda_versions import CONFIG, qualifier_problem

        for config in document.of_type(CONFIG):
            qualifier = config.keywords.get("qualifier")
            problem = qualifier_problem(document, qualifier.value) if qualifier is not None else None
            if qualifier is None or problem is None:
                continue
            subject = config.variable or (document.source(config.resource_name) if config.resource_name else config.type)
            start, end = document.span(qualifier)
            yield self.planned(
                document, self._pulumi_plan(document, config, qualifier.value, context), subject=subject,
                start=start, end=end, resource_start=config.statement_start,
                message=f"provisioned concurrency {subject} needs an alias or a published version, but the qualifier "
                        f"{problem}",
            )

    def _pulumi_plan(self, document: PulumiDocument, config: ResourceCall, qualifier: Any, context: RuleContext) -> _Plan:
        from iacfix.fixers.pulumi import lambda_versions as pulumi_lambda

        plan = _Plan()
        functions = list(document.of_type(pulumi_lambda.FUNCTION))
        reference = pulumi_lambda.attribute_of(qualifier)
        if reference is None and pulumi_lambda.string_of(qualifier) is None:
            return plan.refuse("the qualifier is an expression the fix cannot rewrite; point it at an alias")
        named_alias = next((a for a in document.of_type(pulumi_lambda.ALIAS) if reference and a.variable == reference[0]), None)
        candidates = [
            pulumi_lambda.function_named_by(pulumi_lambda.keyword_value(config, "function_name"), functions),
            next((f for f in functions if reference and f.variable == reference[0]), None),
            named_alias and pulumi_lambda.function_named_by(
                pulumi_lambda.keyword_value(named_alias, "function_name"), functions),
        ]
        function = next((call for call in candidates if call is not None), None)
        if function is None:
            return plan.refuse("the function is not declared in this file")
        if function.variable is None:
            return plan.refuse("the function is not assigned to a variable an alias could refer to")

        alias_name = self.alias_name(context)
        existing = named_alias or next(iter(pulumi_lambda.aliases_of(document, function, alias_name)), None)
        if existing is not None and existing.variable is None:
            return plan.refuse("the function's alias is not assigned to a variable the qualifier could refer to")
        function_version = f"{function.variable}.version"
        if existing is None:
            alias_variable = self._pulumi_new_alias(document, function, alias_name, plan)
            needs_publishing = True
        else:
            alias_variable = existing.variable  # type: ignore[assignment]
            version = pulumi_lambda.keyword_value(existing, "function_version")
            needs_publishing = pulumi_lambda.attribute_of(version) == (function.variable, "version")
            if pulumi_lambda.string_of(version) == pulumi_lambda.LATEST:
                plan.add(document, document.replace(version, function_version),  # type: ignore[arg-type]
                         f"point {alias_variable} at {function_version}")
                needs_publishing = True
        if needs_publishing:
            published = pulumi_lambda.publishes(function)
            publish = pulumi_lambda.keyword_value(function, "publish")
            if published is None:
                return plan.refuse(f"publish is set by an expression on {function.variable}; make it True")
            if not published:
                edit = (
                    document.add_keyword(document.keyword_target(function), "publish", "True") if publish is None
                    else document.replace(publish, "True")
                )
                plan.add(document, edit, f"publish versions of {function.variable}")
        if named_alias is None:
            plan.add(document, document.replace(qualifier, f"{alias_variable}.name"), f"qualifier={alias_variable}.name")
        return plan

    @staticmethod
    def _pulumi_new_alias(document: PulumiDocument, function: ResourceCall, alias_name: str, plan: _Plan) -> str:
        """Add ``<function>_<alias> = lambda_.Alias(...)`` right after the function; returns its variable."""
        from iacfix.fixers.pulumi.lambda_versions import quote_of, uses_args_class

        lambda_module, import_edits = document.module_reference("lambda_")
        taken = {call.variable for call in document.resources if call.variable}
        variable = _free_name(f"{function.variable}_{alias_name.replace('-', '_')}", taken, "_alias")
        quote = quote_of(document, function)
        name = function.resource_name
        literal = document.source(name) if name is not None else None
        resource_name = (
            f"{literal[:-1]}-{alias_name}{quote}" if literal and re.fullmatch(r"(['\"])[^'\"{}\\]*\1", literal)
            else f"{quote}{function.variable}-{alias_name}{quote}"
        )
        snippet = render(
            "lambda_alias.py.j2", variable=variable, lambda_module=lambda_module, resource_name=resource_name,
            function=function.variable, alias_name=alias_name, quote=quote, args_class=uses_args_class(function),
        )
        for edit in import_edits:
            plan.add(document, edit, f"import {lambda_module}")
        plan.add(document, document.insert_statement_after(function, snippet), f"add {variable}")
        return variable


def _free_name(wanted: str, taken: set[str], suffix: str) -> str:
    """``wanted``, or ``wanted`` + suffix (+ a number) when something of that name exists already."""
    candidates = [wanted, wanted + suffix, *(f"{wanted}{suffix}{n}" for n in range(2, 100))]
    return next(name for name in candidates if name not in taken)
