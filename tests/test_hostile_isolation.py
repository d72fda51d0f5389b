"""An analysis in a child process: a crash, a CPU or memory limit, or a hang ends that analysis only, names
the file it was working on, and the other files are still analysed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from iacfix.fixers.document import ParseFailure
from iacfix.fixers.engine import EngineConfig
from iacfix.fixers.isolation import AnalysisStopped, Limits, analyse_isolated, run_limited
from iacfix.fixers.pulumi.guard import check_nesting
from tests.hostile_inputs import NESTED_BRACKETS, alias_bomb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LOGS_TF = 'resource "aws_cloudwatch_log_group" "api" {\n  name = "/aws/lambda/api"\n}\n'


def _crash_libcst(tell, text):  # noqa: ANN001, ANN202 - run in the child
    import libcst

    tell("infra/bomb.py", True)
    return libcst.parse_module(text)  # no guard: libcst itself


def _spin(tell, _):  # noqa: ANN001, ANN202
    tell("infra/spin.tf", True)
    while True:
        pass


def _sleep(tell, _):  # noqa: ANN001, ANN202
    tell("infra/sleep.tf", True)
    time.sleep(60)


def _eat(tell, _):  # noqa: ANN001, ANN202
    tell("infra/eat.tf", True)
    return [bytearray(64 * 1024 * 1024) for _ in range(64)]


def test_a_segfault_in_the_native_parser_ends_the_child_and_names_the_file() -> None:
    with pytest.raises(AnalysisStopped) as stopped:
        run_limited(_crash_libcst, NESTED_BRACKETS, Limits(wall_seconds=30))
    assert "SIGSEGV" in stopped.value.reason and stopped.value.path == "infra/bomb.py"


@pytest.mark.parametrize("work, limits, reason", [
    (_spin, Limits(cpu_seconds=1, wall_seconds=30), "CPU time"),
    (_sleep, Limits(wall_seconds=1), "took longer than 1 s"),
    (_eat, Limits(memory_bytes=768 * 1024 * 1024), "memory"),
])
def test_limits_end_the_child_with_the_reason(work, limits, reason) -> None:
    started = time.monotonic()
    with pytest.raises(AnalysisStopped, match=reason) as stopped:
        run_limited(work, None, limits)
    assert stopped.value.path and stopped.value.path.startswith("infra/")
    assert time.monotonic() - started < 20


def test_a_file_that_exceeds_the_limits_is_an_error_and_the_others_are_still_fixed() -> None:
    slow = "".join(f'resource "aws_s3_bucket" "b{n}" {{\n  bucket = "b{n}"\n  tags = {{ n = "{n}" }}\n}}\n'
                   for n in range(6000))  # under the size limit, seconds of parsing
    workspace = {"infra/logs.tf": LOGS_TF, "slow/main.tf": slow}
    report = analyse_isolated(EngineConfig(), workspace, Limits(cpu_seconds=1, wall_seconds=20))
    [error] = [e for e in report.errors if e.path == "slow/main.tf"]
    assert "could not be analysed" in error.reason
    assert "retention_in_days" in report.files["infra/logs.tf"]


def test_an_alias_bomb_is_refused_at_once_and_the_others_are_still_fixed() -> None:
    workspace = {"infra/logs.tf": LOGS_TF, "infra/template.yaml": alias_bomb()}
    started = time.monotonic()
    report = analyse_isolated(EngineConfig(), workspace, Limits(cpu_seconds=10, wall_seconds=20))
    [error] = [e for e in report.errors if e.path == "infra/template.yaml"]
    assert "aliases expand to" in error.reason
    assert "retention_in_days" in report.files["infra/logs.tf"]
    assert time.monotonic() - started < 10


def test_the_deeply_nested_python_file_is_refused_before_libcst_sees_it() -> None:
    workspace = {"app/Pulumi.yaml": "name: app\nruntime: python\n", "app/__main__.py": NESTED_BRACKETS,
                 "infra/logs.tf": LOGS_TF}
    report = analyse_isolated(EngineConfig(), workspace, Limits(wall_seconds=30))
    [error] = report.errors
    assert error.path == "app/__main__.py" and "brackets nested more than 200 deep" in error.reason
    assert error.line == 3
    assert "infra/logs.tf" in report.files


@pytest.mark.parametrize("text", [
    "x = " + "-" * 5000 + "1\n",
    "x = " + "lambda: " * 5000 + "1\n",
    "x = " + "not " * 5000 + "1\n",
    "".join(" " * i + "if x:\n" for i in range(150)) + " " * 150 + "pass\n",
], ids=["unary", "lambda", "not", "indentation"])
def test_other_nesting_that_crashes_libcst_is_refused(text) -> None:
    with pytest.raises(ParseFailure):
        check_nesting(text)


def test_no_real_program_is_refused() -> None:
    programs = sorted(CORPUS.rglob("*.py")) + sorted((ROOT / "examples").rglob("*.py"))
    assert programs
    for program in programs:
        check_nesting(program.read_text(errors="replace"))
    check_nesting("x = " + " - ".join(["-1"] * 2000) + "\n")  # long, but flat
    check_nesting("x = " + "[" * 200 + "]" * 200 + "\n")  # as deep as Python allows
