"""Scale-out on a real Redis server: a web-only ``iacfix serve`` and two ``iacfix worker`` processes share
the queue; 20 pull requests delivered at once get 20 commits, none twice, none handled by both workers."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.app_harness import RunningApp, wait_for
from tests.github_double import GitHubDouble, webhook_payload

ROOT = Path(__file__).resolve().parent.parent
REPO = "octo/infra"
PULLS = 20


def handled_pulls(worker: RunningApp) -> list[str]:
    pulls = []
    for line in worker.log().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("message") == "job done":
            pulls.append(entry["pr"])
    return pulls


def test_twenty_pull_requests_on_two_workers_get_twenty_commits_none_twice(tmp_path, redis_url) -> None:
    template = (ROOT / "examples" / "cloudformation" / "template.yaml").read_text()
    with GitHubDouble(tmp_path / "github") as double:
        double.install("octo")
        double.create_repo(REPO, files={"README.md": "# infra\n", ".github/iacfix.yml": "mode: commit\n"})
        heads = {}
        for n in range(PULLS):
            branch = f"service-{n}"
            heads[branch] = double.commit(REPO, branch, files={f"{branch}/template.yaml": template},
                                          message=f"Add {branch}", author="alice", parent_branch="main")
        numbers = {double.open_pull(REPO, head=branch, base="main", user="alice"): branch for branch in heads}
        env = {"IACFIX_REDIS_URL": redis_url}
        web = RunningApp(tmp_path, double, command=("serve", "--workers", "0"), env=env)
        workers = [RunningApp(tmp_path, double, command=("worker", "--workers", "2"), env=env) for _ in range(2)]
        try:
            for process in (web, *workers):
                process.start()
            payloads = [webhook_payload("pull_request.opened", double, repo=REPO, number=n) for n in numbers]
            with ThreadPoolExecutor(PULLS) as pool:
                answers = list(pool.map(lambda p: web.deliver("pull_request", p).status_code, payloads))
            assert answers == [202] * PULLS

            def fixed_branches() -> int:
                return sum(1 for b in heads if double.git(REPO, "rev-list", "--count", b).strip() == "3")

            wait_for(lambda: fixed_branches() == PULLS, 240, "a fix commit on every pull request")
            for branch, head in heads.items():
                log = double.git(REPO, "log", "--format=%H %P", branch).splitlines()
                assert len(log) == 3 and log[0].split()[1] == head, branch
            # The commit lands before the job finishes its check run: wait for every job to say it is done.
            wait_for(lambda: sum(len(handled_pulls(w)) for w in workers) >= PULLS, 60, "every job to finish")
            done = [handled_pulls(w) for w in workers]
            everything = done[0] + done[1]
            assert sorted(everything) == sorted(f"pr:{REPO}#{n}" for n in numbers), "each PR handled exactly once"
            assert all(done), "both workers took part"
            double.assert_honest()
        finally:
            for process in (web, *workers):
                process.stop()
