"""TOTP checks at the edges of time: one 30-second step either side of now, never a code twice, never an old one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest

from portal.models import User
from portal.services import two_factor

NOW = datetime(2026, 11, 25, 10, 0, 15, tzinfo=UTC)


@pytest.fixture
def enrolled(officer: User) -> tuple[User, str]:
    two_factor.start_enrolment(officer, issuer="Demo Borough Council CME")
    secret = officer.totp_pending_secret
    two_factor.confirm_enrolment(
        officer, pyotp.TOTP(secret).at(NOW - timedelta(minutes=10)), now=NOW - timedelta(minutes=10)
    )
    return User.get_by_id(officer.id), secret


@pytest.mark.parametrize(
    ("offset_seconds", "accepted"),
    [(-60, False), (-30, True), (0, True), (30, True), (60, False)],
    ids=["two steps ago", "one step ago", "now", "one step ahead", "two steps ahead"],
)
def test_clock_drift_window(enrolled: tuple[User, str], offset_seconds: int, accepted: bool) -> None:
    user, secret = enrolled
    code = pyotp.TOTP(secret).at(NOW + timedelta(seconds=offset_seconds))
    assert two_factor.check_code(user, code, lockout_after=10, now=NOW).ok is accepted


def test_an_earlier_code_is_refused_after_a_later_one(enrolled: tuple[User, str]) -> None:
    user, secret = enrolled
    totp = pyotp.TOTP(secret)
    assert two_factor.check_code(user, totp.at(NOW), lockout_after=10, now=NOW).ok
    assert not two_factor.check_code(user, totp.at(NOW - timedelta(seconds=30)), lockout_after=10, now=NOW).ok


def test_provisioning_uri_names_the_service_and_the_user(officer: User) -> None:
    enrolment = two_factor.start_enrolment(officer, issuer="Demo: Borough CME")
    assert enrolment.uri.startswith("otpauth://totp/")
    assert "officer%40example.gov.uk" in enrolment.uri and "issuer=Demo%20%20Borough%20CME" in enrolment.uri
    assert enrolment.qr_data_uri.startswith("data:image/png;base64,")
    assert enrolment.key.replace(" ", "") == User.get_by_id(officer.id).totp_pending_secret


def test_confirming_with_a_wrong_code_leaves_it_off(officer: User, database: Any) -> None:
    two_factor.start_enrolment(officer, issuer="x")
    with pytest.raises(two_factor.TwoFactorError):
        two_factor.confirm_enrolment(officer, "not a code")
    assert not two_factor.is_enrolled(User.get_by_id(officer.id))


@pytest.mark.parametrize("junk", ["", "12345", "1234567", "abcdef", "ü" * 30, "<script>", "1" * 10_000])
def test_junk_codes_are_refused_without_error(enrolled: tuple[User, str], junk: str) -> None:
    user, _secret = enrolled
    assert not two_factor.check_code(user, junk, lockout_after=100, now=NOW).ok


def test_wrong_codes_lock_the_account_for_15_minutes_then_30(enrolled: tuple[User, str]) -> None:
    user, secret = enrolled
    totp = pyotp.TOTP(secret)
    for attempt in range(3):
        check = two_factor.check_code(user, "000000", lockout_after=3, now=NOW)
        assert not check.ok and check.locked is (attempt == 2)
    locked = two_factor.check_code(user, totp.at(NOW), lockout_after=3, now=NOW + timedelta(minutes=14))
    assert (locked.ok, locked.locked, locked.locked_until) == (False, True, NOW + timedelta(minutes=15))
    later = NOW + timedelta(minutes=15)
    for _ in range(3):
        two_factor.check_code(user, "000000", lockout_after=3, now=later)
    assert two_factor.check_code(user, totp.at(later), lockout_after=3, now=later).locked_until == later + timedelta(
        minutes=30
    )
    latest = later + timedelta(minutes=30)
    assert two_factor.check_code(user, totp.at(latest), lockout_after=3, now=latest).ok
