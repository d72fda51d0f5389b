"""Conversation on a pull request: issue comments, reactions to comments, and collaborators' permission levels."""

from __future__ import annotations

from tests.github_double.errors import ApiError, not_found
from tests.github_double.routing import ApiRequest, Reply, handles, paginated, require
from tests.github_double.state import PERMISSION_OF_ROLE, IssueComment, Reaction, timestamp


@handles("issues/create-comment")
def create_issue_comment(request: ApiRequest) -> Reply:
    state, repository = request.state, request.repository()
    number = request.integer("issue_number")
    require(state.pull(repository, number) is not None, not_found())
    user = state.bot
    comment = IssueComment(state.next_id(), repository, number, user, request.json["body"])
    state.issue_comments[comment.id] = comment
    answer = request.objects.issue_comment(comment)
    request.record("issue_comments", answer, repository)
    return Reply(201, answer, {"Location": answer["url"]})


@handles("issues/list-comments")
def list_issue_comments(request: ApiRequest) -> Reply:
    state, repository = request.state, request.repository()
    number = request.integer("issue_number")
    require(state.pull(repository, number) is not None, not_found())
    comments = [comment for comment in state.issue_comments.values()
                if comment.repository is repository and comment.issue_number == number]
    since = request.query.get("since")
    if since:
        comments = [comment for comment in comments if comment.created_at >= since]
    return paginated(request, comments, request.objects.issue_comment)


@handles("issues/get-comment")
def get_issue_comment(request: ApiRequest) -> Reply:
    return Reply(200, request.objects.issue_comment(_issue_comment(request)))


@handles("issues/update-comment")
def update_issue_comment(request: ApiRequest) -> Reply:
    """Only the comment's author edits it here (GitHub lets maintainers too; the App edits only its own)."""
    comment = _issue_comment(request)
    if comment.user is not request.state.bot:
        raise ApiError(403, "Resource not accessible by integration")
    comment.body, comment.updated_at = request.json["body"], timestamp()
    answer = request.objects.issue_comment(comment)
    request.record("edited_issue_comments", answer, comment.repository)
    return Reply(200, answer)


def _issue_comment(request: ApiRequest) -> IssueComment:
    repository = request.repository()
    comment = request.state.issue_comments.get(request.integer("comment_id"))
    require(comment is not None and comment.repository is repository, not_found())
    assert comment is not None
    return comment


def _react(request: ApiRequest, subject_type: str, subject_id: int) -> Reply:
    """A user's same reaction twice is one reaction: GitHub answers 200 with the existing one, 201 when new."""
    state, content = request.state, request.json["content"]
    user = state.bot
    for reaction in state.reactions:
        if (reaction.subject_type, reaction.subject_id, reaction.user, reaction.content) == (
                subject_type, subject_id, user, content):
            return Reply(200, request.objects.reaction(reaction))
    reaction = Reaction(state.next_id(), user, content, subject_type, subject_id)
    state.reactions.append(reaction)
    answer = request.objects.reaction(reaction)
    recorded = request.record("reactions", answer, request.repository())
    recorded.update({"comment_type": subject_type, "comment_id": subject_id})
    return Reply(201, answer)


@handles("reactions/create-for-issue-comment")
def react_to_issue_comment(request: ApiRequest) -> Reply:
    return _react(request, "issue_comment", _issue_comment(request).id)


@handles("reactions/create-for-pull-request-review-comment")
def react_to_review_comment(request: ApiRequest) -> Reply:
    repository = request.repository()
    comment = request.state.review_comments.get(request.integer("comment_id"))
    require(comment is not None and comment.pull.repository is repository, not_found())
    return _react(request, "review_comment", request.integer("comment_id"))


@handles("repos/get-collaborator-permission-level")
def get_permission(request: ApiRequest) -> Reply:
    state, repository = request.state, request.repository()
    account = state.accounts.get(request.params["username"].lower())
    require(account is not None, not_found())
    assert account is not None
    role = repository.role_of(account.login)
    permission = PERMISSION_OF_ROLE[role]
    user = {**request.objects.user(account), "role_name": role, "permissions": {
        "admin": role == "admin", "maintain": role in ("admin", "maintain"),
        "push": role in ("admin", "maintain", "write"), "triage": role in ("admin", "maintain", "write", "triage"),
        "pull": role != "none"}}
    return Reply(200, {"permission": permission, "role_name": role, "user": user})
