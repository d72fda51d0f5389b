"""tools/floors.py: the constraints file CI installs the oldest allowed dependency versions from."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools.floors import NoFloor, constraints

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {
    "name": "example",
    "dependencies": ["lark>=1.2.1,<2", "PyGithub>=2.5,<3", "ruamel.yaml.clib>=0.2.8; platform_python_implementation == 'CPython'"],
    "optional-dependencies": {"test": ["pytest>=8,<10", "PyGithub>=2.8,<3", "example[docs]"], "docs": ["mkdocs~=1.5"]},
}


def test_each_dependency_is_pinned_to_its_lower_bound_keeping_its_marker() -> None:
    assert constraints(PROJECT, ["docs"]) == [
        "lark==1.2.1", "mkdocs==1.5", "PyGithub==2.5",
        "ruamel.yaml.clib==0.2.8; platform_python_implementation == \"CPython\"",
    ]


def test_a_dependency_named_twice_gets_the_higher_floor_and_self_references_are_skipped() -> None:
    pinned = constraints(PROJECT, ["test"])
    assert "PyGithub==2.8" in pinned and "PyGithub==2.5" not in pinned
    assert not any(line.startswith("example") for line in pinned)


def test_a_dependency_without_a_lower_bound_is_refused() -> None:
    with pytest.raises(NoFloor, match="requests"):
        constraints({**PROJECT, "dependencies": ["requests<3"]}, [])
    with pytest.raises(ValueError, match="no such extra: dev"):
        constraints(PROJECT, ["dev"])


def test_the_projects_own_dependencies_all_have_floors() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = constraints(project)
    declared = len(project["dependencies"]) + sum(len(extra) for extra in project["optional-dependencies"].values())
    assert all("==" in line for line in pinned) and len(pinned) >= len(project["dependencies"])
    assert len(pinned) <= declared
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "floors.py")], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.splitlines() == pinned
