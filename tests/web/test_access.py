"""Every route declares its audience, and each role (and nobody signed in) gets exactly what that allows."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing.converters import AnyConverter, NumberConverter

from portal.auth import AUDIENCES, view_audience
from tests.conftest import sign_in_as

ROLES = ("anonymous", "officer", "school", "admin")


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, url, method) for every rule, with placeholder values for its variables."""
    routes = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint == "static":
                continue
            values: dict[str, Any] = {}
            for name in rule.arguments:
                converter = rule._converters[name]
                if isinstance(converter, NumberConverter):
                    values[name] = 1
                elif isinstance(converter, AnyConverter):
                    values[name] = sorted(converter.items)[0]
                else:
                    values[name] = "placeholder"
            url = app.url_map.bind("localhost").build(rule.endpoint, values, force_external=False)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, url, method))
    return routes


def test_every_route_declares_its_audience(app: Flask) -> None:
    undeclared = sorted(
        {endpoint for endpoint, _url, _method in _routes(app) if view_audience(app, endpoint) not in AUDIENCES}
    )
    assert undeclared == [], f"routes without @audience(...): {undeclared}"


def test_a_route_without_a_declaration_is_refused(app: Flask, client: FlaskClient) -> None:
    app.add_url_rule("/undeclared-test-route", "undeclared_test_route", lambda: "secret")
    response = client.get("/undeclared-test-route")
    assert response.status_code == 403
    assert "secret" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app: Flask, client: FlaskClient, role: str, officer: Any, school_user: Any, admin: Any) -> None:
    users = {"officer": officer, "school": school_user, "admin": admin}
    if role != "anonymous":
        sign_in_as(client, users[role])
    failures = []
    for endpoint, url, method in _routes(app):
        audience = view_audience(app, endpoint)
        if endpoint == "auth.sign_out":
            continue  # signing out ends the session this walk depends on; tested on its own
        response = client.open(url, method=method)
        status = response.status_code
        location = response.headers.get("Location", "")
        if audience == "public":
            ok = status not in (401, 403) and status < 500
        elif role == "anonymous":
            ok = status == 302 and "/sign-in" in location
        elif role == audience:
            ok = status not in (401, 403) and status < 500
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{role} {method} {url} ({audience}): {status} {location}")
    assert failures == []
