"""Fixes of code written by others still deploy: the checks of ``bench/deploy_safety.py`` on real code.

The bench runs over the whole corpus (minutes); this test runs the same checks over the shared corpus (the
Terraform, CloudFormation and Pulumi code under ``tests/corpus/``) and, of the serverless corpus, the templates,
modules and programs where a fix once broke one of them (``tests/corpus/serverless/deploy-safety-sample.txt``).
Every count must be zero: no added resource whose real name may collide with an existing one, no new cfn-lint
error or W1001, no cycle cfn-lint does not confirm, no valid file rejected, nothing a second ``fix --unsafe``
changes, no byte changed beyond the fixes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVERLESS = ROOT / "tests" / "corpus" / "serverless"
sys.path.insert(0, str(ROOT / "bench"))

import deploy_safety  # noqa: E402

from tests.corpus import DEFAULT_FOLDERS  # noqa: E402


def sample() -> list[str]:
    lines = (SERVERLESS / "deploy-safety-sample.txt").read_text(encoding="utf-8").splitlines()
    paths = [str((SERVERLESS / line).relative_to(ROOT)) for line in lines if line and not line.startswith("#")]
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert missing == [], f"the sample names what the corpus does not hold: {missing}"
    return paths


@pytest.mark.oracle
def test_fixes_of_real_code_pass_every_deploy_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    paths = [*sample(), *(f"tests/corpus/{folder}" for folder in DEFAULT_FOLDERS)]
    outcome, summary = deploy_safety.run(paths, lambda message: None)
    counts = deploy_safety.counts(outcome)
    assert summary["fixed files"], "nothing was fixed: the sample no longer exercises the fixes"
    failing = {check: row["total"] for check, row in counts.items() if row["total"]}
    cases = [f"[{case.check}] {case.path}: {case.rule}: {case.reason}" for case in outcome.cases]
    assert failing == {}, "\n".join(cases)
    print(f"\ndeploy checks over {len(paths)} paths: {dict(summary['fixed files'])} fixed files, "
          f"{outcome.info['fixes applied']} fixes, {summary['seconds']} s")
