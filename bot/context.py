"""One job's context: the request, the queue that holds the App's facts, the GitHub client and what the job
has read so far (the pull request, the repository's configuration). Steps take this instead of long lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iacfix.bot.config import CONFIG_PATH, RepoConfig, parse_config
from iacfix.bot.events import JobRequest
from iacfix.bot.facts import bot_commit
from iacfix.bot.github import AppAuth, GitHubClient, GitHubError
from iacfix.bot.queue import JobQueue
from iacfix.fixers.isolation import Limits


@dataclass
class JobContext:
    request: JobRequest
    queue: JobQueue
    client: GitHubClient
    auth: AppAuth
    limits: Limits = field(default_factory=Limits)
    pull: dict[str, Any] = field(default_factory=dict)
    config: RepoConfig = field(default_factory=RepoConfig)
    config_problems: list[str] = field(default_factory=list)

    @property
    def bot_login(self) -> str:
        """The App's own login, asked of GitHub once per process."""
        return self.auth.bot_login()

    @property
    def marker_key(self) -> bytes:
        """Signs the App's suggestion markers: the webhook secret, which no pull request knows."""
        secret = self.auth.settings.webhook_secret
        return secret.get_secret_value().encode() if secret else b""

    @property
    def repo(self) -> str:
        return self.request.repo

    @property
    def number(self) -> int:
        return self.request.pr

    @property
    def head_sha(self) -> str:
        return self.pull["head"]["sha"]

    @property
    def is_fork(self) -> bool:
        """The head lives in another repository (or one since deleted): the App cannot push there."""
        head_repo = self.pull["head"].get("repo")
        return head_repo is None or head_repo["full_name"] != self.repo

    def read_pull(self) -> dict[str, Any]:
        self.pull = self.client.pull(self.number)
        return self.pull

    def read_config(self) -> RepoConfig:
        """The configuration of the default branch (a pull request cannot switch the App off for itself)."""
        default_branch = self.pull["base"]["repo"]["default_branch"]
        try:
            self.config, self.config_problems = parse_config(self.client.file_text(CONFIG_PATH, default_branch))
        except GitHubError as error:
            self.config, self.config_problems = RepoConfig(), [f"{CONFIG_PATH} could not be read: {error}"]
        return self.config

    def is_own_commit(self, commit: dict[str, Any]) -> bool:
        if self.queue.seen(bot_commit(self.repo, commit["sha"])):
            return True
        return (commit.get("author") or {}).get("name") == self.bot_login
