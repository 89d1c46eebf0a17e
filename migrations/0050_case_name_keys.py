"""The child's name keys on each case, copied from the child, with the indexes a search by name reads."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("register_case", "child_first_name_key", CharField(max_length=100, default="")),
        migrator.add_column("register_case", "child_last_name_key", CharField(max_length=100, default="")),
    )
    db.execute_sql(
        "UPDATE register_case SET"
        " child_first_name_key = (SELECT first_name_key FROM child WHERE child.id = register_case.child_id),"
        " child_last_name_key = (SELECT last_name_key FROM child WHERE child.id = register_case.child_id)"
    )
    migrator.migrate(
        migrator.add_index(
            "register_case", ("child_last_name_key", "child_first_name_key", "id"), name="case_child_last_first_name"
        ),
        migrator.add_index(
            "register_case", ("child_first_name_key", "child_last_name_key", "id"), name="case_child_first_last_name"
        ),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("register_case", "case_child_first_last_name"),
        migrator.drop_index("register_case", "case_child_last_first_name"),
        migrator.drop_column("register_case", "child_last_name_key"),
        migrator.drop_column("register_case", "child_first_name_key"),
    )
