"""The HTTP protocol the webhook server runs: uvicorn's, plus a deadline for a request's headers.

uvicorn closes idle keep-alive connections, but a client that opens a connection and sends its headers one
byte at a time (slowloris) holds it for ever; thousands of them exhaust the server. GitHub sends a whole
delivery at once, so a request whose headers have not all arrived within ``header_seconds`` is closed.
The body has its own deadline in the webhook handler.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderDeadlineProtocol(HttpToolsProtocol):
    header_seconds: float = 10.0  # set from ``Settings.header_timeout_seconds`` when the server starts
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_header_timer()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_header_timer()

    def on_headers_complete(self) -> None:
        self._cancel_header_timer()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _start_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(self.header_seconds, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()
