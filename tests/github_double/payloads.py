"""Real webhook payloads, signed as GitHub signs them and pointed at the double's repositories and pull requests.

The payloads are GitHub's own examples (`tests/github/webhook-examples`). Every value that names something in
GitHub (repository, installation, pull request, shas, comment, check run, sender) is replaced by the double's
current state, keeping the example's field set, so what the App receives is what GitHub would send about them.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.github_double.objects import node_id

if TYPE_CHECKING:
    from tests.github_double.double import GitHubDouble
    from tests.github_double.state import PullRequest, Repository

EXAMPLES = Path(__file__).resolve().parents[1] / "github" / "webhook-examples"
# Fields GitHub sends today that some older examples lack; they are added from the double's objects.
NEWER_FIELDS = {"auto_merge", "active_lock_reason", "is_template", "web_commit_signoff_required", "topics",
                "visibility", "custom_properties", "reactions", "performed_via_github_app", "start_line",
                "original_start_line", "original_line", "line", "start_side", "side", "draft"}
COMMENT_PLACEMENT = ("in_reply_to_id", "path", "line", "side")


def sign(body: bytes, secret: str) -> str:
    """The X-Hub-Signature-256 header GitHub sends: HMAC-SHA256 of the raw body with the webhook secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _retarget(value: Any, replacements: list[tuple[str, str]]) -> Any:
    if isinstance(value, dict):
        return {key: _retarget(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_retarget(item, replacements) for item in value]
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
    return value


def refresh(example: Any, fresh: Any) -> Any:
    """The example's shape with the double's values: keys the example has, filled from `fresh` where it has them."""
    if isinstance(example, dict) and isinstance(fresh, dict):
        merged = {key: refresh(value, fresh[key]) if key in fresh else value for key, value in example.items()}
        merged.update({key: fresh[key] for key in NEWER_FIELDS if key in fresh and key not in merged})
        return merged
    return copy.deepcopy(fresh)


class PayloadBuilder:
    """Rewrites one example for one repository and pull request of a double."""

    def __init__(self, double: GitHubDouble, event: str, repository: Repository, pull: PullRequest | None,
                 payload: dict[str, Any]) -> None:
        self.double, self.state, self.objects, self.event = double, double.state, double.objects, event
        self.repository, self.pull, self.payload = repository, pull, payload

    def user(self, login: str, example: dict[str, Any] | None = None) -> dict[str, Any]:
        fresh = self.objects.user(self.state.account(login))
        return refresh(example, fresh) if example else fresh

    def common(self) -> None:
        payload, repository = self.payload, self.repository
        if "repository" in payload:
            payload["repository"] = refresh(payload["repository"], self.objects.full_repository(repository))
        installation = self.state.installation_for(repository.owner.login)
        if installation is not None and self.event in ("installation", "installation_repositories"):
            payload["installation"] = refresh(payload["installation"], self.objects.installation(installation))
        elif installation is not None:
            payload["installation"] = {"id": installation.id,
                                       "node_id": node_id("Integration::Installation", installation.id)}
        else:
            payload.pop("installation", None)
        if repository.owner.type == "Organization":
            payload["organization"] = self.organization()
        else:
            payload.pop("organization", None)

    def organization(self) -> dict[str, Any]:
        owner = self.repository.owner
        api = f"{self.double.url}/orgs/{owner.login}"
        return {"login": owner.login, "id": owner.id, "node_id": node_id("Organization", owner.id), "url": api,
                "repos_url": f"{api}/repos", "events_url": f"{api}/events", "hooks_url": f"{api}/hooks",
                "issues_url": f"{api}/issues", "members_url": f"{api}/members{{/member}}",
                "public_members_url": f"{api}/public_members{{/member}}",
                "avatar_url": f"{self.double.url}/avatars/u/{owner.id}?v=4", "description": None}

    def pull_object(self, pull: PullRequest) -> dict[str, Any]:
        """The REST pull request, with the complete repository objects webhooks carry in head and base."""
        fresh = self.objects.pull(pull)
        fresh["head"]["repo"] = self.objects.full_repository(pull.head_repository)
        fresh["base"]["repo"] = self.objects.full_repository(pull.repository)
        return fresh

    def pull_request(self) -> None:
        pull = self.require_pull()
        self.payload["number"] = pull.number
        self.payload["pull_request"] = refresh(self.payload["pull_request"], self.pull_object(pull))
        if "after" in self.payload:
            head = self.state.head_sha(pull)
            parents = self.repository.git.read_commit(head).parents
            self.payload["after"] = head
            self.payload["before"] = parents[0] if parents else head

    def issue(self) -> dict[str, Any]:
        pull = self.require_pull()
        rest = self.objects.pull(pull)
        api = f"{self.objects.repo_api(self.repository)}/issues/{pull.number}"
        return {
            "url": api, "repository_url": self.objects.repo_api(self.repository),
            "labels_url": f"{api}/labels{{/name}}", "comments_url": f"{api}/comments", "events_url": f"{api}/events",
            "html_url": rest["html_url"], "id": pull.id, "node_id": node_id("Issue", pull.id), "number": pull.number,
            "title": pull.title, "user": rest["user"], "labels": [], "state": pull.state, "locked": False,
            "assignee": None, "assignees": [], "milestone": None, "comments": rest["comments"],
            "created_at": pull.created_at, "updated_at": pull.updated_at, "closed_at": pull.closed_at,
            "author_association": rest["author_association"], "active_lock_reason": None, "body": pull.body,
            "reactions": self.objects.reactions_rollup(f"{api}/reactions", "issue", pull.id),
            "pull_request": {"url": rest["url"], "html_url": rest["html_url"], "diff_url": rest["diff_url"],
                             "patch_url": rest["patch_url"], "merged_at": None},
        }

    def comment_author(self, changes: dict[str, Any]) -> str:
        given = changes.get("comment", {}).get("user", {}).get("login") or changes.get("sender", {}).get("login")
        return given or self.require_pull().user.login

    def issue_comment(self, changes: dict[str, Any]) -> None:
        pull = self.require_pull()
        issue = self.issue()
        self.payload["issue"] = {**refresh(self.payload["issue"], issue), "pull_request": issue["pull_request"]}
        body = changes.get("comment", {}).get("body", self.payload["comment"].get("body", ""))
        created = self.double.add_issue_comment(self.repository.full_name, pull.number, body,
                                                self.comment_author(changes))
        self.payload["comment"] = refresh(self.payload["comment"], created)

    def review_comment(self, changes: dict[str, Any]) -> None:
        pull = self.require_pull()
        self.payload["pull_request"] = refresh(self.payload["pull_request"], self.pull_object(pull))
        given = changes.get("comment", {})
        placement = {key: given[key] for key in COMMENT_PLACEMENT if key in given}
        if "in_reply_to_id" in placement:
            placement["in_reply_to"] = placement.pop("in_reply_to_id")
        created = self.double.add_review_comment(self.repository.full_name, pull.number,
                                                 given.get("body", self.payload["comment"].get("body", "")),
                                                 self.comment_author(changes), **placement)
        self.payload["comment"] = refresh(self.payload["comment"], created)

    def check_suite_fields(self, suite_id: int, head: str) -> dict[str, Any]:
        pull = self.pull
        parents = self.repository.git.read_commit(head).parents
        same_repository = pull is not None and pull.head_repository is pull.repository
        return {"id": suite_id, "node_id": node_id("CheckSuite", suite_id), "head_sha": head,
                "head_branch": pull.head_ref if pull else self.repository.default_branch,
                "pull_requests": [self.objects.pull_minimal(pull)] if same_repository else [],
                "app": self.objects.integration(), "after": head, "before": parents[0] if parents else head,
                "url": f"{self.objects.repo_api(self.repository)}/check-suites/{suite_id}",
                "check_runs_url": f"{self.objects.repo_api(self.repository)}/check-suites/{suite_id}/check-runs"}

    def head(self) -> str:
        if self.pull is not None:
            return self.state.head_sha(self.pull)
        sha = self.repository.git.ref_sha(f"refs/heads/{self.repository.default_branch}")
        assert sha is not None
        return sha

    def check_run(self, changes: dict[str, Any]) -> None:
        head = self.head()
        wanted = changes.get("check_run", {}).get("id")
        runs = [run for run in self.state.check_runs.values() if run.repository is self.repository
                and (run.id == wanted if wanted else run.fields["head_sha"] == head)]
        example = self.payload["check_run"]
        if runs:
            run = runs[-1]
            fresh = self.objects.check_run(run)
            suite = self.check_suite_fields(run.check_suite_id, run.fields["head_sha"])
        else:
            suite = self.check_suite_fields(example["check_suite"]["id"], head)
            fresh = {"head_sha": head, "pull_requests": suite["pull_requests"], "app": suite["app"]}
        self.payload["check_run"] = refresh(example, fresh)
        self.payload["check_run"]["check_suite"] = refresh(example["check_suite"], suite)

    def check_suite(self) -> None:
        example = self.payload["check_suite"]
        self.payload["check_suite"] = refresh(example, self.check_suite_fields(example["id"], self.head()))

    def require_pull(self) -> PullRequest:
        if self.pull is None:
            raise ValueError(f"{self.repository.full_name} has no pull request for this payload")
        return self.pull

    def apply(self, changes: dict[str, Any]) -> None:
        """Overrides: dicts are merged one level deep, users given by login are completed, the rest replaced."""
        for key, value in changes.items():
            current = self.payload.get(key)
            if isinstance(value, dict) and isinstance(current, dict):
                merged = {**current, **value}
                if isinstance(value.get("user"), dict) and "login" in value["user"]:
                    merged["user"] = {**self.user(value["user"]["login"], current.get("user")), **value["user"]}
                if key == "sender" and "login" in value:
                    merged = {**self.user(value["login"], current), **value}
                self.payload[key] = merged
            else:
                self.payload[key] = value


def _load_example(name: str) -> dict[str, Any]:
    path = EXAMPLES / f"{name}.json"
    if not path.exists():
        known = sorted(file.stem for file in EXAMPLES.glob("*.json"))
        raise ValueError(f"no webhook example {name!r}; known: {', '.join(known)}")
    return json.loads(path.read_text())


def webhook_payload(name: str, double: GitHubDouble, repo: str = "octo/infra", number: int | None = None,
                    **changes: Any) -> dict[str, Any]:
    """GitHub's example payload `name` (e.g. "pull_request.opened") about `repo` and its pull request `number`
    (default: the latest), with `changes` as overrides, e.g. comment={"body": "/fix"}, sender={"login": "bob"}."""
    example = _load_example(name)
    event = name.split(".")[0]
    with double.state.lock:
        repository = double.state.require_repository(repo)
        pulls = double.state.pulls_of(repository)
        pull = double.state.pull(repository, number) if number is not None else (pulls[-1] if pulls else None)
        if number is not None and pull is None:
            raise ValueError(f"{repo} has no pull request {number}")
        original = example.get("repository", {}).get("full_name")
        replacements = [(original, repository.full_name)] if original else []
        replacements += [("https://api.github.com", double.url), ("https://github.com", double.url)]
        builder = PayloadBuilder(double, event, repository, pull, _retarget(example, replacements))
        builder.common()
        if event == "pull_request":
            builder.pull_request()
        elif event == "issue_comment":
            builder.issue_comment(changes)
        elif event in ("pull_request_review_comment", "pull_request_review"):
            if event == "pull_request_review_comment":
                builder.review_comment(changes)
            else:
                builder.payload["pull_request"] = refresh(builder.payload["pull_request"], builder.pull_object(
                    builder.require_pull()))
        elif event == "check_run":
            builder.check_run(changes)
        elif event == "check_suite":
            builder.check_suite()
        sender = builder.payload.get("comment", {}).get("user", {}).get("login") if event in (
            "issue_comment", "pull_request_review_comment") else (pull.user.login if pull and event.startswith(
                "pull_request") else repository.owner.login)
        builder.payload["sender"] = builder.user(sender, builder.payload.get("sender"))
        builder.apply(changes)
        return builder.payload
