"""The App's safety facts, as typed keys in one place: what it has fixed, committed and opened, per head.

The facts live in the queue's shared store (``JobQueue.claim``/``seen``/``count``), so every worker on every
machine sees the same ones. Each key names its kind; its text is the stored key, stable across versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HeadFact(StrEnum):
    """Something that happened once to one commit of a repository."""

    FIXED = "fixed"  # the App committed fixes on top of this head: never fix it twice
    BOT_COMMIT = "botcommit"  # the App made this commit: check it, never fix it (loop guard)
    FIX_PULL = "fix-pull"  # a fix pull request was opened for this head


class PullCounter(StrEnum):
    """Something counted per pull request."""

    BOT_COMMITS = "botcommits"  # commits the App pushed to the pull request by itself (``max_bot_commits``)


@dataclass(frozen=True)
class Fact:
    kind: HeadFact
    repo: str
    sha: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.repo}@{self.sha}"


@dataclass(frozen=True)
class Counter:
    kind: PullCounter
    repo: str
    pr: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.repo}#{self.pr}"


def fixed_head(repo: str, sha: str) -> Fact:
    return Fact(HeadFact.FIXED, repo, sha)


def bot_commit(repo: str, sha: str) -> Fact:
    return Fact(HeadFact.BOT_COMMIT, repo, sha)


def fix_pull(repo: str, sha: str) -> Fact:
    return Fact(HeadFact.FIX_PULL, repo, sha)


def bot_commits(repo: str, pr: int) -> Counter:
    return Counter(PullCounter.BOT_COMMITS, repo, pr)
