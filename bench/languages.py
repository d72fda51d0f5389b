"""Times iacfix over the whole real corpus (every language), whole process and start-up included, against checkov
and cfn-lint. The Terraform comparison in detail (cold, warm, one file changed, the parse floor) is bench/bench.py.

    python bench/languages.py [--corpus tests/corpus] [--repeat 3] [--skip-peers]

Prints files/s, MB/s and peak memory per command, and the ratio to the peer tool measured in the same run
(checkov -d on the Terraform module, cfn-lint on the CloudFormation templates) when that tool is installed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


@dataclass
class Timing:
    label: str
    seconds: float
    peak_mb: float
    files: int
    megabytes: float

    def row(self) -> str:
        rate = f"{self.files / self.seconds:8.0f} files/s  {self.megabytes / self.seconds:6.2f} MB/s"
        return f"{self.label:<58} {self.seconds:8.2f} s  {rate}  {self.peak_mb:7.0f} MB peak"


def measure(label: str, command: list[str], files: list[Path], repeat: int) -> Timing:
    seconds: list[float] = []
    peaks: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
        seconds.append(time.perf_counter() - start)
        peaks.append(int(result.stdout.strip()) / 1024)
    size = sum(file.stat().st_size for file in files) / 1e6
    return Timing(label, statistics.median(seconds), max(peaks), len(files), size)


def tool(name: str, *candidates: Path) -> str | None:
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--skip-peers", action="store_true", help="do not run checkov and cfn-lint")
    arguments = options.parse_args()
    corpus: Path = arguments.corpus.resolve()
    iacfix = [sys.executable, "-m", "iacfix.bot.cli"]
    cold = ["--no-cache"]
    terraform = corpus / "terraform" / "terraform-aws-lambda"
    cloudformation = corpus / "cloudformation"
    every_file = [p for p in corpus.rglob("*") if p.is_file()]
    tf_files = list(terraform.rglob("*.tf"))
    cfn_files = [p for p in cloudformation.rglob("*") if p.suffix in (".yaml", ".yml", ".json", ".template")]

    print(f"corpus: {corpus} ({len(every_file)} files, {sum(p.stat().st_size for p in every_file) / 1e6:.1f} MB)")
    rows = [
        measure("iacfix scan <corpus>", [*iacfix, "scan", *cold, str(corpus)], every_file, arguments.repeat),
        measure("iacfix fix --diff <corpus>", [*iacfix, "fix", "--diff", *cold, str(corpus)], every_file, arguments.repeat),
        measure("iacfix scan terraform/terraform-aws-lambda", [*iacfix, "scan", *cold, str(terraform)], tf_files, arguments.repeat),
        measure("iacfix scan cloudformation", [*iacfix, "scan", *cold, str(cloudformation)], cfn_files, arguments.repeat),
    ]
    for row in rows:
        print(row.row())
    if arguments.skip_peers:
        return 0
    checkov = tool("checkov", ROOT / ".tools" / "checkov-venv" / "bin" / "checkov")
    if checkov:
        peer = measure("checkov -d terraform/terraform-aws-lambda", [checkov, "-d", str(terraform), "--quiet", "--framework", "terraform"], tf_files, 1)
        print(peer.row())
        print(f"ratio: iacfix scan is {peer.seconds / rows[2].seconds:.0f}x faster than checkov -d on terraform-aws-lambda")
    else:
        print("checkov not installed: no Terraform ratio (run .ci/run or pip install checkov)")
    cfn_lint = tool("cfn-lint", Path(sys.executable).parent / "cfn-lint")
    if cfn_lint:
        peer = measure("cfn-lint <every template>", [cfn_lint, *map(str, cfn_files)], cfn_files, 1)
        print(peer.row())
        print(f"ratio: iacfix scan is {peer.seconds / rows[3].seconds:.1f}x faster than cfn-lint on the CloudFormation corpus")
    else:
        print("cfn-lint not installed: no CloudFormation ratio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
