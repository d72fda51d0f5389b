"""Units analysed on every core give exactly the report of one process, and a unit that crashes its process is
one error: the other units, and the other files of the same unit, are still analysed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iacfix.bot.cli import collect
from iacfix.fixers import pool
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.isolation import Limits
from iacfix.fixers.units import make_plan
from tests.corpus import DEFAULT_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
LOG_GROUP = 'resource "aws_cloudwatch_log_group" "{name}" {{\n  name = "/aws/lambda/{name}"\n}}\n'
# Padding that parses and finds nothing, so that a small test workspace is worth a pool.
PADDING = "".join(f'locals {{\n  value_{n} = "{"x" * 60}"\n}}\n' for n in range(400))


@pytest.fixture(scope="module")
def corpus() -> dict[str, bytes]:
    return collect([str(CORPUS / folder) for folder in DEFAULT_FOLDERS]).files


def test_the_corpus_is_split_into_units_that_deploy_together(corpus) -> None:
    plan = make_plan(corpus, EngineConfig().max_file_bytes)
    keys = [unit.key for unit in plan.units]
    assert len(keys) == len(set(keys)) > 100
    module = next(unit for unit in plan.units if unit.key[1].endswith("terraform-aws-lambda/modules/alias"))
    assert module.language == "terraform" and len(module.paths) > 1  # a module folder is one unit
    assert all(len(unit.paths) == 1 for unit in plan.units if unit.language == "cloudformation")


# The comparisons run in a fresh process: what earlier tests left in this one (caches, imported modules, threads
# that make the pool start its workers from a fork server) must not decide what they compare.
COMPARE = """
import sys
from iacfix.bot.cli import collect
from iacfix.fixers import pool
from iacfix.fixers.engine import Engine, EngineConfig
from iacfix.fixers.isolation import Limits

if __name__ == "__main__":
    fix, folders = sys.argv[1] == "fix", sys.argv[2:]
    workspace = collect(folders).files
    config = EngineConfig(unsafe=fix)
    alone = Engine(config).fix(workspace) if fix else Engine(config).scan(workspace)
    pooled = pool.analyse(config, workspace, Limits(cpu_seconds=900, wall_seconds=1800.0), fix=fix, jobs=2)
    print(len(alone.found), len(alone.files), len(alone.fixed))
    print("same" if pooled == alone else f"different: {pooled.errors} / {alone.errors}")
"""


def compare(mode: str, folders: list[Path], tmp_path: Path) -> tuple[list[int], str]:
    script = tmp_path / "compare.py"
    script.write_text(COMPARE)
    result = subprocess.run([sys.executable, str(script), mode, *map(str, folders)], capture_output=True, text=True,
                            timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    counts, verdict = result.stdout.strip().splitlines()[-2:]
    return [int(count) for count in counts.split()], verdict


def test_a_pooled_scan_of_the_corpus_is_the_single_process_scan(tmp_path: Path) -> None:
    [found, _, _], verdict = compare("scan", [CORPUS / folder for folder in DEFAULT_FOLDERS], tmp_path)
    assert found > 100
    assert verdict == "same"  # every finding, error and skip, in the same order


# Pulumi programs with fixes of several rules, and enough code together for the pool to take two workers.
FIXED_PROGRAMS = ("aws-py-serverless-raw", "aws-py-apigateway-lambda-serverless", "aws-py-stepfunctions",
                  "aws-py-appsync", "aws-py-s3-folder", "aws-py-voting-app", "aws-py-slackbot", "aws-py-resources",
                  "aws-py-apigatewayv2-eventbridge", "aws-py-dynamicresource", "aws-py-secrets-manager")


def test_a_pooled_fix_is_the_single_process_fix(tmp_path: Path) -> None:
    programs = [CORPUS / "pulumi" / "examples" / name for name in FIXED_PROGRAMS]
    [_, files, fixed], verdict = compare("fix", [*programs, ROOT / "examples"], tmp_path)
    assert files and fixed
    assert verdict == "same"


def test_a_crash_ends_one_units_analysis_and_the_rest_is_still_analysed(monkeypatch, tmp_path: Path) -> None:
    import iacfix.fixers.hcl.document as hcl

    parse = hcl.parse

    def crashing(path: str, text: str):  # noqa: ANN202 - the parser's signature
        if path.endswith("bomb.tf"):
            os.kill(os.getpid(), signal.SIGSEGV)  # what a native parser's bug does; no except catches it
        return parse(path, text)

    monkeypatch.setattr(hcl, "parse", crashing)  # the pool's processes are forked from this one
    workspace = {f"stack{n}/main.tf": LOG_GROUP.format(name=f"api{n}") + PADDING for n in range(6)}
    workspace["broken/bomb.tf"] = "locals {}\n"
    workspace["broken/logs.tf"] = LOG_GROUP.format(name="beside")
    report = pool.analyse(EngineConfig(), workspace, Limits(wall_seconds=60), fix=False, jobs=2)
    [error] = report.errors
    assert error.path == "broken/bomb.tf" and "crashed the parser (SIGSEGV)" in error.reason
    subjects = {finding.subject for finding in report.found}
    assert {f"aws_cloudwatch_log_group.api{n}" for n in range(6)} <= subjects
    assert "aws_cloudwatch_log_group.beside" in subjects  # the crashing file's own unit, without it


def test_small_workspaces_use_one_process_and_jobs_one_gives_the_same_report(corpus) -> None:
    workspace = {path: data for path, data in corpus.items() if "terraform-aws-lambda/examples/simple/" in path}
    assert sum(len(data) for data in workspace.values()) < pool.POOL_THRESHOLD_BYTES
    single = pool.analyse(EngineConfig(), workspace, Limits(), fix=False, jobs=1)
    assert single == pool.analyse(EngineConfig(), workspace, Limits(), fix=False, jobs=4) == Engine().scan(workspace)
