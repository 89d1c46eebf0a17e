"""Two-factor sign-in: TOTP columns on app_user and the recovery_code table (hashes of single-use codes)."""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "app_user"

    class RecoveryCode(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        code_hash = CharField(index=True, max_length=64)
        used_at = UtcDateTimeField(null=True)
        created_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "recovery_code"

    db.create_tables([RecoveryCode])

    migrator.migrate(migrator.add_column("app_user", "totp_secret", CharField(max_length=64, default="")))
    migrator.migrate(migrator.add_column("app_user", "totp_pending_secret", CharField(max_length=64, default="")))
    migrator.migrate(migrator.add_column("app_user", "totp_enabled_at", UtcDateTimeField(null=True)))
    migrator.migrate(migrator.add_column("app_user", "totp_last_step", BigIntegerField(default=0)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("app_user", "totp_last_step"))
    migrator.migrate(migrator.drop_column("app_user", "totp_enabled_at"))
    migrator.migrate(migrator.drop_column("app_user", "totp_pending_secret"))
    migrator.migrate(migrator.drop_column("app_user", "totp_secret"))
    migrator.migrate(migrator.drop_table("recovery_code"))
