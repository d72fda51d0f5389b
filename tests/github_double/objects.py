"""The JSON objects GitHub returns, built complete (every required field) from the double's state and git.

Every URL points back at the double, so a client that follows `url` fields (PyGithub does) stays on it. Narrower
shapes (`repository` inside a pull request, `pull-request-simple` in lists) are cut from the full object using the
property lists of GitHub's own description, so they can never carry fields GitHub does not send.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

from tests.github_double.diffs import FileChange
from tests.github_double.git import CommitObject
from tests.github_double.openapi import component_properties
from tests.github_double.state import (
    Account,
    CheckRun,
    DoubleState,
    Installation,
    IssueComment,
    PullRequest,
    Reaction,
    Repository,
    Review,
    ReviewComment,
    timestamp,
)

REACTION_CONTENTS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")
REPOSITORY_URL_TEMPLATES = {
    "archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}", "blobs_url": "/git/blobs{/sha}",
    "branches_url": "/branches{/branch}", "collaborators_url": "/collaborators{/collaborator}",
    "comments_url": "/comments{/number}", "commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}", "contributors_url": "/contributors", "deployments_url": "/deployments",
    "downloads_url": "/downloads", "events_url": "/events", "forks_url": "/forks",
    "git_commits_url": "/git/commits{/sha}", "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}",
    "issue_comment_url": "/issues/comments{/number}", "issue_events_url": "/issues/events{/number}",
    "issues_url": "/issues{/number}", "keys_url": "/keys{/key_id}", "labels_url": "/labels{/name}",
    "languages_url": "/languages", "merges_url": "/merges", "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}", "pulls_url": "/pulls{/number}",
    "releases_url": "/releases{/id}", "stargazers_url": "/stargazers", "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers", "subscription_url": "/subscription", "tags_url": "/tags",
    "teams_url": "/teams", "trees_url": "/git/trees{/sha}", "hooks_url": "/hooks",
}


def node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()


def pick(full: dict[str, Any], schema_name: str) -> dict[str, Any]:
    """The fields of `full` that GitHub's `schema_name` shape declares."""
    keep = set(component_properties(schema_name))
    return {key: value for key, value in full.items() if key in keep}


