"""A bare git repository driven through git's plumbing, so everything the App writes is a real git object.

Writes go through `hash-object -w`, `mktree`, `commit-tree` and `update-ref` with the expected old value, which is
the compare-and-swap GitHub performs when a ref update is not forced.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ZERO_SHA = "0" * 40
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


class GitError(RuntimeError):
    """git refused: a missing object, a malformed path, a ref that moved."""


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    type: str
    sha: str
    path: str
    size: int | None = None


@dataclass(frozen=True)
class Identity:
    name: str
    email: str
    date: datetime

    def git_date(self) -> str:
        return f"@{int(self.date.timestamp())} +0000"


@dataclass(frozen=True)
class CommitObject:
    sha: str
    tree: str
    parents: list[str]
    author: Identity
    committer: Identity
    message: str


def _identity(line: str) -> Identity:
    name, _, rest = line.partition(" <")
    email, _, stamp = rest.partition("> ")
    seconds = int(stamp.split()[0])
    return Identity(name, email, datetime.fromtimestamp(seconds, UTC))


class BareRepository:
    """One bare repository on disk; every method is one or two git plumbing commands."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, path: Path, default_branch: str) -> BareRepository:
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "--quiet", "--bare", f"--initial-branch={default_branch}", str(path)],
                       check=True, capture_output=True)
        return cls(path)

    def run(self, *args: str, input: bytes | None = None, env: dict[str, str] | None = None,
            check: bool = True) -> str:
        result = self.run_bytes(*args, input=input, env=env, check=check)
        return result.decode("utf-8", errors="replace")

    def run_bytes(self, *args: str, input: bytes | None = None, env: dict[str, str] | None = None,
                  check: bool = True) -> bytes:
        full_env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", **(env or {})}
        result = subprocess.run(["git", "--git-dir", str(self.path), *args], input=input, capture_output=True,
                                env=full_env)
        if check and result.returncode != 0:
            raise GitError(result.stderr.decode("utf-8", errors="replace").strip())
        return result.stdout

    # reading

    def resolve(self, revision: str, kind: str = "commit") -> str | None:
        """The sha a branch name, ref or sha stands for, peeled to `kind`; None when it does not exist."""
        path_form = ":" in revision  # <commit>:<path> cannot be peeled with ^{kind}: check the type instead
        spec = revision if path_form else f"{revision}^{{{kind}}}"
        output = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", spec, check=False).strip()
        if not output or (path_form and self.object_type(output) != kind):
            return None
        return output

    def ref_sha(self, ref: str) -> str | None:
        output = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", ref, check=False).strip()
        return output or None

    def refs(self, prefix: str = "refs/") -> dict[str, str]:
        output = self.run("for-each-ref", "--format=%(refname) %(objectname)", prefix)
        return dict(line.split(" ", 1) for line in output.splitlines())

    def object_type(self, sha: str) -> str | None:
        output = self.run("cat-file", "-t", sha, check=False).strip()
        return output or None

    def read_blob(self, sha: str) -> bytes:
        return self.run_bytes("cat-file", "blob", sha)

    def read_commit(self, sha: str) -> CommitObject:
        raw = self.run("cat-file", "commit", sha)
        headers, _, message = raw.partition("\n\n")
        tree, parents, author, committer = "", [], None, None
        for line in headers.splitlines():
            key, _, value = line.partition(" ")
            if key == "tree":
                tree = value
            elif key == "parent":
                parents.append(value)
            elif key == "author":
                author = _identity(value)
            elif key == "committer":
                committer = _identity(value)
        assert author is not None and committer is not None, sha
        return CommitObject(sha, tree, parents, author, committer, message)

    def tree_entries(self, tree: str, recursive: bool = False) -> list[TreeEntry]:
        """Entries of a tree with blob sizes; recursive lists subtrees too, as GitHub's `recursive=1` does."""
        args = ["-l", "-z", *(["-r", "-t"] if recursive else []), tree]
        entries = []
        for record in self.run("ls-tree", *args).split("\0"):
            if not record:
                continue
            meta, _, path = record.partition("\t")
            mode, kind, sha, size = meta.split(maxsplit=3)
            entries.append(TreeEntry(mode, kind, sha, path, None if size.strip() == "-" else int(size)))
        return entries

    def files_at(self, revision: str) -> dict[str, bytes]:
        tree = self.resolve(revision, "tree")
        if tree is None:
            raise GitError(f"unknown revision {revision}")
        return {entry.path: self.read_blob(entry.sha) for entry in self.tree_entries(tree, recursive=True)
                if entry.type == "blob"}

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        result = subprocess.run(["git", "--git-dir", str(self.path), "merge-base", "--is-ancestor", ancestor,
                                 descendant], capture_output=True)
        return result.returncode == 0

    def merge_base(self, first: str, second: str) -> str | None:
        return self.run("merge-base", first, second, check=False).strip() or None

    def commits_between(self, base: str, head: str) -> list[str]:
        return self.run("rev-list", "--reverse", f"{base}..{head}").split()

    # writing

    def write_blobs(self, contents: list[bytes]) -> list[str]:
        """Stores blobs with one `hash-object -w` for all of them."""
        if not contents:
            return []
        with tempfile.TemporaryDirectory() as scratch:
            paths = []
            for index, content in enumerate(contents):
                path = Path(scratch) / str(index)
                path.write_bytes(content)
                paths.append(str(path))
            output = self.run("hash-object", "-w", "--no-filters", "--stdin-paths", input="\n".join(paths).encode())
        return output.split()

    def build_tree(self, base_tree: str | None, changes: dict[str, TreeEntry | None]) -> str:
        """A new tree: `base_tree` with the given paths set (nested paths allowed) or, for None, removed."""
        return self._build(base_tree, changes) or EMPTY_TREE

    def _build(self, tree: str | None, changes: dict[str, TreeEntry | None]) -> str | None:
        entries = {entry.path: entry for entry in self.tree_entries(tree)} if tree else {}
        nested: dict[str, dict[str, TreeEntry | None]] = defaultdict(dict)
        for path, entry in changes.items():
            head, _, rest = path.partition("/")
            if rest:
                nested[head][rest] = entry
            elif entry is None:
                entries.pop(head, None)
            else:
                entries[head] = TreeEntry(entry.mode, entry.type, entry.sha, head)
        for name, subchanges in nested.items():
            existing = entries.get(name)
            subtree = self._build(existing.sha if existing and existing.type == "tree" else None, subchanges)
            if subtree is None:
                entries.pop(name, None)
            else:
                entries[name] = TreeEntry("040000", "tree", subtree, name)
        if not entries:
            return None
        listing = "".join(f"{entry.mode} {entry.type} {entry.sha}\t{entry.path}\0" for entry in entries.values())
        return self.run("mktree", "-z", input=listing.encode()).strip()

    def commit_tree(self, tree: str, parents: list[str], message: str, author: Identity, committer: Identity) -> str:
        env = {
            "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": author.git_date(),
            "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email,
            "GIT_COMMITTER_DATE": committer.git_date(),
        }
        parent_args = [arg for parent in parents for arg in ("-p", parent)]
        return self.run("commit-tree", tree, *parent_args, input=message.encode(), env=env).strip()

    def update_ref(self, ref: str, new: str, expected_old: str | None) -> bool:
        """Moves `ref` only if it still points at `expected_old` (ZERO_SHA: only if it does not exist yet; None:
        whatever it points at)."""
        old = [] if expected_old is None else [expected_old]
        result = subprocess.run(["git", "--git-dir", str(self.path), "update-ref", ref, new, *old],
                                capture_output=True)
        return result.returncode == 0

    def delete_ref(self, ref: str) -> None:
        self.run("update-ref", "-d", ref)

    def fetch(self, source: BareRepository, source_ref: str, target_ref: str) -> None:
        """Copies a ref and its objects from another repository (a fork's branch into the base repository)."""
        self.run("fetch", "--quiet", "--no-tags", str(source.path), f"+{source_ref}:{target_ref}")

    def diff(self, base: str, head: str) -> tuple[str, str]:
        """The raw (-z) and the patch form of `base..head`, renames detected, in the same file order."""
        options = ["--no-color", "--no-ext-diff", "-M"]
        raw = self.run("diff", *options, "--raw", "-z", "--abbrev=40", base, head)
        patch = self.run("diff", *options, "--full-index", "-U3", base, head)
        return raw, patch
