"""GOV.UK-styled error pages. A database outage is a 503 with the service's own words, never a stack trace."""

from __future__ import annotations

from typing import Any

import peewee
from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.extensions import login_manager

PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
    503: "errors/503.html",
}


def _render(status: int) -> Any:
    response = (render_template(PAGES.get(status, "errors/500.html"), status=status), status)
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Any:
        app.logger.warning("CSRF check failed on %s %s: %s", request.method, request.path, error.description)
        return _render(400)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Any:
        if error.code in PAGES:
            return _render(error.code or 500)
        return error

    @app.errorhandler(peewee.OperationalError)
    @app.errorhandler(peewee.InterfaceError)
    def _database_unavailable(error: Exception) -> Any:
        app.logger.error("database unavailable: %s", error)
        # Render as nobody in particular: looking the user up would need the database that just failed.
        g._login_user = login_manager.anonymous_user()
        return _render(503)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500)
