"""Only officers reach the register: a school user (or an administrator) gets 403 on every officer page."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing.converters import AnyConverter

from tests.conftest import sign_in_as


def _officer_urls(app: Flask, case_id: int) -> list[tuple[str, str]]:
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("officers."):
                continue
            values = {
                name: case_id if name == "case_id" else 1 if name.endswith("_id") else "status"
                for name in rule.arguments
            }
            if rule.endpoint == "officers.show_chart":
                values["name"] = "open-by-status"
            for name in rule.arguments:  # a word from a fixed list (such as a register's name): the first of them
                converter = rule._converters[name]
                if isinstance(converter, AnyConverter):
                    values[name] = sorted(converter.items)[0]
            url = app.url_map.bind("localhost").build(rule.endpoint, values)
            urls.extend((method, url) for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
    return urls


@pytest.mark.parametrize("role", ["school", "admin"])
def test_no_officer_page_for_other_roles(
    app: Flask, client: FlaskClient, make_case: Any, school_user: Any, admin: Any, role: str
) -> None:
    case = make_case()
    sign_in_as(client, school_user if role == "school" else admin)
    urls = _officer_urls(app, case.id)
    assert len(urls) >= 25
    refused = {
        (method, url): client.open(url, method=method, data={"status": "closed", "version": "1"}).status_code
        for method, url in urls
    }
    assert set(refused.values()) == {403}, {key: code for key, code in refused.items() if code != 403}


def test_signed_out_people_are_sent_to_sign_in(app: Flask, client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    for method, url in _officer_urls(app, case.id):
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], url
