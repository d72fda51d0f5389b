"""The fuzzing machinery shared by ``tests/test_fuzz.py`` (bounded, in CI) and ``bench/fuzz.py`` (long runs).

Inputs are the rule fixtures, the bundled examples and corpus files in all three languages, mutated with
the characters and edits that hurt parsers and line counting (form feeds, line separators, byte-order marks,
backtick runs, unbalanced brackets, duplicated and swapped lines, truncation). Each goes through the same
path as ``iacfix fix --unsafe`` (a limited child process), and the outcome is judged:

- crash: the child died or a rule raised (a traceback in the report);
- stall: a CPU, memory or time limit stopped it;
- unparsable: a fixed file that a strict parser (HashiCorp's hclfmt, YAML/JSON, CPython) rejects, while the
  input was accepted;
- outside: a changed line that no fixed finding's edits cover;
- unstable: a second run over the fixed files changes them again.
"""

from __future__ import annotations

import ast
import json
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from ruamel.yaml import YAML

from iacfix.fixers.engine import EngineConfig
from iacfix.fixers.isolation import Limits, analyse_isolated
from iacfix.fixers.model import Report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
HCLFMT = ROOT / ".tools" / "hclfmt"
LIMITS = Limits(cpu_seconds=20, wall_seconds=40)
PROJECT = "name: fuzz\nruntime: python\n"
TOKENS = ["\f", "\u2028", "\u0085", "\ufeff", "\t", "\r\n", "\n", "```", "````", "'", '"', "${", "}", "{", "[", "]",
          "(", ")", ":", ",", "#", "//", "\\", "!Ref ", "- ", "&a ", "*a", "é", "🙂", "iacfix:ignore IAC003 fuzz",
          "\x1b[31m", "<!--", "@", " = ", "import pulumi\n"]


def language_of(path: str) -> str:
    if path.endswith(".tf"):
        return "terraform"
    if path.endswith(".py"):
        return "pulumi"
    return "cloudformation"


def _texts(paths: list[Path]) -> list[tuple[str, str]]:
    texts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if 0 < len(text) < 60_000:
            texts.append((path.name, text))
    return texts


def warm_up(pool: dict[str, list[tuple[str, str]]]) -> None:
    """Fix one seed per language in this process, so every forked child starts with the engine's modules and
    data sets (the IAM catalogue, the parsers' grammars) loaded instead of loading them again."""
    from iacfix.fixers.engine import Engine

    engine = Engine(EngineConfig(unsafe=True))
    for files in pool.values():
        for name, text in files[:3]:
            engine.fix(workspace_for(name, text)[0])


def seeds(corpus_files_per_language: int = 8) -> dict[str, list[tuple[str, str]]]:
    """Seed files by language: every fixture and example, and a fixed sample of the corpus."""
    found: dict[str, list[tuple[str, str]]] = {"terraform": [], "cloudformation": [], "pulumi": []}
    local = sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((ROOT / "examples").rglob("*"))
    for name, text in _texts([p for p in local if p.is_file() and p.suffix in (".tf", ".yaml", ".json", ".py")]):
        if name != "Pulumi.yaml":
            found[language_of(name)].append((name, text))
    for language, pattern in (("terraform", "*.tf"), ("cloudformation", "*.yaml"), ("pulumi", "*.py")):
        sample = sorted((CORPUS / language).rglob(pattern))[:: 7][:corpus_files_per_language]
        found[language].extend(_texts(sample))
    return found


@st.composite
def mutated(draw: st.DrawFn, pool: list[tuple[str, str]]) -> tuple[str, str]:
    """A seed file with one to four hostile edits."""
    name, text = draw(st.sampled_from(pool))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "swap", "truncate"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=8)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "duplicate" and lines:
            line = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[: line + 1] + lines[line:])
        elif kind == "swap" and len(lines) > 1:
            line = draw(st.integers(0, len(lines) - 2))
            lines[line], lines[line + 1] = lines[line + 1], lines[line]
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[:at]
    return name, text


