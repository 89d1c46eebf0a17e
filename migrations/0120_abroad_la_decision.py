"""Removal on grounds H and I relies on an LA officer's decision recorded on a case, not on a name the school types.

Pupils abroad: the leave of absence the school granted (ground H needs it) and the officer's agreement the removal
relied on (who and when; the record's case holds the decision). Leavers: the case holding that agreement, who and
when.
"""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "app_user"

    class Case(Model):
        class Meta:
            database = db
            table_name = "register_case"

    def to(model):
        return ForeignKeyField(model, field=model.id, null=True, on_delete="SET NULL")

    migrator.migrate(
        migrator.add_column("abroad_record", "leave_last_day", DateField(null=True)),
        migrator.add_column("abroad_record", "removal_agreed_by_id", to(User)),
        migrator.add_column("abroad_record", "removal_agreed_at", UtcDateTimeField(null=True)),
        migrator.add_column("school_leaver", "removal_agreed_case_id", to(Case)),
        migrator.add_column("school_leaver", "removal_agreed_by_id", to(User)),
        migrator.add_column("school_leaver", "removal_agreed_at", UtcDateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("school_leaver", "removal_agreed_at"),
        migrator.drop_column("school_leaver", "removal_agreed_by_id"),
        migrator.drop_column("school_leaver", "removal_agreed_case_id"),
        migrator.drop_column("abroad_record", "removal_agreed_at"),
        migrator.drop_column("abroad_record", "removal_agreed_by_id"),
        migrator.drop_column("abroad_record", "leave_last_day"),
    )
