"""Delivers results to GitHub: the check run, one commit, a review of suggestions, or a fix pull request.

A commit is always one tree with inline contents, one commit whose parent is the analysed head, and one
ref update without force: a push made meanwhile makes GitHub refuse the update (``BranchMoved``), and
nothing is overwritten.
"""

from __future__ import annotations

import logging
from typing import Any

from iacfix.bot import texts
from iacfix.bot.analysis import Analysis
from iacfix.bot.github import GitHubClient, GitHubError
from iacfix.bot.suggestions import (
    Suggestion,
    diff_lines,
    placeable,
    read_marker,
    shown_suggestions,
    suggestions_for,
)
from iacfix.bot.texts import phrase
from iacfix.fixers.model import Finding, Severity

logger = logging.getLogger("iacfix.publish")

ANNOTATIONS_PER_REQUEST = 50  # GitHub's limit per check-run request
LEVELS = {Severity.ERROR: "failure", Severity.WARNING: "warning"}


class BranchMoved(Exception):
    """The PR branch moved after the analysis: the job runs again on the new head."""


class FixBranchTaken(Exception):
    """Someone else pushed to the App's fix branch: it is never force-updated over their commits."""


# ---------------------------------------------------------------------------------- check runs
def start_check_run(client: GitHubClient, head_sha: str) -> int:
    return client.create_check_run(head_sha, status="in_progress")["id"]


def finish_check_run(client: GitHubClient, check_run_id: int, analysis: Analysis | None, *, conclusion: str,
                     delivery: str = "", config_problems: list[str] = (), offer_fix: bool = False,
                     unsafe: list[str] = ()) -> None:
    findings = analysis.findings if analysis else []
    fixed = {f.identity for f in analysis.fix.fixed} if analysis else set()
    summary = texts.render(
        "check_run.md.j2", changed=analysis.changed if analysis else [], head_sha=analysis.head_sha if analysis else "",
        rules=analysis.rules if analysis else [], findings=findings, errors=analysis.errors if analysis else [],
        delivery=delivery, config_problems=list(config_problems), unsafe=list(unsafe),
        fix_state=lambda f: _fix_state(f, fixed),
    )
    title = _title(findings, analysis)
    annotations = [_annotation(f) for f in findings]
    actions = [{"label": phrase("fix_all_label"), "description": phrase("fix_all_description"), "identifier": "fix"}]
    first, rest = annotations[:ANNOTATIONS_PER_REQUEST], annotations[ANNOTATIONS_PER_REQUEST:]
    output = {"title": title, "summary": summary[:65000], "annotations": first}
    client.update_check_run(check_run_id, status="completed", conclusion=conclusion, output=output,
                            **({"actions": actions} if offer_fix else {}))
    for start in range(0, len(rest), ANNOTATIONS_PER_REQUEST):
        batch = rest[start : start + ANNOTATIONS_PER_REQUEST]
        client.update_check_run(check_run_id, output={"title": title, "summary": summary[:65000], "annotations": batch})


def note_retry(client: GitHubClient, check_run_id: int, reason: str) -> None:
    """Say on the running check run why it is taking longer; the retry finishes it."""
    try:
        client.update_check_run(check_run_id, output={"title": phrase("title_retrying"), "summary": reason[:65000]})
    except Exception:  # GitHub may be the reason for the retry
        logger.warning("could not update check run %s", check_run_id, exc_info=True)


def abandon_check_run(client: GitHubClient, check_run_id: int, reason: str, conclusion: str = "neutral") -> None:
    """Close a check run a job could not finish, saying why; a failure to do so must not hide the first one."""
    try:
        client.update_check_run(check_run_id, status="completed", conclusion=conclusion,
                                output={"title": phrase("title_not_completed"), "summary": reason[:65000]})
    except Exception:  # GitHub may be the reason the job failed: say so in the log, keep the first error
        logger.warning("could not close check run %s", check_run_id, exc_info=True)


def _fix_state(finding: Finding, fixed: set[tuple[str, str, str]]) -> str:
    if finding.identity in fixed:
        return phrase("fix_ready")
    if finding.fixable:
        return phrase("fix_on_request", code=finding.code)
    return finding.not_fixed_reason or phrase("no_automatic_fix")


def _title(findings: list[Finding], analysis: Analysis | None) -> str:
    if analysis is None or not analysis.changed:
        return phrase("title_no_code")
    if not findings:
        return phrase("title_no_findings")
    return phrase("title_findings", findings=len(findings), fixable=sum(1 for f in findings if f.fixable))


def _annotation(finding: Finding) -> dict[str, Any]:
    annotation = {
        "path": finding.path,
        "start_line": finding.start.line,
        "end_line": max(finding.end.line, finding.start.line),
        "annotation_level": LEVELS.get(finding.severity, "notice"),
        "title": f"{finding.code} {finding.name}",
        "message": finding.message[:64000],
    }
    if finding.not_fixed_reason:
        annotation["raw_details"] = phrase("not_fixed", plain=True, reason=finding.not_fixed_reason)
    return annotation


