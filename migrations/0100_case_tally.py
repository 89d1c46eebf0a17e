"""The case tally: the number of cases of each status, type, source and risk level, kept exact by triggers on the
register, so the caseload reads its totals from a few hundred rows instead of counting every case.

The triggers are created before the tally is filled, in the migration's one transaction: on PostgreSQL creating
them locks the register against writes until the commit, so no case is missed or counted twice.
"""

from peewee import *

KEY = ("status", "case_type", "source", "risk_level")
KEY_COLUMNS = ", ".join(KEY)


def _matching(row):
    return " AND ".join(f"{column} = {row}.{column}" for column in KEY)


def _changed():
    return " OR ".join(f"OLD.{column} <> NEW.{column}" for column in KEY)  # the four columns are NOT NULL


def _add(row, table_prefix):
    new_values = ", ".join(f"{row}.{column}" for column in KEY)
    return (
        f"INSERT INTO case_tally ({KEY_COLUMNS}, cases) VALUES ({new_values}, 1)"  # noqa: S608 (this module's names)
        f" ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET cases = {table_prefix}cases + 1;"
    )


def _take_away(row):
    return f"UPDATE case_tally SET cases = cases - 1 WHERE {_matching(row)};"  # noqa: S608 (this module's names)


def up(migrator, db):
    class CaseTally(Model):
        status = CharField(max_length=20)
        case_type = CharField(max_length=20)
        source = CharField(max_length=20)
        risk_level = CharField(max_length=10)
        cases = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "case_tally"
            indexes = ((KEY, True),)

    db.create_tables([CaseTally])
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE FUNCTION case_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP IN ('UPDATE', 'DELETE') THEN {_take_away('OLD')} END IF;\n"
            f"  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add('NEW', 'case_tally.')} END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        db.execute_sql(
            "CREATE TRIGGER case_tally_insert_delete AFTER INSERT OR DELETE ON register_case"
            " FOR EACH ROW EXECUTE FUNCTION case_tally_change()"
        )
        db.execute_sql(
            f"CREATE TRIGGER case_tally_update AFTER UPDATE OF {KEY_COLUMNS} ON register_case"
            f" FOR EACH ROW WHEN ({_changed()}) EXECUTE FUNCTION case_tally_change()"
        )
    else:
        db.execute_sql(f"CREATE TRIGGER case_tally_insert AFTER INSERT ON register_case BEGIN {_add('NEW', '')} END")
        db.execute_sql(f"CREATE TRIGGER case_tally_delete AFTER DELETE ON register_case BEGIN {_take_away('OLD')} END")
        db.execute_sql(
            f"CREATE TRIGGER case_tally_update AFTER UPDATE OF {KEY_COLUMNS} ON register_case WHEN {_changed()}"
            f" BEGIN {_take_away('OLD')} {_add('NEW', '')} END"
        )
    db.execute_sql(
        f"INSERT INTO case_tally ({KEY_COLUMNS}, cases)"  # noqa: S608 (this module's column names)
        f" SELECT {KEY_COLUMNS}, COUNT(*) FROM register_case GROUP BY {KEY_COLUMNS}"
    )


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP TRIGGER case_tally_update ON register_case")
        db.execute_sql("DROP TRIGGER case_tally_insert_delete ON register_case")
        db.execute_sql("DROP FUNCTION case_tally_change()")
    else:
        for name in ("case_tally_update", "case_tally_delete", "case_tally_insert"):
            db.execute_sql(f"DROP TRIGGER {name}")
    migrator.migrate(migrator.drop_table("case_tally"))
