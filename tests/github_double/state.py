"""Everything the double knows: accounts, installations, tokens, repositories, pull requests, checks and comments.

One lock guards it all, because the HTTP server and the test driving the double touch it from different threads.
The git repositories are the source of truth for code; this module only keeps what git does not know.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.github_double.diffs import FileChange, parse_diff
from tests.github_double.git import BareRepository

ROLES = ("admin", "maintain", "write", "triage", "read", "none")
# The coarse `permission` GitHub reports next to the exact `role_name`.
PERMISSION_OF_ROLE = {"admin": "admin", "maintain": "write", "write": "write", "triage": "read", "read": "read",
                      "none": "none"}


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def timestamp(moment: datetime | None = None) -> str:
    return (moment or now()).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Account:
    login: str
    id: int
    type: str = "User"
    created_at: str = field(default_factory=timestamp)


@dataclass
class Installation:
    id: int
    account: Account
    created_at: str = field(default_factory=timestamp)


@dataclass
class Token:
    value: str
    installation_id: int
    expires_at: datetime


@dataclass
class Repository:
    id: int
    owner: Account
    name: str
    default_branch: str
    git: BareRepository
    created_at: str = field(default_factory=timestamp)
    fork_of: Repository | None = None
    roles: dict[str, str] = field(default_factory=dict)
    next_number: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def full_name(self) -> str:
        return f"{self.owner.login}/{self.name}"

    def role_of(self, login: str) -> str:
        if login.lower() == self.owner.login.lower():
            return self.roles.get(login.lower(), "admin")
        return self.roles.get(login.lower(), "read")


@dataclass
class PullRequest:
    id: int
    number: int
    repository: Repository
    head_repository: Repository
    head_ref: str
    base_ref: str
    user: Account
    title: str
    body: str | None
    draft: bool
    maintainer_can_modify: bool
    created_at: str = field(default_factory=timestamp)
    updated_at: str = field(default_factory=timestamp)
    state: str = "open"
    closed_at: str | None = None

    @property
    def pull_ref(self) -> str:
        return f"refs/pull/{self.number}/head"


@dataclass
class CheckRun:
    id: int
    repository: Repository
    check_suite_id: int
    fields: dict[str, Any]
    annotations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Review:
    id: int
    pull: PullRequest
    user: Account
    body: str
    state: str
    commit_id: str
    submitted_at: str | None


@dataclass
class ReviewComment:
    id: int
    pull: PullRequest
    review_id: int
    user: Account
    body: str
    path: str
    line: int | None
    side: str
    start_line: int | None
    start_side: str | None
    commit_id: str
    position: int | None
    diff_hunk: str
    in_reply_to_id: int | None = None
    created_at: str = field(default_factory=timestamp)


@dataclass
class IssueComment:
    id: int
    repository: Repository
    issue_number: int
    user: Account
    body: str
    created_at: str = field(default_factory=timestamp)
    updated_at: str = ""

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at


@dataclass
class Reaction:
    id: int
    user: Account
    content: str
    subject_type: str
    subject_id: int
    created_at: str = field(default_factory=timestamp)


class DoubleState:
    """The double's world. Lookups by name are case-insensitive, as GitHub's are."""

    def __init__(self, root: Path, app_id: int, app_slug: str, permissions: dict[str, str], events: list[str]) -> None:
        self.root = root
        self.permissions = permissions
        self.events = events
        self.lock = threading.RLock()
        self.app_id = app_id
        self.app_slug = app_slug
        self.app_created_at = timestamp()
        self._ids = itertools.count(1001)
        self.accounts: dict[str, Account] = {}
        self.installations: dict[int, Installation] = {}
        self.tokens: dict[str, Token] = {}
        self.repositories: dict[str, Repository] = {}
        self.pulls: dict[tuple[str, int], PullRequest] = {}
        self.check_runs: dict[int, CheckRun] = {}
        self.reviews: dict[int, Review] = {}
        self.review_comments: dict[int, ReviewComment] = {}
        self.issue_comments: dict[int, IssueComment] = {}
        self.reactions: list[Reaction] = []
        # copies of what the API answered to the App's writes, for the tests
        self.recorded: dict[str, list[dict[str, Any]]] = {kind: [] for kind in (
            "check_runs", "reviews", "review_comments", "issue_comments", "edited_issue_comments", "reactions",
            "created_pulls")}
        self._diffs: dict[tuple[str, str, str], list[FileChange]] = {}
        self.app_owner = self.account(f"{app_slug}-developer", "Organization")
        self.bot = self.account(f"{app_slug}[bot]", "Bot")

    def next_id(self) -> int:
        return next(self._ids)

    def account(self, login: str, kind: str | None = None) -> Account:
        key = login.lower()
        if key not in self.accounts:
            self.accounts[key] = Account(login, self.next_id(), kind or ("Bot" if login.endswith("[bot]") else "User"))
        elif kind is not None:
            self.accounts[key].type = kind
        return self.accounts[key]

    def installation_for(self, login: str) -> Installation | None:
        return next((inst for inst in self.installations.values() if inst.account.login.lower() == login.lower()),
                    None)

    def repository(self, full_name: str) -> Repository | None:
        return self.repositories.get(full_name.lower())

    def require_repository(self, full_name: str) -> Repository:
        repository = self.repository(full_name)
        if repository is None:
            raise KeyError(f"no repository {full_name}")
        return repository

    def pull(self, repository: Repository, number: int) -> PullRequest | None:
        return self.pulls.get((repository.full_name.lower(), number))

    def pulls_of(self, repository: Repository) -> list[PullRequest]:
        return [pull for (name, _), pull in self.pulls.items() if name == repository.full_name.lower()]

    # pull request heads follow their branches, as GitHub's refs/pull/N/head do

    def head_sha(self, pull: PullRequest) -> str:
        """The PR's head commit, copied into the base repository (refs/pull/N/head) when the branch moved."""
        base_git = pull.repository.git
        recorded = base_git.ref_sha(pull.pull_ref)
        current = pull.head_repository.git.ref_sha(f"refs/heads/{pull.head_ref}")
        if current is not None and current != recorded and pull.state == "open":
            if pull.head_repository is pull.repository:
                base_git.update_ref(pull.pull_ref, current, None)
            else:
                base_git.fetch(pull.head_repository.git, f"refs/heads/{pull.head_ref}", pull.pull_ref)
            return current
        assert recorded is not None, pull.pull_ref
        return recorded

    def base_sha(self, pull: PullRequest) -> str:
        sha = pull.repository.git.ref_sha(f"refs/heads/{pull.base_ref}")
        assert sha is not None, pull.base_ref
        return sha

    def pull_files(self, pull: PullRequest, head: str | None = None) -> list[FileChange]:
        """The PR's changes: merge base of base and head, to head (GitHub's three-dot diff), cached by sha."""
        head = head or self.head_sha(pull)
        git = pull.repository.git
        base = git.merge_base(self.base_sha(pull), head) or self.base_sha(pull)
        key = (pull.repository.full_name.lower(), base, head)
        if key not in self._diffs:
            self._diffs[key] = parse_diff(*git.diff(base, head))
        return self._diffs[key]

    def pulls_with_head(self, repository: Repository, sha: str) -> list[PullRequest]:
        return [pull for pull in self.pulls.values() if pull.state == "open" and (
            pull.repository is repository or pull.head_repository is repository) and self.head_sha(pull) == sha]

    def commits_ahead(self, repository: Repository, base_ref: str, head_repository: Repository, head_ref: str) -> int:
        """How many commits `head_ref` has that `base_ref` lacks (a fork's branch is fetched in to count them)."""
        git = repository.git
        head = f"refs/heads/{head_ref}"
        if head_repository is not repository:
            git.fetch(head_repository.git, head, "refs/double/incoming")
            head = "refs/double/incoming"
        try:
            return len(git.commits_between(f"refs/heads/{base_ref}", head))
        finally:
            if head_repository is not repository:
                git.delete_ref(head)

    def open_pull(self, repository: Repository, head_repository: Repository, head_ref: str, base_ref: str,
                  user: Account, title: str, body: str | None, draft: bool, maintainer_can_modify: bool) -> PullRequest:
        """A new pull request, its head copied to refs/pull/N/head of the base repository as GitHub does."""
        number = next(repository.next_number)
        pull = PullRequest(self.next_id(), number, repository, head_repository, head_ref, base_ref, user, title, body,
                           draft, maintainer_can_modify)
        if head_repository is repository:
            sha = repository.git.ref_sha(f"refs/heads/{head_ref}")
            assert sha is not None, head_ref
            repository.git.update_ref(pull.pull_ref, sha, None)
        else:
            repository.git.fetch(head_repository.git, f"refs/heads/{head_ref}", pull.pull_ref)
        self.pulls[(repository.full_name.lower(), number)] = pull
        return pull