# -------------------------------------------------------------------------------------- commits
def commit_fixes(client: GitHubClient, analysis: Analysis, fixed: list[Finding], files: dict[str, str],
                 requested_by: str | None = None) -> str:
    """One commit with every fixed file on top of the analysed head, moved onto the branch; returns its sha."""
    commit = _fix_commit(client, analysis, fixed, files, requested_by)
    try:
        client.update_branch(analysis.branch, commit)
    except GitHubError as error:
        if error.status == 422:
            raise BranchMoved(str(error)) from None
        raise
    return commit


def _fix_commit(client: GitHubClient, analysis: Analysis, fixed: list[Finding], files: dict[str, str],
                requested_by: str | None) -> str:
    """The commit object (one tree with inline contents, the analysed head as parent), on no branch yet."""
    message = texts.render("commit_message.txt.j2", fixed=fixed, codes=sorted({f.code for f in fixed}),
                           head_sha=analysis.head_sha, request=requested_by)
    return client.create_commit(message, client.create_tree(analysis.tree_sha, files, analysis.modes), analysis.head_sha)


def open_fix_pull(client: GitHubClient, analysis: Analysis, number: int, fixed: list[Finding],
                  files: dict[str, str], bot_login: str) -> int:
    """A branch ``iacfix/pr-<number>`` with the fixes and a pull request from it into the PR's branch.

    The branch is the App's own and always holds the latest fixes, so it is force-updated, but only while
    its tip is a commit the App made: someone who pushed to it keeps their commits (FixBranchTaken).
    """
    branch = f"iacfix/pr-{number}"
    tip = client.branch_sha(branch)
    if tip is not None and (client.commit(tip).get("author") or {}).get("name") != bot_login:
        raise FixBranchTaken(branch)
    commit = _fix_commit(client, analysis, fixed, files, None)
    if tip is None:
        client.create_branch(branch, commit)
    else:
        client.force_branch(branch, commit)
    existing = client.open_pulls(branch, analysis.branch)
    if existing:
        return existing[0]["number"]
    body = texts.render("fix_pull.md.j2", number=number, head_sha=analysis.head_sha, branch=analysis.branch, fixed=fixed)
    return client.create_pull(phrase("fix_pull_title", number=number), body, branch, analysis.branch)["number"]


# ---------------------------------------------------------------------------------- suggestions
def review_suggestions(client: GitHubClient, number: int, analysis: Analysis, bot_login: str, key: bytes,
                       note: str = "", fixes: bool = True) -> tuple[int, list[Finding]]:
    """Post one review whose comments suggest the fixes on lines in the diff; returns (comments, elsewhere).

    Display-only fixes are always among them (shown for a person to adapt, never applied); the applicable fixes
    only with ``fixes`` (not when they were committed). Suggestions already posted on an earlier run (same file,
    line and text) are not posted again.
    """
    posted = {
        marker["key"]
        for comment in client.review_comments(number)
        if (comment.get("user") or {}).get("login") == bot_login and (marker := read_marker(comment.get("body", ""), key))
    }
    candidates: list[Suggestion] = []
    for path, new in sorted(analysis.fixed_files.items()) if fixes else ():
        fixed_here = [f for f in analysis.fix.fixed if f.path == path]
        candidates += suggestions_for(path, analysis.originals[path], new, fixed_here, analysis.fix.origins)
    for path in sorted(analysis.originals):
        candidates += shown_suggestions(path, analysis.originals[path], analysis.findings)
    comments: list[dict[str, Any]] = []
    elsewhere: list[Finding] = []
    for suggestion in candidates:
        if not placeable(suggestion, diff_lines(analysis.patches.get(suggestion.path))):
            elsewhere.extend(suggestion.findings)
        elif suggestion.key not in posted:
            comments.append(_review_comment(suggestion, key))
    if not comments and not (elsewhere and not posted):
        return 0, elsewhere
    offered = {f.identity for suggestion in candidates for f in suggestion.findings}
    shown = sum(1 for suggestion in candidates if suggestion.display_only)
    body = texts.render("review.md.j2", total=len(offered), comments=len(comments), elsewhere=elsewhere,
                        note=note, shown=shown)
    client.create_review(number, analysis.head_sha, body, comments)
    return len(comments), elsewhere


def _review_comment(suggestion: Suggestion, key: bytes) -> dict[str, Any]:
    comment: dict[str, Any] = {
        "path": suggestion.path,
        "line": suggestion.end_line,
        "side": "RIGHT",
        "body": texts.render("suggestion.md.j2", suggestion=suggestion, key=key),
    }
    if suggestion.start_line != suggestion.end_line:
        comment.update(start_line=suggestion.start_line, start_side="RIGHT")
    return comment
