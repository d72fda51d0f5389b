"""One pull request that touches every rule in every language it supports, delivered by the real App: commit
mode commits exactly the engine's safe fixes, suggest mode offers exactly its unsafe ones as suggestions."""

from __future__ import annotations

from iacfix.fixers.registry import all_rules
from tests import test_app_e2e as e2e
from tests.app_harness import wait_for
from tests.examples import examples
from tests.github_double import webhook_payload
from tests.test_app_e2e import COMMIT_MODE, REPO, apply_suggestions, commits, completed_check, open_pull

double, app = e2e.double, e2e.app  # the end-to-end fixtures: the GitHub double and the running App


def every_rule_once() -> dict[str, str]:
    """Per rule and language, the first single-file example the rule fixes, each in a folder of its own."""
    files: dict[str, str] = {}
    for rule in all_rules():
        for language in rule.languages:
            example = next(e for e in examples() if e.code == rule.code and e.language == language.value
                           and e.after and len(e.before) == 1 and e.base is None and not e.good)
            [(name, text)] = example.before.items()
            files[f"{rule.code.lower()}/{language.value}/{name}"] = text
    return files


FILES = every_rule_once()


def expected_fixes(unsafe: bool = False) -> dict[str, str]:
    from iacfix.fixers.engine import Engine, EngineConfig

    return {**FILES, **Engine(EngineConfig(unsafe=unsafe, paths=frozenset(FILES))).fix(FILES).files}


def test_the_pull_request_holds_a_fixable_finding_of_every_rule() -> None:
    from iacfix.fixers.engine import Engine, EngineConfig

    report = Engine(EngineConfig(unsafe=True)).scan(FILES)
    assert {f.code for f in report.found if f.fixable} == {rule.code for rule in all_rules()}


def test_commit_mode_commits_every_safe_fix_in_one_commit(double, app) -> None:
    number, head = open_pull(double, FILES, COMMIT_MODE)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    fix = wait_for(lambda: len(commits(double)) == 3 and commits(double)[0], 300, "the fix commit")
    assert fix[1] == head
    assert double.files_at(REPO, "feature") == {**expected_fixes(), "README.md": "# infra\n",
                                                ".github/iacfix.yml": COMMIT_MODE}
    completed_check(double, head)


def test_suggest_mode_offers_every_fix_safe_and_unsafe(double, app) -> None:
    number, head = open_pull(double, FILES)
    app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo=REPO, number=number))
    [review] = wait_for(lambda: double.reviews, 300, "the review")  # sixty files: the slowest job of the suite
    completed_check(double, head)
    comments = [c for c in double.review_comments if c.get("pull_request_review_id") == review["id"]
                and "iacfix never applies it" not in c["body"]]  # shown to adapt, not a fix (IAC002's proposals)
    expected = expected_fixes(unsafe=True)
    changed = [path for path in FILES if expected[path] != FILES[path]]
    assert len(changed) == len(FILES)
    for path in changed:
        assert apply_suggestions(FILES[path], [c for c in comments if c["path"] == path]) == expected[path], path
    assert len(commits(double)) == 2, "suggest mode pushes nothing"
