"""The case tally the caseload reads its totals from stays exactly the register's own count, whatever writes to it."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee

from portal.db import db
from portal.models import Case, CaseTally, Child
from portal.queries.cases import CaseFilters, list_cases
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import AddressDetails, ChildDetails, record_child

TODAY = date(2026, 11, 25)
KEY = (Case.status, Case.case_type, Case.source, Case.risk_level)


def _counted() -> dict[tuple[str, ...], int]:
    query = Case.select(*KEY, peewee.fn.COUNT(peewee.SQL("*"))).group_by(*KEY).tuples()
    return {tuple(row[:4]): row[4] for row in query}


def _tallied() -> dict[tuple[str, ...], int]:
    tally = CaseTally
    rows = tally.select(tally.status, tally.case_type, tally.source, tally.risk_level, tally.cases).tuples()
    return {tuple(row[:4]): row[4] for row in rows if row[4]}


def _open(child: Child, case_type: CaseType, source: CaseSource) -> Case:
    with db.atomic():
        return open_case(child=child, case_type=case_type, source=source, today=TODAY, actor=None)


def test_the_tally_follows_every_insert_change_and_delete(database: Any) -> None:
    details = ChildDetails(
        first_name="Amira", last_name="Khan", date_of_birth=date(2015, 3, 4), address=AddressDetails()
    )
    with db.atomic():
        child = record_child(details, actor=None)
    cases = [
        _open(child, CaseType.CME, CaseSource.PUBLIC),
        _open(child, CaseType.CME, CaseSource.PUBLIC),
        _open(child, CaseType.EHE, CaseSource.PARENT),
        _open(child, CaseType.ABROAD, CaseSource.SCHOOL_LEAVER),
    ]
    assert _tallied() == _counted() and sum(_counted().values()) == 4
    Case.update(status="closed").where(Case.id == cases[0].id).execute()
    Case.update(risk_level="high", source="officer").where(Case.id.in_([cases[1].id, cases[2].id])).execute()
    Case.update(next_action="Call the family").execute()  # not a tallied column: nothing to change
    assert _tallied() == _counted()
    with db.atomic():
        Case.update(case_type="cme").where(Case.id == cases[3].id).execute()
        Case.delete().where(Case.id == cases[2].id).execute()
    assert _tallied() == _counted() and sum(_counted().values()) == 3
    with db.atomic() as abandoned:
        open_case(child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=TODAY, actor=None)
        abandoned.rollback()  # an abandoned write leaves the tally as it was
    assert _tallied() == _counted() and sum(_counted().values()) == 3
    Case.insert_many(  # two cases in one statement
        [
            {
                "reference": f"CME-2026-99999{n}",
                "child": child.id,
                "case_type": "ehe",
                "source": "parent",
                "status": "received",
            }
            for n in (1, 2)
        ]
    ).execute()
    assert _tallied() == _counted() and sum(_counted().values()) == 5
    Case.delete().execute()
    assert _tallied() == _counted() == {}


def test_the_caseload_totals_read_from_the_tally_are_the_register_counts(database: Any) -> None:
    details = ChildDetails(first_name="Zain", last_name="Ali", date_of_birth=date(2014, 1, 2), address=AddressDetails())
    with db.atomic():
        child = record_child(details, actor=None)
    kinds = [(CaseType.CME, CaseSource.PUBLIC), (CaseType.EHE, CaseSource.PARENT), (CaseType.CME, CaseSource.OFFICER)]
    for number in range(9):
        case = _open(child, *kinds[number % 3])
        status, risk = ["received", "closed", "with_officer"][number % 3], ["high", "standard"][number % 2]
        Case.update(status=status, risk_level=risk).where(Case.id == case.id).execute()
    Case.update(closure_reason="died").where(Case.status == "closed").execute()
    is_open = Case.status != "closed"
    asked = [
        (CaseFilters(), is_open),
        (CaseFilters(status="all"), Case.id.is_null(False)),
        (CaseFilters(status="closed"), Case.status == "closed"),
        (CaseFilters(case_type="cme", risk="high"), is_open & (Case.case_type == "cme") & (Case.risk_level == "high")),
        (CaseFilters(status="all", source="parent", sort="status"), Case.source == "parent"),
        (CaseFilters(status="received", sort="source", descending=True), Case.status == "received"),
        (CaseFilters(status="all", closure_reason="died"), Case.closure_reason == "died"),  # not tallied: counted
    ]
    for filters, condition in asked:
        expected = Case.select().where(condition).count()
        assert expected > 0
        assert list_cases(filters, officer_id=0, today=TODAY, calendar=None, page_size=2).total == expected, filters
