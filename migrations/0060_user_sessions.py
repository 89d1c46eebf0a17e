"""Server-side sessions: the user_session table, one row per sign-in with only a SHA-256 hash of its token, so a
person can be signed in on several devices and signing out ends a session for good. app_user loses session_token,
the one token per user that every sign-in used to rotate."""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "app_user"

    class UserSession(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        token_hash = CharField(unique=True, max_length=64)
        created_at = UtcDateTimeField(index=True)
        ended_at = UtcDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "user_session"

    db.create_tables([UserSession])

    # Every session issued before this migration ends here: its token named no row. People sign in again.
    migrator.migrate(migrator.drop_column("app_user", "session_token"))


def down(migrator, db):
    # Sessions are not carried back: an empty token matches no cookie, so everyone signs in again.
    migrator.migrate(migrator.add_column("app_user", "session_token", CharField(max_length=64, default="")))
    migrator.migrate(migrator.drop_table("user_session"))
