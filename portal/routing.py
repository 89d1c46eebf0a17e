"""URL converters: an id in a URL larger than the database can hold is a page that does not exist (404), not a
database error."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**63 - 1  # a 64-bit signed integer: the largest id SQLite and PostgreSQL store


class IdConverter(IntegerConverter):
    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = None, max: int | None = None) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=LARGEST_ID if max is None else max)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
