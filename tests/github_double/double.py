"""`GitHubDouble`: what a test uses to set up GitHub's side (accounts, repositories, pushes, pull requests,
permissions, failures) and to read back what the App did, while the HTTP server answers the App itself.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.github_double.auth import RateLimits, manifest_grants
from tests.github_double.git import ZERO_SHA, BareRepository, GitError, Identity, TreeEntry
from tests.github_double.objects import Objects
from tests.github_double.routing import RefHook
from tests.github_double.server import DEFAULT_FAILURE_MESSAGES, Call, Dispatcher, InjectedFailure, ServerThread
from tests.github_double.state import ROLES, DoubleState, Installation, IssueComment, Repository, ReviewComment, now

MANIFEST = Path(__file__).resolve().parents[2] / "app.yml"


@functools.cache
def _app_key() -> tuple[str, str]:
    """One RSA key per process: generating one costs more than starting a double."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


class GitHubDouble:
    """GitHub's REST API for one GitHub App, served on 127.0.0.1 from bare git repositories under `root`.

    The App's permissions and events are those its manifest (app.yml) asks for, so a call the manifest does not
    cover is refused with 403 as GitHub would refuse it.
    """

    def __init__(self, root: Path | str, *, app_id: int = 4242, app_slug: str = "iacfix",
                 permissions: dict[str, str] | None = None, events: list[str] | None = None) -> None:
        granted_permissions, granted_events = manifest_grants(MANIFEST)
        self.root = Path(root)
        self.app_id = app_id
        self.app_slug = app_slug
        self.private_key_pem, public_key = _app_key()
        self.state = DoubleState(self.root, app_id, app_slug, permissions or granted_permissions,
                                 events or granted_events)
        self._server = ServerThread()
        self.url = f"http://127.0.0.1:{self._server.port}"
        self.objects = Objects(self.state, self.url)
        self.rate_limits = RateLimits()
        self._dispatcher = Dispatcher(self.state, self.objects, public_key, self.rate_limits)
        self._running = False

    # lifecycle

    def start(self) -> GitHubDouble:
        if not self._running:
            self._server.start(self._dispatcher)
            self._running = True
        return self

    def stop(self) -> None:
        """Stops serving and releases the port (also when the double was never started)."""
        self._server.stop()
        self._running = False

    def __enter__(self) -> GitHubDouble:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # what the App did

    @property
    def calls(self) -> list[Call]:
        return self._dispatcher.calls

    @property
    def violations(self) -> list[str]:
        return self._dispatcher.violations

    @property
    def unserved(self) -> list[str]:
        """Requests for real GitHub operations that this double does not implement (answered 404)."""
        return self._dispatcher.unserved

    @property
    def before_ref_update(self) -> RefHook | None:
        """Called as hook(full_name, "refs/heads/<branch>", new_sha) after a PATCH ref passed its checks and
        before it is applied; a push made here is a push racing the App's update."""
        return self._dispatcher.before_ref_update

    @before_ref_update.setter
    def before_ref_update(self, hook: RefHook | None) -> None:
        self._dispatcher.before_ref_update = hook

    @property
    def check_runs(self) -> list[dict[str, Any]]:
        return self.state.recorded["check_runs"]

    @property
    def reviews(self) -> list[dict[str, Any]]:
        return self.state.recorded["reviews"]

    @property
    def review_comments(self) -> list[dict[str, Any]]:
        return self.state.recorded["review_comments"]

    @property
    def issue_comments(self) -> list[dict[str, Any]]:
        return self.state.recorded["issue_comments"]

    @property
    def edited_issue_comments(self) -> list[dict[str, Any]]:
        return self.state.recorded["edited_issue_comments"]

    def comments_on(self, full_name: str, number: int) -> list[dict[str, Any]]:
        """The pull request's conversation as it reads now (edits included), oldest first."""
        with self.state.lock:
            repository = self.state.require_repository(full_name)
            return [self.objects.issue_comment(comment) for comment in self.state.issue_comments.values()
                    if comment.repository is repository and comment.issue_number == number]

    @property
    def reactions(self) -> list[dict[str, Any]]:
        return self.state.recorded["reactions"]

    @property
    def created_pulls(self) -> list[dict[str, Any]]:
        return self.state.recorded["created_pulls"]

    @property
    def rate_limit(self) -> int:
        return self.rate_limits.installation_limit

    @rate_limit.setter
    def rate_limit(self, limit: int) -> None:
        self.rate_limits.installation_limit = limit

    def assert_honest(self) -> None:
        problems = list(self.violations) + [f"not served by the double: {call}" for call in self.unserved]
        if problems:
            raise AssertionError("the GitHub double saw requests or answers GitHub would not give:\n- "
                                 + "\n- ".join(problems))

    def fail_next(self, method: str, path_pattern: str, status: int = 502, headers: dict[str, str] | None = None,
                  times: int = 1, body: Any = None) -> None:
        """The next `times` requests whose method matches and whose path `re.search`es the pattern get `status`."""
        message = DEFAULT_FAILURE_MESSAGES.get(status, "Injected failure")
        answer = body if body is not None else {"message": message, "documentation_url": "https://docs.github.com/rest"}
        with self.state.lock:
            self._dispatcher.failures.append(InjectedFailure(method.upper(), re.compile(path_pattern), status,
                                                             dict(headers or {}), times, answer))

    def expire_tokens(self) -> None:
        """Every installation token issued so far stops working, as after its hour."""
        with self.state.lock:
            for token in self.state.tokens.values():
                token.expires_at = now()

    # accounts and installations

    def install(self, owner: str, account_type: str | None = None) -> int:
        with self.state.lock:
            existing = self.state.installation_for(owner)
            if existing is not None:
                return existing.id
            installation = Installation(self.state.next_id(), self.state.account(owner, account_type))
            self.state.installations[installation.id] = installation
            return installation.id

    def installation_id(self, owner: str) -> int | None:
        installation = self.state.installation_for(owner)
        return installation.id if installation else None

    def user(self, login: str) -> dict[str, Any]:
        """A person's `simple-user` object (the account is created on first use)."""
        with self.state.lock:
            return self.objects.user(self.state.account(login))

    def set_permission(self, full_name: str, login: str, role: str) -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        with self.state.lock:
            self.state.account(login)
            self.state.require_repository(full_name).roles[login.lower()] = role

    # repositories and pushes

    def create_repo(self, full_name: str, files: dict[str, str | bytes] | None = None, default_branch: str = "main",
                    owner_type: str | None = None) -> dict[str, Any]:
        """A repository whose default branch holds one commit with `files`; returns it as GET /repos answers."""
        owner_login, name = full_name.split("/")
        with self.state.lock:
            if self.state.repository(full_name) is not None:
                raise ValueError(f"{full_name} exists")
            owner = self.state.account(owner_login, owner_type)
            git = BareRepository.create(self.root / owner.login / f"{name}.git", default_branch)
            repository = Repository(self.state.next_id(), owner, name, default_branch, git)
            self.state.repositories[full_name.lower()] = repository
            self.commit(full_name, default_branch, files or {}, message="Initial commit", author=owner.login)
            return self.objects.full_repository(repository)

    def fork(self, source: str, target: str) -> dict[str, Any]:
        """A copy of `source` with all its branches, owned by another account (where the App is not installed)."""
        owner_login, name = target.split("/")
        with self.state.lock:
            original = self.state.require_repository(source)
            owner = self.state.account(owner_login)
            git = BareRepository.create(self.root / owner.login / f"{name}.git", original.default_branch)
            git.run("fetch", "--quiet", "--no-tags", str(original.git.path), "+refs/heads/*:refs/heads/*")
            repository = Repository(self.state.next_id(), owner, name, original.default_branch, git,
                                    fork_of=original)
            self.state.repositories[target.lower()] = repository
            return self.objects.full_repository(repository)

    def commit(self, full_name: str, branch: str, files: dict[str, str | bytes | None], message: str = "Update files",
               author: str | None = None, parent_branch: str | None = None, modes: dict[str, str] | None = None,
               ) -> str:
        """A push of one commit to `branch` (created from `parent_branch`, default the default branch, if new);
        a None content deletes the file; `modes` gives a path another git mode (100755, 120000 for a symlink)."""
        with self.state.lock:
            repository = self.state.require_repository(full_name)
            git = repository.git
            ref = f"refs/heads/{branch}"
            tip = git.ref_sha(ref)
            parent = tip or git.ref_sha(f"refs/heads/{parent_branch or repository.default_branch}")
            if tip is None and parent_branch is not None and parent is None:
                raise ValueError(f"{full_name} has no branch {parent_branch}")
            items = [(path, content) for path, content in files.items() if content is not None]
            shas = git.write_blobs([content.encode() if isinstance(content, str) else content
                                    for _, content in items])
            changes: dict[str, TreeEntry | None] = {path: None for path, content in files.items() if content is None}
            changes.update({path: TreeEntry((modes or {}).get(path, "100644"), "blob", sha, path)
                            for (path, _), sha in zip(items, shas, strict=True)})
            base_tree = git.resolve(parent, "tree") if parent else None
            tree = git.build_tree(base_tree, changes)
            account = self.state.account(author or repository.owner.login)
            identity = Identity(account.login, f"{account.id}+{account.login}@users.noreply.github.com", now())
            sha = git.commit_tree(tree, [parent] if parent else [], message, identity, identity)
            if not git.update_ref(ref, sha, tip or ZERO_SHA):
                raise GitError(f"{full_name} {branch} moved during the push")
            return sha

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        with self.state.lock:
            return self.state.require_repository(full_name).git.ref_sha(f"refs/heads/{branch}")

    def files_at(self, full_name: str, ref: str) -> dict[str, str]:
        with self.state.lock:
            files = self.state.require_repository(full_name).git.files_at(ref)
        return {path: content.decode("utf-8", errors="replace") for path, content in files.items()}

    def git(self, full_name: str, *args: str) -> str:
        with self.state.lock:
            return self.state.require_repository(full_name).git.run(*args)

    # pull requests and conversation

    def open_pull(self, full_name: str, head: str, base: str | None = None, user: str | None = None,
                  draft: bool = False, head_repo: str | None = None, title: str | None = None,
                  body: str | None = None) -> int:
        with self.state.lock:
            repository = self.state.require_repository(full_name)
            head_repository = self.state.require_repository(head_repo) if head_repo else repository
            if head_repository.git.ref_sha(f"refs/heads/{head}") is None:
                raise ValueError(f"{head_repository.full_name} has no branch {head}")
            author = self.state.account(user or head_repository.owner.login)
            pull = self.state.open_pull(repository, head_repository, head, base or repository.default_branch, author,
                                        title or f"Update {head}", body, draft, head_repository is not repository)
            return pull.number

    def pull(self, full_name: str, number: int) -> dict[str, Any]:
        with self.state.lock:
            pull = self.state.pull(self.state.require_repository(full_name), number)
            if pull is None:
                raise KeyError(f"{full_name} has no pull request {number}")
            return self.objects.pull(pull)

    def add_issue_comment(self, full_name: str, number: int, body: str, user: str) -> dict[str, Any]:
        """A comment a person wrote on a pull request (not recorded among the App's comments)."""
        with self.state.lock:
            repository = self.state.require_repository(full_name)
            comment = IssueComment(self.state.next_id(), repository, number, self.state.account(user), body)
            self.state.issue_comments[comment.id] = comment
            return self.objects.issue_comment(comment)

    def add_review_comment(self, full_name: str, number: int, body: str, user: str, in_reply_to: int | None = None,
                           path: str | None = None, line: int | None = None, side: str = "RIGHT") -> dict[str, Any]:
        """A review comment a person wrote: a reply in an existing thread, or a new one on a line of the diff
        (by default the last line of the first hunk of the first changed file)."""
        with self.state.lock:
            repository = self.state.require_repository(full_name)
            pull = self.state.pull(repository, number)
            if pull is None:
                raise KeyError(f"{full_name} has no pull request {number}")
            account = self.state.account(user)
            head = self.state.head_sha(pull)
            if in_reply_to is not None:
                parent = self.state.review_comments[in_reply_to]
                root = self.state.review_comments.get(parent.in_reply_to_id or parent.id, parent)
                comment = ReviewComment(self.state.next_id(), pull, root.review_id, account, body, root.path, root.line,
                                        root.side, root.start_line, root.start_side, root.commit_id, root.position,
                                        root.diff_hunk, in_reply_to_id=root.id)
            else:
                files = {change.filename: change for change in self.state.pull_files(pull, head)}
                change = files[path] if path else next(iter(files.values()))
                hunk = change.hunks[0]
                line = line or (hunk.new_start + hunk.new_length - 1)
                comment = ReviewComment(self.state.next_id(), pull, self.state.next_id(), account, body,
                                        change.filename, line, side, None, None, head, change.position(side, line),
                                        change.diff_hunk(side, line))
            self.state.review_comments[comment.id] = comment
            return self.objects.review_comment(comment)
