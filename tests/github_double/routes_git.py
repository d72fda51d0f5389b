"""Repositories and git data: blobs, trees, commits, refs and contents, all read from and written to git itself."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from tests.github_double.diffs import parse_diff
from tests.github_double.errors import ApiError, not_found, unprocessable
from tests.github_double.git import EMPTY_TREE, ZERO_SHA, GitError, Identity, TreeEntry
from tests.github_double.routing import ApiRequest, Reply, handles, require
from tests.github_double.state import DoubleState, Repository, now

FULL_SHA = re.compile(r"[0-9a-f]{40}")
MODE_TYPES = {"100644": "blob", "100755": "blob", "120000": "blob", "040000": "tree", "160000": "commit"}


def bot_identity(state: DoubleState) -> Identity:
    """The identity GitHub stamps on commits an App creates without naming an author."""
    return Identity(state.bot.login, f"{state.bot.id}+{state.bot.login}@users.noreply.github.com", now())


def object_of_kind(repository: Repository, sha: Any, kind: str) -> str | None:
    """`sha` when it is a full object id of that kind in the repository: the git data API takes no branch names."""
    if not isinstance(sha, str) or not FULL_SHA.fullmatch(sha):
        return None
    return sha if repository.git.object_type(sha) == kind else None


def _malformed(path: str) -> bool:
    parts = path.split("/")
    return not path or any(part in ("", ".", "..", ".git") for part in parts)


@handles("repos/get")
def get_repository(request: ApiRequest) -> Reply:
    return Reply(200, request.objects.full_repository(request.repository()))


@handles("git/get-blob")
def get_blob(request: ApiRequest) -> Reply:
    repository = request.repository()
    sha = object_of_kind(repository, request.params["file_sha"], "blob")
    require(sha is not None, not_found())
    assert sha is not None
    return Reply(200, request.objects.blob(repository, sha, repository.git.read_blob(sha)))


@handles("git/get-tree")
def get_tree(request: ApiRequest) -> Reply:
    repository = request.repository()
    tree = repository.git.resolve(request.params["tree_sha"], "tree")
    require(tree is not None, not_found())
    assert tree is not None
    entries = repository.git.tree_entries(tree, recursive="recursive" in request.query)
    return Reply(200, request.objects.tree(repository, tree, entries))


def _tree_change(repository: Repository, item: dict[str, Any], content_shas: dict[int, str],
                 index: int) -> TreeEntry | None:
    path, mode, kind = item.get("path", ""), item.get("mode", "100644"), item.get("type", "blob")
    require(not _malformed(path), unprocessable("tree.path contains a malformed path component"))
    require(MODE_TYPES.get(mode) == kind, unprocessable(f"tree.mode {mode} does not match tree.type {kind}"))
    if "content" in item:
        require("sha" not in item, unprocessable("Must supply either tree.sha or tree.content, not both."))
        require(kind == "blob", unprocessable("tree.content can only be given for a blob"))
        return TreeEntry(mode, kind, content_shas[index], path)
    require("sha" in item, unprocessable("Must supply tree.sha or tree.content"))
    sha = item["sha"]
    if sha is None:
        return None
    require(kind == "commit" or object_of_kind(repository, sha, kind) is not None,
            unprocessable(f"tree.sha {sha} is not a valid {kind}"))
    return TreeEntry(mode, kind, sha, path)


@handles("git/create-tree")
def create_tree(request: ApiRequest) -> Reply:
    repository = request.repository()
    git = repository.git
    base_tree = request.json.get("base_tree")
    if base_tree is not None:
        require(object_of_kind(repository, base_tree, "tree") is not None,
                unprocessable(f"base_tree {base_tree} is not a valid tree"))
    items = request.json.get("tree", [])
    with_content = [(index, item) for index, item in enumerate(items) if "content" in item]
    shas = git.write_blobs([str(item["content"]).encode() for _, item in with_content])
    content_shas = {index: sha for (index, _), sha in zip(with_content, shas, strict=True)}
    changes = {item.get("path", ""): _tree_change(repository, item, content_shas, index)
               for index, item in enumerate(items)}
    if base_tree is None:
        require(all(entry is not None for entry in changes.values()),
                unprocessable("tree.sha null removes an entry, which needs a base_tree"))
    try:
        tree = git.build_tree(base_tree, changes)
    except GitError as error:
        raise unprocessable(f"GitRPC::BadObjectState: {error}") from None
    body = request.objects.tree(repository, tree, git.tree_entries(tree) if tree != EMPTY_TREE else [])
    return Reply(201, body, {"Location": body["url"]})


@handles("git/get-commit")
def get_git_commit(request: ApiRequest) -> Reply:
    repository = request.repository()
    sha = object_of_kind(repository, request.params["commit_sha"], "commit")
    require(sha is not None, not_found())
    assert sha is not None
    commit = repository.git.read_commit(sha)
    return Reply(200, request.objects.git_commit(repository, commit))


def _identity(given: dict[str, Any] | None, fallback: Identity) -> Identity:
    if not given:
        return fallback
    date = given.get("date")
    moment = fallback.date
    if date:
        moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
    return Identity(given["name"], given["email"], moment)


@handles("git/create-commit")
def create_commit(request: ApiRequest) -> Reply:
    repository, body = request.repository(), request.json
    git = repository.git
    tree = body.get("tree", "")
    require(object_of_kind(repository, tree, "tree") is not None, unprocessable("Tree SHA does not exist"))
    parents = body.get("parents", [])
    for parent in parents:
        require(object_of_kind(repository, parent, "commit") is not None,
                unprocessable("Parent SHA does not exist or is not a commit object"))
    author = _identity(body.get("author"), bot_identity(request.state))
    committer = _identity(body.get("committer"), author if body.get("author") else bot_identity(request.state))
    sha = git.commit_tree(tree, parents, body.get("message", ""), author, committer)
    answer = request.objects.git_commit(repository, git.read_commit(sha))
    return Reply(201, answer, {"Location": answer["url"]})


def _ref_name(raw: str) -> str:
    return raw if raw.startswith("refs/") else f"refs/{raw}"


@handles("git/get-ref")
def get_ref(request: ApiRequest) -> Reply:
    repository = request.repository()
    ref = _ref_name(request.params["ref"])
    sha = repository.git.ref_sha(ref) if ref.count("/") >= 2 else None
    require(sha is not None, not_found())
    assert sha is not None
    return Reply(200, request.objects.ref(repository, ref, sha))


@handles("git/create-ref")
def create_ref(request: ApiRequest) -> Reply:
    repository, body = request.repository(), request.json
    ref, sha = body.get("ref", ""), body.get("sha", "")
    require(ref.startswith("refs/") and ref.count("/") >= 2,
            unprocessable("Reference name must start with 'refs/' and have at least two slashes."))
    require(object_of_kind(repository, sha, "commit") is not None, unprocessable("Object does not exist"))
    require(repository.git.ref_sha(ref) is None, unprocessable("Reference already exists"))
    if not repository.git.update_ref(ref, sha, ZERO_SHA):
        raise unprocessable("Reference already exists")
    answer = request.objects.ref(repository, ref, sha)
    return Reply(201, answer, {"Location": answer["url"]})


@handles("git/update-ref")
def update_ref(request: ApiRequest) -> Reply:
    """A ref update that is not forced must fast-forward, and is applied as a compare-and-swap on the old tip, so
    a push that lands while the update is in flight makes it fail instead of being overwritten."""
    repository, body = request.repository(), request.json
    git = repository.git
    ref = _ref_name(request.params["ref"])
    current = git.ref_sha(ref)
    require(current is not None, unprocessable("Reference does not exist"))
    assert current is not None
    sha = body.get("sha", "")
    require(object_of_kind(repository, sha, "commit") is not None, unprocessable("Object does not exist"))
    force = bool(body.get("force", False))
    require(force or git.is_ancestor(current, sha), unprocessable("Update is not a fast forward"))
    if request.before_ref_update is not None:
        request.before_ref_update(repository.full_name, ref, sha)
    if not git.update_ref(ref, sha, None if force else current):
        raise unprocessable("Update is not a fast forward")
    return Reply(200, request.objects.ref(repository, ref, sha))


def _resolve_commit(repository: Repository, ref: str | None) -> str:
    revision = ref or repository.default_branch
    sha = repository.git.resolve(revision)
    if sha is None:
        raise ApiError(404, f"No commit found for the ref {revision}")
    return sha


@handles("repos/get-content")
def get_content(request: ApiRequest) -> Reply:
    repository = request.repository()
    git = repository.git
    ref = request.query.get("ref") or repository.default_branch
    commit = _resolve_commit(repository, ref)
    path = request.params["path"].strip("/")
    kind = git.object_type(f"{commit}:{path}")
    require(kind in ("blob", "tree"), not_found())
    sha = git.resolve(f"{commit}:{path}", kind or "blob")
    assert sha is not None
    if kind == "blob":
        return Reply(200, request.objects.content_file(repository, path, ref, sha, git.read_blob(sha)))
    entries = git.tree_entries(sha)
    return Reply(200, [request.objects.content_entry(repository, f"{path}/{entry.path}", ref, entry)
                       for entry in entries])


@handles("repos/get-commit")
def get_commit(request: ApiRequest) -> Reply:
    repository = request.repository()
    git = repository.git
    ref = request.params["ref"]
    sha = git.resolve(ref)
    if sha is None:
        raise ApiError(422, f"No commit found for SHA: {ref}")
    commit = git.read_commit(sha)
    files = parse_diff(*git.diff(commit.parents[0] if commit.parents else EMPTY_TREE, sha))
    return Reply(200, request.objects.commit(repository, commit, files))
