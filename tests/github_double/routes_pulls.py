"""Pull requests, their files, reviews and review comments, with GitHub's rules on where a comment may go."""

from __future__ import annotations

from typing import Any

from tests.github_double.diffs import FileChange
from tests.github_double.errors import ApiError, not_found, validation_failed
from tests.github_double.objects import pick
from tests.github_double.routes_git import object_of_kind
from tests.github_double.routing import ApiRequest, Reply, handles, paginated, require
from tests.github_double.state import Review, ReviewComment, timestamp

MAX_LISTED_FILES = 3000
REVIEW_STATES = {"COMMENT": "COMMENTED", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}


def review_refusal(message: str) -> ApiError:
    """The review endpoint's 422 carries plain strings in `errors` (GitHub's validation-error-simple)."""
    return ApiError(422, "Unprocessable Entity", [message])


@handles("pulls/get")
def get_pull(request: ApiRequest) -> Reply:
    return Reply(200, request.objects.pull(request.pull()))


@handles("pulls/list")
def list_pulls(request: ApiRequest) -> Reply:
    repository, query = request.repository(), request.query
    wanted_state = query.get("state", "open")
    pulls = [pull for pull in request.state.pulls_of(repository) if wanted_state in ("all", pull.state)]
    if "head" in query:
        owner, _, branch = query["head"].partition(":")
        pulls = [pull for pull in pulls if pull.head_repository.owner.login.lower() == owner.lower()
                 and (not branch or pull.head_ref == branch)]
    if "base" in query:
        pulls = [pull for pull in pulls if pull.base_ref == query["base"]]
    descending = query.get("direction", "desc" if query.get("sort", "created") == "created" else "asc") == "desc"
    pulls.sort(key=lambda pull: pull.number, reverse=descending)
    return paginated(request, pulls, lambda pull: pick(request.objects.pull(pull), "pull-request-simple"))


@handles("pulls/create")
def create_pull(request: ApiRequest) -> Reply:
    state, repository, body = request.state, request.repository(), request.json
    owner, _, branch = body["head"].rpartition(":")
    head_repository = repository
    if body.get("head_repo"):
        head_repository = state.repository(body["head_repo"]) or repository
    elif owner and owner.lower() != repository.owner.login.lower():
        head_repository = state.repository(f"{owner}/{repository.name}") or repository
    require(repository.git.ref_sha(f"refs/heads/{body['base']}") is not None,
            validation_failed(f"base {body['base']} does not exist", "PullRequest", "base", "invalid"))
    head_sha = head_repository.git.ref_sha(f"refs/heads/{branch}")
    require(head_sha is not None, validation_failed(f"head {body['head']} does not exist", "PullRequest", "head",
                                                    "invalid"))
    for other in state.pulls_of(repository):
        require(not (other.state == "open" and other.head_repository is head_repository and other.head_ref == branch
                     and other.base_ref == body["base"]),
                validation_failed(f"A pull request already exists for {head_repository.owner.login}:{branch}.",
                                  "PullRequest", "head"))
    require(body.get("title") is not None, validation_failed("title is missing", "PullRequest", "title", "missing"))
    require(state.commits_ahead(repository, body["base"], head_repository, branch) > 0,
            validation_failed(f"No commits between {body['base']} and {branch}", "PullRequest", "head"))
    pull = state.open_pull(repository, head_repository, branch, body["base"], state.bot, body.get("title", ""),
                           body.get("body"), bool(body.get("draft", False)),
                           bool(body.get("maintainer_can_modify", head_repository is not repository)))
    answer = request.objects.pull(pull)
    request.record("created_pulls", answer, repository)
    return Reply(201, answer, {"Location": answer["url"]})


@handles("pulls/list-files")
def list_files(request: ApiRequest) -> Reply:
    pull = request.pull()
    head = request.state.head_sha(pull)
    files = request.state.pull_files(pull, head)[:MAX_LISTED_FILES]
    return paginated(request, files, lambda change: request.objects.diff_entry(pull.repository, head, change))