def workspace_for(name: str, text: str) -> tuple[dict[str, str], str]:
    language = language_of(name)
    if language == "terraform":
        return {"module/main.tf": text}, "module/main.tf"
    if language == "pulumi":
        return {"program/Pulumi.yaml": PROJECT, "program/__main__.py": text}, "program/__main__.py"
    path = "stack/template.json" if name.endswith(".json") else "stack/template.yaml"
    return {path: text}, path


def strictly_parses(path: str, text: str) -> bool:
    """What the tools that deploy the file would say: HashiCorp's parser, a YAML/JSON parser, CPython."""
    try:
        if path.endswith(".py"):
            ast.parse(text)
        elif path.endswith(".json"):
            json.loads(text)
        elif path.endswith(".yaml"):
            _cloudformation_yaml(text)
        else:
            return _hclfmt_accepts(text)
    except Exception:  # any refusal counts as "does not parse"
        return False
    return True


def _cloudformation_yaml(text: str) -> None:
    """cfn-lint's own YAML reader (short-form intrinsics such as ``!Sub`` are tags it knows)."""
    try:
        from cfn_lint.decode import cfn_yaml
    except ImportError:  # cfn-lint is a test dependency; without it, a YAML parser that keeps unknown tags
        YAML(typ="rt").load(text)
        return
    cfn_yaml.loads(text)


def _hclfmt_accepts(text: str) -> bool:
    if not HCLFMT.exists():
        import hcl2

        try:
            hcl2.loads(text)
        except Exception:
            return False
        return True
    with tempfile.NamedTemporaryFile("w", suffix=".tf", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        return subprocess.run([str(HCLFMT), "-check", handle.name], capture_output=True).returncode == 0


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, detail: str) -> None:
        self.kinds[kind] += 1
        self.problems.append(f"{kind}: {detail}")


def judge(name: str, text: str) -> Verdict:
    """Fix one mutated file as ``iacfix fix --unsafe`` does and say what went wrong, if anything."""
    verdict = Verdict()
    workspace, path = workspace_for(name, text)
    config = EngineConfig(unsafe=True)
    report = analyse_isolated(config, workspace, LIMITS)
    for error in report.errors:
        if "could not be analysed" in error.reason:
            kind = "stall" if any(w in error.reason for w in ("CPU", "longer", "memory")) else "crash"
            verdict.add(kind, error.reason)
        elif "could not check this file" in error.reason:
            verdict.add("crash", error.reason)
    fixed = report.files.get(path)
    if fixed is None:
        return verdict
    if strictly_parses(path, text) and not strictly_parses(path, fixed):
        verdict.add("unparsable", f"{path} no longer parses after the fix")
    outside = _changed_outside(report, path, text, fixed)
    if outside:
        verdict.add("outside", f"lines {outside} changed outside every fix")
    again = analyse_isolated(config, {**workspace, path: fixed}, LIMITS)
    if again.files:
        verdict.add("unstable", f"a second run changed {sorted(again.files)}")
    return verdict


def _changed_outside(report: Report, path: str, old: str, new: str) -> list[int]:
    """1-based lines of the original whose text the fixed file lost, though no fixed finding's edits cover them.

    The text outside the fixes' spans (``Report.origins``, in the original) must reappear, in order and
    unchanged, in the fixed file: the first piece at its start, the last at its end.
    """
    spans = sorted(report.origins[f.identity] for f in report.fixed if f.path == path and f.identity in report.origins)
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append((cursor, old[cursor:max(start, cursor)]))
        cursor = max(cursor, end)
    pieces.append((cursor, old[cursor:]))
    position = 0
    for index, (offset, piece) in enumerate(pieces):
        if index == 0:
            found = 0 if new.startswith(piece) else -1
        elif index == len(pieces) - 1:
            found = len(new) - len(piece) if new.endswith(piece) and len(new) - len(piece) >= position else -1
        else:
            found = new.find(piece, position)
        if found < 0:
            return [old.count("\n", 0, offset) + 1]
        position = found + len(piece)
    return []