class Objects:
    """Renders state as GitHub's JSON, with URLs under the double's base URL."""

    def __init__(self, state: DoubleState, base_url: str) -> None:
        self.state = state
        self.base = base_url.rstrip("/")

    def repo_api(self, repository: Repository) -> str:
        return f"{self.base}/repos/{repository.full_name}"

    def repo_web(self, repository: Repository) -> str:
        return f"{self.base}/{repository.full_name}"

    # accounts and the App

    def user(self, account: Account) -> dict[str, Any]:
        api = f"{self.base}/users/{account.login}"
        return {
            "login": account.login, "id": account.id, "node_id": node_id(account.type, account.id),
            "avatar_url": f"{self.base}/avatars/u/{account.id}?v=4", "gravatar_id": "", "url": api,
            "html_url": f"{self.base}/{account.login}", "followers_url": f"{api}/followers",
            "following_url": f"{api}/following{{/other_user}}", "gists_url": f"{api}/gists{{/gist_id}}",
            "starred_url": f"{api}/starred{{/owner}}{{/repo}}", "subscriptions_url": f"{api}/subscriptions",
            "organizations_url": f"{api}/orgs", "repos_url": f"{api}/repos", "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events", "type": account.type, "site_admin": False,
            "user_view_type": "public",
        }

    def integration(self) -> dict[str, Any]:
        state = self.state
        return {
            "id": state.app_id, "slug": state.app_slug, "node_id": node_id("Integration", state.app_id),
            "client_id": f"Iv1.{state.app_id:016x}", "owner": self.user(state.app_owner), "name": state.app_slug,
            "description": f"The {state.app_slug} GitHub App", "external_url": f"{self.base}/apps/{state.app_slug}",
            "html_url": f"{self.base}/apps/{state.app_slug}", "created_at": state.app_created_at,
            "updated_at": state.app_created_at, "permissions": dict(state.permissions), "events": list(state.events),
            "installations_count": len(state.installations),
        }

    def installation(self, installation: Installation) -> dict[str, Any]:
        account = installation.account
        return {
            "id": installation.id, "account": self.user(account), "repository_selection": "all",
            "access_tokens_url": f"{self.base}/app/installations/{installation.id}/access_tokens",
            "repositories_url": f"{self.base}/installation/repositories",
            "html_url": f"{self.base}/settings/installations/{installation.id}", "app_id": self.state.app_id,
            "client_id": f"Iv1.{self.state.app_id:016x}", "target_id": account.id, "target_type": account.type,
            "permissions": dict(self.state.permissions), "events": list(self.state.events),
            "created_at": installation.created_at,
            "updated_at": installation.created_at, "single_file_name": None, "has_multiple_single_files": False,
            "single_file_paths": [], "app_slug": self.state.app_slug, "suspended_by": None, "suspended_at": None,
        }

    # repositories

    def full_repository(self, repository: Repository) -> dict[str, Any]:
        api, web = self.repo_api(repository), self.repo_web(repository)
        pushed = repository.created_at
        open_count = sum(1 for pull in self.state.pulls_of(repository) if pull.state == "open")
        full: dict[str, Any] = {
            "id": repository.id, "node_id": node_id("Repository", repository.id), "name": repository.name,
            "full_name": repository.full_name, "owner": self.user(repository.owner), "private": True, "html_url": web,
            "description": None, "fork": repository.fork_of is not None, "url": api,
            **{key: api + suffix for key, suffix in REPOSITORY_URL_TEMPLATES.items()},
            "git_url": f"git://{self.base.split('://', 1)[1]}/{repository.full_name}.git",
            "ssh_url": f"git@{self.base.split('://', 1)[1].split(':')[0]}:{repository.full_name}.git",
            "clone_url": f"{web}.git", "svn_url": web, "mirror_url": None, "homepage": None, "language": "HCL",
            "forks_count": 0, "stargazers_count": 0, "watchers_count": 0, "size": 1,
            "default_branch": repository.default_branch, "open_issues_count": open_count, "is_template": False,
            "topics": [], "has_issues": True, "has_projects": True, "has_wiki": False, "has_pages": False,
            "has_downloads": True, "has_discussions": False, "archived": False, "disabled": False,
            "visibility": "private", "pushed_at": pushed, "created_at": repository.created_at, "updated_at": pushed,
            "allow_rebase_merge": True, "allow_squash_merge": True, "allow_auto_merge": False,
            "delete_branch_on_merge": False, "allow_merge_commit": True, "allow_update_branch": False,
            "use_squash_pr_title_as_default": False, "allow_forking": True, "web_commit_signoff_required": False,
            "subscribers_count": 1, "network_count": 1, "license": None, "forks": 0, "open_issues": open_count,
            "watchers": 0, "custom_properties": {},
        }
        if repository.owner.type == "Organization":
            full["organization"] = self.user(repository.owner)
        if repository.fork_of is not None:
            full["parent"] = full["source"] = self.repository(repository.fork_of)
        return full

    def repository(self, repository: Repository) -> dict[str, Any]:
        return pick(self.full_repository(repository), "repository")

    # pull requests

    def pull(self, pull: PullRequest) -> dict[str, Any]:
        state, repository = self.state, pull.repository
        api, web = f"{self.repo_api(repository)}/pulls/{pull.number}", f"{self.repo_web(repository)}/pull/{pull.number}"
        issue = f"{self.repo_api(repository)}/issues/{pull.number}"
        head_sha = state.head_sha(pull)
        files = state.pull_files(pull, head_sha)
        base = state.base_sha(pull)
        commits = pull.repository.git.commits_between(base, head_sha)
        statuses = f"{self.repo_api(repository)}/statuses/{head_sha}"

        def side(repo: Repository, ref: str, sha: str) -> dict[str, Any]:
            return {"label": f"{repo.owner.login}:{ref}", "ref": ref, "sha": sha, "user": self.user(repo.owner),
                    "repo": self.repository(repo)}

        return {
            "url": api, "id": pull.id, "node_id": node_id("PullRequest", pull.id), "html_url": web,
            "diff_url": f"{web}.diff", "patch_url": f"{web}.patch", "issue_url": issue, "commits_url": f"{api}/commits",
            "review_comments_url": f"{api}/comments",
            "review_comment_url": f"{self.repo_api(repository)}/pulls/comments{{/number}}",
            "comments_url": f"{issue}/comments", "statuses_url": statuses, "number": pull.number,
            "state": pull.state, "locked": False, "title": pull.title, "user": self.user(pull.user), "body": pull.body,
            "labels": [], "milestone": None, "active_lock_reason": None, "created_at": pull.created_at,
            "updated_at": pull.updated_at, "closed_at": pull.closed_at, "merged_at": None, "merge_commit_sha": None,
            "assignee": None, "assignees": [], "requested_reviewers": [], "requested_teams": [],
            "head": side(pull.head_repository, pull.head_ref, head_sha), "base": side(repository, pull.base_ref, base),
            "_links": {key: {"href": href} for key, href in (
                ("self", api), ("html", web), ("issue", issue), ("comments", f"{issue}/comments"),
                ("review_comments", f"{api}/comments"),
                ("review_comment", f"{self.repo_api(repository)}/pulls/comments{{/number}}"),
                ("commits", f"{api}/commits"), ("statuses", statuses))},
            "author_association": self.association(repository, pull.user), "auto_merge": None, "draft": pull.draft,
            "merged": False, "mergeable": None, "rebaseable": None, "mergeable_state": "unknown", "merged_by": None,
            "comments": sum(1 for comment in state.issue_comments.values() if comment.repository is repository
                            and comment.issue_number == pull.number),
            "review_comments": sum(1 for comment in state.review_comments.values() if comment.pull is pull),
            "maintainer_can_modify": pull.maintainer_can_modify, "commits": len(commits),
            "additions": sum(change.additions for change in files),
            "deletions": sum(change.deletions for change in files), "changed_files": len(files),
        }

    def pull_minimal(self, pull: PullRequest) -> dict[str, Any]:
        def repo(repository: Repository) -> dict[str, Any]:
            return {"id": repository.id, "url": self.repo_api(repository), "name": repository.name}

        return {"id": pull.id, "number": pull.number, "url": f"{self.repo_api(pull.repository)}/pulls/{pull.number}",
                "head": {"ref": pull.head_ref, "sha": self.state.head_sha(pull), "repo": repo(pull.head_repository)},
                "base": {"ref": pull.base_ref, "sha": self.state.base_sha(pull), "repo": repo(pull.repository)}}

    def association(self, repository: Repository, account: Account) -> str:
        if account.login.lower() == repository.owner.login.lower():
            return "OWNER"
        if repository.roles.get(account.login.lower(), "read") in ("admin", "maintain", "write", "triage"):
            return "MEMBER" if repository.owner.type == "Organization" else "COLLABORATOR"
        if any(pull.user is account for pull in self.state.pulls_of(repository)):
            return "CONTRIBUTOR"
        return "NONE"

    def diff_entry(self, repository: Repository, head: str, change: FileChange) -> dict[str, Any]:
        web, api = self.repo_web(repository), self.repo_api(repository)
        ref = head
        entry: dict[str, Any] = {
            "sha": change.sha, "filename": change.filename, "status": change.status, "additions": change.additions,
            "deletions": change.deletions, "changes": change.additions + change.deletions,
            "blob_url": f"{web}/blob/{ref}/{change.filename}", "raw_url": f"{web}/raw/{ref}/{change.filename}",
            "contents_url": f"{api}/contents/{change.filename}?ref={ref}",
        }
        if change.patch is not None:
            entry["patch"] = change.patch
        if change.previous_filename is not None:
            entry["previous_filename"] = change.previous_filename
        return entry

    # git data

    def git_commit(self, repository: Repository, commit: CommitObject) -> dict[str, Any]:
        api = self.repo_api(repository)
        return {
            "sha": commit.sha, "node_id": node_id("Commit", int(commit.sha[:7], 16)),
            "url": f"{api}/git/commits/{commit.sha}", "html_url": f"{self.repo_web(repository)}/commit/{commit.sha}",
            "author": {"name": commit.author.name, "email": commit.author.email, "date": timestamp(commit.author.date)},
            "committer": {"name": commit.committer.name, "email": commit.committer.email,
                          "date": timestamp(commit.committer.date)},
            "tree": {"sha": commit.tree, "url": f"{api}/git/trees/{commit.tree}"}, "message": commit.message,
            "parents": [{"sha": parent, "url": f"{api}/git/commits/{parent}",
                         "html_url": f"{self.repo_web(repository)}/commit/{parent}"} for parent in commit.parents],
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None,
                             "verified_at": None},
        }

    def commit(self, repository: Repository, commit: CommitObject, files: list[FileChange]) -> dict[str, Any]:
        api, web = self.repo_api(repository), self.repo_web(repository)
        git_commit = self.git_commit(repository, commit)
        additions = sum(change.additions for change in files)
        deletions = sum(change.deletions for change in files)
        return {
            "url": f"{api}/commits/{commit.sha}", "sha": commit.sha, "node_id": git_commit["node_id"],
            "html_url": f"{web}/commit/{commit.sha}", "comments_url": f"{api}/commits/{commit.sha}/comments",
            "commit": {"url": git_commit["url"], "author": git_commit["author"], "committer": git_commit["committer"],
                       "message": commit.message, "comment_count": 0, "tree": git_commit["tree"],
                       "verification": git_commit["verification"]},
            "author": self._account_by_email(commit.author.email), "committer": self._account_by_email(
                commit.committer.email),
            "parents": [{"sha": parent, "url": f"{api}/commits/{parent}", "html_url": f"{web}/commit/{parent}"}
                        for parent in commit.parents],
            "stats": {"additions": additions, "deletions": deletions, "total": additions + deletions},
            "files": [self.diff_entry(repository, commit.sha, change) for change in files],
        }

    def _account_by_email(self, email: str) -> dict[str, Any] | None:
        local = email.split("@", 1)[0].split("+", 1)[-1]
        account = self.state.accounts.get(local.lower())
        return self.user(account) if account else None

    def ref(self, repository: Repository, ref: str, sha: str) -> dict[str, Any]:
        api = self.repo_api(repository)
        return {"ref": ref, "node_id": node_id("Ref", zlib.crc32(f"{repository.id}:{ref}".encode())),
                "url": f"{api}/git/{ref}", "object": {"type": "commit", "sha": sha,
                                                      "url": f"{api}/git/commits/{sha}"}}

    def blob(self, repository: Repository, sha: str, content: bytes) -> dict[str, Any]:
        return {"sha": sha, "node_id": node_id("Blob", int(sha[:7], 16)),
                "url": f"{self.repo_api(repository)}/git/blobs/{sha}", "size": len(content),
                "content": _wrapped_base64(content), "encoding": "base64"}

    def tree(self, repository: Repository, sha: str, entries: list[Any]) -> dict[str, Any]:
        api = self.repo_api(repository)
        listed = []
        for entry in entries:
            item = {"path": entry.path, "mode": entry.mode, "type": entry.type, "sha": entry.sha}
            if entry.type == "blob":
                item["size"] = entry.size
                item["url"] = f"{api}/git/blobs/{entry.sha}"
            elif entry.type == "tree":
                item["url"] = f"{api}/git/trees/{entry.sha}"
            listed.append(item)
        return {"sha": sha, "url": f"{api}/git/trees/{sha}", "tree": listed, "truncated": False}

    def content_file(self, repository: Repository, path: str, ref: str, sha: str, content: bytes) -> dict[str, Any]:
        api, web = self.repo_api(repository), self.repo_web(repository)
        self_url = f"{api}/contents/{path}?ref={ref}"
        git_url, html_url = f"{api}/git/blobs/{sha}", f"{web}/blob/{ref}/{path}"
        return {"type": "file", "encoding": "base64", "size": len(content), "name": path.rsplit("/", 1)[-1],
                "path": path, "content": _wrapped_base64(content), "sha": sha, "url": self_url, "git_url": git_url,
                "html_url": html_url, "download_url": f"{web}/raw/{ref}/{path}",
                "_links": {"self": self_url, "git": git_url, "html": html_url}}

    def content_entry(self, repository: Repository, path: str, ref: str, entry: Any) -> dict[str, Any]:
        api, web = self.repo_api(repository), self.repo_web(repository)
        kind = {"blob": "file", "tree": "dir", "commit": "submodule"}[entry.type]
        self_url = f"{api}/contents/{path}?ref={ref}"
        git_url = f"{api}/git/{'trees' if kind == 'dir' else 'blobs'}/{entry.sha}"
        html_url = f"{web}/{'tree' if kind == 'dir' else 'blob'}/{ref}/{path}"
        return {"type": kind, "size": entry.size or 0, "name": path.rsplit("/", 1)[-1], "path": path,
                "sha": entry.sha, "url": self_url, "git_url": git_url, "html_url": html_url,
                "download_url": f"{web}/raw/{ref}/{path}" if kind == "file" else None,
                "_links": {"self": self_url, "git": git_url, "html": html_url}}

    # checks, reviews, comments

    def check_run(self, run: CheckRun) -> dict[str, Any]:
        fields, repository = run.fields, run.repository
        api = f"{self.repo_api(repository)}/check-runs/{run.id}"
        pulls = [pull for pull in self.state.pulls_with_head(repository, fields["head_sha"])
                 if pull.head_repository is pull.repository]
        output = fields.get("output") or {}
        return {
            "id": run.id, "head_sha": fields["head_sha"], "node_id": node_id("CheckRun", run.id),
            "external_id": fields.get("external_id", ""), "url": api,
            "html_url": f"{self.repo_web(repository)}/runs/{run.id}",
            "details_url": fields.get("details_url", f"{self.base}/apps/{self.state.app_slug}"),
            "status": fields["status"], "conclusion": fields.get("conclusion"),
            "started_at": fields.get("started_at"), "completed_at": fields.get("completed_at"),
            "output": {"title": output.get("title"), "summary": output.get("summary"), "text": output.get("text"),
                       "annotations_count": len(run.annotations), "annotations_url": f"{api}/annotations"},
            "name": fields["name"], "check_suite": {"id": run.check_suite_id},
            "app": self.integration(),
            "pull_requests": [self.pull_minimal(pull) for pull in pulls],
        }

    def annotation(self, run: CheckRun, given: dict[str, Any]) -> dict[str, Any]:
        head = run.fields["head_sha"]
        return {"path": given["path"], "start_line": given["start_line"], "end_line": given["end_line"],
                "start_column": given.get("start_column"), "end_column": given.get("end_column"),
                "annotation_level": given["annotation_level"], "title": given.get("title"),
                "message": given["message"], "raw_details": given.get("raw_details"),
                "blob_href": f"{self.repo_web(run.repository)}/blob/{head}/{given['path']}"}

    def review(self, review: Review) -> dict[str, Any]:
        pull = review.pull
        web = f"{self.repo_web(pull.repository)}/pull/{pull.number}#pullrequestreview-{review.id}"
        pull_api = f"{self.repo_api(pull.repository)}/pulls/{pull.number}"
        body: dict[str, Any] = {
            "id": review.id, "node_id": node_id("PullRequestReview", review.id), "user": self.user(review.user),
            "body": review.body, "state": review.state, "html_url": web, "pull_request_url": pull_api,
            "_links": {"html": {"href": web}, "pull_request": {"href": pull_api}}, "commit_id": review.commit_id,
            "author_association": self.association(pull.repository, review.user),
        }
        if review.submitted_at:
            body["submitted_at"] = review.submitted_at
        return body

    def reactions_rollup(self, url: str, subject_type: str, subject_id: int) -> dict[str, Any]:
        counts = {content: 0 for content in REACTION_CONTENTS}
        for reaction in self.state.reactions:
            if reaction.subject_type == subject_type and reaction.subject_id == subject_id:
                counts[reaction.content] += 1
        return {"url": url, "total_count": sum(counts.values()), **counts}

    def review_comment(self, comment: ReviewComment) -> dict[str, Any]:
        pull, repository = comment.pull, comment.pull.repository
        api = f"{self.repo_api(repository)}/pulls/comments/{comment.id}"
        web = f"{self.repo_web(repository)}/pull/{pull.number}#discussion_r{comment.id}"
        pull_api = f"{self.repo_api(repository)}/pulls/{pull.number}"
        body: dict[str, Any] = {
            "url": api, "pull_request_review_id": comment.review_id, "id": comment.id,
            "node_id": node_id("PullRequestReviewComment", comment.id), "diff_hunk": comment.diff_hunk,
            "path": comment.path, "commit_id": comment.commit_id, "original_commit_id": comment.commit_id,
            "user": self.user(comment.user), "body": comment.body, "created_at": comment.created_at,
            "updated_at": comment.created_at, "html_url": web, "pull_request_url": pull_api,
            "author_association": self.association(repository, comment.user),
            "_links": {"self": {"href": api}, "html": {"href": web}, "pull_request": {"href": pull_api}},
            "start_line": comment.start_line, "original_start_line": comment.start_line,
            "start_side": comment.start_side, "side": comment.side, "subject_type": "line",
            "reactions": self.reactions_rollup(f"{api}/reactions", "review_comment", comment.id),
        }
        if comment.position is not None:
            body["position"] = body["original_position"] = comment.position
        if comment.line is not None:
            body["line"] = body["original_line"] = comment.line
        if comment.in_reply_to_id is not None:
            body["in_reply_to_id"] = comment.in_reply_to_id
        return body

    def issue_comment(self, comment: IssueComment) -> dict[str, Any]:
        repository = comment.repository
        api = f"{self.repo_api(repository)}/issues/comments/{comment.id}"
        kind = "pull" if self.state.pull(repository, comment.issue_number) else "issues"
        return {
            "id": comment.id, "node_id": node_id("IssueComment", comment.id), "url": api, "body": comment.body,
            "html_url": f"{self.repo_web(repository)}/{kind}/{comment.issue_number}#issuecomment-{comment.id}",
            "user": self.user(comment.user), "created_at": comment.created_at, "updated_at": comment.updated_at,
            "issue_url": f"{self.repo_api(repository)}/issues/{comment.issue_number}",
            "author_association": self.association(repository, comment.user),
            "performed_via_github_app": self.integration() if comment.user is self.state.bot
            else None,
            "reactions": self.reactions_rollup(f"{api}/reactions", "issue_comment", comment.id),
        }

    def reaction(self, reaction: Reaction) -> dict[str, Any]:
        return {"id": reaction.id, "node_id": node_id("Reaction", reaction.id), "user": self.user(reaction.user),
                "content": reaction.content, "created_at": reaction.created_at}


def _wrapped_base64(content: bytes) -> str:
    """Base64 with a newline every 60 characters, the way GitHub sends blob and file contents."""
    encoded = base64.b64encode(content).decode()
    return "".join(encoded[index:index + 60] + "\n" for index in range(0, len(encoded), 60))
