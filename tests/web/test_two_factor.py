"""Two-factor sign-in: enrolment by QR code or key, the code after the password, recovery codes, REQUIRE_TWO_FACTOR."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import pyotp
from flask.testing import FlaskClient

from portal.models import AuditEvent, RecoveryCode, User
from portal.services import two_factor
from tests.conftest import PASSWORD, make_app, sign_in_as
from tests.pages import check_page

CODE = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


def _code(secret: str, steps_ahead: int = 0) -> str:
    """The app's code for now, or for a 30-second step ahead (still accepted: one step either side of now)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def _enrol(user: User) -> tuple[str, list[str]]:
    two_factor.start_enrolment(user, issuer="Test")
    secret = user.totp_pending_secret
    codes = two_factor.confirm_enrolment(user, _code(secret, -1))
    return secret, codes


def _audited(action: str, user: User) -> bool:
    return AuditEvent.select().where(AuditEvent.action == action, AuditEvent.object_id == str(user.id)).exists()


def test_enrolment_shows_a_qr_code_and_the_key_then_the_recovery_codes_once(
    officer_client: FlaskClient, officer: User
) -> None:
    page = check_page(officer_client.get("/account/two-factor"))
    assert page.h1 == ["Set up two-factor authentication"]
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="QR code', page.html)
    secret = User.get_by_id(officer.id).totp_pending_secret
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page.text
    # The same key until it is confirmed, so a reload does not invalidate what was scanned.
    check_page(officer_client.get("/account/two-factor"))
    assert User.get_by_id(officer.id).totp_pending_secret == secret

    wrong = check_page(officer_client.post("/account/two-factor", data={"code": "000000"}))
    assert wrong.error_summary == ["Enter the 6-digit code shown in your authenticator app"]
    assert User.get_by_id(officer.id).totp_enabled_at is None

    response = officer_client.post("/account/two-factor", data={"code": _code(secret)})
    page = check_page(response)
    assert page.h1 == ["Save your recovery codes"]
    assert response.headers["Cache-Control"] == "no-store"
    codes = CODE.findall(page.html)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = [row.code_hash for row in RecoveryCode.select().where(RecoveryCode.user == officer.id)]
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
    assert _audited("two_factor_enrolled", officer)
    # Shown once: the page now reports two-factor as on, without the codes.
    page = check_page(officer_client.get("/account/two-factor"))
    assert page.h1 == ["Two-factor authentication"] and not CODE.findall(page.html)
    assert page.has_text("You have 10 recovery codes left")


