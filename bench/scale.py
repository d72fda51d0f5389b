"""How a cold scan grows with the size of the tree: 1x, 10x and 100x copies of the shared Terraform corpus.

    python bench/scale.py [--corpus tests/corpus] [--copies 1 10 100] [--repeat 3]

The copies are generated into a temporary folder (copy NNN/ each holding the corpus's module folders), then
``iacfix scan --no-cache`` runs over each tree as a whole process. Time should grow linearly with the copies, and
memory stay bounded: units are analysed one at a time in each worker and released, so the peak (the largest
single process) should not grow with the tree beyond what the file list and the findings take.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Timing, byte_compile, load, measure  # noqa: E402


def generate(source: Path, target: Path, copies: int) -> int:
    """``copies`` copies of the corpus's ``.tf`` files under ``target``; how many files that makes."""
    files = sorted(source.rglob("*.tf"))
    for copy in range(copies):
        for path in files:
            destination = target / f"copy{copy:03d}" / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return len(files) * copies


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    options.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    options.add_argument("--repeat", type=int, default=3, help="runs per size (the largest runs once)")
    arguments = options.parse_args()
    source = arguments.corpus.resolve() / "terraform" / "terraform-aws-lambda"
    print(byte_compile(ROOT))
    print(f"before: {load()}")
    rows: list[tuple[int, int, Timing]] = []
    for copies in arguments.copies:
        with tempfile.TemporaryDirectory(prefix=f"iacfix-scale-{copies}-") as folder:
            tree = Path(folder)
            (tree / ".git").mkdir()
            count = generate(source, tree, copies)
            repeat = 1 if copies == max(arguments.copies) and len(arguments.copies) > 1 else arguments.repeat
            timing = measure(f"{copies:>4}x ({count} files)",
                             [sys.executable, "-m", "iacfix.bot.cli", "scan", "--no-cache", str(tree)], repeat,
                             cwd=tree)
            rows.append((copies, count, timing))
            print(timing.row(), flush=True)
    print(f"after: {load()}")
    base_copies, _, base = rows[0]
    print("per copy of the corpus, against the first size:")
    for copies, _, timing in rows:
        scale = copies / base_copies
        print(f"  {copies:>4}x: wall {timing.wall / scale:7.3f} s/copy ({timing.wall / base.wall / scale:5.2f} of "
              f"linear), CPU {timing.cpu / scale:7.3f} s/copy ({timing.cpu / base.cpu / scale:5.2f} of linear), "
              f"peak {timing.peak_mb:6.0f} MB ({timing.peak_mb / base.peak_mb:5.2f}x the first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
