"""The App's decisions that need no GitHub: which delivery becomes which job, `/fix` commands, repository
configuration, signatures, and how a fixed file becomes review suggestions GitHub can apply."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

from iacfix.bot.app import verify_signature
from iacfix.bot.config import parse_config
from iacfix.bot.events import BadPayload, job_for, parse_fix_command
from iacfix.bot.suggestions import diff_lines, placeable, read_marker, suggestions_for
from iacfix.fixers.engine import Engine, EngineConfig

EXAMPLES = Path(__file__).resolve().parent / "github" / "webhook-examples"


def payload(name: str) -> dict:
    """A real delivery; the few examples recorded from repository webhooks get the installation an App sees."""
    data = json.loads((EXAMPLES / f"{name}.json").read_text())
    data.setdefault("installation", {"id": 1})
    return data


# ------------------------------------------------------------------------------------ deliveries
@pytest.mark.parametrize("name", ["pull_request.opened.2", "pull_request.synchronize", "pull_request.reopened",
                                  "pull_request.ready_for_review.2"])
def test_pull_request_events_ask_for_a_review_of_the_head(name) -> None:
    data = payload(name)
    job = job_for("pull_request", "delivery-1", data)
    assert job is not None and job.kind == "review"
    assert (job.repo, job.pr, job.head_sha) == (
        data["repository"]["full_name"], data["pull_request"]["number"], data["pull_request"]["head"]["sha"])
    assert job.installation_id == data["installation"]["id"]


@pytest.mark.parametrize("name", ["pull_request.closed", "pull_request.labeled", "pull_request.assigned"])
def test_other_pull_request_actions_need_no_job(name) -> None:
    assert job_for("pull_request", "d", payload(name)) is None


def test_events_the_app_does_not_handle_need_no_job() -> None:
    assert job_for("push", "d", payload("push.event")) is None
    assert job_for("installation", "d", payload("installation.created")) is None


def test_a_payload_without_what_its_event_needs_is_refused_with_the_reason() -> None:
    data = payload("pull_request.opened.2")
    del data["pull_request"]["head"]
    with pytest.raises(BadPayload, match="pull_request.head"):
        job_for("pull_request", "d", data)
    with pytest.raises(BadPayload, match="JSON object"):
        job_for("pull_request", "d", ["not", "an", "object"])


def test_a_fix_comment_on_a_pull_request_asks_for_a_fix() -> None:
    data = payload("issue_comment.created")
    data["issue"]["pull_request"] = {"url": "https://api.github.com/repos/o/r/pulls/1"}
    data["comment"]["body"] = "Looks wrong.\n/fix IAC002 log-retention --dry-run"
    job = job_for("issue_comment", "d", data)
    assert job.kind == "fix" and job.comment_id == data["comment"]["id"] and job.comment_kind == "issue"
    assert job.command.rules == ["IAC002", "log-retention"] and job.command.dry_run
    data["comment"]["body"] = "please /fix this"  # only a line that starts with the command counts
    assert job_for("issue_comment", "d", data) is None


def test_a_fix_comment_on_an_issue_that_is_no_pull_request_is_ignored() -> None:
    data = payload("issue_comment.created")
    data["issue"].pop("pull_request", None)
    data["comment"]["body"] = "/fix"
    assert job_for("issue_comment", "d", data) is None


def test_the_fix_all_button_and_a_reply_on_a_suggestion() -> None:
    button = payload("check_run.requested_action")
    button["requested_action"] = {"identifier": "fix"}
    job = job_for("check_run", "d", button)
    assert job.kind == "fix" and job.comment_kind == "check_run" and job.command.rules == []
    reply = payload("pull_request_review_comment.created")
    reply["comment"].update(body="/fix", in_reply_to_id=17)
    job = job_for("pull_request_review_comment", "d", reply)
    assert job.kind == "fix-suggestion" and job.comment_id == reply["comment"]["id"]


def test_fix_commands() -> None:
    assert parse_fix_command("/fix").rules == []
    assert parse_fix_command("/fixed it") is None
    assert parse_fix_command("  /fix --dry-run").dry_run


# --------------------------------------------------------------------------------- configuration
def test_repository_config_is_read_and_checked() -> None:
    config, problems = parse_config(
        "mode: commit\nrules:\n  disable: [log-retention]\n  options:\n    IAC003: {retention_days: 30}\n"
        "paths:\n  exclude: ['legacy/**']\nmax_bot_commits: 1\n"
    )
    assert problems == []
    assert config.mode == "commit" and config.max_bot_commits == 1
    assert config.wants("infra/main.tf") and not config.wants("legacy/main.tf")
    assert not config.wants(".github/workflows/deploy.yml")


@pytest.mark.parametrize("text, problem", [
    ("mode: yolo\n", "mode"),
    ("rules:\n  enable: [IAC999]\n", "unknown rule 'IAC999'"),
    ("mode: [unclosed\n", "not valid YAML"),
    ("- a list\n", "must be a mapping"),
    ("colour: blue\n", "colour"),
])
def test_an_invalid_config_gives_the_defaults_and_says_why(text, problem) -> None:
    config, problems = parse_config(text)
    assert config.mode == "suggest"
    assert problems and problem in " ".join(problems)


# ------------------------------------------------------------------------------------ signatures
def test_signature_is_githubs_hmac_of_the_raw_body() -> None:
    body = b'{"zen": "Design for failure."}'
    good = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert verify_signature("s3cret", body, good)
    assert not verify_signature("s3cret", body + b" ", good)
    assert not verify_signature("other", body, good)
    assert not verify_signature("s3cret", body, None)
    assert not verify_signature("s3cret", body, good.replace("sha256=", "sha1="))


# ----------------------------------------------------------------------------------- suggestions
def apply_as_github_does(text: str, suggestions) -> str:
    """GitHub replaces the commented lines with the suggestion block's lines."""
    lines = text.splitlines()
    for s in sorted(suggestions, key=lambda s: s.start_line, reverse=True):
        lines[s.start_line - 1 : s.end_line] = s.lines
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def fixed_example(path: str, text: str):
    report = Engine(EngineConfig(select=("IAC003",))).fix({path: text})
    return report.files[path], report.fixed, report.origins


