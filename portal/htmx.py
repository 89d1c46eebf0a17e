"""One place decides whether a request gets a fragment or the whole page."""

from __future__ import annotations

from typing import Any

from flask import make_response, render_template, request
from werkzeug.wrappers import Response


def wants_fragment() -> bool:
    """A fragment only for a real htmx request: not a boosted link, not a history restore (those need the page)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render_page(page: str, partial: str | None = None, *, status: int = 200, **context: Any) -> Response:
    """Render ``page``, or only ``partial`` for htmx; both vary on HX-Request so caches keep them apart."""
    template = partial if partial and wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
