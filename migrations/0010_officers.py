"""Officers' register: decisions on possible duplicate children (child_link); caseload indexes (priority, names)."""

from peewee import *
from portal.models.fields import UtcDateTimeField


def up(migrator, db):
    class Child(Model):
        class Meta:
            database = db
            table_name = "child"

    class User(Model):
        class Meta:
            database = db
            table_name = "app_user"

    class ChildLink(Model):
        child = ForeignKeyField(Child, on_delete="CASCADE")
        other = ForeignKeyField(Child, on_delete="CASCADE")
        same_child = BooleanField()
        note = CharField(max_length=300, default="")
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        decided_at = UtcDateTimeField()

        class Meta:
            database = db
            table_name = "child_link"
            indexes = ((("child", "other"), True),)

    db.create_tables([ChildLink])

    migrator.migrate(
        migrator.add_index("child", ("first_name_key", "last_name_key", "id"), name="child_first_last_name")
    )
    migrator.migrate(
        migrator.add_index("child", ("last_name_key", "first_name_key", "id"), name="child_last_first_name")
    )
    migrator.migrate(
        migrator.add_index(
            "register_case",
            ("status", "risk_level", "next_action_date", "opened_at", "id"),
            name="case_status_priority",
        )
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_index("register_case", "case_status_priority"))
    migrator.migrate(migrator.drop_index("child", "child_last_first_name"))
    migrator.migrate(migrator.drop_index("child", "child_first_last_name"))
    migrator.migrate(migrator.drop_table("child_link"))
