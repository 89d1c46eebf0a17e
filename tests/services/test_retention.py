"""The retention policy and subject access: what is held about a child, and anonymising it when the time comes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from portal.db import db
from portal.models import AuditEvent, Case, CaseEvent, Child, ChildAddress, ChildContact, Enquiry
from portal.rules.register import CaseSource, CaseStatus, CaseType, RiskFlag
from portal.services.cases import open_case
from portal.services.child_records import export_child
from portal.services.children import AddressDetails, ChildDetails, ContactDetails, record_child
from portal.services.sweep import run_sweep


def _closed_case(closed_on: datetime, flags: dict[RiskFlag, str] | None = None) -> Case:
    with db.atomic():
        child = record_child(
            ChildDetails(
                first_name="Leah",
                last_name="Okafor",
                date_of_birth=date(2012, 5, 6),
                address=AddressDetails(line_1="4 Mill Road", postcode="DT1 1AA"),
                contacts=[ContactDetails(name="Grace Okafor", phone="07700 900123", lives_with_child=True)],
                flags=flags or {},
            ),
            actor=None,
        )
        case = open_case(
            child=child,
            case_type=CaseType.CME,
            source=CaseSource.PUBLIC,
            today=date(2019, 1, 1),
            actor=None,
            summary="Seen at the shops during school hours",
        )
        Enquiry.create(case=case, party="la", kind="home_visit", made_by="Olivia Officer", outcome="No answer")
        Case.update(status=CaseStatus.CLOSED.value, closed_at=closed_on, closure_reason="moved_la").where(
            Case.id == case.id
        ).execute()
    return Case.get_by_id(case.id)


def test_export_holds_everything_about_the_child(database: Any) -> None:
    case = _closed_case(datetime(2019, 7, 1, tzinfo=UTC))
    export = export_child(case.child)
    records = export["records"]
    assert records["child"][0]["first_name"] == "Leah"
    assert records["child_address"][0]["line_1"] == "4 Mill Road"
    assert records["child_contact"][0]["name"] == "Grace Okafor"
    assert records["register_case"][0]["reference"] == case.reference
    assert records["enquiry"][0]["outcome"] == "No answer"
    assert records["case_event"]
    assert {event["object_type"] for event in export["audit"]} >= {"child", "case"}


def test_sweep_anonymises_after_seven_years_and_keeps_the_counts(database: Any) -> None:
    old = _closed_case(datetime(2019, 7, 1, tzinfo=UTC))
    recent = _closed_case(datetime(2024, 7, 1, tzinfo=UTC))
    lines = run_sweep(date(2026, 11, 25))
    assert lines == [f"retention: anonymised child {old.child.id}"]
    child = Child.get_by_id(old.child.id)
    assert (child.first_name, child.date_of_birth, child.anonymised_at is not None) == ("Anonymised", None, True)
    assert not ChildAddress.select().where(ChildAddress.child == child).exists()
    assert not ChildContact.select().where(ChildContact.child == child).exists()
    case = Case.get_by_id(old.id)
    assert (case.case_type, case.status, case.closure_reason, case.summary) == ("cme", "closed", "moved_la", "")
    # The name and date of birth kept on the case for searching and sorting go with the child's.
    assert (case.child_first_name_key, case.child_last_name_key, case.child_date_of_birth) == ("", "", None)
    assert Case.get_by_id(recent.id).child_last_name_key == "okafor"
    assert Case.get_by_id(recent.id).child_date_of_birth == date(2012, 5, 6)
    assert Enquiry.get(Enquiry.case == case).outcome == "No answer"  # what was done is kept; who is not
    assert Enquiry.get(Enquiry.case == case).made_by == ""
    assert all(event.detail == "" for event in CaseEvent.select().where(CaseEvent.case == case))
    assert Child.get_by_id(recent.child.id).first_name == "Leah"
    assert AuditEvent.select().where(AuditEvent.action == "anonymise").count() == 1
    assert run_sweep(date(2026, 11, 25)) == []


def test_looked_after_children_are_kept_longer(database: Any) -> None:
    case = _closed_case(datetime(2019, 7, 1, tzinfo=UTC), flags={RiskFlag.LAC: ""})
    assert run_sweep(date(2026, 11, 25)) == []
    assert Child.get_by_id(case.child.id).first_name == "Leah"


def test_a_child_with_an_open_case_is_never_anonymised(database: Any) -> None:
    case = _closed_case(datetime(2015, 7, 1, tzinfo=UTC))
    with db.atomic():
        open_case(
            child=case.child, case_type=CaseType.CME, source=CaseSource.OFFICER, today=date(2026, 1, 5), actor=None
        )
    assert run_sweep(date(2026, 11, 25)) == []
