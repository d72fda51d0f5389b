"""Writes the oldest versions pyproject.toml allows, as a pip constraints file: ``name==floor`` per dependency.

CI installs the project with these constraints into a virtualenv of its own and runs the fast tests there, so
a lower bound that no longer works (an API used that the floor lacks) fails CI instead of a user's install.

    python tools/floors.py [--extra test] [--output FILE]     (default: every extra, to standard output)
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


class NoFloor(ValueError):
    """A dependency without a lower bound: nothing says which version the project still works with."""


def floor(specifier: SpecifierSet) -> str:
    """The lowest version a specifier admits, read from its ``>=`` (or ``==``, ``~=``) clause."""
    lowest = [spec.version for spec in specifier if spec.operator in (">=", "==", "~=")]
    if len(lowest) != 1:
        raise NoFloor(f"{specifier or '(none)'}: give exactly one >=, == or ~= bound")
    return lowest[0]


def constraints(project: dict, extras: list[str] | None = None) -> list[str]:
    """``name==floor`` lines (with the requirement's environment marker) for the dependencies and the extras."""
    optional = project.get("optional-dependencies", {})
    chosen = list(optional) if extras is None else extras
    unknown = set(chosen) - set(optional)
    if unknown:
        raise ValueError(f"no such extra: {', '.join(sorted(unknown))}")
    floors: dict[str, tuple[Version, str]] = {}
    for text in [*project["dependencies"], *(item for extra in chosen for item in optional[extra])]:
        requirement = Requirement(text)
        if requirement.name == project["name"]:  # an extra that names the project's own other extras
            continue
        try:
            lowest = floor(requirement.specifier)
        except NoFloor as error:
            raise NoFloor(f"{requirement.name}: {error}") from None
        line = f"{requirement.name}=={lowest}" + (f"; {requirement.marker}" if requirement.marker else "")
        # Named twice (the App's floor, and a higher one its tests need): the installable floor is the higher.
        key = canonicalize_name(requirement.name)
        if key not in floors or Version(lowest) > floors[key][0]:
            floors[key] = (Version(lowest), line)
    return [floors[name][1] for name in sorted(floors)]


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--extra", action="append", help="only this extra's dependencies besides the required ones")
    options.add_argument("--output", type=Path, help="write here instead of standard output")
    options.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    arguments = options.parse_args(argv)
    project = tomllib.loads(arguments.pyproject.read_text(encoding="utf-8"))["project"]
    try:
        text = "".join(line + "\n" for line in constraints(project, arguments.extra))
    except ValueError as error:
        print(f"floors: {error}", file=sys.stderr)
        return 2
    if arguments.output:
        arguments.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
