"""The real-world corpora in ``tests/corpus/`` (see its SOURCES.md), loaded as engine workspaces."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
# The folders the corpus tests take together when they name none; any other folder under tests/corpus/ is
# loaded by naming it, so a corpus added later changes no test that did not ask for it.
DEFAULT_FOLDERS = ("terraform", "cloudformation", "pulumi")


def corpus_folders() -> list[str]:
    """Every corpus folder present, by name."""
    return sorted(entry.name for entry in CORPUS.iterdir() if entry.is_dir())


@cache
def corpus_workspace(*folders: str) -> dict[str, bytes]:
    """Every file of the named folders (default: the three languages' corpora), keyed by its path below
    ``tests/corpus/``, e.g. ``terraform/terraform-aws-lambda/main.tf``."""
    workspace: dict[str, bytes] = {}
    for folder in folders or DEFAULT_FOLDERS:
        root = CORPUS / folder
        if not root.is_dir():
            pytest.fail(f"no corpus folder {folder!r} under {CORPUS} (there are: {', '.join(corpus_folders())})")
        workspace.update({p.relative_to(CORPUS).as_posix(): p.read_bytes()
                          for p in sorted(root.rglob("*")) if p.is_file()})
    return workspace


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
