"""The repository's ``.github/iacfix.yml``, read from the default branch so a PR cannot switch the App off.

An invalid file never stops a job: the defaults apply and the errors are shown on the check run.
"""

from __future__ import annotations

import fnmatch
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from iacfix.fixers.registry import UnknownRule, resolve

CONFIG_PATH = ".github/iacfix.yml"
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

    _check_enable = field_validator("enable")(lambda cls, v: v if v is None else _known(v))
    _check_lists = field_validator("disable", "unsafe")(lambda cls, v: _known(v))

    @field_validator("options")
    @classmethod
    def _check_options(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        _known(list(value))
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


def parse_config(text: str | None) -> tuple[RepoConfig, list[str]]:
    """The configuration and the problems found in it (the defaults stand in for an invalid file)."""
    if text is None or not text.strip():
        return RepoConfig(), []
    try:
        data = YAML(typ="safe").load(text)
    except YAMLError as error:
        return RepoConfig(), [f"{CONFIG_PATH} is not valid YAML: {error}".replace("\n", " ")]
    if data is None:
        return RepoConfig(), []
    if not isinstance(data, dict):
        return RepoConfig(), [f"{CONFIG_PATH} must be a mapping of settings"]
    try:
        return RepoConfig.model_validate(data), []
    except ValidationError as error:
        problems = [
            f"{CONFIG_PATH}: {'.'.join(str(p) for p in problem['loc']) or 'file'}: {problem['msg']}"
            for problem in error.errors()
        ]
        return RepoConfig(), problems
