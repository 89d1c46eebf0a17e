"""An account an administrator made with a temporary password must choose its own at first sign-in
(password_change_required), so the administrator never knows a password in use."""

from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column("app_user", "password_change_required", BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("app_user", "password_change_required"))
