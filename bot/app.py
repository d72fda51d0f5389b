"""The webhook endpoint: verify, parse, deduplicate, enqueue, answer; it never calls GitHub itself.

GitHub waits at most ten seconds for an answer and redelivers what failed, so the answer comes as soon as
the job is safely queued; the work happens in the queue's consumers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from iacfix.bot import metrics
from iacfix.bot.events import HANDLED_EVENTS, LOGGED_EVENTS, BadPayload, job_for
from iacfix.bot.logs import log
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings

logger = logging.getLogger("iacfix.webhook")


class _TooLarge(Exception):
    pass


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """GitHub's ``X-Hub-Signature-256``: HMAC-SHA256 of the raw body, compared in constant time."""
    if not header or not header.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


def create_app(settings: Settings, queue: JobQueue) -> FastAPI:
    app = FastAPI(title="iacfix", docs_url=None, redoc_url=None, openapi_url=None)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""

    def answer(event: str, delivery: str | None, status: int, outcome: str, reason: str = "") -> JSONResponse:
        metrics.deliveries.labels(event or "unknown", outcome).inc()
        log(logger, logging.INFO if status < 400 else logging.WARNING, f"webhook {outcome}",
            delivery=delivery, event=event, status=status, reason=reason)
        return JSONResponse({"status": outcome, **({"reason": reason} if reason else {})}, status_code=status)

    @app.post("/webhook")
    async def webhook(request: Request) -> Response:
        event = request.headers.get("x-github-event", "")
        delivery = request.headers.get("x-github-delivery")
        try:
            body = await _read_body(request, settings.max_body_bytes)
        except _TooLarge:
            return answer(event, delivery, 413, "rejected", f"body over {settings.max_body_bytes} bytes")
        if not secret or not verify_signature(secret, body, request.headers.get("x-hub-signature-256")):
            return answer(event, delivery, 401, "unauthorized", "missing or wrong X-Hub-Signature-256")
        if not event:
            return answer(event, delivery, 400, "rejected", "missing X-GitHub-Event header")
        if event == "ping":
            return answer(event, delivery, 200, "pong")
        if event not in HANDLED_EVENTS:
            return answer(event, delivery, 202, "logged" if event in LOGGED_EVENTS else "ignored")
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return answer(event, delivery, 400, "rejected", f"the body is not JSON: {error}")
        if not delivery:
            return answer(event, delivery, 400, "rejected", "missing X-GitHub-Delivery header")
        try:
            job = job_for(event, delivery, payload)
        except BadPayload as error:
            return answer(event, delivery, 400, "rejected", str(error))
        if job is None:
            return answer(event, delivery, 202, "ignored")
        if not await run_in_threadpool(queue.first_delivery, delivery):
            return answer(event, delivery, 202, "duplicate")
        await run_in_threadpool(queue.enqueue, job)
        return answer(event, delivery, 202, "queued")

    @app.get("/healthz")
    async def healthz() -> Response:
        try:
            pending = await run_in_threadpool(queue.pending)
        except Exception as error:  # the queue's store is unreachable: not ready for deliveries
            return JSONResponse({"status": "unavailable", "reason": type(error).__name__}, status_code=503)
        return JSONResponse({"status": "ok", "queued": pending})

    @app.get("/livez")
    async def livez() -> Response:
        """Liveness only: a queue outage makes the App unready (``/healthz``), not worth a restart."""
        return JSONResponse({"status": "alive"})

    @app.get("/metrics")
    async def prometheus() -> Response:
        return Response(metrics.exposition(), media_type="text/plain; version=0.0.4; charset=utf-8")

    return app
