"""IAC017 environment-suffix-allowed-values: an environment suffix pinned to a list stops the next environment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from iacfix.fixers.document import Document, Node
from iacfix.fixers.kinds import ALLOWED_PATTERN, ALLOWED_VALUES, CONSTRAINT_DESCRIPTION, PARAMETER_DEFAULT
from iacfix.fixers.model import Applicability, Finding, Language, Severity
from iacfix.fixers.registry import Rule, RuleContext, register

SUFFIX_NAME = re.compile(r"^(?:(?:environment|env|stage)(?:suffix|name)?|suffix)$", re.IGNORECASE)
DEFAULT_PATTERN = "^[a-z0-9-]{1,20}$"


@register
class EnvironmentSuffixAllowedValues(Rule):
    """Environment-suffix parameters restricted to a fixed list of values.

    ## What it does
    Finds CloudFormation parameters named like an environment suffix (`EnvironmentSuffix`, `EnvSuffix`,
    `Environment`, `Env`, `Stage`, `StageName`, `Suffix`, ...) whose `AllowedValues` pin them to a list.
    CloudFormation only: Terraform variables and Pulumi configuration have no such list in the code that deploys.

    ## Why is this bad?
    A suffix only names the copies of a stack (`orders-dev`, `orders-pr-1234`, `orders-eu2`). Pinning it to
    `[dev, staging, prod]` makes every other environment fail at the first step: a per-branch preview, a second
    account, a disaster-recovery region cannot deploy until someone edits the template. Reviews of cross-account
    pipelines keep finding exactly that.

    ## What the fix does
    `AllowedValues` becomes an `AllowedPattern` (by default `^[a-z0-9-]{1,20}$`).
    The pattern accepts every value the list allowed: when a listed value (or the default) has capitals,
    underscores or more characters, the default pattern is widened to accept them. A `ConstraintDescription` is
    rewritten to describe the pattern, so that it stays true.

    ## Fix safety
    Unsafe: the template accepts values it refused before, so a mistyped suffix now deploys a new copy of the
    stack instead of failing. Left alone: a parameter the template branches on (used in `Conditions`) or uses as
    a key of a `Mappings` table, whose values mean something beyond a name. Found but not fixed: a listed value or
    default that the pattern refuses (the default pattern is only widened to capitals, underscores and length).

    ## Options
    - `pattern` (default `^[a-z0-9-]{1,20}$`): the `AllowedPattern` to write.
    - `constraint_description` (default: a description of the default pattern, or "must match <pattern>"): the
      `ConstraintDescription` written in place of an existing one.

    ## References
    - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
    """

    code = "IAC017"
    name = "environment-suffix-allowed-values"
    title = "Environment suffixes must not be pinned to a list of values"
    severity = Severity.WARNING
    seeds = ("seed 001 §3c",)
    languages = (Language.CLOUDFORMATION,)
    applicability = Applicability.UNSAFE

    @dataclass(frozen=True)
    class Options:
        pattern: str = DEFAULT_PATTERN
        constraint_description: str | None = None

        def __post_init__(self) -> None:
            try:
                re.compile(self.pattern)
            except re.error as error:
                raise ValueError(f"pattern is not a regular expression: {error}") from None

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        parameters = document.section("Parameters")
        if parameters is None:
            return
        conditions = document.section("Conditions")
        branched = {r.name for r in conditions.references()} if conditions is not None else set()
        names = parameters.keys()
        for name in names:
            parameter = parameters.get(name)
            listed = parameter.at(ALLOWED_VALUES) if parameter is not None and SUFFIX_NAME.match(name) else None
            values = [item.literal for item in listed.items() or []] if listed is not None else []
            if parameter is None or listed is None or not values or None in values or name in branched \
                    or _keys_a_mapping(document, values):
                continue
            message = (f"parameter {name} allows only {', '.join(map(str, values))}: any other environment "
                       "cannot deploy this template")
            default = parameter.at(PARAMETER_DEFAULT)
            accepted = [str(value) for value in values] + ([str(default.literal)] if default is not None
                                                            and default.literal is not None else [])
            pattern, description = _pattern(context.options, accepted)
            refused = [value for value in accepted if not re.search(pattern, value)]
            subject = f"Parameters.{name}"
            if refused:
                yield self.finding(parameter, message, subject=subject, span=parameter.header, not_fixed_reason=(
                    f"the pattern {pattern} refuses {refused[0]}: set the rule's pattern option to one that accepts "
                    "every listed value"))
                continue
            changes = context.changes(document)
            changes.rename(listed, ALLOWED_PATTERN.cloudformation or "")
            changes.replace(listed, pattern)
            constraint = parameter.at(CONSTRAINT_DESCRIPTION)
            if constraint is not None:
                changes.replace(constraint, description)
            changes.describe(f"replace the allowed values of {name} with the pattern {pattern}")
            yield self.finding(parameter, message, subject=subject, span=parameter.header, fix=changes)


def _pattern(options: EnvironmentSuffixAllowedValues.Options, values: list[str]) -> tuple[str, str]:
    """The pattern to write and its description: the configured one, or the default widened to the values."""
    if options.pattern != DEFAULT_PATTERN:
        return options.pattern, options.constraint_description or f"must match {options.pattern}"
    capitals = any(char.isupper() for value in values for char in value)
    underscores = any("_" in value for value in values)
    longest = max(20, *(len(value) for value in values))
    characters = "a-z" + ("A-Z" if capitals else "") + "0-9" + ("_" if underscores else "") + "-"
    kinds = ["lowercase letters" if not capitals else "letters", "digits"] + (["underscores"] if underscores else [])
    description = f"{', '.join(kinds)} and hyphens, at most {longest} characters"
    return f"^[{characters}]{{1,{longest}}}$", options.constraint_description or description


def _keys_a_mapping(document: Document, values: list[object]) -> bool:
    """Whether the values are the keys of a ``Mappings`` table (the template looks settings up by them)."""
    mappings = document.section("Mappings")
    keys = mappings.keys() if mappings is not None else []
    tables: list[Node] = [table for key in keys if mappings is not None and (table := mappings.get(key)) is not None]
    return any(set(map(str, values)) <= set(table.keys()) for table in tables)
