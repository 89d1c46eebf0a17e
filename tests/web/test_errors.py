"""A database outage answers the 503 page, never a stack trace."""

from __future__ import annotations

from tests.conftest import make_app
from tests.pages import check_page


def test_database_outage_gives_503_page() -> None:
    # Nothing listens on port 1, so every connection is refused at once, as when the database server is down.
    app = make_app("postgresql://postgres@127.0.0.1:1/portal?connect_timeout=1")
    response = app.test_client().get("/")
    page = check_page(response, status=503)
    assert page.h1 == ["Sorry, there is a problem with the service"]
    assert "Traceback" not in page.html


def test_an_id_too_large_for_the_database_is_not_found(admin_client) -> None:  # type: ignore[no-untyped-def]
    check_page(admin_client.get("/admin/children/99999999999999999999999"), status=404)
    page = check_page(admin_client.get("/admin/audit", query_string={"child": "99999999999999999999999"}))
    assert page.has_text("Child record number must be a number of up to 12 digits")


def test_nul_characters_are_removed_on_arrival(client) -> None:  # type: ignore[no-untyped-def]
    page = check_page(client.post("/sign-in", data={"email": "a\x00b@example.gov.uk", "password": "x\x00"}))
    assert "\x00" not in page.html
    check_page(client.get("/privacy", query_string={"q": "\x00"}))
