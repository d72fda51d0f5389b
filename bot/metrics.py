"""Prometheus metrics: what an operator watches to know the App is healthy and within GitHub's limits."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry()

deliveries = Counter(
    "iacfix_webhook_deliveries", "Webhook deliveries received, by event and outcome", ["event", "outcome"],
    registry=REGISTRY,
)
jobs = Counter("iacfix_jobs", "Jobs run, by kind and outcome", ["kind", "outcome"], registry=REGISTRY)
job_seconds = Histogram(
    "iacfix_job_duration_seconds", "Time a job took, by kind", ["kind"], registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
findings = Counter("iacfix_findings", "Findings reported, by rule", ["rule"], registry=REGISTRY)
fixes = Counter("iacfix_fixes", "Fixes delivered, by rule and delivery mode", ["rule", "mode"], registry=REGISTRY)
github_calls = Counter(
    "iacfix_github_calls", "GitHub API requests, by method and status", ["method", "status"], registry=REGISTRY
)
# One figure, the last seen: labelling it by installation would publish which accounts use the App.
rate_limit_remaining = Gauge(
    "iacfix_github_rate_limit_remaining", "Requests left in GitHub's rate-limit window (last response)",
    registry=REGISTRY,
)


def exposition() -> bytes:
    return generate_latest(REGISTRY)
