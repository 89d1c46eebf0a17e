"""The open cases in the caseload's default order: a partial index, so the first page is read, not sorted."""


def up(migrator, db):
    db.execute_sql(
        'CREATE INDEX "case_open_priority" ON "register_case" ("risk_level", "next_action_date", "opened_at", "id") '
        "WHERE (\"status\" != 'closed')"
    )
    # Fresh statistics, so the planner knows the partial index is the small one (SQLite keeps none of a new index
    # until the table is analysed, and would count the open cases from the whole status index instead).
    db.execute_sql('ANALYZE "register_case"')


def down(migrator, db):
    db.execute_sql('DROP INDEX "case_open_priority"')
