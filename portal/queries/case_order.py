"""The orders the officers' caseload sorts by, as SQL ORDER BY terms.

Every order ends with the case id, so pages never overlap. Blanks (no date of birth, school, officer or next action)
come last both ways, and only those columns say so: PostgreSQL reads an index backwards for DESC, which puts its
NULLs first, so NULLS LAST on a column that cannot be blank would make it sort the whole register instead (60 ms
for every case, not 2). Age is date of birth reversed, the id included, so both are read from the same two indexes
(migration 0090).
"""

from __future__ import annotations

from typing import Any

import peewee

from portal.models import Case, School, User
from portal.rules.register import CaseSource, CaseStatus, CaseType

Assigned = User.alias("assigned")

SORTS = {
    "priority": "Priority",
    "reference": "Reference",
    "name": "Name",
    "dob": "Date of birth",
    "age": "Age",
    "school": "School last attended",
    "source": "Source",
    "type": "Type",
    "status": "Status",
    "officer": "Officer",
    "risk": "Risk",
    "next_action": "Next action",
    "due": "Due",
    "opened": "Opened",
}

# Orders by a column with few values: a school or an officer (shown by name), or a code shown as its label. The cases
# come in groups, one per value, and in id order within each group (see portal.queries.cases.list_cases).
GROUPED = {
    "school": Case.school,
    "officer": Case.assigned_to,
    "source": Case.source,
    "type": Case.case_type,
    "status": Case.status,
}
_NAMES = {"school": School.name, "officer": Assigned.name}
_LABELS = {"source": CaseSource.choices, "type": CaseType.choices, "status": CaseStatus.choices}


def _label_order(column: Any, choices: dict[str, str]) -> peewee.Node:
    """Order by the words people see, not the stored codes."""
    ranked = sorted(choices.items(), key=lambda item: item[1])
    return peewee.Case(column, [(value, position) for position, (value, _label) in enumerate(ranked)], len(ranked))


def _by(node: Any, descending: bool, *, can_be_blank: bool = False) -> peewee.Node:
    nulls = "LAST" if can_be_blank else None
    return node.desc(nulls=nulls) if descending else node.asc(nulls=nulls)


def group_order(sort: str, key: Any, descending: bool) -> list[peewee.Node]:
    """The order of the groups of a GROUPED sort, given the column (or a subquery's column) holding each group's
    value: by the school's or officer's name (then its id, should two share a name), or by the code's label."""
    if sort in _NAMES:
        return [_by(_NAMES[sort], descending, can_be_blank=True), _by(key, descending, can_be_blank=True)]
    return [_by(_label_order(key, _LABELS[sort]()), descending), _by(key, descending)]


def case_order(sort: str, descending: bool, matches: Any = None, case_id: Any = Case.id) -> list[peewee.Node]:
    """The ORDER BY of the caseload sorted by ``sort``; ``matches`` is a name search's subquery, whose name keys a
    name order reads, and ``case_id`` the column holding the case's id."""
    desc = descending != (sort == "age")
    if sort == "priority":
        keys = [Case.risk_level.asc(), Case.next_action_date.asc(nulls="LAST"), Case.opened_at.asc()]
    elif sort == "reference":
        keys = [_by(Case.reference, desc)]
    elif sort == "name" and matches is not None:  # the same keys, read from the matches already in hand
        keys = [_by(matches.c.child_last_name_key, desc), _by(matches.c.child_first_name_key, desc)]
    elif sort == "name":
        keys = [_by(Case.child_last_name_key, desc), _by(Case.child_first_name_key, desc)]
    elif sort in ("dob", "age"):
        keys = [_by(Case.child_date_of_birth, desc, can_be_blank=True)]
    elif sort in GROUPED:
        keys = group_order(sort, GROUPED[sort], desc)
    elif sort == "risk":
        keys = [_by(Case.risk_level, desc)]
    elif sort in ("next_action", "due"):
        keys = [_by(Case.next_action_date, desc, can_be_blank=True)]
    else:  # "opened"
        keys = [_by(Case.opened_at, desc)]
    return [*keys, case_id.desc() if desc and sort != "priority" else case_id.asc()]
