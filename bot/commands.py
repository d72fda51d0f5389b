"""``/fix`` in a comment, the check run's "Fix all" button, and ``/fix`` replied to one suggestion.

Only people with write access may ask, checked through the API (never trusted from the payload); every
request is acknowledged with a reaction and answered with a comment.
"""

from __future__ import annotations

from typing import Any

from iacfix.bot import facts, publish, texts
from iacfix.bot.analysis import analyse
from iacfix.bot.config import engine_config
from iacfix.bot.context import JobContext
from iacfix.bot.review import record_commit
from iacfix.bot.suggestions import read_marker
from iacfix.bot.texts import phrase
from iacfix.fixers.registry import UnknownRule, resolve
from iacfix.fixers.text import unified_diff

WRITERS = ("admin", "write")
REPLY_DEFAULTS: dict[str, Any] = {
    "refused": False, "permission": "", "error": "", "dry_run": False, "diff": "", "commit": "", "note": "",
    "fixed": [], "declined": [],
}


def reply(context: JobContext, reaction: str | None = None, thread: int | None = None, **values: Any) -> None:
    """Answer the sender (in the suggestion's thread when there is one) and react on their comment."""
    request, client = context.request, context.client
    body = texts.render("reply.md.j2", **{**REPLY_DEFAULTS, "user": request.sender, **values})
    if thread is not None:
        client.reply_to_review_comment(request.pr, thread, body)
    else:
        client.comment(request.pr, body)
    if reaction and request.comment_id and request.comment_kind in ("issue", "review"):
        client.react(request.comment_kind, request.comment_id, reaction)


def fix(context: JobContext, only: frozenset[tuple[str, str, str]] | None = None, thread: int | None = None) -> None:
    """Commit the fixes the sender asks for (all of them, the rules named, or the findings of one suggestion)."""
    request, client, queue = context.request, context.client, context.queue
    command = request.command
    assert command is not None

    def answer(reaction: str | None = None, **values: Any) -> None:
        reply(context, reaction, thread, **values)

    permission = client.permission(request.sender) if request.sender else "none"
    if permission not in WRITERS:
        answer(refused=True, permission=permission)
        return
    if request.comment_id and request.comment_kind in ("issue", "review"):
        client.react(request.comment_kind, request.comment_id, "eyes")
    try:
        rules = [resolve(selector).code for selector in command.rules]
    except UnknownRule as error:
        answer("confused", error=phrase("unknown_rule", rule=error.args[0]))
        return
    pull = context.read_pull()
    if pull["state"] != "open":
        answer("confused", error=phrase("pull_closed"))
        return
    config = context.read_config()
    unsafe = only is not None  # a suggestion asked for by name is applied as suggested
    analysis, _ = analyse(context, engine_config(config, unsafe=unsafe, rules=rules, only=only))
    files = analysis.fixed_files
    fixed = [f for f in analysis.fix.fixed if f.path in files]
    declined = analysis.fix.remaining if only is None else []
    if command.dry_run:
        diff = "".join(unified_diff(path, analysis.originals[path], files[path]) for path in sorted(files))
        answer("+1", dry_run=True, diff=diff.rstrip("\n"), fixed=fixed, declined=declined)
        return
    if not files:
        answer("+1", declined=declined)
        return
    if context.is_fork:
        comments, _ = publish.review_suggestions(client, request.pr, analysis, context.bot_login, context.marker_key)
        answer("+1", note=phrase("fork_fix", comments=comments))
        return
    if queue.seen(facts.fixed_head(context.repo, analysis.head_sha)):
        answer("confused", error=phrase("head_already_fixed", sha=analysis.head_sha))
        return
    sha = publish.commit_fixes(client, analysis, fixed, files, requested_by=request.sender)
    record_commit(context, analysis.head_sha, sha, fixed, "command")
    answer("+1", commit=sha, fixed=fixed, declined=declined)


def fix_suggestion(context: JobContext) -> None:
    """``/fix`` replied to one of the App's suggestions: commit just that suggestion."""
    client, request = context.client, context.request
    answered = client.review_comment(request.comment_id)
    root_id = answered.get("in_reply_to_id") or request.comment_id
    root = client.review_comment(root_id)
    own = (root.get("user") or {}).get("login") == context.bot_login
    marker = read_marker(root.get("body", ""), context.marker_key) if own else None
    if marker is None:
        return  # a /fix in somebody else's thread: the PR-wide /fix is the way
    only = frozenset(tuple(identity) for identity in marker["findings"])
    fix(context, only=only, thread=root_id)
