"""A request id for logs and audit records, kept in a context variable so services need not touch Flask."""

from __future__ import annotations

import logging
import secrets
import sys
from contextvars import ContextVar

from flask import Flask, g, request

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get() or "-"
        return True


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"))
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(app.config["LOG_LEVEL"])
    app.logger.propagate = False

    @app.before_request
    def _assign_request_id() -> None:
        # A proxy's id is kept when it looks like one, so logs join up across hosts.
        incoming = request.headers.get("X-Request-Id", "")
        request_id = incoming if incoming.isalnum() and len(incoming) <= 40 else secrets.token_hex(8)
        g.request_id = request_id
        g.request_id_token = current_request_id.set(request_id)

    @app.after_request
    def _echo_request_id(response):  # type: ignore[no-untyped-def]
        response.headers["X-Request-Id"] = g.get("request_id", "")
        return response

    @app.teardown_request
    def _forget_request_id(_exc: BaseException | None) -> None:
        token = g.pop("request_id_token", None)
        if token is not None:
            current_request_id.reset(token)
