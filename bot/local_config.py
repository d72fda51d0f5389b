"""The command line's ``.github/iacfix.yml``: the App's own configuration, found above the paths it is given.

A developer who runs ``iacfix fix`` before pushing must get the fixes the App would commit a minute later, so the
command line reads the same file through the same model (``bot/config.py``), with the same problems refused. The
file is looked for as ruff looks for ``pyproject.toml``: from the folder of the paths given up to the repository's
root (the folder holding ``.git``). ``--config FILE`` names one instead; ``--isolated`` reads none.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from iacfix.fixers.engine import EngineConfig

if TYPE_CHECKING:
    from iacfix.bot.config import RepoConfig

# Where the App and the command line read the configuration. Defined here, not in bot/config.py, so that a run
# without a configuration file imports nothing of the model (pydantic costs a scan a tenth of a second).
CONFIG_PATH = ".github/iacfix.yml"


class ConfigError(Exception):
    """The configuration cannot be used: every problem found, one a line, in the App's words."""


@dataclass(frozen=True)
class LocalConfig:
    """A repository configuration and where it came from; ``root`` is the folder its ``paths`` are relative to."""

    config: RepoConfig | None = None  # None: no configuration file, the defaults
    source: Path | None = None
    root: Path | None = None

    def wants(self, path: str) -> bool:
        """Whether a file the command line collected is inside the configuration's ``paths``.

        Files outside the configuration's repository are not its business: they are kept.
        """
        if self.root is None or self.config is None:
            return True
        try:
            relative = Path(path).resolve().relative_to(self.root)
        except ValueError:
            return True
        return self.config.wants(relative.as_posix())


def find_config(paths: Sequence[str]) -> Path | None:
    """The nearest ``.github/iacfix.yml`` at or above the folder holding the given paths, within the repository."""
    folders = [Path(path).resolve() for path in paths] or [Path.cwd()]
    folders = [folder if folder.is_dir() else folder.parent for folder in folders]
    start = Path(os.path.commonpath([str(folder) for folder in folders]))
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_PATH
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():  # the repository's root: a configuration above it belongs to another
            return None
    return None


def load_local_config(paths: Sequence[str], config_file: str | None = None, isolated: bool = False) -> LocalConfig:
    """The configuration the command line runs with: ``--config``, else the one found, else the defaults."""
    if isolated:
        return LocalConfig()
    source = Path(config_file) if config_file else find_config(paths)
    if source is None:
        return LocalConfig()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"{source}: cannot be read: {reason}") from None
    from iacfix.bot.config import parse_config

    config, problems = parse_config(text, str(source))
    if problems:
        raise ConfigError("\n".join(problems))
    folder = source.resolve().parent
    return LocalConfig(config, source, folder.parent if folder.name == ".github" else folder)


def cli_engine_config(local: LocalConfig, arguments: argparse.Namespace,
                      options: dict[str, dict[str, object]]) -> EngineConfig:
    """The repository's choices with the command line's on top, as ruff merges flags over its configuration.

    ``--rule`` replaces the selection (a rule named runs even where the configuration disables it, as ``/fix
    RULE`` does in the App); ``--ignore`` adds to ``disable``; ``--option`` wins over the file's value of the same
    option; ``--unsafe`` applies every unsafe fix, ``rules.unsafe`` those of the rules it names.
    """
    if local.config is None:
        base = EngineConfig()
    else:
        from iacfix.bot.config import engine_config

        base = engine_config(local.config)
    named = tuple(arguments.rule) if arguments.rule else None
    return replace(
        base,
        select=named if named is not None else base.select,
        ignore=(*(() if named is not None else base.ignore), *(arguments.ignore or ())),
        options=_merged(base.options, options),
        unsafe=getattr(arguments, "unsafe", False),
    )


def _merged(*layers: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    merged: dict[str, dict[str, object]] = {}
    for layer in layers:
        for rule, values in layer.items():
            merged.setdefault(rule, {}).update(values)
    return merged


def configured_paths(local: LocalConfig, paths: Iterable[str]) -> set[str]:
    """The collected paths the configuration leaves out (its ``paths.include`` and ``paths.exclude``)."""
    return {path for path in paths if not local.wants(path)}
