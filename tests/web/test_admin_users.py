"""Administrators add users, change their details and role, and disable and enable accounts, all in the web pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.models import AuditEvent, School, User, UserSession
from tests.conftest import PASSWORD, sign_in_as
from tests.pages import check_page

NEW_PASSWORD = "lantern orchard pebble quiet"


def _new_user(**changes: str) -> dict[str, str]:
    return {
        "name": "Priya Shah",
        "email": "Priya.Shah@Riverside.example.sch.uk",
        "job_title": "Designated safeguarding lead",
        "role": "school",
        "school": "990001",
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
        **changes,
    }


def _audit(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


def test_an_admin_adds_a_school_user_who_can_then_sign_in(
    app: Flask, admin_client: FlaskClient, admin: User, school: School
) -> None:
    users = check_page(admin_client.get("/admin/users"))
    assert 'href="/admin/users/new"' in users.html
    page = check_page(admin_client.get("/admin/users/new"))
    assert page.h1 == ["Add a user"] and "Riverside Primary School (URN 990001)" in page.html

    response = admin_client.post("/admin/users/new", data=_new_user())
    assert response.status_code == 302
    user = User.get(User.email == "priya.shah@riverside.example.sch.uk")
    assert response.headers["Location"].endswith(f"/admin/users/{user.id}")
    assert (user.name, user.role, user.school_id, user.job_title, user.is_active) == (
        "Priya Shah",
        "school",
        school.id,
        "Designated safeguarding lead",
        True,
    )
    shown = check_page(admin_client.get(response.headers["Location"]))
    assert shown.has_text("Priya Shah's account is ready") and shown.has_text("Designated safeguarding lead")
    [event] = _audit("create")[-1:]
    assert (event.user_id, event.object_id) == (admin.id, str(user.id))
    assert NEW_PASSWORD not in event.changes

    signing_in = app.test_client().post("/sign-in", data={"email": user.email, "password": NEW_PASSWORD})
    assert signing_in.status_code == 302 and signing_in.headers["Location"].endswith("/schools/")


@pytest.mark.parametrize("two_factor_required", [False, True])
def test_a_new_user_must_choose_their_own_password_before_anything_else(
    app: Flask, admin_client: FlaskClient, school: School, two_factor_required: bool
) -> None:
    role = {"role": "officer", "school": ""} if two_factor_required else {}
    assert admin_client.post("/admin/users/new", data=_new_user(**role)).status_code == 302
    app.config["REQUIRE_TWO_FACTOR"] = two_factor_required  # after the administrator's own page: they are not enrolled
    home = "/officers/" if two_factor_required else "/schools/"
    browser = app.test_client()
    browser.post("/sign-in", data={"email": "priya.shah@riverside.example.sch.uk", "password": NEW_PASSWORD})

    for path in (home, "/account", "/account/two-factor"):
        sent_on = browser.get(path)
        assert sent_on.status_code == 302 and sent_on.headers["Location"].endswith("/account/password"), path
    page = check_page(browser.get("/account/password"))
    assert page.has_text("the one you were given was temporary")

    own = "copper meadow violin harbour"
    changed = browser.post(
        "/account/password",
        data={"current_password": NEW_PASSWORD, "new_password": own, "confirm_password": own},
    )
    assert changed.status_code == 302
    assert not User.get(User.email == "priya.shah@riverside.example.sch.uk").password_change_required
    after = browser.get(home)
    if two_factor_required:  # then straight on to setting up two-factor, as for any officer
        assert after.status_code == 302 and after.headers["Location"].endswith("/account/two-factor")
    else:
        assert after.status_code == 200


def test_an_officer_needs_no_school(admin_client: FlaskClient, school: School) -> None:
    response = admin_client.post(
        "/admin/users/new", data=_new_user(email="officer2@example.gov.uk", role="officer", school="990001")
    )
    assert response.status_code == 302
    user = User.get(User.email == "officer2@example.gov.uk")
    assert (user.role, user.school_id) == ("officer", None), "a school chosen for another role is not kept"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "Enter the person's full name"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format, like name@example.com"),
        ({"email": "officer@example.gov.uk"}, "email", "A user with email officer@example.gov.uk already exists"),
        ({"role": ""}, "role", "Select the role"),
        ({"role": "superuser"}, "role", "Select the role"),
        ({"school": ""}, "school", "Select the school"),
        ({"school": "880001"}, "school", "Select a school from the list"),
        ({"school": "990009"}, "school", "Select a school from the list"),
        ({"password": "", "confirm_password": ""}, "password", "Enter a temporary password"),
        ({"password": "short", "confirm_password": "short"}, "password", "The password must be at least 12"),
        ({"password": "Password2026!", "confirm_password": "Password2026!"}, "password", "common password"),
        ({"confirm_password": "something else"}, "confirm_password", "The passwords do not match"),
    ],
    ids=[
        "no name",
        "bad email",
        "email taken",
        "no role",
        "unknown role",
        "school user without a school",
        "school in another LA",
        "closed school",
        "no password",
        "short password",
        "common password",
        "passwords differ",
    ],
)
def test_a_bad_new_user_is_refused_with_the_error_summary(
    admin_client: FlaskClient, officer: User, school: School, changes: dict[str, str], field: str, message: str
) -> None:
    School.create(urn=880001, name="Elsewhere Primary School", la_code="888", la_name="Elsewhere")
    School.create(urn=990009, name="Shut Down School", la_code="999", la_name="Demo Borough", is_open=False)
    users_before = User.select().count()
    page = check_page(admin_client.post("/admin/users/new", data=_new_user(**changes)), status=422)
    assert page.title.startswith("Error: ")
    assert any(message in error for error in page.error_summary), page.error_summary
    assert f'href="#{field}' in page.html
    assert User.select().count() == users_before
    if field != "name":
        assert 'value="Priya Shah"' in page.html, "what was typed is kept"
    assert NEW_PASSWORD not in page.html, "a password is never sent back"


def test_the_school_list_offers_the_las_open_schools_only(admin_client: FlaskClient, school: School) -> None:
    School.create(urn=880001, name="Elsewhere Primary School", la_code="888", la_name="Elsewhere")
    School.create(urn=990009, name="Shut Down School", la_code="999", la_name="Demo Borough", is_open=False)
    html = check_page(admin_client.get("/admin/users/new")).html
    assert "Riverside Primary School" in html
    assert "Elsewhere Primary School" not in html and "Shut Down School" not in html


def test_an_admin_changes_a_users_details_and_role(
    admin_client: FlaskClient, admin: User, officer: User, school: School
) -> None:
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert f'href="/admin/users/{officer.id}/change"' in page.html
    form = check_page(admin_client.get(f"/admin/users/{officer.id}/change"))
    assert form.h1 == [f"Change {officer.name}'s details"] and f'value="{officer.name}"' in form.html
    data = {"name": "Olu Officer", "job_title": "Attendance lead", "role": "school", "school": "990001"}
    response = admin_client.post(f"/admin/users/{officer.id}/change", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/users/{officer.id}")
    changed = User.get_by_id(officer.id)
    assert (changed.name, changed.job_title, changed.role, changed.school_id) == (
        "Olu Officer",
        "Attendance lead",
        "school",
        school.id,
    )
    [event] = _audit("update")
    assert (event.user_id, event.object_id) == (admin.id, str(officer.id))
    assert json.loads(event.changes) == {
        "name": ["Officer", "Olu Officer"],
        "job_title": ["", "Attendance lead"],
        "role": ["officer", "school"],
        "school": [None, 990001],
    }
    assert check_page(admin_client.get(f"/admin/users/{officer.id}")).has_text("Olu Officer's details are changed")


def test_a_bad_change_keeps_what_was_typed(admin_client: FlaskClient, officer: User, school: School) -> None:
    data = {"name": "Olu Officer", "job_title": "Attendance lead", "role": "school", "school": ""}
    page = check_page(admin_client.post(f"/admin/users/{officer.id}/change", data=data), status=422)
    assert page.error_summary == ["Select the school"]
    assert 'value="Olu Officer"' in page.html and 'value="Attendance lead"' in page.html
    assert User.get_by_id(officer.id).name == "Officer"
    assert not _audit("update")


def test_an_admin_cannot_demote_themself(admin_client: FlaskClient, admin: User) -> None:
    data = {"name": "Still Admin", "job_title": "", "role": "officer", "school": ""}
    page = check_page(admin_client.post(f"/admin/users/{admin.id}/change", data=data), status=422)
    assert page.error_summary == ["You cannot change your own role: ask another administrator"]
    assert User.get_by_id(admin.id).role == "admin"
    # Their own name is theirs to change.
    data["role"] = "admin"
    assert admin_client.post(f"/admin/users/{admin.id}/change", data=data).status_code == 302
    assert User.get_by_id(admin.id).name == "Still Admin"


def test_disabling_ends_the_users_sessions_and_enabling_lets_them_back(
    app: Flask, admin_client: FlaskClient, admin: User, officer: User
) -> None:
    officers_browser = sign_in_as(app.test_client(), officer)
    assert officers_browser.get("/account").status_code == 200
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert "Disable account" in page.html and "Enable account" not in page.html

    response = admin_client.post(f"/admin/users/{officer.id}/disable")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/users/{officer.id}")
    assert User.get_by_id(officer.id).is_active is False
    assert not UserSession.select().where(UserSession.user == officer.id, UserSession.ended_at.is_null()).exists()
    assert "/sign-in" in officers_browser.get("/account").headers["Location"]
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert page.has_text("Officer's account is disabled") and "Enable account" in page.html
    [disabled] = _audit("disable")
    assert (disabled.user_id, disabled.object_id, json.loads(disabled.changes)) == (
        admin.id,
        str(officer.id),
        {"is_active": [True, False]},
    )
    assert app.test_client().post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 200

    response = admin_client.post(f"/admin/users/{officer.id}/enable")
    assert response.status_code == 302
    assert User.get_by_id(officer.id).is_active is True
    assert check_page(admin_client.get(f"/admin/users/{officer.id}")).has_text("Officer's account is enabled again")
    [enabled] = _audit("enable")
    assert (enabled.user_id, json.loads(enabled.changes)) == (admin.id, {"is_active": [False, True]})
    assert app.test_client().post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302


def test_an_admin_cannot_disable_themself(admin_client: FlaskClient, admin: User) -> None:
    page = check_page(admin_client.get(f"/admin/users/{admin.id}"))
    assert "Disable account" not in page.html
    response = admin_client.post(f"/admin/users/{admin.id}/disable", follow_redirects=True)
    assert check_page(response).has_text("You cannot disable your own account")
    assert User.get_by_id(admin.id).is_active is True
    assert not _audit("disable")
    assert admin_client.get("/admin/users").status_code == 200, "still signed in"


@pytest.mark.parametrize("path", ["change", "disable", "enable"])
def test_unknown_users_are_404(admin_client: FlaskClient, path: str) -> None:
    for user_id in (999, 2**63):
        method: Any = admin_client.get if path == "change" else admin_client.post
        assert method(f"/admin/users/{user_id}/{path}").status_code == 404


def test_only_admins_manage_users(app: Flask, officer: User, school_user: User) -> None:
    for user in (officer, school_user):
        client = sign_in_as(app.test_client(), user)
        assert client.get("/admin/users/new").status_code == 403
        assert client.post("/admin/users/new", data=_new_user(email="x@example.gov.uk")).status_code == 403
        assert client.post(f"/admin/users/{user.id}/change", data={"name": "Me", "role": "admin"}).status_code == 403
        assert client.post(f"/admin/users/{officer.id}/disable").status_code == 403
    assert User.select().where(User.email == "x@example.gov.uk").count() == 0
    assert User.get_by_id(officer.id).is_active is True
