"""The webhook endpoint: verify, parse, deduplicate, enqueue, answer; it never calls GitHub itself.

GitHub waits at most ten seconds for an answer and redelivers what failed, so the answer comes as soon as
the job is safely queued; the work happens in the queue's consumers. Anyone can reach this door, so it
trusts nothing before the signature is checked: the body streams into the HMAC with a size cap, a few
bodies at a time, each within a deadline; metric labels name only events the App knows, and only once the
delivery is verified; a delivery is remembered as seen only once its job is queued.
"""

from __future__ import annotations

import asyncio
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
KNOWN_EVENTS = HANDLED_EVENTS | LOGGED_EVENTS | {"ping"}
UNVERIFIED = "unverified"  # the event label of a delivery whose signature was not (yet) checked


class Refused(Exception):
    """A delivery answered before it is verified: status, outcome and reason."""

    def __init__(self, status: int, outcome: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.outcome, self.reason = status, outcome, reason


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """GitHub's ``X-Hub-Signature-256``: HMAC-SHA256 of the raw body, compared in constant time."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256)
    return _signature_matches(digest, header)


def _signature_matches(digest: hmac.HMAC, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    return hmac.compare_digest("sha256=" + digest.hexdigest(), header)


async def read_signed_body(request: Request, secret: str, limit: int) -> bytes:
    """The body, hashed as it streams in; Refused when it is too large or not signed with ``secret``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, "rejected", f"body over {limit} bytes")
    digest = hmac.new(secret.encode(), digestmod=hashlib.sha256)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refused(413, "rejected", f"body over {limit} bytes")
            digest.update(chunk)
            chunks.append(chunk)
        if not secret or not _signature_matches(digest, request.headers.get("x-hub-signature-256")):
            raise Refused(401, "unauthorized", "missing or wrong X-Hub-Signature-256")
        return b"".join(chunks)
    finally:
        chunks.clear()  # a refused body must not live on in the traceback's frame until the next GC


def parse_payload(body: bytes) -> object:
    """The JSON payload, or BadPayload with the reason (too deep, numbers too long, not JSON at all)."""
    try:
        return json.loads(body)
    except RecursionError:
        raise BadPayload("the body is nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError, and integers past Python's digit limit
        raise BadPayload(f"the body is not JSON the App accepts: {str(error)[:200]}") from None


def create_app(settings: Settings, queue: JobQueue) -> FastAPI:
    app = FastAPI(title="iacfix", docs_url=None, redoc_url=None, openapi_url=None)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    bodies = asyncio.Semaphore(settings.max_concurrent_bodies)

    def answer(event: str, delivery: str | None, status: int, outcome: str, reason: str = "") -> JSONResponse:
        metrics.deliveries.labels(event, outcome).inc()
        log(logger, logging.INFO if status < 400 else logging.WARNING, f"webhook {outcome}",
            delivery=delivery if event != UNVERIFIED else None, event=event, status=status, reason=reason)
        return JSONResponse({"status": outcome, **({"reason": reason} if reason else {})}, status_code=status)

    async def read_body(request: Request) -> bytes:
        try:
            async with asyncio.timeout(settings.body_wait_seconds):
                await bodies.acquire()
        except TimeoutError:
            raise Refused(503, "busy", "too many deliveries at once; GitHub redelivers later") from None
        try:
            async with asyncio.timeout(settings.body_timeout_seconds):
                return await read_signed_body(request, secret, settings.max_body_bytes)
        except TimeoutError:
            raise Refused(408, "rejected", f"the body took over {settings.body_timeout_seconds:g} s") from None
        finally:
            bodies.release()

    @app.post("/webhook")
    async def webhook(request: Request) -> Response:
        try:
            body = await read_body(request)
        except Refused as refused:
            return answer(UNVERIFIED, None, refused.status, refused.outcome, refused.reason)
        # Verified from here on: still, only events the App knows become metric labels.
        event = request.headers.get("x-github-event", "")
        label = event if event in KNOWN_EVENTS else "other"
        delivery = request.headers.get("x-github-delivery")
        if not event:
            return answer(label, delivery, 400, "rejected", "missing X-GitHub-Event header")
        if event == "ping":
            return answer(label, delivery, 200, "pong")
        if event not in HANDLED_EVENTS:
            return answer(label, delivery, 202, "logged" if event in LOGGED_EVENTS else "ignored")
        if not delivery:
            return answer(label, delivery, 400, "rejected", "missing X-GitHub-Delivery header")
        try:
            job = job_for(event, delivery, parse_payload(body))
        except BadPayload as error:
            return answer(label, delivery, 400, "rejected", str(error))
        if job is None:
            return answer(label, delivery, 202, "ignored")
        if not await run_in_threadpool(queue.first_delivery, delivery):
            return answer(label, delivery, 202, "duplicate")
        try:
            await run_in_threadpool(queue.enqueue, job)
        except Exception as error:  # forget the delivery, so GitHub's redelivery is not taken for a duplicate
            await run_in_threadpool(queue.forget_delivery, delivery)
            logger.exception("could not queue a delivery")
            return answer(label, delivery, 503, "unavailable", f"the queue is unavailable ({type(error).__name__})")
        return answer(label, delivery, 202, "queued")

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

    token = settings.metrics_token.get_secret_value() if settings.metrics_token else ""

    @app.get("/metrics")
    async def prometheus(request: Request) -> Response:
        """Only with the metrics token (``Authorization: Bearer …``); otherwise as if there were none."""
        given = request.headers.get("authorization", "")
        if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return Response(metrics.exposition(), media_type="text/plain; version=0.0.4; charset=utf-8")

    return app
