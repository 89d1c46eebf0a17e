"""Opening cases and recording children."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.db import db
from portal.models import AuditEvent, CaseEvent, Child
from portal.rules.register import CaseSource, CaseType, RiskFlag
from portal.services.cases import open_case
from portal.services.children import AddressDetails, ChildDetails, possible_duplicates, record_child

TODAY = date(2026, 11, 25)


def _child(**overrides: Any) -> Child:
    values: dict[str, Any] = dict(
        first_name="Amira", last_name="Khan", date_of_birth=date(2015, 3, 4), address=AddressDetails(postcode="DT1 1AA")
    )
    values.update(overrides)
    with db.atomic():
        return record_child(ChildDetails(**values), actor=None)


def test_a_case_gets_a_random_reference_a_timeline_entry_and_an_audit(database: Any, officer: Any) -> None:
    child = _child()
    with db.atomic():
        first = open_case(child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=TODAY, actor=None)
        second = open_case(child=child, case_type=CaseType.CME, source=CaseSource.OFFICER, today=TODAY, actor=officer)
    assert first.reference.startswith("CME-2026-") and len(first.reference) == len("CME-2026-000000")
    assert first.reference != second.reference
    assert CaseEvent.select().where(CaseEvent.case == first, CaseEvent.kind == "created").count() == 1
    assert AuditEvent.select().where(AuditEvent.object_type == "case", AuditEvent.child_id == child.id).count() == 2


def test_safeguarding_flags_make_a_case_high_priority(database: Any) -> None:
    child = _child(flags={RiskFlag.SOCIAL_WORKER: "Jo Bloggs"})
    with db.atomic():
        case = open_case(child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=TODAY, actor=None)
    assert case.risk_level == "high"


def test_possible_duplicates_by_name_and_birth_date_upn_or_postcode(database: Any) -> None:
    original = _child(upn="H801200001001")
    same_name_and_dob = _child(address=None)
    same_upn = _child(first_name="Amyra", last_name="Kahn", date_of_birth=None, upn="H801200001001", address=None)
    same_surname_and_postcode = _child(first_name="Zain", date_of_birth=date(2013, 1, 1))
    stranger = _child(first_name="Tom", last_name="Jones", date_of_birth=date(2015, 3, 4), address=None)
    found = set(possible_duplicates(original))
    assert found == {same_name_and_dob, same_upn, same_surname_and_postcode}
    assert stranger not in found


@pytest.mark.parametrize(
    ("date_of_birth", "case_type"),
    [
        (date(2015, 3, 4), CaseType.CME),
        (None, CaseType.CME),
        (date(2023, 2, 1), CaseType.NOT_CSA),
        (date(2009, 8, 1), CaseType.NOT_CSA),
    ],
    ids=["of compulsory school age", "age not known", "Nursery age", "over compulsory school age"],
)
def test_a_cme_case_is_never_opened_for_a_child_not_of_compulsory_school_age(
    database: Any, date_of_birth: date | None, case_type: CaseType
) -> None:
    child = _child(date_of_birth=date_of_birth)
    with db.atomic():
        case = open_case(child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=TODAY, actor=None)
    assert case.case_type == case_type.value
    flagged = "Not of compulsory school age: not a CME case" in case.summary
    assert flagged is (case_type is CaseType.NOT_CSA)


def test_other_case_types_are_opened_as_asked_whatever_the_age(database: Any) -> None:
    child = _child(date_of_birth=date(2009, 8, 1))
    with db.atomic():
        case = open_case(child=child, case_type=CaseType.EHE, source=CaseSource.PARENT, today=TODAY, actor=None)
    assert case.case_type == CaseType.EHE.value
