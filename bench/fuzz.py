"""A long fuzzing run over mutated fixtures, examples and corpus files in the three languages.

    python bench/fuzz.py [--examples 500] [--seed 1] [--language terraform|cloudformation|pulumi] [--save]

The CI suite (tests/test_fuzz.py) runs the same checks on a few dozen inputs per language; this runs as many
as asked and prints, per language: inputs tried, crashes, stalls, unparsable outputs, changes outside the
fixed resources, unstable fixes, and the seconds taken. It also fuzzes what the App writes (escaping of
names in comments, code fences, commit message lines) and counts forged or injected outputs. With --save,
each failing input is shrunk (lines, then characters) and written under tests/fuzz_findings/.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.fuzzing import Verdict, judge, mutated, seeds, warm_up  # noqa: E402
from tests.test_fuzz import injection_problems  # noqa: E402

FINDINGS = ROOT / "tests" / "fuzz_findings"


def fuzz_language(pool: list[tuple[str, str]], examples: int, seed: int) -> tuple[Counter[str], list]:
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str, Verdict]] = []

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(mutated(pool))
    def run(example: tuple[str, str]) -> None:
        counts["inputs"] += 1
        verdict = judge(*example)
        counts.update(verdict.kinds)
        if verdict.problems:
            failures.append((*example, verdict))

    run()
    return counts, failures


def fuzz_texts(examples: int) -> Counter[str]:
    counts: Counter[str] = Counter()

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.text(min_size=0, max_size=60))
    def run(name: str) -> None:
        counts["inputs"] += 1
        counts["forged or injected"] += len(injection_problems(name))

    run()
    return counts


def shrink(name: str, text: str, kind: str) -> str:
    """The smallest text (by lines, then by characters) that still fails with ``kind``."""

    def fails(candidate: str) -> bool:
        return kind in judge(name, candidate).kinds

    for unit in ("\n", ""):
        parts = text.split(unit) if unit else list(text)
        step = max(1, len(parts) // 2)
        while step >= 1 and len(parts) > 1:
            index, changed = 0, False
            while index < len(parts):
                candidate = parts[:index] + parts[index + step:]
                if candidate and fails(unit.join(candidate)):
                    parts, changed = candidate, True
                else:
                    index += step
            step = step if changed and step > 1 else step // 2
        text = unit.join(parts)
    return text


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--examples", type=int, default=500, help="inputs per language")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--language", choices=("terraform", "cloudformation", "pulumi"))
    options.add_argument("--save", action="store_true", help="shrink failures into tests/fuzz_findings/")
    arguments = options.parse_args()
    pools = seeds()
    warm_up(pools)
    total: Counter[str] = Counter()
    print(f"{'language':<16}{'inputs':>8}{'crash':>7}{'stall':>7}{'unparsable':>12}{'outside':>9}{'unstable':>10}"
          f"{'seconds':>9}")
    for language, pool in pools.items():
        if arguments.language and language != arguments.language:
            continue
        started = time.monotonic()
        counts, failures = fuzz_language(pool, arguments.examples, arguments.seed)
        total.update(counts)
        print(f"{language:<16}{counts['inputs']:>8}{counts['crash']:>7}{counts['stall']:>7}{counts['unparsable']:>12}"
              f"{counts['outside']:>9}{counts['unstable']:>10}{time.monotonic() - started:>9.0f}")
        for name, _text, verdict in failures[:20]:
            print(f"  {language} {name}: {verdict.problems[0][:160]}")
        if arguments.save:
            FINDINGS.mkdir(exist_ok=True)
            for index, (name, text, verdict) in enumerate(failures[:10]):
                kind = next(iter(verdict.kinds))
                small = shrink(name, text, kind)
                target = FINDINGS / f"{language}-{kind}-{arguments.seed}-{index}{Path(name).suffix}"
                target.write_text(small, encoding="utf-8")
                print(f"  saved {target.relative_to(ROOT)} ({len(small)} characters)")
    texts = fuzz_texts(arguments.examples * 4)
    print(f"\nwhat the App writes: {texts['inputs']} names tried, {texts['forged or injected']} forged or injected outputs")
    return 1 if any(total[k] for k in ("crash", "stall", "unparsable", "outside", "unstable")) else 0


if __name__ == "__main__":
    raise SystemExit(main())
