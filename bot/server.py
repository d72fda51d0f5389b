"""``iacfix serve`` (web app and consumers in one process) and ``iacfix worker`` (consumers only)."""

from __future__ import annotations

import logging
import threading

from iacfix.bot import logs
from iacfix.bot.queue import JobQueue
from iacfix.bot.settings import Settings, load_settings

logger = logging.getLogger("iacfix.server")


def build_queue(settings: Settings) -> JobQueue:
    from iacfix.bot.jobs import JobRunner

    return JobQueue(settings, JobRunner(settings))


def serve(host: str, port: int, workers: int | None = None, settings: Settings | None = None) -> None:
    """The webhook server; with ``workers`` > 0 also that many queue consumers in the same process."""
    import uvicorn

    from iacfix.bot.app import create_app
    from iacfix.bot.slow_clients import HeaderDeadlineProtocol

    settings = settings or load_settings()
    settings.require_app()
    logs.configure(settings.log_level)
    workers = settings.workers if workers is None else workers
    if settings.metrics_port is not None:
        from prometheus_client import start_http_server

        from iacfix.bot.metrics import REGISTRY

        start_http_server(settings.metrics_port, addr=settings.metrics_host, registry=REGISTRY)
    queue = build_queue(settings)
    consumer = None
    stop = threading.Event()
    if workers > 0:
        queue.recover()
        consumer = queue.consumer(workers)
        consumer.start()
        queue.start_heartbeat(stop)
    logs.log(logger, logging.INFO, "serving", host=host, port=port, workers=workers,
             queue="redis" if settings.redis_url else "sqlite")
    try:
        HeaderDeadlineProtocol.header_seconds = settings.header_timeout_seconds
        uvicorn.run(create_app(settings, queue), host=host, port=port, log_config=None, access_log=False,
                    http=HeaderDeadlineProtocol, limit_concurrency=settings.max_connections,
                    timeout_keep_alive=5)
    finally:
        stop.set()
        if consumer is not None:
            consumer.stop(graceful=True)


def run_worker(workers: int, settings: Settings | None = None) -> None:
    """Queue consumers only: with ``IACFIX_REDIS_URL`` any number of these share the work, on any machine."""
    settings = settings or load_settings()
    settings.require_app()
    logs.configure(settings.log_level)
    queue = build_queue(settings)
    queue.recover()
    stop = threading.Event()
    queue.start_heartbeat(stop)
    logs.log(logger, logging.INFO, "worker started", workers=workers,
             queue="redis" if settings.redis_url else "sqlite")
    try:
        queue.consumer(workers).run()
    finally:
        stop.set()
