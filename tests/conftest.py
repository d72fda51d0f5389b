"""What several test modules share: a real Redis server, and the markers that split the suite.

Markers (``pytest -m "not oracle and not e2e and not slow"`` runs the fast tests, as the floors job does):
- ``oracle``: runs an external tool (hclfmt, checkov, cfn-lint, Pulumi's mocks, hadolint, kubernetes-validate);
- ``e2e``: runs the App as separate processes against the GitHub double;
- ``slow``: long tests of any other kind.
Modules that are wholly one kind are marked here, by name; single tests carry their own marker.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator

import pytest
import redis

from tests.app_harness import free_port, wait_for

MODULE_MARKERS = {
    "test_app_e2e": "e2e",
    "test_scale_out": "e2e",
    "test_iac001_oracles": "oracle",
    "test_iac002_oracles": "oracle",
    "test_iac004_oracles": "oracle",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        marker = MODULE_MARKERS.get(module.__name__.rpartition(".")[2]) if module else None
        if marker:
            item.add_marker(marker)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """A redis-server of our own on a free loopback port, in memory only; killed however the session ends."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is not installed: run .ci/run, which installs it"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="iacfix-redis-") as folder:
        server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", folder], stdout=subprocess.DEVNULL)
        try:
            url = f"redis://127.0.0.1:{port}/0"
            client = redis.Redis.from_url(url)

            def ready() -> bool:
                if server.poll() is not None:
                    raise AssertionError(f"redis-server exited with {server.returncode}")
                try:
                    return bool(client.ping())
                except redis.ConnectionError:
                    return False

            wait_for(ready, 15, "redis-server")
            client.close()
            yield url
        finally:
            server.kill()
            server.wait(10)


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """The shared server, emptied before each test that uses it."""
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    yield redis_server