@pytest.mark.parametrize("path, text", [
    ("main.tf", 'resource "aws_cloudwatch_log_group" "api" {\n  name = "/aws/lambda/api"\n}\n'),
    ("template.yaml", "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: x\n"),
    ("template.json", '{\n  "Resources": {\n    "Logs": {\n      "Type": "AWS::Logs::LogGroup"\n    }\n  }\n}\n'),
])
def test_suggestions_applied_as_github_applies_them_give_the_fixed_file(path, text) -> None:
    new, fixed, origins = fixed_example(path, text)
    suggestions = suggestions_for(path, text, new, fixed, origins)
    assert suggestions and all(s.findings for s in suggestions)
    assert apply_as_github_does(text, suggestions) == new


def test_an_insertion_hangs_on_the_line_before_it() -> None:
    text = "a\nb\nc\n"
    new = "a\nb\nnew\nc\n"
    [suggestion] = suggestions_for("f.tf", text, new, [], {})
    assert (suggestion.start_line, suggestion.end_line, suggestion.lines) == (2, 2, ["b", "new"])
    [top] = suggestions_for("f.tf", text, "new\n" + text, [], {})
    assert (top.start_line, top.lines) == (1, ["new", "a"])


def test_a_suggestion_must_lie_inside_one_hunk_of_the_diff() -> None:
    patch = "@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20,2 +21,3 @@\n x\n+y\n z"
    hunks = diff_lines(patch)
    assert hunks == [range(1, 5), range(21, 24)]
    [inside] = suggestions_for("f", "a\nb\nc\n", "a\nB\nc\n", [], {})
    assert placeable(inside, hunks)
    inside.start_line, inside.end_line = 4, 21
    assert not placeable(inside, hunks)


def test_the_fence_outgrows_backticks_in_the_code_and_the_marker_round_trips() -> None:
    [suggestion] = suggestions_for("f.py", "x = 1\n", "x = '```'\n", [], {})
    block = suggestion.block()
    assert block.startswith("````suggestion\n") and block.endswith("\n````")
    assert read_marker("text " + suggestion.marker())["key"] == suggestion.key
