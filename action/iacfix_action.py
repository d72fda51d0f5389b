"""The GitHub Action's steps, for teams that run iacfix in their own workflows instead of installing the App.

    python iacfix_action.py files             the pull request's changed infrastructure files (all tracked ones
                                              outside a pull request), one a line, to $RUNNER_TEMP/iacfix-files.txt
    python iacfix_action.py scan              SARIF of those files to $RUNNER_TEMP/iacfix.sarif, and an annotation
                                              per finding on the run
    python iacfix_action.py deliver suggest   the fixes as one review of suggestions on the pull request
    python iacfix_action.py deliver push      the fixes as one commit on the pull request's branch

Everything comes from the environment GitHub Actions sets (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
GITHUB_WORKSPACE, RUNNER_TEMP) and the action's inputs (GITHUB_TOKEN, INPUT_RULES, INPUT_UNSAFE). Inputs reach
this script through the environment, never through the workflow's text, so nothing in them can become a command.
Files are read at the pull request's head through the API (a checkout is usually the merge commit), the fixes are
made in a copy of the workspace, and the workspace itself is never changed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

INFRASTRUCTURE = re.compile(r"\.(tf|ya?ml|json|template|py)$")
COMMIT_MESSAGE = "Fix infrastructure findings with iacfix\n\nMade by the iacfix GitHub Action on {sha}."


class ActionError(Exception):
    """Something the workflow's author must change; the message says what."""


# -------------------------------------------------------------------------------------------- environment
def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ActionError(f"{name} is not set: run this inside GitHub Actions, through action.yml")
    return value


def temp_path(name: str) -> Path:
    return Path(env("RUNNER_TEMP", tempfile.gettempdir())) / name


def event() -> dict[str, Any]:
    return json.loads(Path(env("GITHUB_EVENT_PATH")).read_text(encoding="utf-8"))


def pull_request() -> dict[str, Any] | None:
    return event().get("pull_request")


def selection() -> list[str]:
    """The iacfix options the action's inputs ask for: rules (comma or space separated) and unsafe fixes."""
    return [f"--rule={rule}" for rule in re.split(r"[\s,]+", os.environ.get("INPUT_RULES", "")) if rule]


def unsafe() -> list[str]:
    return ["--unsafe"] if os.environ.get("INPUT_UNSAFE", "false").strip().lower() == "true" else []


