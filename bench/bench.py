"""iacfix against checkov and against python-hcl2's bare parse, on the same Terraform folders, in one run.

    python bench/bench.py [--corpus tests/corpus] [--repeat 5] [--peer-repeat 3] [--skip-peers]

The corpus's Terraform modules are copied into a temporary project (a folder with ``.git``, where the
cache goes), then each of these is run several times as a whole process, start-up included:

- ``checkov -d`` on the copy (``--framework terraform``);
- ``iacfix scan --no-cache`` (cold: every unit parsed and checked), on every core and with ``--jobs 1``;
- the python-hcl2 parse floor: a process that imports python-hcl2 and parses every ``.tf`` file to its tree;
- ``iacfix scan`` warm (cache filled, nothing changed);

  these in turns, one run of each and then again (checkov in fewer rounds, spread over the others), so that
  their ratios hold on a machine whose speed drifts;
- ``iacfix scan`` with one file changed before each run (a comment appended, then taken away), next to a cold scan
  of that file's module alone: what the change should cost.

Each line gives the median wall time, the median CPU time (user + system, every process), and the peak memory of
the largest process; then the ratios. The machine's load is printed before and after: on a shared machine wall
times move with it, CPU times much less.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Timing, byte_compile, load, measure, measure_interleaved  # noqa: E402

FLOOR = """
import pathlib, sys
import hcl2
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.tf")):
    hcl2.parses_to_tree(path.read_text(encoding="utf-8"))
"""
CHANGED = "examples/simple/main.tf"


def checkov_command() -> list[str] | None:
    for candidate in (ROOT / ".tools" / "checkov-venv" / "bin" / "checkov", shutil.which("checkov")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    return None


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    options.add_argument("--repeat", type=int, default=5, help="runs of each iacfix and floor measurement")
    options.add_argument("--peer-repeat", type=int, default=3, help="runs of checkov (minutes each)")
    options.add_argument("--skip-peers", action="store_true", help="do not run checkov")
    arguments = options.parse_args()
    source = arguments.corpus.resolve() / "terraform" / "terraform-aws-lambda"
    with tempfile.TemporaryDirectory(prefix="iacfix-bench-") as folder:
        project = Path(folder)
        (project / ".git").mkdir()  # the project root: the cache goes here, not in the corpus
        modules = project / "terraform-aws-lambda"
        shutil.copytree(source, modules)
        for path in modules.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        files = sorted(modules.rglob("*.tf"))
        size = sum(path.stat().st_size for path in files) / 1e6
        print(f"Terraform corpus: {source} ({len(files)} .tf files, {size:.2f} MB, "
              f"{len({path.parent for path in files})} module folders), copied to {modules}")
        print(byte_compile(ROOT))
        print(f"before: {load()}")
        iacfix = [sys.executable, "-m", "iacfix.bot.cli", "scan"]
        rows: dict[str, Timing] = {}
        measure("(filling the cache)", [*iacfix, str(modules)], 1, cwd=project)
        # Everything that compares in turns (checkov in as many rounds as asked for, spread over the others), so
        # that a machine changing speed moves them alike: the cold scans never read the cache the warm one reads.
        peers: dict[str, tuple[str, list[str]]] = {}
        if not arguments.skip_peers and (checkov := checkov_command()):
            peers["checkov"] = ("checkov -d <corpus>", [*checkov, "-d", str(modules), "--quiet", "--framework",
                                                        "terraform", "--skip-download"])
        rows.update(measure_interleaved({
            **peers,
            "cold": ("iacfix scan --no-cache <corpus>", [*iacfix, "--no-cache", str(modules)]),
            "single": ("iacfix scan --no-cache --jobs 1 <corpus>", [*iacfix, "--no-cache", "--jobs", "1", str(modules)]),
            "floor": ("python-hcl2 parse floor <corpus>", [sys.executable, "-c", FLOOR, str(modules)]),
            "warm": ("iacfix scan <corpus>, warm", [*iacfix, str(modules)]),
        }, arguments.repeat, cwd=project, fewer={key: arguments.peer_repeat for key in peers}))
        for key in (*peers, "cold", "single", "floor", "warm"):
            print(rows[key].row())
        changed = modules / CHANGED
        original = changed.read_text(encoding="utf-8")

        def change(run: int) -> None:
            changed.write_text(original + ("# changed\n" if run % 2 == 0 else ""), encoding="utf-8")

        rows["changed"] = measure(f"iacfix scan <corpus>, {CHANGED} changed", [*iacfix, str(modules)],
                                  arguments.repeat, cwd=project, before_each=change)
        print(rows["changed"].row())
        rows["unit"] = measure(f"iacfix scan --no-cache {Path(CHANGED).parent} alone",
                               [*iacfix, "--no-cache", str(changed.parent)], arguments.repeat, cwd=project)
        print(rows["unit"].row())
        print(f"after: {load()}")
        report_ratios(rows)
    return 0


def report_ratios(rows: dict[str, Timing]) -> None:
    cold, floor, warm, changed, unit = (rows[k] for k in ("cold", "floor", "warm", "changed", "unit"))
    print("ratios:")
    if "checkov" in rows:
        peer = rows["checkov"]
        print(f"  cold iacfix scan is {peer.wall / cold.wall:6.1f}x faster than checkov -d (wall), "
              f"{peer.cpu / cold.cpu:6.1f}x (CPU)")
        print(f"  warm iacfix scan is {peer.wall / warm.wall:6.1f}x faster than checkov -d (wall), "
              f"{peer.cpu / warm.cpu:6.1f}x (CPU)")
    print(f"  cold iacfix scan CPU is {cold.cpu / floor.cpu:5.2f}x the python-hcl2 parse floor "
          f"(wall {cold.wall / floor.wall:5.2f}x); with --jobs 1, CPU {rows['single'].cpu / floor.cpu:5.2f}x")
    print(f"  every core against one: wall {rows['single'].wall / cold.wall:5.2f}x faster")
    print(f"  one changed file costs {changed.wall - warm.wall:6.3f} s wall over a warm scan; its module alone "
          f"costs {unit.wall:6.3f} s cold (CPU: {changed.cpu - warm.cpu:6.3f} s over warm, {unit.cpu:6.3f} s alone)")


if __name__ == "__main__":
    sys.exit(main())
