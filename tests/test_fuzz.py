"""Fuzzing in CI, bounded: mutated fixtures, examples and corpus files in the three languages go through the
same path as ``iacfix fix --unsafe`` and must not crash, stall, break the file for a strict parser, change
anything outside the fixed resources, or change again on a second run. What the App writes from a name in a
pull request must never mention, link, render HTML, close a code fence, forge a marker or add a line.

``IACFIX_FUZZ_EXAMPLES`` sets the inputs per language (default 100, about a minute in all); ``python
bench/fuzz.py --examples 500`` is the long run. Defects found in the engine or the rules are recorded under
``tests/fuzz_findings/`` and run here as strict expected failures until they are fixed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iacfix.bot.suggestions import MARKER, Suggestion, read_marker
from iacfix.bot.texts import code, fenced, markdown, one_line
from tests.fuzzing import judge, mutated, seeds, warm_up

EXAMPLES = int(os.environ.get("IACFIX_FUZZ_EXAMPLES", "100"))
FINDINGS = Path(__file__).resolve().parent / "fuzz_findings"
POOLS = seeds()
warm_up(POOLS)
KNOWN = {}  # finding file name -> why it fails (the engine's or a rule's defect, fixed where it lives)


@pytest.mark.parametrize("language", sorted(POOLS))
def test_mutated_files_never_crash_stall_break_or_spill(language: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutated(POOLS[language]))
    def check(example: tuple[str, str]) -> None:
        verdict = judge(*example)
        assert not verdict.problems, verdict.problems

    check()


def findings() -> list:
    cases = []
    for path in sorted(FINDINGS.glob("*")) if FINDINGS.exists() else []:
        if path.suffix in (".tf", ".yaml", ".json", ".py"):
            reason = KNOWN.get(path.name, "recorded by bench/fuzz.py")
            cases.append(pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=reason), id=path.name))
    return cases


@pytest.mark.parametrize("path", findings())
def test_recorded_findings(path: Path) -> None:
    verdict = judge(path.name, path.read_text(encoding="utf-8"))
    assert not verdict.problems, verdict.problems


# ------------------------------------------------------------------------------- what the App writes
def injection_problems(name: str) -> list[str]:
    """What a hostile name could make of the App's texts; empty when every escape holds."""
    problems = []
    shown = markdown(name)
    if re.search(r"@\w", shown):
        problems.append("mention")
    if re.search(r"(?<!\\)[<\[`|]", shown) or re.search(r"(?<!\\)&", shown) or "://" in shown:
        problems.append("markup")
    if "\n" in one_line(name) or "\r" in one_line(name):
        problems.append("line break")
    span = code(name)
    ticks = re.match(r"`+", span).group()
    if ticks in span[len(ticks):-len(ticks)]:
        problems.append("code span closed early")
    block = fenced(name + "\n```\n" + name)
    fence = block.split("\n", 1)[0]
    if any(line.strip() == fence for line in block.split("\n")[1:-1]):
        problems.append("fence closed early")
    suggestion = Suggestion("f.tf", 1, 1, [name])
    body = markdown(name) + "\n" + suggestion.marker(b"key")
    markers = [m.group(0) for m in MARKER.finditer(body)]
    if len(markers) != 1 or read_marker(body, b"key")["key"] != suggestion.key or read_marker(body, b"other"):
        problems.append("marker")
    return problems


@settings(max_examples=EXAMPLES * 20, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=60) | st.sampled_from([
    "@octocat", "<img src=x>", "[a](https://x)", "````", "x\nSigned-off-by: m", "&#64;a", "<!-- iacfix:suggestion",
    "a|b", "www.example.com", "#12",
]))
def test_names_cannot_act_in_what_the_app_writes(name: str) -> None:
    assert injection_problems(name) == []
