"""A double of GitHub's REST API for the App's end-to-end tests: a real HTTP server on 127.0.0.1 backed by bare git
repositories, every request and answer checked against GitHub's OpenAPI description, plus GitHub's webhook
payloads rewritten to point at it and signed as GitHub signs them."""

from __future__ import annotations

from tests.github_double.double import GitHubDouble
from tests.github_double.payloads import sign, webhook_payload
from tests.github_double.server import Call

__all__ = ["Call", "GitHubDouble", "sign", "webhook_payload"]