def test_sign_in_asks_for_the_code_and_nothing_is_reachable_before_it(client: FlaskClient, officer: User) -> None:
    secret, _codes = _enrol(officer)
    response = client.post("/sign-in?next=/account", data={"email": officer.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/sign-in/code")
    page = check_page(client.get("/sign-in/code"))
    assert page.h1 == ["Enter the code from your authenticator app"]
    # Half signed in: every signed-in page still sends the person to sign in.
    for path in ("/officers/", "/account", "/account/two-factor", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], path
    client.get("/sign-in")  # shows (and so clears) the "sign in" messages those visits left

    page = check_page(client.post("/sign-in/code", data={"code": "123456"}))
    assert page.error_summary == [
        "The code is not correct: enter the 6-digit code your app shows now, or a recovery code"
    ]
    response = client.post("/sign-in/code", data={"code": _code(secret, 1)})
    assert response.headers["Location"].endswith("/account")
    assert check_page(client.get("/account")).h1 == ["Your account"]
    assert _audited("two_factor_passed", officer) and _audited("sign_in", officer)
    assert _audited("two_factor_failed", officer)


def test_a_code_works_once(client: FlaskClient, officer: User) -> None:
    secret, _codes = _enrol(officer)
    code = _code(secret, 1)
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    assert client.post("/sign-in/code", data={"code": code}).status_code == 302
    client.post("/sign-out")
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    page = check_page(client.post("/sign-in/code", data={"code": code}))
    assert page.title.startswith("Error: ")


def test_a_recovery_code_signs_in_once(client: FlaskClient, officer: User) -> None:
    _secret, codes = _enrol(officer)
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    response = client.post("/sign-in/code", data={"code": codes[3].lower().replace("-", " ")})
    assert response.status_code == 302
    page = check_page(client.get("/account"))
    assert page.has_text("You signed in with a recovery code. You have 9 left")
    assert _audited("recovery_code_used", officer)
    client.post("/sign-out")
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    assert check_page(client.post("/sign-in/code", data={"code": codes[3]})).title.startswith("Error: ")


def test_new_recovery_codes_replace_the_old_ones(officer_client: FlaskClient, officer: User) -> None:
    _secret, old = _enrol(officer)
    response = officer_client.post("/account/two-factor/recovery-codes")
    assert response.headers["Cache-Control"] == "no-store"
    new = CODE.findall(check_page(response).html)
    assert len(new) == 10 and not set(new) & set(old)
    user = User.get_by_id(officer.id)
    assert not two_factor.check_code(user, old[0], lockout_after=10).ok
    assert two_factor.check_code(user, new[0], lockout_after=10).ok


def test_wrong_codes_lock_the_account(database_url: str, officer: User) -> None:
    client = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=3).test_client()
    secret, _codes = _enrol(officer)
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    for _ in range(2):
        assert client.post("/sign-in/code", data={"code": "999999"}).status_code == 200
    response = client.post("/sign-in/code", data={"code": "999999"})
    assert response.headers["Location"].endswith("/sign-in")
    assert check_page(client.get("/sign-in")).has_text("Your account is locked")
    assert User.get_by_id(officer.id).locked_at is not None
    assert _audited("account_locked", officer)
    # A right code no longer helps: the half-signed-in state was dropped and the account is locked.
    assert client.post("/sign-in/code", data={"code": _code(secret, 1)}).headers["Location"].endswith("/sign-in")


def test_the_time_to_enter_the_code_runs_out(client: FlaskClient, officer: User) -> None:
    secret, _codes = _enrol(officer)
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    with client.session_transaction() as session:
        pending = dict(session["pending_sign_in"])
        pending["at"] = (datetime.now(UTC) - timedelta(minutes=6)).isoformat()
        session["pending_sign_in"] = pending
    response = client.post("/sign-in/code", data={"code": _code(secret, 1)})
    assert response.headers["Location"].endswith("/sign-in")
    assert check_page(client.get("/sign-in")).has_text("the time allowed to enter the code ran out")
    assert client.get("/account").status_code == 302


def test_code_page_without_a_password_first_goes_to_sign_in(client: FlaskClient) -> None:
    assert client.get("/sign-in/code").headers["Location"].endswith("/sign-in")
    assert client.post("/sign-in/code", data={"code": "123456"}).headers["Location"].endswith("/sign-in")


def test_required_two_factor_sends_officers_and_admins_to_set_it_up_first(
    database_url: str, officer: User, admin: User, school_user: User
) -> None:
    app = make_app(database_url, REQUIRE_TWO_FACTOR=True)
    for user, home in ((officer, "/officers/"), (admin, "/admin/users")):
        client = sign_in_as(app.test_client(), user)
        response = client.get(home)
        assert response.status_code == 302 and response.headers["Location"].endswith("/account/two-factor")
        assert client.get("/account").headers["Location"].endswith("/account/two-factor")
        page = check_page(client.get("/account/two-factor"))
        assert page.has_text("You need to set up two-factor authentication before you can use the service")
        secret = User.get_by_id(user.id).totp_pending_secret
        assert client.post("/account/two-factor", data={"code": _code(secret)}).status_code == 200
        assert client.get("/account").status_code == 200
    # School users are not made to.
    school_client = sign_in_as(app.test_client(), school_user)
    assert school_client.get("/account").status_code == 200


def test_admin_resets_a_users_two_factor(admin_client: FlaskClient, officer: User) -> None:
    _enrol(officer)
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert page.has_text("Reset two-factor authentication")
    response = admin_client.post(f"/admin/users/{officer.id}/reset-two-factor")
    assert response.headers["Location"].endswith(f"/admin/users/{officer.id}")
    user = User.get_by_id(officer.id)
    assert user.totp_enabled_at is None and user.totp_secret == ""
    assert RecoveryCode.select().where(RecoveryCode.user == officer.id).count() == 0
    assert _audited("two_factor_reset", officer)
    assert admin_client.post("/admin/users/999999/reset-two-factor").status_code == 404
