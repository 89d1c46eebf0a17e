"""Backing up and restoring the whole database (SQLite online backup API; pg_dump/pg_restore on PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask

from portal.db import db
from portal.models import AuditEvent, Case, School, User, UserSession
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import AddressDetails, ChildDetails, record_child
from portal.services.sessions import load_user, start_session
from portal.services.users import create_user, disable_user
from tests.conftest import PASSWORD, STORE, TODAY


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in the database (the migrations' bookkeeping included), in a stable order."""
    return {
        table: sorted(tuple(row) for row in db.execute_sql(f'SELECT * FROM "{table}"').fetchall())  # noqa: S608
        for table in db.get_tables()
    }


def _cli(app: Flask, *args: str, input: str | None = None) -> Any:
    result = app.test_cli_runner().invoke(args=list(args), input=input)
    db.close()
    return result


def _tally_matches_register() -> bool:
    """The case tally (kept by triggers) agrees with the register's own count."""
    counted = db.execute_sql(
        "SELECT status, case_type, source, risk_level, COUNT(*) FROM register_case GROUP BY 1, 2, 3, 4"
    ).fetchall()
    tallied = db.execute_sql(
        "SELECT status, case_type, source, risk_level, cases FROM case_tally WHERE cases <> 0"
    ).fetchall()
    return sorted(map(tuple, counted)) == sorted(map(tuple, tallied))


def _open_a_case(school: School) -> None:
    details = ChildDetails(
        first_name="Amira", last_name="Khan", date_of_birth=date(2015, 3, 4), address=AddressDetails()
    )
    with db.atomic():
        child = record_child(details, actor=None)
        open_case(child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=TODAY, actor=None, school=school)


def test_backup_then_restore_brings_back_exactly_what_was_there(
    app: Flask, officer: User, school: School, tmp_path: Path
) -> None:
    _open_a_case(school)
    before = _snapshot()
    db.close()
    target = tmp_path / "portal.backup"
    result = _cli(app, "backup", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0

    # Change the data after the backup: a new school, an edited user, a deleted row.
    School.create(urn=990777, name="Added After Backup", la_code="999", la_name="Demo Borough")
    User.update(name="Renamed After Backup").where(User.id == officer.id).execute()
    school.delete_instance()
    db.close()
    assert _snapshot() != before

    result = _cli(app, "restore", "--yes", str(target))
    assert result.exit_code == 0, result.output
    after = _snapshot()
    restored_audit = after.pop("audit_event")
    assert after == {name: rows for name, rows in before.items() if name != "audit_event"}
    # The audit trail is the backup's, plus one event saying the database was restored.
    assert len(restored_audit) == len(before["audit_event"]) + 1
    assert set(before["audit_event"]) < set(restored_audit)
    assert AuditEvent.select().order_by(AuditEvent.id.desc()).first().action == "database_restored"
    # The tally came back with the cases, and its triggers with it: a case opened now is counted.
    assert _tally_matches_register()
    _open_a_case(School.get(School.urn == school.urn))
    assert _tally_matches_register() and Case.select().count() == 2


def test_backup_never_overwrites_an_existing_file(app: Flask, database: Any, tmp_path: Path) -> None:
    target = tmp_path / "existing.backup"
    target.write_bytes(b"an earlier backup")
    db.close()
    result = _cli(app, "backup", str(target))
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert target.read_bytes() == b"an earlier backup"


def test_restore_asks_first_and_changes_nothing_when_refused(app: Flask, officer: User, tmp_path: Path) -> None:
    target = tmp_path / "portal.backup"
    db.close()
    assert _cli(app, "backup", str(target)).exit_code == 0
    User.update(name="Changed").where(User.id == officer.id).execute()
    db.close()
    result = _cli(app, "restore", str(target), input="n\n")
    assert result.exit_code != 0
    assert "replaces everything" in result.output
    assert User.get_by_id(officer.id).name == "Changed"


def test_restore_refuses_a_file_that_is_not_a_backup(app: Flask, officer: User, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup\n" * 100)
    db.close()
    result = _cli(app, "restore", "--yes", str(bogus))
    assert result.exit_code != 0
    expected = "pg_restore failed" if STORE == "postgres" else "is not a SQLite backup"
    assert expected in result.output
    assert User.get_by_id(officer.id).email == officer.email


def test_postgres_password_is_passed_in_the_environment_not_the_command_line() -> None:
    from portal.backup import _postgres_env

    uri, env = _postgres_env("postgresql://portal:s%40cret@db.internal:5433/portal?sslmode=require")
    assert uri == "postgresql://portal@db.internal:5433/portal?sslmode=require"
    assert env["PGPASSWORD"] == "s@cret"


def test_restore_ends_every_session_and_keeps_disabled_accounts_disabled(
    app: Flask, officer: User, admin: User, tmp_path: Path
) -> None:
    leaver = create_user("leaver@example.gov.uk", role="officer", password=PASSWORD, name="Left Since")
    already = create_user("already@example.gov.uk", role="officer", password=PASSWORD, name="Long Gone")
    disable_user(already.email)
    cookies = [start_session(user).get_session_id() for user in (officer, admin, leaver)]
    db.close()
    target = tmp_path / "portal.backup"
    assert _cli(app, "backup", str(target)).exit_code == 0

    # Since the backup: one account disabled (its sessions ended), and one more sign-in.
    disable_user(leaver.email)
    cookies.append(start_session(officer).get_session_id())
    db.close()

    result = _cli(app, "restore", "--yes", str(target))
    assert result.exit_code == 0, result.output
    # The backup held three live sessions, all ended now: a cookie from before the backup or after it is refused.
    assert "Ended 3 sessions: everyone must sign in again." in result.output
    assert [load_user(cookie) for cookie in cookies] == [None] * 4
    assert not UserSession.select().where(UserSession.ended_at.is_null()).exists()
    # Disabled when the restore began, so disabled still, though the backup had it active; said and audited.
    assert "Kept 1 account disabled that the backup had active: leaver@example.gov.uk." in result.output
    assert User.get(User.email == leaver.email).is_active is False
    assert User.get(User.email == already.email).is_active is False
    assert User.get(User.email == officer.email).is_active is True
    kept = AuditEvent.get(AuditEvent.action == "disabled_again_after_restore")
    assert (kept.object_type, kept.object_id) == ("user", str(leaver.id))
    assert json.loads(kept.changes) == {"is_active": [True, False]}


def test_restore_into_an_empty_database(app: Flask, officer: User, tmp_path: Path) -> None:
    """Disaster recovery: the database being replaced has no tables at all, so no account in it to keep disabled."""
    target = tmp_path / "portal.backup"
    db.close()
    assert _cli(app, "backup", str(target)).exit_code == 0
    with db.connection_context():
        if STORE == "postgres":
            db.execute_sql("DROP SCHEMA public CASCADE")
            db.execute_sql("CREATE SCHEMA public")
        else:
            for table in db.get_tables():
                db.execute_sql("PRAGMA foreign_keys = OFF")
                db.execute_sql(f'DROP TABLE "{table}"')
        assert db.get_tables() == []
    result = _cli(app, "restore", "--yes", str(target))
    assert result.exit_code == 0, result.output
    assert User.get(User.email == officer.email).is_active is True
