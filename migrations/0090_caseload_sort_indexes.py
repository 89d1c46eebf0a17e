"""An index for each order of the caseload that had none, so its first pages are read, not sorted.

- Open cases by reference or by date opened: the open cases are the newest, so walking the whole register's index
  in either order passed every closed case first (60 to 110 ms); these partial indexes hold the open cases alone.
- Every case (status "all") in priority, risk, date of birth (and age) or next action order, both ways. Date of
  birth and next action can be blank, and blanks come last both ways: PostgreSQL needs an index in descending order
  with its NULLs last for that; SQLite puts NULLs first in an ascending index, so its plain descending one serves.
- Orders by status, type, source or officer read each group's cases in id order (portal.queries.cases): a
  (value, id) index for each, and for type and source one of the open cases alone too, or SQLite counts the open
  cases by type by looking up all 200,000 cases' status (130 ms). (A school's cases are few enough to sort.) They
  replace the single-column indexes on status, type, source and risk level, which they begin with.
"""

from peewee import *

OPEN = "WHERE (\"status\" != 'closed')"
REPLACED = {
    "case_status": "status",
    "case_case_type": "case_type",
    "case_source": "source",
    "case_risk_level": "risk_level",
}


def _descending_blanks_last(db, column):
    # PostgreSQL's DESC puts NULLs first unless told otherwise; SQLite's DESC puts them last (and has no NULLS clause).
    return f'"{column}" DESC NULLS LAST' if isinstance(db, PostgresqlDatabase) else f'"{column}" DESC'


def up(migrator, db):
    indexes = {
        "case_open_reference": f'("reference") {OPEN}',
        "case_open_opened": f'("opened_at", "id") {OPEN}',
        "case_priority": '("risk_level", "next_action_date", "opened_at", "id")',
        "case_risk_id": '("risk_level", "id")',
        "case_date_of_birth_id": '("child_date_of_birth", "id")',
        "case_date_of_birth_desc": f'({_descending_blanks_last(db, "child_date_of_birth")}, "id" DESC)',
        "case_next_action_desc": f'({_descending_blanks_last(db, "next_action_date")}, "id" DESC)',
        "case_status_id": '("status", "id")',
        "case_type_id": '("case_type", "id")',
        "case_source_id": '("source", "id")',
        "case_assigned_id": '("assigned_to_id", "id")',
        "case_open_type_id": f'("case_type", "id") {OPEN}',
        "case_open_source_id": f'("source", "id") {OPEN}',
    }
    for name, definition in indexes.items():
        db.execute_sql(f'CREATE INDEX "{name}" ON "register_case" {definition}')
    for name in REPLACED:
        db.execute_sql(f'DROP INDEX "{name}"')
    db.execute_sql('ANALYZE "register_case"')


def down(migrator, db):
    for name, column in REPLACED.items():
        db.execute_sql(f'CREATE INDEX "{name}" ON "register_case" ("{column}")')
    for name in (
        "case_open_source_id",
        "case_open_type_id",
        "case_assigned_id",
        "case_source_id",
        "case_type_id",
        "case_status_id",
        "case_next_action_desc",
        "case_date_of_birth_desc",
        "case_date_of_birth_id",
        "case_risk_id",
        "case_priority",
        "case_open_opened",
        "case_open_reference",
    ):
        db.execute_sql(f'DROP INDEX "{name}"')
