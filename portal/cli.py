"""Operator commands: ``flask --app wsgi <group> <command>``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from portal.db import db

db_cli = AppGroup("db", help="The database schema.")
users_cli = AppGroup("users", help="Accounts for officers, schools and administrators.")
schools_cli = AppGroup("schools", help="The schools list.")


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration not yet applied."""
    from portal.migrate import upgrade

    with db.connection_context():
        applied = upgrade()
    click.echo(f"Applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))


@db_cli.command("status")
def db_status() -> None:
    """List migrations and whether each is applied."""
    from portal.migrate import runner

    with db.connection_context():
        for migration in runner().status():
            click.echo(f"{'applied' if migration.applied else 'pending':8} {migration.name}")


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\n")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, help="officer, school or admin")
@click.option("--school", "school_urn", type=int, default=None, help="URN of the school (school users only)")
@click.option("--name", default="", help="The person's name")
def users_create(email: str, role: str, school_urn: int | None, name: str) -> None:
    """Create an account; the password is asked for, or read from standard input when it is not a terminal."""
    from portal.services.users import AccountError, create_user

    password = _read_password()
    try:
        with db.connection_context():
            user = create_user(email, role=role, password=password, name=name, school_urn=school_urn)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.role} {user.email}")


@users_cli.command("list")
def users_list() -> None:
    """List every account."""
    from portal.services.users import list_users

    with db.connection_context():
        for user in list_users():
            state = "active" if user.is_active else "disabled"
            school = f" {user.school.urn}" if user.school else ""
            click.echo(f"{user.email}\t{user.role}{school}\t{state}\t{user.name}")


@users_cli.command("disable")
@click.argument("email")
def users_disable(email: str) -> None:
    """Disable an account and end its sessions."""
    from portal.services.users import AccountError, disable_user

    try:
        with db.connection_context():
            disable_user(email)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Disabled {email}")


@users_cli.command("unlock")
@click.argument("email")
def users_unlock(email: str) -> None:
    """Unlock an account locked after too many failed sign-ins (for when no administrator can sign in)."""
    from portal.services.users import AccountError, unlock_user_by_email

    try:
        with db.connection_context():
            unlock_user_by_email(email)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Unlocked {email}")


@schools_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--la", "la_code", default=None, help="Only import the schools of this LA code")
@click.option("--skip-bad", is_flag=True, help="Import the good rows even when some rows are wrong")
def schools_import(path: Path, la_code: str | None, skip_bad: bool) -> None:
    """Load the DfE Get Information About Schools 'all establishment data' CSV."""
    from portal.services.school_import import SchoolImportError, import_schools

    try:
        with db.connection_context():
            report = import_schools(path.read_bytes(), la_code=la_code, skip_bad=skip_bad)
    except SchoolImportError as error:
        raise click.ClickException(str(error)) from None
    for line, reason in report.errors:
        click.echo(f"line {line}: {reason}", err=True)
    if not report.imported:
        raise click.ClickException(
            f"{len(report.errors)} bad row(s): nothing imported. Correct them, or use --skip-bad."
        )
    click.echo(
        f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}, skipped {report.skipped}"
    )


@click.command("demo")
def demo() -> None:
    """Seed the demo LA (idempotent): schools, one user per role, children and cases."""
    from portal.demo import seed

    with db.connection_context():
        for line in seed():
            click.echo(line)


@click.command("sweep")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Run as if on this date")
def sweep(today: object) -> None:
    """Escalate what has become due (idempotent; run daily by cron)."""
    from portal.clock import today as today_in_england
    from portal.services.sweep import run_sweep

    on = today.date() if today is not None else today_in_england()  # type: ignore[attr-defined]
    with db.connection_context():
        lines = run_sweep(on)
    for line in lines:
        click.echo(line)
    click.echo(f"Sweep for {on.isoformat()}: {len(lines)} change(s)")


def init_app(app: Flask) -> None:
    from portal.backup import backup, restore

    for command in (db_cli, users_cli, schools_cli, demo, sweep, backup, restore):
        app.cli.add_command(command)
