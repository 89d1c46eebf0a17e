"""A database that fails during a journey's final POST: the 503 page, then everything as it was before the send."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import peewee
import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.pages import Page, check_page


def _fail(*_args: Any, **_kwargs: Any) -> Any:
    raise peewee.OperationalError("server closed the connection unexpectedly")


def send_while_database_fails(
    monkeypatch: pytest.MonkeyPatch, target: str, send: Callable[[], TestResponse]
) -> TestResponse:
    """Send with ``target`` (a dotted name the final POST calls) raising OperationalError; assert the 503 page.

    Only this one request fails: the patch is undone before the function returns.
    """
    with monkeypatch.context() as patch:
        patch.setattr(target, _fail)
        response = send()
    page = check_page(response, status=503)
    assert page.h1 == ["Sorry, there is a problem with the service"]
    return response


def answers_still_shown(client: FlaskClient, check_url: str, typed: tuple[str, ...]) -> Page:
    """The check-answers page after the failure, with everything the person typed still on it."""
    page = check_page(client.get(check_url))
    lost = [text for text in typed if not page.has_text(text)]
    assert not lost, f"answers lost after the failed send: {lost}"
    return page
