"""``iacfix scan`` imports and reads only what the run uses, in the command's process and in the child processes
that do the work: no App stack, no graph library without edges to look at, no IAM dataset without a policy, no
pydantic without options, no rich or jinja2 when no person reads the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Run the command line with an import recorder and an audit hook for opened files; both are inherited by the
# processes it forks, and every process appends to the same log.
RECORDED_RUN = """
import os, sys
log = open(os.environ["IACFIX_TEST_LOG"], "a", buffering=1)
class Recorder:
    def find_spec(self, name, path=None, target=None):
        log.write(f"import {name}\\n")
        return None
sys.meta_path.insert(0, Recorder())
def opened(event, arguments):
    if event == "open" and isinstance(arguments[0], str):
        log.write(f"open {arguments[0]}\\n")
sys.addaudithook(opened)
from iacfix.bot.cli import main
sys.exit(main(sys.argv[1:]))
"""
LOG_GROUP = 'resource "aws_cloudwatch_log_group" "api" {\n  name = "/aws/lambda/api"\n}\n'
POLICY = """resource "aws_iam_role_policy" "api" {
  role   = "api"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "dynamodb:*", Resource = "*" }] })
}
"""
APP_STACK = ("networkx", "fastapi", "github", "huey", "starlette", "uvicorn", "pydantic_settings")


def recorded(tmp_path: Path, *arguments: str) -> tuple[set[str], list[str]]:
    """The modules imported and the files opened by ``iacfix ARGUMENTS`` and every process it started."""
    log = tmp_path / "recorded.log"
    log.unlink(missing_ok=True)
    environment = {**os.environ, "IACFIX_TEST_LOG": str(log)}
    subprocess.run([sys.executable, "-c", RECORDED_RUN, *arguments], cwd=tmp_path, env=environment,
                   capture_output=True, text=True, timeout=120)
    lines = log.read_text().splitlines()
    imported = {line.removeprefix("import ").split(".")[0] for line in lines if line.startswith("import ")}
    return imported, [line.removeprefix("open ") for line in lines if line.startswith("open ")]


@pytest.fixture
def module(tmp_path: Path) -> Path:
    folder = tmp_path / "infra"
    folder.mkdir()
    (folder / "logs.tf").write_text(LOG_GROUP)
    return folder


def test_a_terraform_scan_imports_no_app_stack_no_graph_library_no_pydantic(tmp_path: Path, module: Path) -> None:
    imported, opened = recorded(tmp_path, "scan", "--no-cache", str(module))
    assert "lark" in imported and "iacfix" in imported  # the recorder saw the work being done
    assert imported.isdisjoint(APP_STACK), sorted(imported & set(APP_STACK))
    assert "pydantic" not in imported
    assert not [path for path in opened if "iam" in Path(path).name]  # no policy: no IAM dataset


@pytest.mark.parametrize("form", ["json", "text"])
def test_output_read_by_no_person_imports_neither_rich_nor_jinja2(tmp_path: Path, module: Path, form: str) -> None:
    """JSON, and text piped into a file or another program: no terminal, no styles to render."""
    imported, _ = recorded(tmp_path, "scan", "--no-cache", "--format", form, str(module))
    assert "iacfix" in imported
    assert "rich" not in imported and "jinja2" not in imported


def test_the_recorder_sees_what_a_run_does_need(tmp_path: Path, module: Path) -> None:
    """The same probes catch pydantic when options are given and the IAM dataset when a policy is met."""
    (module / "policy.tf").write_text(POLICY)
    imported, opened = recorded(tmp_path, "scan", "--no-cache", "--option", "log-retention.retention_days=30",
                                str(module))
    assert "pydantic" in imported
    assert [path for path in opened if "iam" in Path(path).name]
    assert imported.isdisjoint(APP_STACK)


LOADED_AFTER_RUN = """
import os, sys
from iacfix.bot.cli import main
main(sys.argv[1:])
with open(os.environ["IACFIX_TEST_LOG"], "w") as log:
    log.write("\\n".join(sorted(sys.modules)))
"""


def loaded_after(tmp_path: Path, *arguments: str) -> set[str]:
    """The modules loaded in the command's own process once ``iacfix ARGUMENTS`` is done (not merely looked up)."""
    log = tmp_path / "loaded.log"
    subprocess.run([sys.executable, "-c", LOADED_AFTER_RUN, *arguments], cwd=tmp_path, capture_output=True,
                   env={**os.environ, "IACFIX_TEST_LOG": str(log)}, timeout=120, check=False)
    return set(log.read_text().split())


def test_a_warm_scan_imports_no_rule_and_no_parser(tmp_path: Path, module: Path) -> None:
    """Every unit answered by the cache: nothing to parse or check, so neither the rules nor Lark are loaded."""
    (tmp_path / ".git").mkdir()  # the project root, where the cache lives
    (module / "policy.tf").write_text(POLICY)
    cold = loaded_after(tmp_path, "scan", str(module))
    warm = loaded_after(tmp_path, "scan", str(module))
    assert "lark" in cold and "iacfix.fixers.rules.log_retention" in cold
    assert "iacfix.fixers.cache" in warm
    assert "lark" not in warm and not [name for name in warm if name.startswith("iacfix.fixers.rules")]
