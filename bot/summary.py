"""The one summary comment the App keeps on a pull request, edited on every run instead of adding new ones.

It says what the run did with each finding: fixed (committed or in a fix pull request), offered as a review
suggestion, shown as a suggestion for a person to adapt (display-only fixes, never applied), ready for ``/fix``,
or not fixed and why. The comment is found again by its marker, in the App's own comments only, so nobody can
make the App edit theirs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from iacfix.bot import texts
from iacfix.bot.analysis import Analysis
from iacfix.bot.github import GitHubClient, GitHubError
from iacfix.bot.texts import Trusted, phrase
from iacfix.fixers.model import Applicability, Finding

logger = logging.getLogger("iacfix.summary")
MARKER = "<!-- iacfix:summary -->"
MAX_BODY = 65_000  # GitHub refuses comments longer than 65,536 characters


@dataclass
class Delivery:
    """What an automatic run did with the fixes: the sentence for people, and whether they reached the code."""

    text: str = ""
    committed: bool = False  # on the pull request's branch
    delivered: bool = False  # committed, or in a fix pull request
    suggested: bool = False  # offered in a review
    own_head: bool = False  # the head is the App's own commit: checked, not fixed again


@dataclass
class Outcomes:
    """Each finding of a run in the one place the summary lists it."""

    fixed: list[Finding] = field(default_factory=list)
    suggested: list[Finding] = field(default_factory=list)
    shown: list[Finding] = field(default_factory=list)
    waiting: list[Finding] = field(default_factory=list)
    declined: list[tuple[Finding, str]] = field(default_factory=list)


def outcomes(analysis: Analysis, delivery: Delivery) -> Outcomes:
    """Sort the run's findings by what became of them."""
    result = Outcomes()
    files = analysis.fixed_files
    applied = [f for f in analysis.fix.fixed if f.path in files]
    if delivery.delivered:
        result.fixed = applied
    elif delivery.suggested:
        result.suggested = applied
    else:
        result.waiting = applied
    result.shown = [f for f in analysis.findings if f.fix and f.fix.applicability is Applicability.DISPLAY_ONLY]
    placed = {f.identity for f in applied} | {f.identity for f in result.shown}
    for finding in analysis.fix.remaining:
        if finding.identity not in placed:
            result.declined.append((finding, _reason(finding)))
    return result


def _reason(finding: Finding) -> str:
    if finding.not_fixed_reason:
        return finding.not_fixed_reason
    if finding.fixable:
        return phrase("fix_on_request", code=finding.code)
    return phrase("no_automatic_fix")


def render(analysis: Analysis, delivery: Delivery, limit: int = 50) -> str:
    """The summary, listing at most ``limit`` findings of each kind: fewer while it is longer than GitHub allows."""
    outcome = outcomes(analysis, delivery)
    while True:
        body = texts.render("summary.md.j2", marker=Trusted(MARKER), head_sha=analysis.head_sha, limit=limit,
                            delivery=delivery.text, outcome=outcome, changed=bool(analysis.changed))
        if len(body) <= MAX_BODY or limit == 0:
            return body[:MAX_BODY]
        limit //= 2


def keep_summary(client: GitHubClient, number: int, bot_login: str, body: str, create: bool = True) -> None:
    """Edit the App's summary comment to ``body``, or post it when there is none yet (and ``create``).

    The summary only reports: a refusal from GitHub is logged and the run goes on.
    """
    try:
        mine = [c for c in client.issue_comments(number)
                if (c.get("user") or {}).get("login") == bot_login and MARKER in (c.get("body") or "")]
        if mine:
            if mine[0].get("body") != body:
                client.edit_comment(mine[0]["id"], body)
        elif create:
            client.comment(number, body)
    except GitHubError:
        logger.warning("could not keep the summary comment on #%s", number, exc_info=True)
