"""The open cases in the caseload's default order: a partial index, so the first page is read, not sorted."""


def up(migrator, db):
    db.execute_sql(
        'CREATE INDEX "case_open_priority" ON "register_case" ("risk_level", "next_action_date", "opened_at", "id") '
        "WHERE (\"status\" != 'closed')"
    )


def down(migrator, db):
    db.execute_sql('DROP INDEX "case_open_priority"')
