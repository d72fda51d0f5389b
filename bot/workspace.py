"""Reads what the engine needs from a pull request: its changed IaC files, and the files around them.

Rules look beyond one file (a Terraform module's other ``.tf`` files, a Pulumi program's ``Pulumi.yaml``
and handler sources), so the folders of the changed files are read too, within limits. Everything is read
as blobs by sha: one call per file, whatever the size, and nothing is read twice.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from iacfix.bot.config import RepoConfig
from iacfix.bot.github import GitHubClient

IAC_SUFFIXES = (".tf", ".yaml", ".yml", ".json", ".template", ".py")
CONTEXT_SUFFIXES = (".tf", ".py", ".yaml", ".yml", ".json", ".template", ".js", ".ts")
MAX_CONTEXT_FILES = 200
MAX_FILE_BYTES = 2 * 1024 * 1024
REGULAR, EXECUTABLE = "100644", "100755"


@dataclass
class PullWorkspace:
    tree_sha: str
    files: dict[str, bytes] = field(default_factory=dict)
    # Git file modes of the changed files (100644, 100755), so a commit keeps an executable executable.
    modes: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    patches: dict[str, str | None] = field(default_factory=dict)
    shas: dict[str, str] = field(default_factory=dict)  # each file's blob at the head


def changed_iac_files(pull_files: list[dict[str, Any]], config: RepoConfig) -> list[dict[str, Any]]:
    return [
        f for f in pull_files
        if f["status"] != "removed" and f["filename"].endswith(IAC_SUFFIXES) and config.wants(f["filename"])
    ]


def read_workspace(client: GitHubClient, tree_sha: str, changed: list[dict[str, Any]]) -> PullWorkspace:
    workspace = PullWorkspace(tree_sha)
    tree = client.tree(tree_sha)
    modes = {entry["path"]: entry.get("mode", REGULAR) for entry in tree}
    for entry in changed:
        path = entry["filename"]
        if modes.get(path, REGULAR) not in (REGULAR, EXECUTABLE):
            continue  # a symlink's blob is its target's name, not code: never analysed, never rewritten
        workspace.modes[path] = modes.get(path, REGULAR)
        workspace.changed.append(path)
        workspace.patches[path] = entry.get("patch")
        workspace.files[path] = client.blob(entry["sha"])
        workspace.shas[path] = entry["sha"]
    for path, sha in _context(tree, workspace.changed):
        workspace.files[path] = client.blob(sha)
        workspace.shas[path] = sha
    return workspace


def read_base(client: GitHubClient, tree_sha: str, workspace: PullWorkspace) -> dict[str, bytes]:
    """The workspace's files as the pull request's base has them. A resource declared there may be deployed
    already, so a fix adopts what AWS made for it instead of creating it again; a file the base lacks is new.
    Files the pull request did not change are the head's bytes: only changed ones cost a call."""
    base: dict[str, bytes] = {}
    for entry in client.tree(tree_sha):
        path = entry["path"]
        if path not in workspace.files or entry.get("mode", REGULAR) not in (REGULAR, EXECUTABLE):
            continue
        if entry["sha"] == workspace.shas.get(path):
            base[path] = workspace.files[path]
        elif entry.get("size", 0) <= MAX_FILE_BYTES:
            base[path] = client.blob(entry["sha"])
    return base


def _context(tree: list[dict[str, Any]], changed: list[str]) -> list[tuple[str, str]]:
    """Files next to (and, for Pulumi and CloudFormation, below) the changed ones, and Pulumi.yaml above them."""
    folders = {posixpath.dirname(path) for path in changed}
    deep = {posixpath.dirname(path) for path in changed if not path.endswith(".tf")}
    wanted: list[tuple[str, str]] = []
    for entry in tree:
        path = entry["path"]
        if entry.get("mode", REGULAR) not in (REGULAR, EXECUTABLE) or path in changed or entry.get("size", 0) > MAX_FILE_BYTES:
            continue
        folder = posixpath.dirname(path)
        beside = folder in folders and path.endswith(CONTEXT_SUFFIXES)
        below = any(folder.startswith(d + "/") or (d == "" and folder) for d in deep) and path.endswith(".py")
        project = posixpath.basename(path) in ("Pulumi.yaml", "Pulumi.yml") and any(
            (c + "/").startswith(folder + "/") or folder == "" for c in changed
        )
        if beside or below or project:
            wanted.append((path, entry["sha"]))
    wanted.sort(key=lambda item: (item[0].count("/"), item[0]))
    return wanted[:MAX_CONTEXT_FILES]