class GitHub:
    """The REST API with the workflow's token; each answer's status is checked."""

    def __init__(self) -> None:
        self.repo = env("GITHUB_REPOSITORY")
        self.http = httpx.Client(base_url=env("GITHUB_API_URL", "https://api.github.com"), timeout=30, headers={
            "Authorization": f"Bearer {env('GITHUB_TOKEN')}", "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "iacfix-action"})

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.http.request(method, path if path.startswith("http") else f"/repos/{self.repo}{path}", **kwargs)
        if response.status_code >= 400:
            raise ActionError(f"GitHub answered {response.status_code} to {method} {path}: {response.text[:500]}")
        return response.json() if response.content else None

    def pages(self, path: str) -> list[Any]:
        items: list[Any] = []
        response = self.http.get(f"/repos/{self.repo}{path}", params={"per_page": 100})
        while True:
            if response.status_code >= 400:
                raise ActionError(f"GitHub answered {response.status_code} to GET {path}: {response.text[:500]}")
            items += response.json()
            following = response.links.get("next", {}).get("url")
            if not following:
                return items
            response = self.http.get(following)

    def text_at(self, path: str, ref: str) -> str:
        answer = self.call("GET", f"/contents/{path}", params={"ref": ref})
        return base64.b64decode(answer["content"]).decode("utf-8")


# ------------------------------------------------------------------------------------------------- steps
def changed_files(github: GitHub | None = None) -> list[str]:
    """The pull request's added or modified infrastructure files; outside a pull request, every tracked one."""
    pull = pull_request()
    if pull is None:
        listed = subprocess.run(["git", "ls-files"], cwd=env("GITHUB_WORKSPACE"), capture_output=True, text=True,
                                check=True).stdout.splitlines()
    else:
        github = github or GitHub()
        listed = [f["filename"] for f in github.pages(f"/pulls/{pull['number']}/files") if f["status"] != "removed"]
    return sorted(path for path in listed if INFRASTRUCTURE.search(path))


def files_step() -> int:
    files = changed_files()
    temp_path("iacfix-files.txt").write_text("".join(f"{path}\n" for path in files), encoding="utf-8")
    print(f"{len(files)} infrastructure files to check")
    return 0


def listed_files() -> list[str]:
    listing = temp_path("iacfix-files.txt")
    return [line for line in listing.read_text(encoding="utf-8").splitlines() if line] if listing.exists() else []


def iacfix(*arguments: str, cwd: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "iacfix.bot.cli", *arguments], cwd=cwd, capture_output=True,
                          text=True)


def scan_step() -> int:
    """SARIF for code scanning (an empty run when nothing changed, so the upload clears old alerts) and
    annotations for the run's summary."""
    files, workspace = listed_files(), env("GITHUB_WORKSPACE")
    sarif = temp_path("iacfix.sarif")
    if not files:
        from iacfix.fixers.engine import Engine, EngineConfig
        from iacfix.fixers.model import Report
        from iacfix.fixers.reporting import report_sarif

        rules = [type(rule) for rule in Engine(EngineConfig()).rules]
        sarif.write_text(json.dumps(report_sarif(Report(), rules), indent=2) + "\n", encoding="utf-8")
        print(f"no infrastructure files changed: an empty SARIF run written to {sarif}")
        return 0
    result = iacfix("scan", "--format", "sarif", *selection(), "--", *files, cwd=workspace)
    if result.returncode not in (0, 1):
        raise ActionError(f"iacfix scan failed: {result.stderr.strip()}")
    sarif.write_text(result.stdout, encoding="utf-8")
    print(iacfix("scan", "--format", "github", *selection(), "--", *files, cwd=workspace).stdout, end="")
    print(f"SARIF written to {sarif}")
    return 0


def fixed_texts(github: GitHub, pull: dict[str, Any], files: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The head's texts of the files and their fixed texts, fixed in a copy of the workspace."""
    head = pull["head"]["sha"]
    originals = {path: github.text_at(path, head) for path in files}
    with tempfile.TemporaryDirectory(dir=temp_path("")) as scratch:
        copy = Path(scratch) / "workspace"
        shutil.copytree(env("GITHUB_WORKSPACE"), copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        for path, text in originals.items():
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_text(text, encoding="utf-8", newline="")
        result = iacfix("fix", *unsafe(), *selection(), "--", *files, cwd=copy)
        if result.returncode not in (0, 1):
            raise ActionError(f"iacfix fix failed: {result.stderr.strip()}")
        fixed = {path: (copy / path).read_bytes().decode("utf-8") for path in files}
    return originals, {path: text for path, text in fixed.items() if text != originals[path]}


def suggest(github: GitHub, pull: dict[str, Any], originals: dict[str, str], fixed: dict[str, str]) -> int:
    """One review of suggestions on the lines of the diff; fixes elsewhere are listed in its body. Suggestions
    already posted (same file, line and text) are not posted again."""
    from iacfix.bot.suggestions import diff_lines, placeable, suggestions_for

    number = pull["number"]
    patches = {f["filename"]: f.get("patch") for f in github.pages(f"/pulls/{number}/files")}
    posted = {(c["path"], c.get("line"), c["body"]) for c in github.pages(f"/pulls/{number}/comments")}
    comments, elsewhere = [], []
    for path, new in sorted(fixed.items()):
        for suggestion in suggestions_for(path, originals[path], new, [], {}):
            body = f"iacfix suggests:\n\n{suggestion.block()}"
            if not placeable(suggestion, diff_lines(patches.get(path))):
                elsewhere.append(f"- `{path}` lines {suggestion.start_line}-{suggestion.end_line}")
            elif (path, suggestion.end_line, body) not in posted:
                comment = {"path": path, "line": suggestion.end_line, "side": "RIGHT", "body": body}
                if suggestion.start_line != suggestion.end_line:
                    comment.update(start_line=suggestion.start_line, start_side="RIGHT")
                comments.append(comment)
    if not comments and not elsewhere:
        print("no new suggestions")
        return 0
    body = f"iacfix suggests {len(comments)} fixes below."
    if elsewhere:
        body += "\n\nThese fixes touch lines outside the diff: run `iacfix fix` on them.\n" + "\n".join(elsewhere)
    github.call("POST", f"/pulls/{number}/reviews",
                json={"commit_id": pull["head"]["sha"], "event": "COMMENT", "body": body, "comments": comments})
    print(f"posted a review with {len(comments)} suggestions")
    return 0


def push(github: GitHub, pull: dict[str, Any], fixed: dict[str, str]) -> int:
    """One commit with the fixed files (each keeping its mode) on top of the pull request's head, moved onto its
    branch without force: a push made meanwhile makes GitHub refuse, and nothing is overwritten."""
    head, branch = pull["head"]["sha"], pull["head"]["ref"]
    if (pull["head"].get("repo") or {}).get("full_name") != github.repo:
        raise ActionError("the pull request comes from a fork this workflow cannot push to: use mode: suggest")
    tree = github.call("GET", f"/git/commits/{head}")["tree"]["sha"]
    modes = {entry["path"]: entry["mode"]
             for entry in github.call("GET", f"/git/trees/{tree}", params={"recursive": "1"})["tree"]}
    entries = [{"path": path, "mode": modes.get(path, "100644"), "type": "blob", "content": text}
               for path, text in sorted(fixed.items()) if modes.get(path) != "120000"]  # a symlink stays a link
    new_tree = github.call("POST", "/git/trees", json={"base_tree": tree, "tree": entries})["sha"]
    commit = github.call("POST", "/git/commits", json={"message": COMMIT_MESSAGE.format(sha=head), "tree": new_tree,
                                                       "parents": [head]})["sha"]
    github.call("PATCH", f"/git/refs/heads/{branch}", json={"sha": commit, "force": False})
    print(f"pushed {commit[:7]} with fixes to {len(fixed)} files")
    return 0


def deliver_step(mode: str) -> int:
    if mode not in ("suggest", "push"):
        raise ActionError(f"mode must be scan, suggest or push, not {mode!r}")
    pull = pull_request()
    if pull is None:
        print(f"mode {mode} needs a pull_request event: only the scan ran")
        return 0
    github = GitHub()
    files = listed_files()
    if not files:
        print("no infrastructure files changed")
        return 0
    originals, fixed = fixed_texts(github, pull, files)
    if not fixed:
        print("nothing to fix")
        return 0
    return suggest(github, pull, originals, fixed) if mode == "suggest" else push(github, pull, fixed)


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["files"]:
            return files_step()
        if argv[:1] == ["scan"]:
            return scan_step()
        if argv[:1] == ["deliver"] and len(argv) == 2:
            return deliver_step(argv[1])
        raise ActionError("usage: iacfix_action.py files | scan | deliver suggest|push")
    except ActionError as error:
        message = str(error).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        print(f"::error title=iacfix::{message}")
        return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
