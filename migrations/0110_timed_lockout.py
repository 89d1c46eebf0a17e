"""Timed lockout: an account locked after too many failed sign-ins unlocks itself (locked_until), each lockout in a
row lasting twice as long as the last (lockouts), instead of staying locked until an administrator unlocks it.

An account locked before this migration counts as having had its first lockout, 15 minutes from when it was locked.
"""

from datetime import UTC, datetime, timedelta

from peewee import *
from portal.models.fields import UtcDateTimeField

FIRST_LOCKOUT = timedelta(minutes=15)


def _user_model(db):
    class User(Model):
        locked_at = UtcDateTimeField(null=True)
        locked_until = UtcDateTimeField(null=True)
        lockouts = IntegerField(default=0)
        failed_sign_ins = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "app_user"

    return User


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("app_user", "locked_until", UtcDateTimeField(null=True)),
        migrator.add_column("app_user", "lockouts", IntegerField(default=0)),
    )
    User = _user_model(db)
    # A handful of rows at most: computed here rather than in SQL, whose date arithmetic differs between the stores.
    for user in User.select(User.id, User.locked_at).where(User.locked_at.is_null(False)):
        User.update(locked_until=user.locked_at + FIRST_LOCKOUT, lockouts=1, failed_sign_ins=0).where(
            User.id == user.id
        ).execute()


def down(migrator, db):
    # Going back, a lock still running becomes the old kind (until an administrator unlocks); one run out is cleared.
    User = _user_model(db)
    now = datetime.now(UTC)
    for user in User.select(User.id, User.locked_until).where(User.locked_at.is_null(False)):
        if user.locked_until is None or user.locked_until <= now:
            User.update(locked_at=None).where(User.id == user.id).execute()
    migrator.migrate(
        migrator.drop_column("app_user", "lockouts"),
        migrator.drop_column("app_user", "locked_until"),
    )
