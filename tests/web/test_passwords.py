"""Password rules per the NCSC guidance (length, not complexity; a deny-list), applied on creation and on change."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.demo.core import DEMO_PASSWORDS
from portal.models import AuditEvent, User
from portal.services.passwords import common_passwords, password_problem, verify_password
from portal.services.users import AccountError, create_user
from tests.conftest import PASSWORD, sign_in_as
from tests.pages import check_page

ACCEPTED = [
    ("correct horse battery staple", "four random words"),
    ("monkey business 2026", "common words in an uncommon phrase"),
    ("lowercaseonlylongphrase", "no complexity rules: lower case only is fine"),
    ("xK9#mP2$vL5@", "random characters"),
    ("8#2$9!1@7%3^", "digits and symbols only, random"),
    ("demo-officer-password", "the demo officer's README password"),
]
REFUSED = [
    ("short", "at least 12 characters", "too short"),
    ("elevenchars", "at least 12 characters", "11 characters"),
    ("x" * 201, "200 characters or fewer", "too long"),
    ("password1234", "common password", "listed word plus digits"),
    ("Password2026!", "common password", "capital, year and symbol"),
    ("P@ssw0rd2026", "common password", "leetspeak"),
    ("Summer2026!!", "common password", "season and year"),
    ("iloveyou12345", "common password", "listed phrase"),
    ("Liverpool1892!", "common password", "football club"),
    ("children-missing-education", "common password", "the service's own name"),
    ("123456789012", "sequence or a repeated pattern", "counting"),
    ("qwertyuiopas", "sequence or a repeated pattern", "keyboard row"),
    ("abcabcabcabc", "sequence or a repeated pattern", "repeated"),
    ("Officer12345", "your email address", "email name plus digits"),
]


@pytest.mark.parametrize(("password", "why"), ACCEPTED, ids=[why for _p, why in ACCEPTED])
def test_good_passwords_are_accepted(password: str, why: str) -> None:
    assert password_problem(password, email="officer@demo.example") is None


@pytest.mark.parametrize(("password", "message", "why"), REFUSED, ids=[why for _p, _m, why in REFUSED])
def test_weak_passwords_are_refused_with_a_reason(password: str, message: str, why: str) -> None:
    problem = password_problem(password, email="officer@demo.example")
    assert problem is not None and message in problem


def test_the_deny_list_ships_with_the_package() -> None:
    listed = common_passwords()
    assert len(listed) > 3000
    assert {"password", "letmein", "qwerty", "iloveyou", "liverpool"} <= listed
    assert all(entry == entry.lower() and not entry.startswith("#") for entry in listed)


@pytest.mark.parametrize("email", sorted(DEMO_PASSWORDS))
def test_demo_passwords_meet_the_rules(email: str) -> None:
    assert password_problem(DEMO_PASSWORDS[email], email=email) is None


def test_create_user_refuses_a_common_password(database: Any) -> None:
    with pytest.raises(AccountError, match="common password"):
        create_user("new@example.gov.uk", role="officer", password="Password2026!")
    assert not User.select().where(User.email == "new@example.gov.uk").exists()


def test_cli_refuses_a_common_password(app: Flask, database: Any) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "x@example.gov.uk", "--role", "admin"], input="letmein123456\n"
    )
    assert result.exit_code != 0
    assert "common password" in result.output


def test_change_password_page(officer_client: FlaskClient) -> None:
    page = check_page(officer_client.get("/account/password"))
    assert page.h1 == ["Change your password"]
    page = check_page(officer_client.post("/account/password", data={}))
    assert page.error_summary == [
        "Enter your current password",
        "Enter a new password",
        "Enter your new password again",
    ]


@pytest.mark.parametrize(
    ("current", "new", "confirm", "errors"),
    [
        (
            "wrong password here",
            "a brand new passphrase",
            "a brand new passphrase",
            ["Your current password is not correct"],
        ),
        (PASSWORD, "Password2026!", "Password2026!", ["common password"]),
        (PASSWORD, "short", "short", ["at least 12 characters"]),
        (PASSWORD, "a brand new passphrase", "a brand new passphrasf", ["The passwords do not match"]),
        (PASSWORD, PASSWORD, PASSWORD, ["must be different from your current password"]),
    ],
    ids=["wrong current password", "common", "too short", "not matching", "unchanged"],
)
def test_change_password_errors(
    officer_client: FlaskClient, officer: User, current: str, new: str, confirm: str, errors: list[str]
) -> None:
    page = check_page(
        officer_client.post(
            "/account/password", data={"current_password": current, "new_password": new, "confirm_password": confirm}
        )
    )
    assert len(page.error_summary) == len(errors)
    assert all(expected in shown for expected, shown in zip(errors, page.error_summary, strict=True))
    assert verify_password(User.get_by_id(officer.id).password_hash, PASSWORD)


def test_changing_the_password_ends_other_sessions_but_not_this_one(
    app: Flask, officer_client: FlaskClient, officer: User
) -> None:
    elsewhere = sign_in_as(app.test_client(), officer)
    assert elsewhere.get("/account").status_code == 200
    new = "a brand new passphrase"
    response = officer_client.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": new, "confirm_password": new}
    )
    assert response.headers["Location"].endswith("/account")
    page = check_page(officer_client.get("/account"))
    assert page.has_text("Your password has been changed")
    assert elsewhere.get("/account").status_code == 302
    assert verify_password(User.get_by_id(officer.id).password_hash, new)
    assert AuditEvent.select().where(AuditEvent.action == "password_changed").count() == 1
