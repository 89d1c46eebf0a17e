"""Operator commands to back up the database and restore it: ``flask --app wsgi backup PATH`` / ``restore PATH``.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot page by page while the
portal keeps running, and copies it back the same way. PostgreSQL: ``pg_dump`` in its custom format and
``pg_restore --clean --if-exists`` in one transaction, with the connection details from DATABASE_URL (the password
goes in PGPASSWORD, never on a command line that ``ps`` shows).

A restore replaces everything, the audit trail included, and then records one audit event saying so: the register
must show that its history was rewound. A backup also holds the sessions live when it was taken and the accounts
active then, so after a restore every session is ended (everyone signs in again) and every account disabled in the
database being replaced is disabled again: someone who has left must not get back in by a restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

# subprocess runs only pg_dump and pg_restore, found on PATH, with an argument list and no shell.
import subprocess  # nosec B404
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

import click
import peewee
from flask import current_app
from flask.cli import with_appcontext

from portal.db import db, release_connections


class BackupError(click.ClickException):
    """A backup or restore that cannot be done, with a message an operator can act on."""


def _sqlite_path() -> str:
    database = db.obj
    if not isinstance(database, peewee.SqliteDatabase) or database.database in ("", ":memory:"):
        raise BackupError("Only a SQLite file or a PostgreSQL database can be backed up")
    return str(database.database)


def _postgres_env(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and an environment with the password in PGPASSWORD."""
    parsed = urlparse(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = unquote(parsed.password)
    netloc = parsed.hostname or ""
    if ":" in netloc:  # an IPv6 address
        netloc = f"[{netloc}]"
    if parsed.port:
        netloc += f":{parsed.port}"
    if parsed.username:
        netloc = f"{parsed.username}@{netloc}"
    return urlunparse(("postgresql", netloc, parsed.path, "", parsed.query, "")), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools (Debian: postgresql-client)")
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.returncode}")


def backup_to(path: Path) -> None:
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        uri, env = _postgres_env(current_app.config["DATABASE_URL"])
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), "--dbname", uri], env)
        _run([_tool("pg_restore"), "--list", str(path)], env)  # proves the archive can be read back
        return
    source = sqlite3.connect(_sqlite_path())
    target = sqlite3.connect(path)
    try:
        with target:
            source.backup(target)
        check = target.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The backup failed its integrity check: {check}")
    finally:
        target.close()
        source.close()


def restore_from(path: Path) -> None:
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        uri, env = _postgres_env(current_app.config["DATABASE_URL"])
        release_connections()  # our own idle connections would otherwise hold locks the restore waits for
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                uri,
                str(path),
            ],
            env,
        )
        return
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        source.close()
        raise BackupError(f"{path} is not a SQLite backup: {error}") from None
    if check != "ok" or "schema_migration" not in tables:
        source.close()
        raise BackupError(f"{path} is not a backup of the portal's database")
    target = sqlite3.connect(_sqlite_path(), timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Back up the whole database to PATH (a new file) while the portal keeps running."""
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new file name, so no earlier backup is overwritten")
    try:
        backup_to(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    click.echo(f"Backed up the database to {path} ({path.stat().st_size:,} bytes)")


@click.command("restore")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
def restore(path: Path, yes: bool) -> None:
    """Replace the whole database with the backup in PATH."""
    if not yes:
        click.confirm(
            f"This replaces everything in the database with the backup in {path}. Continue?", abort=True, err=True
        )
    from portal.services.audit import audit
    from portal.services.sessions import end_all_sessions
    from portal.services.users import disabled_emails, keep_disabled

    with db.connection_context():
        # A database with no tables yet (restoring onto a new server) has no accounts to keep disabled.
        disabled = disabled_emails() if db.table_exists("app_user") else []
    restore_from(path)
    with db.connection_context(), db.atomic():
        ended = end_all_sessions()
        audit(None, "database_restored", "database", path.name[:40], changes={"sessions_ended": [None, ended]})
        kept = keep_disabled(disabled)
    click.echo(f"Restored the database from {path}")
    click.echo(f"Ended {ended} session{'' if ended == 1 else 's'}: everyone must sign in again.")
    if kept:
        accounts = "account" if len(kept) == 1 else "accounts"
        click.echo(f"Kept {len(kept)} {accounts} disabled that the backup had active: {', '.join(kept)}.")
