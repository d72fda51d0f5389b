"""The GitHub double answers as GitHub does, and says so when a request or an answer departs from GitHub's description.

Driven the way the App drives GitHub: PyGithub with App authentication for most calls, raw HTTP where the exact
status, headers or body matter.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import httpx
import jsonschema
import jwt
import pytest
from github import Auth, Github, GithubException, GithubIntegration, InputGitTreeElement

from tests.github_double import GitHubDouble, sign, webhook_payload

WEBHOOK_SCHEMA = Path(__file__).resolve().parent / "github" / "webhooks.schema.json"
MAIN_TF = "".join(f'variable "v{index}" {{\n  default = {index}\n}}\n\n' for index in range(12))
RENAMED_TF = "".join(f"# line {index} of a file that moves\n" for index in range(20))
BASE_FILES = {"main.tf": MAIN_TF, "old.tf": "# removed in the pull request\n", "modules/rename_me.tf": RENAMED_TF}


def app_jwt(double: GitHubDouble, **claims: object) -> str:
    """An RS256 JWT signed with the App key (signed as raw JSON, so `iss` may be an integer as GitHub allows)."""
    moment = int(time.time())
    payload = json.dumps({"iat": moment - 60, "exp": moment + 540, "iss": str(double.app_id), **claims})
    return jwt.api_jws.encode(payload.encode(), double.private_key_pem, algorithm="RS256")


def installation_token(double: GitHubDouble, owner: str = "octo") -> str:
    installation_id = double.install(owner)
    response = httpx.post(f"{double.url}/app/installations/{installation_id}/access_tokens",
                          headers={"Authorization": f"Bearer {app_jwt(double)}"})
    assert response.status_code == 201, response.text
    return response.json()["token"]


def installation_github(double: GitHubDouble, owner: str = "octo") -> Github:
    auth = Auth.AppAuth(double.app_id, double.private_key_pem).get_installation_auth(double.install(owner))
    return Github(base_url=double.url, auth=auth, retry=None, seconds_between_requests=None,
                  seconds_between_writes=None)


@pytest.fixture
def double(tmp_path: Path):
    with GitHubDouble(tmp_path) as running:
        running.install("octo")
        running.create_repo("octo/infra", files=BASE_FILES)
        yield running


@pytest.fixture
def api(double: GitHubDouble):
    with httpx.Client(base_url=double.url, headers={"Authorization": f"token {installation_token(double)}"}) as client:
        yield client


def open_feature_pull(double: GitHubDouble) -> tuple[int, str]:
    """A pull request that modifies, removes, renames and adds one file each."""
    head = double.commit("octo/infra", "feature", files={
        "main.tf": MAIN_TF.replace("default = 3\n", "default = 33\n"), "old.tf": None,
        "modules/rename_me.tf": None, "modules/moved.tf": RENAMED_TF, "new.tf": 'output "x" {\n  value = 1\n}\n',
    }, message="Change the infrastructure", author="alice")
    return double.open_pull("octo/infra", head="feature", base="main", user="alice"), head


def test_app_authenticates_with_a_jwt_and_works_with_its_installation_token(double: GitHubDouble) -> None:
    integration = GithubIntegration(auth=Auth.AppAuth(double.app_id, double.private_key_pem), base_url=double.url)
    assert integration.get_app().slug == "iacfix"
    token = integration.get_access_token(double.install("octo"))
    assert token.token.startswith("ghs_")
    assert 3500 < (token.expires_at.timestamp() - time.time()) <= 3600
    assert integration.get_repo_installation("octo", "infra").id == double.install("octo")
    repository = Github(base_url=double.url, auth=Auth.Token(token.token)).get_repo("octo/infra")
    assert (repository.full_name, repository.default_branch) == ("octo/infra", "main")
    double.assert_honest()


def test_jwts_github_would_refuse_are_refused(double: GitHubDouble) -> None:
    url = f"{double.url}/app/installations/{double.install('octo')}/access_tokens"
    moment = int(time.time())
    refused = {
        "expired": app_jwt(double, iat=moment - 700, exp=moment - 60),
        "expiring more than ten minutes ahead": app_jwt(double, exp=moment + 1200),
        "another app": app_jwt(double, iss="99"),
        "an installation token": installation_token(double),
    }
    for reason, credential in refused.items():
        response = httpx.post(url, headers={"Authorization": f"Bearer {credential}"})
        assert response.status_code == 401, reason
    assert httpx.post(url, headers={"Authorization": f"Bearer {app_jwt(double, iss=double.app_id)}"}).status_code == 201
    double.assert_honest()


def test_requests_without_a_valid_installation_token_are_refused(double: GitHubDouble) -> None:
    assert httpx.get(f"{double.url}/repos/octo/infra").status_code == 401
    bad = httpx.get(f"{double.url}/repos/octo/infra", headers={"Authorization": "token ghs_not-issued"})
    assert (bad.status_code, bad.json()["message"]) == (401, "Bad credentials")
    token = installation_token(double)
    double.expire_tokens()
    assert httpx.get(f"{double.url}/repos/octo/infra", headers={"Authorization": f"token {token}"}).status_code == 401
    double.fork("octo/infra", "mallory/infra")
    fresh = {"Authorization": f"token {installation_token(double)}"}
    assert httpx.get(f"{double.url}/repos/mallory/infra", headers=fresh).status_code == 404
    assert httpx.get(f"{double.url}/repos/octo/infra", headers=fresh).status_code == 200
    double.assert_honest()


def test_rate_limit_headers_count_down_per_token_until_refused(double: GitHubDouble, api: httpx.Client) -> None:
    first, second = api.get("/repos/octo/infra"), api.get("/repos/octo/infra")
    assert int(first.headers["x-ratelimit-remaining"]) - 1 == int(second.headers["x-ratelimit-remaining"])
    assert int(second.headers["x-ratelimit-used"]) == 2
    assert int(second.headers["x-ratelimit-reset"]) > time.time()
    other = {"Authorization": f"token {installation_token(double)}"}
    assert httpx.get(f"{double.url}/repos/octo/infra", headers=other).headers["x-ratelimit-used"] == "1"
    double.rate_limit = 3
    assert api.get("/repos/octo/infra").status_code == 200
    exhausted = api.get("/repos/octo/infra")
    assert exhausted.status_code == 403 and exhausted.headers["x-ratelimit-remaining"] == "0"
    overview = api.get("/rate_limit")
    assert overview.status_code == 200 and overview.json()["resources"]["core"]["remaining"] == 0
    double.assert_honest()


def test_pull_request_files_page_by_page_with_link_headers(double: GitHubDouble, api: httpx.Client) -> None:
    number, head = open_feature_pull(double)
    pages, url = [], f"/repos/octo/infra/pulls/{number}/files?per_page=3"
    while url:
        response = api.get(url)
        assert response.status_code == 200
        pages.append(response)
        url = response.links.get("next", {}).get("url")
    assert [len(page.json()) for page in pages] == [3, 1]
    assert pages[0].links["last"]["url"].endswith("page=2") and "next" not in pages[1].links
    assert pages[1].links["prev"]["url"].endswith("page=1")
    files = {entry["filename"]: entry for page in pages for entry in page.json()}
    assert {name: entry["status"] for name, entry in files.items()} == {
        "main.tf": "modified", "old.tf": "removed", "modules/moved.tf": "renamed", "new.tf": "added"}
    assert files["modules/moved.tf"]["previous_filename"] == "modules/rename_me.tf"
    main = files["main.tf"]
    assert (main["additions"], main["deletions"], main["changes"]) == (1, 1, 2)
    assert main["patch"].startswith("@@ -") and "-  default = 3\n+  default = 33" in main["patch"]
    assert main["sha"] == double.git("octo/infra", "rev-parse", f"{head}:main.tf").strip()
    blob = api.get(f"/repos/octo/infra/git/blobs/{main['sha']}").json()
    assert base64.b64decode(blob["content"]).decode() == double.files_at("octo/infra", "feature")["main.tf"]
    double.assert_honest()


def test_pygithub_reads_files_blobs_trees_and_contents(double: GitHubDouble) -> None:
    number, head = open_feature_pull(double)
    repository = installation_github(double).get_repo("octo/infra")
    pull = repository.get_pull(number)
    assert pull.head.sha == head and pull.changed_files == 4
    assert sorted(change.filename for change in pull.get_files()) == ["main.tf", "modules/moved.tf", "new.tf",
                                                                        "old.tf"]
    tree = repository.get_git_tree(head, recursive=True)
    assert {entry.path for entry in tree.tree if entry.type == "blob"} == {"main.tf", "modules/moved.tf", "new.tf"}
    assert repository.get_contents("new.tf", ref="feature").decoded_content == b'output "x" {\n  value = 1\n}\n'
    with pytest.raises(GithubException) as missing:
        repository.get_contents("old.tf", ref="feature")
    assert missing.value.status == 404
    assert [entry.path for entry in repository.get_contents("modules", ref="main")] == ["modules/rename_me.tf"]
    assert double.pull("octo/infra", number) == pull.raw_data
    double.assert_honest()


def test_listed_files_stop_at_three_thousand(double: GitHubDouble, api: httpx.Client) -> None:
    double.commit("octo/infra", "huge", files={f"generated/f{index:04}.tf": f"# {index}\n" for index in range(3010)})
    number = double.open_pull("octo/infra", head="huge")
    last = api.get(f"/repos/octo/infra/pulls/{number}/files?per_page=100").links["last"]["url"]
    assert last.endswith("page=30")
    assert len(api.get(last).json()) == 100
    assert api.get(f"/repos/octo/infra/pulls/{number}/files?per_page=100&page=31").json() == []
    double.assert_honest()


def test_app_writes_one_commit_with_a_tree_and_a_fast_forward_ref_update(double: GitHubDouble) -> None:
    number, head = open_feature_pull(double)
    repository = installation_github(double).get_repo("octo/infra")
    tree = repository.create_git_tree([
        InputGitTreeElement("main.tf", "100644", "blob", content="fixed\n"),
        InputGitTreeElement("new.tf", "100644", "blob", sha=None),
    ], repository.get_git_tree(head))
    commit = repository.create_git_commit("Fix it", tree, [repository.get_git_commit(head)])
    repository.get_git_ref("heads/feature").edit(commit.sha, force=False)
    assert double.branch_sha("octo/infra", "feature") == commit.sha
    assert double.files_at("octo/infra", "feature") == {"main.tf": "fixed\n", "modules/moved.tf": RENAMED_TF}
    log = double.git("octo/infra", "log", "--format=%H %P %an <%ae>", "-1", "feature").split()
    assert log[:3] == [commit.sha, head, "iacfix[bot]"] and log[3].endswith("+iacfix[bot]@users.noreply.github.com>")
    assert double.pull("octo/infra", number)["head"]["sha"] == commit.sha
    double.assert_honest()


def test_ref_update_that_is_not_a_fast_forward_is_refused(double: GitHubDouble, api: httpx.Client) -> None:
    _, head = open_feature_pull(double)
    main = double.branch_sha("octo/infra", "main")
    refused = api.patch("/repos/octo/infra/git/refs/heads/feature", json={"sha": main, "force": False})
    assert (refused.status_code, refused.json()["message"]) == (422, "Update is not a fast forward")
    assert double.branch_sha("octo/infra", "feature") == head
    forced = api.patch("/repos/octo/infra/git/refs/heads/feature", json={"sha": main, "force": True})
    assert forced.status_code == 200 and double.branch_sha("octo/infra", "feature") == main
    double.assert_honest()


def test_a_push_racing_the_ref_update_wins(double: GitHubDouble, api: httpx.Client) -> None:
    _, head = open_feature_pull(double)
    base_tree = api.get(f"/repos/octo/infra/git/commits/{head}").json()["tree"]["sha"]
    tree = api.post("/repos/octo/infra/git/trees", json={
        "base_tree": base_tree, "tree": [{"path": "main.tf", "mode": "100644", "type": "blob", "content": "fix\n"}]}).json()
    commit = api.post("/repos/octo/infra/git/commits", json={
        "message": "Fix", "tree": tree["sha"], "parents": [head]}).json()
    pushed = []

    def push_meanwhile(full_name: str, ref: str, new_sha: str) -> None:
        pushed.append(double.commit(full_name, ref.removeprefix("refs/heads/"), {"late.tf": "# pushed\n"}))

    double.before_ref_update = push_meanwhile
    refused = api.patch("/repos/octo/infra/git/refs/heads/feature", json={"sha": commit["sha"]})
    assert (refused.status_code, refused.json()["message"]) == (422, "Update is not a fast forward")
    assert double.branch_sha("octo/infra", "feature") == pushed[0]
    double.assert_honest()


def test_new_branch_and_fix_pull_request(double: GitHubDouble, api: httpx.Client) -> None:
    _, head = open_feature_pull(double)
    created = api.post("/repos/octo/infra/git/refs", json={"ref": "refs/heads/iacfix/fix", "sha": head})
    assert created.status_code == 201 and created.headers["location"].endswith("/git/refs/heads/iacfix/fix")
    assert api.post("/repos/octo/infra/git/refs", json={"ref": "refs/heads/iacfix/fix", "sha": head}).json()[
        "message"] == "Reference already exists"
    assert api.post("/repos/octo/infra/pulls", json={
        "title": "Fix", "head": "iacfix/fix", "base": "feature"}).status_code == 422  # no commits between them
    double.commit("octo/infra", "iacfix/fix", {"main.tf": "fixed\n"})
    opened = api.post("/repos/octo/infra/pulls", json={"title": "Fix", "head": "octo:iacfix/fix", "base": "feature"})
    assert opened.status_code == 201 and opened.json()["user"]["login"] == "iacfix[bot]"
    assert [pull["number"] for pull in double.created_pulls] == [opened.json()["number"]]
    assert api.post("/repos/octo/infra/pulls", json={"title": "Again", "head": "iacfix/fix", "base": "feature"}
                    ).status_code == 422
    listed = api.get("/repos/octo/infra/pulls", params={"head": "octo:iacfix/fix", "base": "feature"}).json()
    assert [pull["number"] for pull in listed] == [opened.json()["number"]]
    double.assert_honest()


def test_review_comments_must_be_on_lines_of_the_diff(double: GitHubDouble, api: httpx.Client) -> None:
    number, head = open_feature_pull(double)
    outside = api.post(f"/repos/octo/infra/pulls/{number}/reviews", json={
        "commit_id": head, "event": "COMMENT", "body": "review",
        "comments": [{"path": "main.tf", "line": 40, "side": "RIGHT", "body": "far from the change"}]})
    assert outside.status_code == 422
    assert "pull_request_review_thread.line must be part of the diff" in outside.text
    assert double.reviews == []
    changed_line = MAIN_TF.replace("default = 3\n", "default = 33\n").splitlines().index("  default = 33") + 1
    inside = api.post(f"/repos/octo/infra/pulls/{number}/reviews", json={
        "commit_id": head, "event": "COMMENT", "body": "review", "comments": [
            {"path": "main.tf", "start_line": changed_line - 1, "line": changed_line, "side": "RIGHT",
             "body": "```suggestion\n  default = 3\n```"}]})
    assert inside.status_code == 200 and inside.json()["state"] == "COMMENTED"
    comment = double.review_comments[0]
    assert (comment["line"], comment["start_line"], comment["side"]) == (changed_line, changed_line - 1, "RIGHT")
    assert comment["diff_hunk"].startswith("@@") and comment["diff_hunk"].endswith("+  default = 33")
    reply = api.post(f"/repos/octo/infra/pulls/{number}/comments/{comment['id']}/replies", json={"body": "done"})
    assert reply.status_code == 201 and reply.json()["in_reply_to_id"] == comment["id"]
    assert [item["body"] for item in api.get(f"/repos/octo/infra/pulls/{number}/comments").json()] == [
        comment["body"], "done"]
    double.assert_honest()


def test_check_run_annotations_are_capped_per_request_and_accumulate(double: GitHubDouble,
                                                                     api: httpx.Client) -> None:
    _, head = open_feature_pull(double)
    annotation = {"path": "main.tf", "start_line": 1, "end_line": 1, "annotation_level": "warning", "message": "m"}
    run = api.post("/repos/octo/infra/check-runs", json={"name": "iacfix", "head_sha": head, "status": "in_progress"})
    assert run.status_code == 201 and run.json()["conclusion"] is None
    url = f"/repos/octo/infra/check-runs/{run.json()['id']}"
    for _ in range(2):
        update = api.patch(url, json={"output": {"title": "t", "summary": "s", "annotations": [annotation] * 30}})
        assert update.status_code == 200
    done = api.patch(url, json={"conclusion": "failure", "output": {"title": "2 findings", "summary": "s"},
                                "actions": [{"label": "Fix", "description": "Fix what can be fixed",
                                             "identifier": "fix"}]})
    assert done.json()["output"]["annotations_count"] == 60 and done.json()["status"] == "completed"
    listed = api.get(f"/repos/octo/infra/commits/{head}/check-runs").json()
    assert listed["total_count"] == 1 and listed["check_runs"][0]["conclusion"] == "failure"
    assert len(double.check_runs) == 1 and len(double.check_runs[0]["annotations"]) == 60
    double.assert_honest()
    too_many = api.patch(url, json={"output": {"title": "t", "summary": "s", "annotations": [annotation] * 51}})
    assert too_many.status_code == 422
    assert any("annotations" in violation for violation in double.violations)
    assert api.get(url).json()["output"]["annotations_count"] == 60
    four_buttons = [{"label": f"B{index}", "description": "d", "identifier": f"b{index}"} for index in range(4)]
    assert api.patch(url, json={"actions": four_buttons}).status_code == 422


def test_reactions_and_issue_comments(double: GitHubDouble, api: httpx.Client) -> None:
    number, _ = open_feature_pull(double)
    command = double.add_issue_comment("octo/infra", number, "/fix", "alice")
    first = api.post(f"/repos/octo/infra/issues/comments/{command['id']}/reactions", json={"content": "eyes"})
    again = api.post(f"/repos/octo/infra/issues/comments/{command['id']}/reactions", json={"content": "eyes"})
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    assert api.post("/repos/octo/infra/issues/comments/999999/reactions", json={"content": "eyes"}).status_code == 404
    answer = api.post(f"/repos/octo/infra/issues/{number}/comments", json={"body": "Fixed in abc"})
    assert answer.status_code == 201
    assert [comment["body"] for comment in double.issue_comments] == ["Fixed in abc"]
    assert [comment["user"]["login"] for comment in api.get(f"/repos/octo/infra/issues/{number}/comments").json()] == [
        "alice", "iacfix[bot]"]
    assert double.reactions[0]["content"] == "eyes" and double.reactions[0]["comment_id"] == command["id"]
    double.assert_honest()


def test_an_issue_comment_is_edited_in_place_by_its_author_only(double: GitHubDouble, api: httpx.Client) -> None:
    number, _ = open_feature_pull(double)
    mine = api.post(f"/repos/octo/infra/issues/{number}/comments", json={"body": "first run"}).json()
    theirs = double.add_issue_comment("octo/infra", number, "looks good", "alice")
    edited = api.patch(f"/repos/octo/infra/issues/comments/{mine['id']}", json={"body": "second run"})
    assert edited.status_code == 200 and edited.json()["body"] == "second run"
    assert edited.json()["updated_at"] >= mine["updated_at"]
    assert api.get(f"/repos/octo/infra/issues/comments/{mine['id']}").json()["body"] == "second run"
    assert [c["body"] for c in api.get(f"/repos/octo/infra/issues/{number}/comments").json()] == [
        "second run", "looks good"]
    assert api.patch(f"/repos/octo/infra/issues/comments/{theirs['id']}", json={"body": "x"}).status_code == 403
    assert api.patch("/repos/octo/infra/issues/comments/999999", json={"body": "x"}).status_code == 404
    assert [c["body"] for c in double.comments_on("octo/infra", number)] == ["second run", "looks good"]
    assert [c["body"] for c in double.edited_issue_comments] == ["second run"]
    double.assert_honest()


def test_permission_levels_as_github_reports_them(double: GitHubDouble) -> None:
    repository = installation_github(double).get_repo("octo/infra")
    double.set_permission("octo/infra", "alice", "maintain")
    double.set_permission("octo/infra", "eve", "none")
    double.user("reader")
    levels = {login: repository.get_collaborator_permission(login) for login in ("alice", "eve", "reader", "octo")}
    assert levels == {"alice": "write", "eve": "none", "reader": "read", "octo": "admin"}
    raw = installation_github(double).requester.requestJsonAndCheck(
        "GET", "/repos/octo/infra/collaborators/alice/permission")[1]
    assert raw["role_name"] == "maintain" and raw["user"]["login"] == "alice"
    double.assert_honest()


def test_bad_request_bodies_and_unknown_routes_are_recorded(double: GitHubDouble, api: httpx.Client) -> None:
    missing_sha = api.post("/repos/octo/infra/git/refs", json={"ref": "refs/heads/x"})
    assert missing_sha.status_code == 422
    assert any("'sha' is a required property" in violation for violation in double.violations)
    unknown = api.get("/repos/octo/infra/no-such-thing")
    assert unknown.status_code == 404 and unknown.json()["message"] == "Not Found"
    assert "x-ratelimit-remaining" in unknown.headers
    assert any("GET /repos/octo/infra/no-such-thing" in violation for violation in double.violations)
    with pytest.raises(AssertionError, match="no-such-thing"):
        double.assert_honest()
    calls = [(call.method, call.operation_id, call.status) for call in double.calls[-2:]]
    assert calls == [("POST", "git/create-ref", 422), ("GET", None, 404)]


def test_real_operations_the_double_does_not_serve_fail_the_honesty_check(double: GitHubDouble,
                                                                        api: httpx.Client) -> None:
    assert api.get("/repos/octo/infra/branches").status_code == 404
    assert double.violations == []
    with pytest.raises(AssertionError, match="repos/list-branches"):
        double.assert_honest()


def test_injected_failures_answer_once_then_recover(double: GitHubDouble, api: httpx.Client) -> None:
    reset = str(int(time.time()) + 30)
    double.fail_next("GET", r"/repos/.+/infra$", status=403,
                     headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
    double.fail_next("GET", r"/repos/.+/infra$", status=502)
    limited = api.get("/repos/octo/infra")
    assert (limited.status_code, limited.headers["x-ratelimit-remaining"], limited.headers["x-ratelimit-reset"]) == (
        403, "0", reset)
    assert api.get("/repos/octo/infra").status_code == 502
    assert api.get("/repos/octo/infra").status_code == 200
    double.assert_honest()


def test_pull_request_head_follows_pushes(double: GitHubDouble, api: httpx.Client) -> None:
    number, head = open_feature_pull(double)
    pushed = double.commit("octo/infra", "feature", {"later.tf": "# later\n"}, author="alice")
    assert api.get(f"/repos/octo/infra/pulls/{number}").json()["head"]["sha"] == pushed
    payload = webhook_payload("pull_request.synchronize", double, number=number)
    assert (payload["before"], payload["after"]) == (head, pushed)
    double.assert_honest()


def webhook_errors(payload: dict, name: str) -> list[str]:
    schema = json.loads(WEBHOOK_SCHEMA.read_text())
    event = name.split(".")[0]
    validator = jsonschema.Draft7Validator({"$ref": f"#/definitions/{event}${payload['action']}",
                                            "definitions": schema["definitions"]})
    return [f"{list(error.absolute_path)}: {error.message[:200]}" for error in validator.iter_errors(payload)]


def test_webhook_payloads_describe_the_double_and_match_githubs_schema(double: GitHubDouble) -> None:
    number, head = open_feature_pull(double)
    installation_id = double.install("octo")
    opened = webhook_payload("pull_request.opened", double)
    assert (opened["number"], opened["installation"]["id"]) == (number, installation_id)
    assert opened["pull_request"]["head"]["sha"] == head and opened["pull_request"]["base"]["ref"] == "main"
    assert opened["repository"]["url"] == f"{double.url}/repos/octo/infra"
    command = webhook_payload("issue_comment.created", double, comment={"body": "/fix", "user": {"login": "bob"}})
    assert command["issue"]["number"] == number and "pull_request" in command["issue"]
    assert (command["comment"]["body"], command["sender"]["login"]) == ("/fix", "bob")
    payloads = {"pull_request.opened": opened, "issue_comment.created": command}
    for name in ("pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review",
                 "pull_request_review_comment.created", "check_run.requested_action", "check_run.rerequested",
                 "check_suite.rerequested"):
        payloads[name] = webhook_payload(name, double)
    for name, payload in payloads.items():
        assert webhook_errors(payload, name) == [], name
    assert payloads["check_run.requested_action"]["check_run"]["head_sha"] == head
    double.assert_honest()


def test_webhook_comment_reaches_the_api(double: GitHubDouble, api: httpx.Client) -> None:
    number, _ = open_feature_pull(double)
    payload = webhook_payload("issue_comment.created", double, comment={"body": "/fix"})
    comment_id = payload["comment"]["id"]
    assert api.post(f"/repos/octo/infra/issues/comments/{comment_id}/reactions",
                    json={"content": "+1"}).status_code == 201
    reply_to = webhook_payload("pull_request_review_comment.created", double, number=number,
                               comment={"body": "/fix"})["comment"]
    assert api.get(f"/repos/octo/infra/pulls/comments/{reply_to['id']}").json()["body"] == "/fix"
    double.assert_honest()


def test_fork_pull_requests(double: GitHubDouble, api: httpx.Client) -> None:
    double.fork("octo/infra", "mallory/infra")
    head = double.commit("mallory/infra", "patch", {"main.tf": "# from a fork\n"}, author="mallory")
    number = double.open_pull("octo/infra", head="patch", base="main", user="mallory", head_repo="mallory/infra")
    payload = webhook_payload("pull_request.opened", double, number=number)
    assert payload["pull_request"]["head"]["repo"]["full_name"] == "mallory/infra"
    assert payload["pull_request"]["head"]["sha"] == head and payload["pull_request"]["base"]["repo"]["fork"] is False
    files = api.get(f"/repos/octo/infra/pulls/{number}/files").json()
    assert api.get(f"/repos/octo/infra/git/blobs/{files[0]['sha']}").status_code == 200
    assert api.patch("/repos/mallory/infra/git/refs/heads/patch", json={"sha": head}).status_code == 404
    run = api.post("/repos/octo/infra/check-runs", json={"name": "iacfix", "head_sha": head}).json()
    assert run["pull_requests"] == []
    double.assert_honest()


def test_signature_matches_githubs_documented_example() -> None:
    assert sign(b"Hello, World!", "It's a Secret to Everybody") == (
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
