"""The case tally: the number of cases of each status, type, source and risk level, kept exact by triggers on the
register, so the caseload reads its totals from a few hundred rows instead of counting every case.

The triggers are created before the tally is filled, in the migration's one transaction: on PostgreSQL creating
them locks the register against writes until the commit, so no case is missed or counted twice.
"""

from peewee import *

KEY = ("status", "case_type", "source", "risk_level")
KEY_COLUMNS = ", ".join(KEY)


def _sqlite_triggers(db):
    """SQLite adds and takes away each case as it is written (it has no statement triggers; a row written twice in a
    transaction is simply written again)."""
    new_key = ", ".join(f"NEW.{column}" for column in KEY)
    matching = " AND ".join(f"{column} = OLD.{column}" for column in KEY)
    changed = " OR ".join(f"OLD.{column} <> NEW.{column}" for column in KEY)  # the four columns are NOT NULL
    add = (
        f"INSERT INTO case_tally ({KEY_COLUMNS}, cases) VALUES ({new_key}, 1)"  # noqa: S608 (this module's names)
        f" ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET cases = cases + 1;"
    )
    take_away = f"UPDATE case_tally SET cases = cases - 1 WHERE {matching};"  # noqa: S608 (this module's names)
    db.execute_sql(f"CREATE TRIGGER case_tally_insert AFTER INSERT ON register_case BEGIN {add} END")
    db.execute_sql(f"CREATE TRIGGER case_tally_delete AFTER DELETE ON register_case BEGIN {take_away} END")
    db.execute_sql(
        f"CREATE TRIGGER case_tally_update AFTER UPDATE OF {KEY_COLUMNS} ON register_case WHEN {changed}"
        f" BEGIN {take_away} {add} END"
    )


def _postgres_triggers(db):
    """PostgreSQL counts each statement's cases once, from its transition tables: a row trigger would update the
    same tally row once per case, and in one transaction (a bulk load, a sweep) every update leaves a version of
    that row that the next must step over (200,000 cases loaded took 227 s instead of 60)."""
    grouped = "GROUP BY " + ", ".join(str(position) for position in range(1, len(KEY) + 1))
    changed = " OR ".join(f"o.{column} <> n.{column}" for column in KEY)
    moved = f"old_cases o JOIN new_cases n ON n.id = o.id WHERE {changed}"

    def add(source):
        return (
            f"INSERT INTO case_tally ({KEY_COLUMNS}, cases) {source}"  # noqa: S608 (this module's names)
            f" ON CONFLICT ({KEY_COLUMNS}) DO UPDATE SET cases = case_tally.cases + EXCLUDED.cases;"
        )

    def take_away(source):
        matching = " AND ".join(f"t.{column} = d.{column}" for column in KEY)
        return f"UPDATE case_tally t SET cases = t.cases - d.cases FROM ({source}) d WHERE {matching};"  # noqa: S608

    def counted(columns, rows):
        return f"SELECT {columns}, COUNT(*) AS cases FROM {rows} {grouped}"  # noqa: S608 (this module's names)

    old_columns = ", ".join(f"o.{column} AS {column}" for column in KEY)
    new_columns = ", ".join(f"n.{column} AS {column}" for column in KEY)
    db.execute_sql(
        "CREATE FUNCTION case_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  IF TG_OP = 'INSERT' THEN {add(counted(KEY_COLUMNS, 'new_cases'))}\n"
        f"  ELSIF TG_OP = 'DELETE' THEN {take_away(counted(KEY_COLUMNS, 'old_cases'))}\n"
        f"  ELSE {take_away(counted(old_columns, moved))} {add(counted(new_columns, moved))}\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    )
    for event, tables in (
        ("INSERT", "NEW TABLE AS new_cases"),
        ("DELETE", "OLD TABLE AS old_cases"),
        ("UPDATE", "OLD TABLE AS old_cases NEW TABLE AS new_cases"),
    ):
        db.execute_sql(
            f"CREATE TRIGGER case_tally_{event.lower()} AFTER {event} ON register_case"
            f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION case_tally_change()"
        )


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
        _postgres_triggers(db)
    else:
        _sqlite_triggers(db)
    db.execute_sql(
        f"INSERT INTO case_tally ({KEY_COLUMNS}, cases)"  # noqa: S608 (this module's column names)
        f" SELECT {KEY_COLUMNS}, COUNT(*) FROM register_case GROUP BY {KEY_COLUMNS}"
    )


def down(migrator, db):
    for name in ("case_tally_update", "case_tally_delete", "case_tally_insert"):
        db.execute_sql(
            f"DROP TRIGGER {name} ON register_case" if isinstance(db, PostgresqlDatabase) else f"DROP TRIGGER {name}"
        )
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP FUNCTION case_tally_change()")
    migrator.migrate(migrator.drop_table("case_tally"))
