"""The real-world corpus beside the project (``../shared/corpus``), loaded as an engine workspace."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@cache
def corpus_workspace() -> dict[str, bytes]:
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus is missing at {CORPUS}")
    return {p.relative_to(CORPUS).as_posix(): p.read_bytes() for p in sorted(CORPUS.rglob("*")) if p.is_file()}


def write_tree(root: Path, files: dict[str, str | bytes]) -> list[Path]:
    written = []
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        written.append(path)
    return written
