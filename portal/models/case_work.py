"""What officers record beside a case: decisions that two child records are (or are not) the same child.

Also declares the extra indexes the officers' caseload needs on tables defined elsewhere (migration 0010), so the
models and the migrations keep describing the same schema.
"""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.cases import Case
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.people import Child
from portal.models.users import User


class ChildLink(BaseModel):
    """An officer's decision about a possible duplicate: the same child recorded twice, or two different children.

    Records are never merged automatically: names are spelt many ways in CME work, so a person decides. The pair is
    stored once, with the lower child id first.
    """

    child = peewee.ForeignKeyField(Child, backref="+", on_delete="CASCADE")
    other = peewee.ForeignKeyField(Child, backref="+", on_delete="CASCADE")
    same_child = peewee.BooleanField()
    note = peewee.CharField(max_length=300, default="")
    decided_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    decided_at = UtcDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("child", "other"), True),)


# Indexes the officers' caseload needs on tables defined elsewhere (migration 0010), declared here so the models and
# the migrations keep describing the same schema:
# - the default order (open cases, high priority first, then the soonest next action) read from the index alone;
# - search by name prefix in either order, answered from the index alone (first and last name, and the child's id).
Case.add_index(
    Case.index(
        Case.status, Case.risk_level, Case.next_action_date, Case.opened_at, Case.id, name="case_status_priority"
    )
)
# The open cases in the caseload's default order (migration 0070): PostgreSQL reads the first page straight from it.
Case.add_index(
    Case.index(
        Case.risk_level,
        Case.next_action_date,
        Case.opened_at,
        Case.id,
        name="case_open_priority",
        where=(Case.status != peewee.SQL("'closed'")),
    )
)
# Every column the caseload filters or sorts the open cases by (migration 0080): any order of the open cases is read
# from this index alone, where the rows themselves lie scattered over the whole register.
Case.add_index(
    Case.index(
        Case.school,
        Case.assigned_to,
        Case.case_type,
        Case.source,
        Case.status,
        Case.risk_level,
        Case.child_date_of_birth,
        Case.child_last_name_key,
        Case.child_first_name_key,
        Case.next_action_date,
        Case.opened_at,
        Case.reference,
        Case.id,
        name="case_open_columns",
        where=(Case.status != peewee.SQL("'closed'")),
    )
)
# The caseload's other orders, each read from an index (migration 0090): the open cases by reference and by date
# opened (they are the newest, so the whole register's index would pass every closed case first), and every case in
# priority, risk, date of birth and next action order. On PostgreSQL the two descending ones put blanks last
# (DESC NULLS LAST), as SQLite's DESC does by itself.
Case.add_index(Case.index(Case.reference, name="case_open_reference", where=(Case.status != peewee.SQL("'closed'"))))
Case.add_index(
    Case.index(Case.opened_at, Case.id, name="case_open_opened", where=(Case.status != peewee.SQL("'closed'")))
)
Case.add_index(Case.index(Case.risk_level, Case.next_action_date, Case.opened_at, Case.id, name="case_priority"))
Case.add_index(Case.index(Case.risk_level, Case.id, name="case_risk_id"))
Case.add_index(Case.index(Case.child_date_of_birth, Case.id, name="case_date_of_birth_id"))
Case.add_index(Case.index(Case.child_date_of_birth.desc(), Case.id.desc(), name="case_date_of_birth_desc"))
Case.add_index(Case.index(Case.next_action_date.desc(), Case.id.desc(), name="case_next_action_desc"))
# Orders by status, type, source or officer read each group's cases in id order (migration 0090), all cases or, by
# type and source, the open ones. They begin with the column, so they serve its filters too.
Case.add_index(Case.index(Case.status, Case.id, name="case_status_id"))
Case.add_index(Case.index(Case.case_type, Case.id, name="case_type_id"))
Case.add_index(Case.index(Case.source, Case.id, name="case_source_id"))
Case.add_index(Case.index(Case.assigned_to, Case.id, name="case_assigned_id"))
Case.add_index(
    Case.index(Case.case_type, Case.id, name="case_open_type_id", where=(Case.status != peewee.SQL("'closed'")))
)
Case.add_index(
    Case.index(Case.source, Case.id, name="case_open_source_id", where=(Case.status != peewee.SQL("'closed'")))
)
Child.add_index(Child.index(Child.last_name_key, Child.first_name_key, Child.id, name="child_last_first_name"))
Child.add_index(Child.index(Child.first_name_key, Child.last_name_key, Child.id, name="child_first_last_name"))
