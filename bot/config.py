"""The repository's ``.github/iacfix.yml``: one model for the App and the command line.

The App reads it from the default branch, so a pull request cannot switch the App off for itself; an invalid file
never stops a job (the defaults apply and the problems are shown on the check run). The command line finds the
same file above the paths it is given (``bot/local_config.py``) and refuses to run with the same problems.
"""

from __future__ import annotations

import fnmatch
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from iacfix.bot.local_config import CONFIG_PATH  # one spelling for the App and the command line
from iacfix.fixers.engine import EngineConfig
from iacfix.fixers.model import Severity
from iacfix.fixers.registry import OptionError, UnknownRule, options_for, resolve

NEVER_TOUCHED = (".github/workflows/",)


def _known(selectors: list[str]) -> list[str]:
    for selector in selectors:
        try:
            resolve(selector)
        except UnknownRule:
            raise ValueError(f"unknown rule {selector!r} (see `iacfix rules`)") from None
    return selectors


class DeliveryMode(StrEnum):
    """How an automatic run delivers its fixes (the repository's ``mode``)."""

    SUGGEST = "suggest"  # a review whose comments carry suggestion blocks
    COMMIT = "commit"  # one commit on the pull request's branch
    PULL_REQUEST = "pull-request"  # a pull request into the pull request's branch


class RulesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enable: list[str] | None = None
    disable: list[str] = []
    unsafe: list[str] = Field(default=[], description="rules whose unsafe fixes may be committed")
    options: dict[str, dict[str, Any]] = {}
    severity: dict[str, Severity] = Field(default={}, description="a rule's severity instead of its default")

    _check_enable = field_validator("enable")(lambda cls, v: v if v is None else _known(v))
    _check_lists = field_validator("disable", "unsafe")(lambda cls, v: _known(v))
    _check_severity = field_validator("severity")(lambda cls, v: _known(list(v)) and v)

    @field_validator("options")
    @classmethod
    def _check_options(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Each rule's options are checked by that rule's own ``Options``: names and types."""
        for selector in _known(list(value)):
            try:
                options_for(resolve(selector), {selector: value[selector]})
            except OptionError as error:
                raise ValueError(str(error)) from None
        return value


class PathsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include: list[str] = ["**"]
    exclude: list[str] = []


class RepoConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: DeliveryMode = DeliveryMode.SUGGEST
    rules: RulesConfig = RulesConfig()
    paths: PathsConfig = PathsConfig()
    drafts: bool = False
    max_bot_commits: int = Field(default=3, ge=0)

    def wants(self, path: str) -> bool:
        """Whether a file is the App's business: inside include, outside exclude, never a workflow."""
        if path.startswith(NEVER_TOUCHED):
            return False
        included = any(_matches(path, pattern) for pattern in self.paths.include)
        return included and not any(_matches(path, pattern) for pattern in self.paths.exclude)


def _matches(path: str, pattern: str) -> bool:
    if pattern.endswith("/**"):
        return path.startswith(pattern[:-3] + "/") or fnmatch.fnmatchcase(path, pattern)
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.removeprefix("**/"))


def engine_config(config: RepoConfig, *, unsafe: bool = False, rules: list[str] = (),
                  only: frozenset[tuple[str, str, str]] | None = None) -> EngineConfig:
    """The repository's rule choices as the engine takes them; rules named in a ``/fix`` (or ``--rule``) replace
    the repository's selection, and their unsafe fixes may be applied."""
    select = tuple(rules) if rules else (tuple(config.rules.enable) if config.rules.enable is not None else None)
    return EngineConfig(
        select=select,
        ignore=tuple(r for r in config.rules.disable if not rules),
        options=config.rules.options,
        severity=dict(config.rules.severity),
        unsafe=unsafe,
        unsafe_rules=(*config.rules.unsafe, *rules),
        only=only,
    )


def parse_config(text: str | None, source: str = CONFIG_PATH) -> tuple[RepoConfig, list[str]]:
    """The configuration and the problems found in it (the defaults stand in for an invalid file).

    ``source`` names the file in the problems: the repository path in the App, the local path on the command line.
    """
    if text is None or not text.strip():
        return RepoConfig(), []
    try:
        data = YAML(typ="safe").load(text)
    except YAMLError as error:
        return RepoConfig(), [f"{source} is not valid YAML: {error}".replace("\n", " ")]
    if data is None:
        return RepoConfig(), []
    if not isinstance(data, dict):
        return RepoConfig(), [f"{source} must be a mapping of settings"]
    try:
        return RepoConfig.model_validate(data), []
    except ValidationError as error:
        problems = [
            f"{source}: {'.'.join(str(p) for p in problem['loc']) or 'file'}: "
            + problem["msg"].removeprefix("Value error, ")
            for problem in error.errors()
        ]
        return RepoConfig(), problems
