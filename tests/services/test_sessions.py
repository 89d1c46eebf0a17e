"""Server-side sessions: one row per sign-in, tokens kept only as hashes, ending one, all, or all but this one."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from playhouse.test_utils import count_queries

from portal.models import User, UserSession
from portal.services.sessions import delete_old_sessions, end_session, load_user, start_session
from portal.services.sweep import run_sweep
from portal.services.users import (
    change_password,
    complete_sign_in,
    disable_user,
    sign_out_everywhere,
    sign_out_here,
)
from tests.conftest import PASSWORD


def _device(user: User) -> User:
    """The user as one device holds it: signed in with a session of its own."""
    return complete_sign_in(User.get_by_id(user.id))


def _loads(device: User) -> bool:
    return load_user(f"{device.id}:{device.session_token}") is not None


def test_tokens_are_stored_only_as_hashes(officer: User) -> None:
    device = _device(officer)
    row = UserSession.get(UserSession.user == officer.id)
    assert row.token_hash == hashlib.sha256(device.session_token.encode()).hexdigest()
    stored = [str(value) for value in UserSession.select().tuples().get()]
    assert not any(device.session_token in value for value in stored)
    # What a read of the table gives is no use as a cookie.
    assert load_user(f"{officer.id}:{row.token_hash}") is None
    assert _loads(device)


def test_two_devices_at_once_and_signing_out_ends_only_this_one(officer: User) -> None:
    desktop, laptop = _device(officer), _device(officer)
    assert desktop.session_token != laptop.session_token
    assert _loads(desktop) and _loads(laptop)
    sign_out_here(desktop)
    assert not _loads(desktop)
    assert _loads(laptop)


def test_sign_out_everywhere_ends_every_session(officer: User, admin: User) -> None:
    desktop, laptop, other_user = _device(officer), _device(officer), _device(admin)
    sign_out_everywhere(desktop)
    assert not _loads(desktop) and not _loads(laptop)
    assert _loads(other_user)


def test_changing_the_password_ends_the_others_and_renews_this_one(officer: User) -> None:
    desktop, laptop = _device(officer), _device(officer)
    before = desktop.session_token
    new = "a brand new passphrase"
    change_password(desktop, current=PASSWORD, new=new, confirm=new)
    assert not _loads(laptop)
    assert desktop.session_token and desktop.session_token != before
    assert _loads(desktop)
    assert load_user(f"{officer.id}:{before}") is None, "a copy of this device's old cookie is refused"
    assert UserSession.select().where(UserSession.ended_at.is_null()).count() == 1


def test_changing_the_password_when_this_session_has_just_ended_leaves_no_session(officer: User) -> None:
    desktop = _device(officer)
    end_session(desktop)
    new = "a brand new passphrase"
    change_password(desktop, current=PASSWORD, new=new, confirm=new)
    assert desktop.session_token == ""
    assert not UserSession.select().where(UserSession.ended_at.is_null()).exists()


def test_disabling_a_user_ends_every_session(officer: User) -> None:
    desktop, laptop = _device(officer), _device(officer)
    disable_user(officer.email)
    assert not _loads(desktop) and not _loads(laptop)
    assert not UserSession.select().where(UserSession.ended_at.is_null()).exists()


def test_a_disabled_user_is_refused_even_with_a_live_session(officer: User) -> None:
    device = _device(officer)
    User.update(is_active=False).where(User.id == officer.id).execute()
    assert not _loads(device)


def test_the_session_must_belong_to_the_user_the_cookie_names(officer: User, admin: User) -> None:
    device = _device(officer)
    assert load_user(f"{admin.id}:{device.session_token}") is None


@pytest.mark.parametrize(
    "session_id",
    ["", "1", "1:", "x:token", "9" * 40 + ":token", "1:token"],
    ids=["empty", "no token", "empty token", "id not a number", "id too large", "no such session"],
)
def test_malformed_or_unknown_ids_are_refused(officer: User, session_id: str) -> None:
    _device(officer)
    assert load_user(session_id) is None


def test_loading_the_user_is_one_query(officer: User) -> None:
    device = _device(officer)
    with count_queries() as counter:
        user = load_user(f"{officer.id}:{device.session_token}")
    assert user is not None and user.email == officer.email
    assert counter.count == 1


def test_deleting_a_user_deletes_their_sessions(database: Any) -> None:
    user = User.create(email="gone@example.gov.uk", name="Gone", role="officer", password_hash="!")
    start_session(user)
    user.delete_instance()
    assert not UserSession.select().exists()


def test_the_sweep_deletes_rows_begun_more_than_30_days_ago_once(officer: User) -> None:
    today = date(2026, 11, 25)
    old, recent = _device(officer), _device(officer)
    end_session(recent)
    UserSession.update(created_at=datetime(2026, 10, 25, 23, 59, tzinfo=UTC)).where(
        UserSession.token_hash == hashlib.sha256(old.session_token.encode()).hexdigest()
    ).execute()
    UserSession.update(created_at=datetime(2026, 10, 26, 0, 0, tzinfo=UTC)).where(
        UserSession.token_hash == hashlib.sha256(recent.session_token.encode()).hexdigest()
    ).execute()
    assert "sessions: 1 old session(s) deleted" in run_sweep(today)
    assert delete_old_sessions(today) == []
    assert UserSession.select().count() == 1
    assert not _loads(old)
    assert delete_old_sessions(today + timedelta(days=1)) == ["1 old session(s) deleted"]
