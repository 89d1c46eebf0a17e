"""Applying the reviewed migrations in migrations/ with peewee's own runner (playhouse.migrations)."""

from __future__ import annotations

import os

from playhouse.migrations import Runner

from portal.db import db

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")


def runner() -> Runner:
    return Runner(db.obj, MIGRATIONS_DIR)


def upgrade() -> list[str]:
    return runner().up()


def pending() -> list[str]:
    return [migration.name for migration in runner().status() if migration.applied is None]
