"""What the GitHub App costs: GitHub API calls per pull request (by kind, for 1, 20 and 200 changed files), and
how fast the webhook answers under a loopback load.

Runs the real ``iacfix serve`` against the GitHub double used by the tests. Usage:
    python bench/app_bench.py [--files 1 20 200] [--deliveries 1000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app_harness import RunningApp, wait_for  # noqa: E402
from tests.github_double import GitHubDouble, webhook_payload  # noqa: E402

TEMPLATE = (ROOT / "examples" / "cloudformation" / "template.yaml").read_text()


def calls_per_pull(files: int, workdir: Path) -> Counter[str]:
    with GitHubDouble(workdir / f"github-{files}") as double:
        double.install("octo")
        double.create_repo("octo/infra", files={"README.md": "# infra\n", ".github/iacfix.yml": "mode: commit\n"})
        changed = {f"stacks/stack{n:03d}.yaml": TEMPLATE for n in range(files)}
        double.commit("octo/infra", "feature", files=changed, message="Add stacks", author="alice",
                      parent_branch="main")
        number = double.open_pull("octo/infra", head="feature", base="main", user="alice")
        app = RunningApp(workdir, double, env={"IACFIX_DATA_DIR": str(workdir / f"data-{files}")}).start()
        try:
            before = len(double.calls)
            app.deliver("pull_request", webhook_payload("pull_request.opened", double, repo="octo/infra", number=number))
            wait_for(lambda: double.git("octo/infra", "rev-list", "--count", "feature").strip() == "3", 600, "the fix")
            wait_for(lambda: any(r["status"] == "completed" for r in double.check_runs), 120, "the check run")
            time.sleep(0.5)
            return Counter(f"{call.method} {call.operation_id or call.path}" for call in double.calls[before:])
        finally:
            app.stop()


def webhook_latency(deliveries: int, concurrency: int, workdir: Path) -> list[float]:
    with GitHubDouble(workdir / "github-load") as double:
        double.install("octo")
        double.create_repo("octo/infra", files={"README.md": "# infra\n"})
        double.commit("octo/infra", "feature", files={"a.tf": "# a\n"}, message="a", author="alice",
                      parent_branch="main")
        number = double.open_pull("octo/infra", head="feature", base="main", user="alice")
        payload = webhook_payload("pull_request.opened", double, repo="octo/infra", number=number)
        # Web only: the deliveries are verified, parsed, deduplicated and queued, and nothing runs them.
        app = RunningApp(workdir, double, command=("serve", "--workers", "0"),
                         env={"IACFIX_DATA_DIR": str(workdir / "data-load")}).start()
        try:
            for _ in range(20):
                app.deliver("pull_request", payload)

            def one(_: int) -> float:
                started = time.perf_counter()
                response = app.deliver("pull_request", payload)
                assert response.status_code == 202, response.text
                return time.perf_counter() - started

            with ThreadPoolExecutor(concurrency) as pool:
                return list(pool.map(one, range(deliveries)))
        finally:
            app.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", default=[1, 20, 200])
    parser.add_argument("--deliveries", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        print("GitHub API calls for one pull request in commit mode (each file a CloudFormation template to fix):")
        for files in arguments.files:
            calls = calls_per_pull(files, workdir)
            detail = ", ".join(f"{kind} ×{count}" for kind, count in sorted(calls.items()))
            print(f"  {files:>4} changed files: {sum(calls.values()):>4} calls  ({detail})")
        latencies = sorted(webhook_latency(arguments.deliveries, arguments.concurrency, workdir))
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(f"Webhook answer time over {len(latencies)} signed deliveries, {arguments.concurrency} at a time, "
              f"loopback: median {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