def _place_comment(files: dict[str, FileChange], given: dict[str, Any]) -> dict[str, Any]:
    """Where a review comment lands in the diff; GitHub refuses any line outside the PR's hunks for that file."""
    change = files.get(given["path"])
    if change is None:
        raise review_refusal("Path could not be resolved")
    if given.get("line") is None:
        position = given.get("position")
        require(position is not None, review_refusal("pull_request_review_thread.line must be part of the diff"))
        for side in ("RIGHT", "LEFT"):
            for hunk in change.hunks:
                for line in range(hunk.new_start if side == "RIGHT" else hunk.old_start,
                                  (hunk.new_start + hunk.new_length) if side == "RIGHT" else (
                                      hunk.old_start + hunk.old_length)):
                    if change.position(side, line) == position:
                        return {"line": line, "side": side, "start_line": None, "start_side": None,
                                "position": position, "diff_hunk": change.diff_hunk(side, line)}
        raise review_refusal("pull_request_review_thread.position must be part of the diff")
    side, line = given.get("side", "RIGHT"), int(given["line"])
    hunk = change.hunk_for(side, line)
    require(hunk is not None, review_refusal("pull_request_review_thread.line must be part of the diff"))
    start_line, start_side = given.get("start_line"), given.get("start_side")
    if start_line is not None:
        start_side = start_side or side
        require(start_line < line if start_side == side else True,
                review_refusal("pull_request_review_thread.start_line must precede the end line."))
        require(change.hunk_for(start_side, start_line) is hunk,
                review_refusal("pull_request_review_thread.start_line must be part of the same hunk as the line."))
    return {"line": line, "side": side, "start_line": start_line, "start_side": start_side,
            "position": change.position(side, line), "diff_hunk": change.diff_hunk(side, line)}


@handles("pulls/create-review")
def create_review(request: ApiRequest) -> Reply:
    state, pull, body = request.state, request.pull(), request.json
    commit_id = body.get("commit_id") or state.head_sha(pull)
    require(object_of_kind(pull.repository, commit_id, "commit") is not None,
            review_refusal("Commit ID is not a commit in this repository"))
    event = body.get("event")
    user = state.bot
    if event in ("APPROVE", "REQUEST_CHANGES") and user is pull.user:
        raise review_refusal(f"Can not {'approve' if event == 'APPROVE' else 'request changes on'} your own pull "
                             "request")
    comments = body.get("comments", [])
    if event == "REQUEST_CHANGES" or (event == "COMMENT" and not comments):
        require(bool(body.get("body")), review_refusal("Body is required when using REQUEST_CHANGES or COMMENT"))
    files = {change.filename: change for change in state.pull_files(pull, commit_id)}
    placements = [_place_comment(files, given) for given in comments]
    review = Review(state.next_id(), pull, user, body.get("body", ""), REVIEW_STATES.get(event, "PENDING"),
                    commit_id, None if event is None else timestamp())
    state.reviews[review.id] = review
    for given, placement in zip(comments, placements, strict=True):
        comment = ReviewComment(state.next_id(), pull, review.id, user, given["body"], given["path"],
                                placement["line"], placement["side"], placement["start_line"],
                                placement["start_side"], commit_id, placement["position"], placement["diff_hunk"])
        state.review_comments[comment.id] = comment
        request.record("review_comments", request.objects.review_comment(comment), pull.repository)
    answer = request.objects.review(review)
    request.record("reviews", answer, pull.repository)
    return Reply(200, answer)


@handles("pulls/list-reviews")
def list_reviews(request: ApiRequest) -> Reply:
    pull = request.pull()
    reviews = [review for review in request.state.reviews.values() if review.pull is pull]
    return paginated(request, reviews, request.objects.review)


@handles("pulls/list-review-comments")
def list_review_comments(request: ApiRequest) -> Reply:
    pull = request.pull()
    comments = [comment for comment in request.state.review_comments.values() if comment.pull is pull]
    if request.query.get("direction") == "desc":
        comments.reverse()
    return paginated(request, comments, request.objects.review_comment)


def _review_comment(request: ApiRequest) -> ReviewComment:
    repository = request.repository()
    comment = request.state.review_comments.get(request.integer("comment_id"))
    require(comment is not None and comment.pull.repository is repository, not_found())
    assert comment is not None
    return comment


@handles("pulls/get-review-comment")
def get_review_comment(request: ApiRequest) -> Reply:
    return Reply(200, request.objects.review_comment(_review_comment(request)))


@handles("pulls/create-reply-for-review-comment")
def reply_to_review_comment(request: ApiRequest) -> Reply:
    state, pull = request.state, request.pull()
    parent = _review_comment(request)
    require(parent.pull is pull, not_found())
    require(parent.in_reply_to_id is None, review_refusal("Replies to replies are not supported."))
    user = state.bot
    comment = ReviewComment(state.next_id(), pull, parent.review_id, user, request.json["body"], parent.path,
                            parent.line, parent.side, parent.start_line, parent.start_side, parent.commit_id,
                            parent.position, parent.diff_hunk, in_reply_to_id=parent.id)
    state.review_comments[comment.id] = comment
    answer = request.objects.review_comment(comment)
    request.record("review_comments", answer, pull.repository)
    return Reply(201, answer, {"Location": answer["url"]})
