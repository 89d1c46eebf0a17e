"""Officers working a case: every status change and closure rule, version conflicts, school-day deadlines, the sweep."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from portal.db import db
from portal.models import AuditEvent, Case, CaseEvent, ChildFlag, ClosureDay, Enquiry, School, TermDate, User
from portal.queries.case_detail import case_detail
from portal.queries.deadlines import calendar_or_none, deadline
from portal.rules.register import (
    CLOSURE_ENQUIRIES,
    CaseSource,
    CaseStatus,
    CaseType,
    ClosureReason,
    RiskFlag,
    RiskLevel,
)
from portal.rules.thresholds import LocalSettings
from portal.services import case_work, enquiries
from portal.services.case_work import CaseConflict, CaseWorkError, ClosureDetails
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from portal.services.sweep import run_sweep
from portal.services.users import create_user
from tests.conftest import PASSWORD, TODAY

OPEN = [CaseStatus.RECEIVED, CaseStatus.WITH_OFFICER, CaseStatus.MORE_INFORMATION]


def _case(officer: Any = None, flags: dict[RiskFlag, str] | None = None, **overrides: Any) -> Case:
    with db.atomic():
        child = record_child(
            ChildDetails(first_name="Amira", last_name="Khan", date_of_birth=date(2015, 3, 4), flags=flags or {}),
            actor=None,
        )
        return open_case(
            child=child,
            case_type=overrides.pop("case_type", CaseType.CME),
            source=overrides.pop("source", CaseSource.PUBLIC),
            today=TODAY,
            actor=officer,
            **overrides,
        )


def _fresh(case: Case) -> Case:
    return Case.get_by_id(case.id)


@pytest.fixture
def colleague(database: Any) -> User:
    return create_user("colleague@example.gov.uk", role="officer", password=PASSWORD, name="Sam Colleague")


@pytest.mark.parametrize("start", OPEN, ids=[s.value for s in OPEN])
@pytest.mark.parametrize("target", OPEN, ids=[f"to {s.value}" for s in OPEN])
def test_an_open_case_moves_between_the_open_statuses(database: Any, officer: User, start: Any, target: Any) -> None:
    case = _case(officer)
    Case.update(status=start.value).where(Case.id == case.id).execute()
    saved = case_work.change_status(case.id, version=1, status=target, actor=officer)
    assert saved.status == target.value
    if start is target:
        assert saved.version == 1, "saving the same status is not a change"
    else:
        assert saved.version == 2
        event = CaseEvent.get(CaseEvent.case == case, CaseEvent.kind == "status")
        assert event.summary == f"Status changed from {start.label} to {target.label}"
        assert (
            AuditEvent.select().where(AuditEvent.action == "update", AuditEvent.object_id == str(case.id)).count() == 1
        )


def test_closing_is_not_a_status_change_and_a_closed_case_must_be_reopened(database: Any, officer: User) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError) as refused:
        case_work.change_status(case.id, version=1, status=CaseStatus.CLOSED, actor=officer)
    assert "Close the case" in str(refused.value)
    case_work.close_case(case.id, version=1, details=ClosureDetails(ClosureReason.NOT_CSA), actor=officer)
    with pytest.raises(CaseWorkError) as closed:
        case_work.change_status(case.id, version=2, status=CaseStatus.WITH_OFFICER, actor=officer)
    assert "Reopen" in str(closed.value)


def test_a_save_based_on_an_old_version_is_refused_naming_who_changed_it_and_when(
    database: Any, officer: User, colleague: User
) -> None:
    case = _case(officer)
    # Both officers open version 1; the colleague saves first.
    case_work.assign_case(case.id, version=1, officer_id=colleague.id, actor=colleague)
    with pytest.raises(CaseConflict) as conflict:
        case_work.change_status(case.id, version=1, status=CaseStatus.MORE_INFORMATION, actor=officer)
    assert "Sam Colleague changed this case at " in conflict.value.message
    assert conflict.value.current_version == 2
    assert _fresh(case).status == CaseStatus.RECEIVED.value, "nothing of the stale save was written"
    # Re-applied on the current version, it saves.
    saved = case_work.change_status(case.id, version=2, status=CaseStatus.MORE_INFORMATION, actor=officer)
    assert (saved.status, saved.version, saved.assigned_to_id) == ("more_information", 3, colleague.id)


@pytest.mark.parametrize(
    "save",
    [
        lambda c, o: case_work.change_status(c, version=1, status=CaseStatus.WITH_OFFICER, actor=o),
        lambda c, o: case_work.assign_case(c, version=1, officer_id=o.id, actor=o),
        lambda c, o: case_work.set_risk(c, version=1, risk_level=RiskLevel.HIGH, flags=set(), actor=o),
        lambda c, o: case_work.set_next_action(
            c, version=1, next_action="Visit", next_action_date=TODAY, today=TODAY, actor=o
        ),
        lambda c, o: case_work.close_case(c, version=1, details=ClosureDetails(ClosureReason.NOT_CSA), actor=o),
        lambda c, o: case_work.record_la_decision(c, version=1, decision="refused", note="", actor=o),
    ],
    ids=["status", "assignment", "risk", "next action", "closing", "LA decision"],
)
def test_every_versioned_change_refuses_a_stale_version(
    database: Any, officer: User, colleague: User, save: Any
) -> None:
    case = _case(officer)
    case_work.add_note(case.id, text="A note does not change the version", actor=colleague)
    case_work.set_next_action(
        case.id, version=1, next_action="Call", next_action_date=TODAY, today=TODAY, actor=colleague
    )
    with pytest.raises(CaseConflict):
        save(case.id, officer)


def test_assigning_needs_an_active_officer(database: Any, officer: User, school_user: User, colleague: User) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError):
        case_work.assign_case(case.id, version=1, officer_id=school_user.id, actor=officer)
    User.update(is_active=False).where(User.id == colleague.id).execute()
    with pytest.raises(CaseWorkError):
        case_work.assign_case(case.id, version=1, officer_id=colleague.id, actor=officer)
    assert case_work.assign_case(case.id, version=1, officer_id=officer.id, actor=officer).assigned_to_id == officer.id
    assert case_work.assign_case(case.id, version=2, officer_id=None, actor=officer).assigned_to_id is None


def test_safeguarding_flags_keep_the_case_high_priority(database: Any, officer: User) -> None:
    case = _case(officer)
    other = open_case(child=case.child, case_type=CaseType.EHE, source=CaseSource.PARENT, today=TODAY, actor=None)
    with pytest.raises(CaseWorkError) as refused:
        case_work.set_risk(case.id, version=1, risk_level=RiskLevel.STANDARD, flags={RiskFlag.CP_PLAN}, actor=officer)
    assert "high" in str(refused.value)
    saved = case_work.set_risk(
        case.id, version=1, risk_level=RiskLevel.HIGH, flags={RiskFlag.CP_PLAN, RiskFlag.EAL}, actor=officer
    )
    assert saved.risk_level == "high"
    assert {row.flag for row in ChildFlag.select().where(ChildFlag.child == case.child_id)} == {"cp_plan", "eal"}
    assert _fresh(other).risk_level == "high", "the flags are the child's, so every open case of theirs is high"
    # An officer may raise the level without a flag, and remove flags.
    saved = case_work.set_risk(case.id, version=2, risk_level=RiskLevel.HIGH, flags=set(), actor=officer)
    assert saved.risk_level == "high" and not ChildFlag.select().where(ChildFlag.child == case.child_id).exists()
    assert (
        "flags removed"
        in CaseEvent.select().where(CaseEvent.kind == "risk").order_by(CaseEvent.id.desc()).get().summary
    )


@pytest.mark.parametrize(
    ("action", "due", "field"),
    [
        ("Visit", None, "next_action_date"),
        ("", TODAY, "next_action"),
        ("Visit", TODAY - timedelta(days=1), "next_action_date"),
    ],
    ids=["action without a date", "date without an action", "date in the past"],
)
def test_next_action_needs_both_parts_and_a_date_not_past(
    database: Any, officer: User, action: str, due: date | None, field: str
) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError) as refused:
        case_work.set_next_action(
            case.id, version=1, next_action=action, next_action_date=due, today=TODAY, actor=officer
        )
    assert field in refused.value.errors


def test_next_action_set_and_cleared(database: Any, officer: User) -> None:
    case = _case(officer)
    saved = case_work.set_next_action(
        case.id, version=1, next_action="Home  visit", next_action_date=TODAY, today=TODAY, actor=officer
    )
    assert (saved.next_action, saved.next_action_date) == ("Home visit", TODAY)
    cleared = case_work.set_next_action(
        case.id, version=2, next_action="", next_action_date=None, today=TODAY, actor=officer
    )
    assert (cleared.next_action, cleared.next_action_date) == ("", None)


def _enquiry(case: Case, kind: str, party: str = "la") -> None:
    Enquiry.create(case=case, party=party, kind=kind, done_on=TODAY, made_by="X", outcome="Done")


CLOSURES = [
    (ClosureReason.ON_ROLL, {}, {"school_id"}),
    (ClosureReason.MOVED_LA, {}, {"other_la", "other_la_notified", "reason"}),
    (ClosureReason.MOVED_LA, {"other_la": "Birmingham"}, {"other_la_notified", "reason"}),
    (ClosureReason.EHE_CONFIRMED, {}, {"detail"}),
    (ClosureReason.LEFT_COUNTRY, {}, {"detail", "reason"}),
    (ClosureReason.LEFT_COUNTRY, {"detail": "Flight seen"}, {"reason"}),
    (ClosureReason.DIED, {}, {"detail"}),
    (ClosureReason.DUPLICATE, {}, {"duplicate_of"}),
    (ClosureReason.DUPLICATE, {"duplicate_of": "CME-2026-000000"}, {"duplicate_of"}),
]


@pytest.mark.parametrize(
    ("reason", "given", "missing"),
    CLOSURES,
    ids=[
        "on roll: which school",
        "moved LA: which, told, enquiry",
        "moved LA: not told",
        "EHE: evidence",
        "left the country: evidence and enquiry",
        "left the country: no Home Office or S2S check",
        "died: detail",
        "duplicate: which case",
        "duplicate: no such case",
    ],
)
def test_a_closure_reason_needs_what_it_needs(
    database: Any, officer: User, reason: ClosureReason, given: dict[str, str], missing: set[str]
) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError) as refused:
        case_work.close_case(case.id, version=1, details=ClosureDetails(reason, **given), actor=officer)
    assert set(refused.value.errors) == missing
    assert _fresh(case).status == "received"


def test_the_enquiries_a_closure_needs_are_ones_officers_can_record() -> None:
    needed = {kind for kinds in CLOSURE_ENQUIRIES.values() for kind in kinds}
    assert needed <= set(enquiries.ENQUIRY_KINDS)


@pytest.mark.parametrize(
    ("reason", "enquiry"),
    [
        (ClosureReason.ON_ROLL, None),
        (ClosureReason.MOVED_LA, "other_la"),
        (ClosureReason.EHE_CONFIRMED, None),
        (ClosureReason.LEFT_COUNTRY, "home_office"),
        (ClosureReason.LEFT_COUNTRY, "s2s"),
        (ClosureReason.NOT_CSA, None),
        (ClosureReason.DIED, None),
        (ClosureReason.DUPLICATE, None),
    ],
    ids=lambda value: value.value if isinstance(value, ClosureReason) else str(value),
)
def test_a_case_closes_with_its_reason_and_evidence(
    database: Any, officer: User, school: School, reason: ClosureReason, enquiry: str | None
) -> None:
    case = _case(officer)
    first = _case(officer)
    if enquiry:
        _enquiry(case, enquiry, party="school" if enquiry == "s2s" else "la")
    details = ClosureDetails(
        reason,
        school_id=school.id,
        other_la="Birmingham",
        other_la_notified=True,
        detail="Evidence seen",
        duplicate_of=first.reference.lower(),
    )
    closed = case_work.close_case(case.id, version=1, details=details, actor=officer)
    assert (closed.status, closed.closure_reason, closed.version) == ("closed", reason.value, 2)
    assert closed.closed_at is not None
    if reason is ClosureReason.ON_ROLL:
        assert "Riverside Primary School (URN 990001)" in closed.closure_detail
    if reason is ClosureReason.DUPLICATE:
        assert f"Duplicate of {first.reference}" in closed.closure_detail
    assert CaseEvent.get(CaseEvent.case == case, CaseEvent.kind == "closed").summary == f"Closed: {reason.label}"


def test_a_case_cannot_be_its_own_duplicate_or_closed_twice(database: Any, officer: User) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError):
        case_work.close_case(
            case.id,
            version=1,
            details=ClosureDetails(ClosureReason.DUPLICATE, duplicate_of=case.reference),
            actor=officer,
        )
    case_work.close_case(case.id, version=1, details=ClosureDetails(ClosureReason.NOT_CSA), actor=officer)
    with pytest.raises(CaseWorkError):
        case_work.close_case(case.id, version=2, details=ClosureDetails(ClosureReason.NOT_CSA), actor=officer)


def test_reopening_needs_a_reason_and_a_closed_case(database: Any, officer: User) -> None:
    case = _case(officer)
    with pytest.raises(CaseWorkError):
        case_work.reopen_case(case.id, version=1, reason="Back again", actor=officer)
    case_work.close_case(case.id, version=1, details=ClosureDetails(ClosureReason.NOT_CSA), actor=officer)
    with pytest.raises(CaseWorkError):
        case_work.reopen_case(case.id, version=2, reason="  ", actor=officer)
    reopened = case_work.reopen_case(case.id, version=2, reason="Seen in the area again", actor=officer)
    assert (reopened.status, reopened.closure_reason, reopened.closed_at) == ("with_officer", "", None)
    kinds = [e.kind for e in CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id)]
    assert kinds == ["created", "closed", "reopened"], "the closure stays on the timeline"


def test_the_la_agrees_to_removal_only_after_its_own_enquiries(database: Any, officer: User) -> None:
    case = _case(officer, source=CaseSource.ABROAD_ESCALATION, case_type=CaseType.ABROAD)
    _enquiry(case, "home_visit", party="school")
    with pytest.raises(CaseWorkError) as refused:
        case_work.record_la_decision(case.id, version=1, decision="agreed", note="", actor=officer)
    assert "joint enquiries" in str(refused.value)
    _enquiry(case, "s2s")
    decided = case_work.record_la_decision(case.id, version=1, decision="agreed", note="Not returning", actor=officer)
    assert (decided.la_decision, decided.la_decision_by_id) == ("agreed", officer.id)
    assert decided.la_decision_at is not None
    with pytest.raises(CaseWorkError):
        case_work.record_la_decision(case.id, version=2, decision="maybe", note="", actor=officer)


def test_an_officer_view_and_an_export_are_audited(database: Any, officer: User) -> None:
    case = _case(officer)
    case_work.record_view(case, officer)
    case_work.record_export(officer, filters={"q": "khan"}, rows=3)
    view = AuditEvent.get(AuditEvent.action == "view")
    assert (view.object_type, view.object_id, view.child_id, view.user_email) == (
        "case",
        str(case.id),
        case.child_id,
        officer.email,
    )
    export = AuditEvent.get(AuditEvent.action == "export")
    assert json.loads(export.changes) == {"filters": [None, {"q": "khan"}], "rows": [None, 3]}


def test_enquiries_are_recorded_with_who_when_and_outcome(database: Any, officer: User) -> None:
    case = _case(officer)
    details = enquiries.EnquiryDetails(kind="home_visit", done_on=TODAY, made_by="", outcome="No answer")
    enquiry = enquiries.record_enquiry(case.id, details, today=TODAY, actor=officer)
    assert (enquiry.party, enquiry.made_by, enquiry.outcome) == ("la", officer.name, "No answer")
    with pytest.raises(enquiries.EnquiryError) as future:
        enquiries.record_enquiry(
            case.id,
            enquiries.EnquiryDetails("home_visit", TODAY + timedelta(days=1), "", "x"),
            today=TODAY,
            actor=officer,
        )
    assert "done_on" in future.value.errors
    with pytest.raises(enquiries.EnquiryError):
        enquiries.record_enquiry(
            case.id, enquiries.EnquiryDetails("seance", TODAY, "", "x"), today=TODAY, actor=officer
        )


def test_a_safeguarding_referral_and_its_acknowledgement(database: Any, officer: User) -> None:
    case = _case(officer)
    with pytest.raises(enquiries.EnquiryError):
        enquiries.record_safeguarding_referral(
            case.id,
            referred_on=TODAY,
            reference="",
            acknowledged_on=TODAY - timedelta(days=1),
            outcome="",
            today=TODAY,
            actor=officer,
        )
    referral = enquiries.record_safeguarding_referral(
        case.id, referred_on=TODAY, reference="SC-1", acknowledged_on=None, outcome="", today=TODAY, actor=officer
    )
    assert referral.outcome == "pending"
    updated = enquiries.update_safeguarding_referral(
        referral.id, reference="SC-1", acknowledged_on=TODAY, outcome="s47", today=TODAY, actor=officer
    )
    assert (updated.acknowledged_on, updated.outcome) == (TODAY, "s47")
    assert (
        "acknowledged"
        in CaseEvent.select().where(CaseEvent.kind == "safeguarding").order_by(CaseEvent.id.desc()).get().summary
    )


# The demo LA's term dates around the tests' dates: October half-term 26 to 30 October 2026 falls between terms,
# and the early May bank holiday (4 May 2026) falls in the summer term.
TERMS = [
    ("Summer 1 2026", date(2026, 4, 13), date(2026, 5, 22)),
    ("Autumn 1 2026", date(2026, 9, 2), date(2026, 10, 23)),
    ("Autumn 2 2026", date(2026, 11, 2), date(2026, 12, 18)),
]


@pytest.fixture
def calendar(database: Any) -> Any:
    for name, first, last in TERMS:
        TermDate.create(name=name, first_day=first, last_day=last)
    ClosureDay.create(day=date(2026, 11, 20), reason="INSET day")
    return calendar_or_none()


@pytest.mark.parametrize(
    ("due", "today", "label"),
    [
        (date(2026, 11, 2), date(2026, 10, 22), "due in 2 school days"),
        (date(2026, 10, 23), date(2026, 11, 3), "overdue by 2 school days"),
        (date(2026, 5, 5), date(2026, 5, 1), "due in 1 school day"),
        (date(2026, 11, 23), date(2026, 11, 19), "due in 1 school day"),
        (date(2026, 11, 25), date(2026, 11, 25), "due today"),
    ],
    ids=[
        "half-term not counted",
        "overdue across half-term",
        "bank holiday not counted",
        "INSET day not counted",
        "today",
    ],
)
def test_deadlines_are_counted_in_school_days(calendar: Any, due: date, today: date, label: str) -> None:
    assert deadline(due, today, calendar).label == label


def test_a_deadline_outside_the_term_dates_falls_back_to_the_date(calendar: Any) -> None:
    late = deadline(date(2027, 9, 10), TODAY, calendar)
    assert (late.label, late.in_school_days) == ("due on 10 September 2027", False)
    assert deadline(date(2026, 11, 1), TODAY, None).overdue


def test_the_case_page_counts_school_days_missing_and_the_cme_threshold(calendar: Any, officer: User) -> None:
    case = _case(officer, source=CaseSource.SCHOOL_LEAVER, last_day_in_education=date(2026, 10, 16))
    detail = case_detail(_fresh(case), today=TODAY, calendar=calendar, settings=LocalSettings())
    found = {item.name: item for item in detail.deadlines}
    # 19 to 23 October (5), half-term (0), 2 to 25 November less the INSET day on the 20th (17): 22 school days.
    assert found["School days missing"].text == "22 since the last day in education"
    assert found["CME threshold (more than 20 school days)"].text == "Passed on 24 November 2026"
    leaver = found["Leaver information due from the school"].deadline
    assert leaver.due == date(2026, 11, 6) and leaver.label == "overdue by 12 school days"


def test_the_sweep_flags_overdue_work_once(database: Any, officer: User) -> None:
    case = _case(officer)
    case_work.set_next_action(
        case.id, version=1, next_action="Visit", next_action_date=TODAY, today=TODAY, actor=officer
    )
    enquiries.record_safeguarding_referral(
        case.id, referred_on=TODAY, reference="", acknowledged_on=None, outcome="", today=TODAY, actor=officer
    )
    later = TODAY + timedelta(days=7)
    first = [line for line in run_sweep(later) if case.reference in line]
    assert len(first) == 2
    events = CaseEvent.select().count()
    assert [line for line in run_sweep(later) if case.reference in line] == []
    assert CaseEvent.select().count() == events, "a second run the same day changes nothing"
    assert _fresh(case).version == 2, "the sweep never changes the case's version"


def test_flask_sweep_run_twice_on_the_same_day_changes_nothing_the_second_time(
    app: Any, database: Any, officer: User
) -> None:
    case = _case(officer)
    case_work.set_next_action(
        case.id, version=1, next_action="Visit", next_action_date=TODAY, today=TODAY, actor=officer
    )
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sweep", "--today", "2026-12-02"])
    assert first.exit_code == 0, first.output
    assert f"next-action-overdue: {case.reference} next action overdue since 2026-11-25" in first.output
    second = runner.invoke(args=["sweep", "--today", "2026-12-02"])
    assert second.exit_code == 0, second.output
    assert second.output.strip().endswith("Sweep for 2026-12-02: 0 change(s)")
