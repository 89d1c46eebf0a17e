"""Each outcome of the leaver wizard, decided by portal.rules.leavers.assess_leaver and acted on by the service."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from portal.models import AuditEvent, Case, CaseEvent, ChildContact, EheNotice
from portal.models.school_records import Leaver, SchoolDraft
from portal.rules.leavers import LeaverOutcome
from portal.rules.register import CaseSource, CaseType
from portal.services import leavers, school_sweep, term_dates
from portal.services.calendar import la_calendar, la_settings
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from portal.services.drafts import DraftGoneError
from tests.conftest import TODAY
from tests.services.school_helpers import LONG_AGO_LAST_DAY, draft_for, leaver_answers, seed_terms


@pytest.fixture
def setup(database: Any, school: Any, school_user: Any) -> dict[str, Any]:
    seed_terms()
    return {"school": school, "user": school_user, "calendar": la_calendar(), "settings": la_settings()}


def submit(
    setup: dict[str, Any], answers: dict[str, Any], today: date = TODAY, subject_id: int | None = None
) -> Leaver:
    draft = draft_for(setup["school"], setup["user"], "leaver", answers, subject_id)
    return leavers.submit_leaver(
        draft, actor=setup["user"], today=today, calendar=setup["calendar"], settings=setup["settings"]
    )


def test_complete_leaver_sends_the_deletion_return_and_opens_no_case(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("complete"))
    assert leaver.outcome == LeaverOutcome.COMPLETE.value
    assert leaver.case is None and leaver.completed_at is not None
    assert leaver.new_school_name == "Leeds Primary" and leaver.admission_confirmed_on == date(2026, 11, 30)
    assert Case.select().count() == 0
    assert SchoolDraft.select().count() == 0, "the draft goes once the journey is complete"
    tasks = json.loads(leaver.tasks)
    assert any("common transfer file to the new school" in task for task in tasks)
    assert AuditEvent.select().where(AuditEvent.object_type == "school_leaver").count() == 1


def test_unknown_destination_is_referred_as_cme_at_once_with_everything_entered(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("cme"))
    assert leaver.outcome == LeaverOutcome.REFER_AS_CME.value
    case = leaver.case
    assert case.case_type == CaseType.CME.value and case.source == CaseSource.SCHOOL_LEAVER.value
    assert case.status == "received" and case.school == setup["school"]
    assert case.last_day_in_education == date(2026, 11, 20)
    assert "ground G" in case.summary and "Riverside Primary School" in case.summary
    assert ChildContact.select().where(ChildContact.child == leaver.child, ChildContact.name == "Mia Stone").exists()
    assert leaver.referred_at is not None
    preview = leavers.preview_leaver(
        leaver_answers("cme"),
        school=setup["school"],
        today=TODAY,
        calendar=setup["calendar"],
        settings=setup["settings"],
    )
    assert "Visit the home" in preview.enquiries_to_make


def test_information_due_later_then_referred_by_the_sweep_once(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("due"))
    assert leaver.outcome == LeaverOutcome.INFORMATION_DUE.value
    assert leaver.information_due == date(2026, 12, 4), "10 school days after Friday 20 November"
    assert leaver.case is None
    assert "Name and address of the new school" in json.loads(leaver.missing)

    assert leavers.refer_overdue_leavers(date(2026, 12, 4), setup["calendar"], setup["settings"]) == []
    lines = leavers.refer_overdue_leavers(date(2026, 12, 7), setup["calendar"], setup["settings"])
    leaver = Leaver.get_by_id(leaver.id)
    assert len(lines) == 1 and leaver.outcome == LeaverOutcome.REFER_AS_CME.value
    assert leaver.case.source == CaseSource.SCHOOL_LEAVER.value
    assert leavers.refer_overdue_leavers(date(2026, 12, 8), setup["calendar"], setup["settings"]) == []
    assert Case.select().count() == 1


def test_information_past_its_deadline_on_submission_is_referred_now(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("due", last_day=LONG_AGO_LAST_DAY))
    assert leaver.outcome == LeaverOutcome.REFER_AS_CME.value and leaver.case is not None


def test_adding_the_missing_information_completes_the_leaver(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("due"))
    answers = leavers.leaver_answers(leaver)
    answers["new-school"] = {"school_known": "other", "other_name": "Leeds Primary", "other_address": "Leeds"}
    answers["admission"] = {
        "admitted": "yes",
        "admitted_on": "2026-11-30",
        "how_confirmed": "la_admissions",
        "confirmed_by": "Leeds admissions",
    }
    draft = draft_for(setup["school"], setup["user"], "leaver_info", answers, leaver.id)
    leavers.update_leaver_information(
        leaver, draft, actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )
    leaver = Leaver.get_by_id(leaver.id)
    assert leaver.outcome == LeaverOutcome.COMPLETE.value and leaver.information_due is None
    assert leavers.refer_overdue_leavers(date(2026, 12, 9), setup["calendar"], setup["settings"]) == []


def test_home_education_leaver_tells_the_ehe_team(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("ehe"))
    assert leaver.outcome == LeaverOutcome.COMPLETE.value
    assert leaver.destination == "home_education"
    assert leaver.ehe_case.case_type == CaseType.EHE.value
    assert leaver.ehe_case.source == CaseSource.SCHOOL_LEAVER.value


def test_home_education_leaver_from_a_parents_notice_uses_its_case(setup: dict[str, Any]) -> None:
    child = record_child(ChildDetails(first_name="Ava", last_name="Stone", date_of_birth=date(2017, 5, 4)), actor=None)
    case = open_case(child=child, case_type=CaseType.EHE, source=CaseSource.PARENT, today=TODAY, actor=None)
    notice = EheNotice.create(
        reference="CME-2026-555555",
        submission_key="k",
        child=child,
        case=case,
        school=setup["school"],
        parent_name="Mia Stone",
        relationship="Mother",
        effective_date=date(2026, 11, 23),
        declaration_name="Mia Stone",
        declaration_date=date(2026, 11, 18),
    )
    leaver = submit(setup, leaver_answers("ehe"), subject_id=notice.id)
    assert leaver.child == child and leaver.ehe_notice == notice
    assert leaver.ehe_case == case
    assert EheNotice.get_by_id(notice.id).leaver_recorded
    assert Case.select().count() == 1, "no second EHE case"
    assert CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "school_leaver").exists()


def test_move_abroad_without_a_school_needs_the_school_and_a_lost_pupil_ctf(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("abroad"))
    assert leaver.outcome == LeaverOutcome.INFORMATION_DUE.value
    missing = json.loads(leaver.missing)
    assert any("new school" in item for item in missing)
    assert not any("address abroad" in item for item in missing), "the address abroad was given"
    assert any("lost pupil" in task for task in json.loads(leaver.tasks))


def test_vulnerable_pupil_lists_who_to_tell_and_makes_the_case_high_priority(setup: dict[str, Any]) -> None:
    answers = leaver_answers("cme", flags=["social_worker", "lac", "ehcp"], social_worker="Jo Bloggs")
    leaver = submit(setup, answers)
    tasks = " ".join(json.loads(leaver.tasks))
    assert "social worker (Jo Bloggs)" in tasks and "Virtual School" in tasks and "EHC co-ordinator" in tasks
    assert leaver.case.risk_level == "high"


def test_young_person_over_compulsory_school_age_goes_to_connexions_not_cme(setup: dict[str, Any]) -> None:
    leaver = submit(setup, leaver_answers("cme", dob=date(2009, 8, 1), year=11))
    assert leaver.outcome == LeaverOutcome.REFER_TO_CONNEXIONS.value
    assert leaver.case is None


def test_journey_time_warnings_for_primary_and_year_11(setup: dict[str, Any]) -> None:
    near = leaver_answers("cme")
    near["ground-details"] = {"journey_minutes": 30}
    preview = leavers.preview_leaver(
        near, school=setup["school"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )
    assert any("do not remove them" in warning for warning in preview.warnings)
    far = leaver_answers("cme", dob=date(2011, 1, 5), year=10)
    preview = leavers.preview_leaver(
        far, school=setup["school"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )
    assert any("Year 10 or Year 11" in warning for warning in preview.warnings)


def test_the_same_draft_cannot_be_submitted_twice(setup: dict[str, Any]) -> None:
    draft = draft_for(setup["school"], setup["user"], "leaver", leaver_answers("cme"))
    kwargs = dict(actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"])
    leavers.submit_leaver(draft, **kwargs)
    with pytest.raises(DraftGoneError):
        leavers.submit_leaver(draft, **kwargs)  # a double click that loaded the draft before the first finished
    assert Leaver.select().count() == 1 and Case.select().count() == 1


# A Reception child born in January 2022 is not of compulsory school age until 31 March 2027 (Education Act 1996 s.8).
BELOW_CSA = date(2022, 1, 10)


def _below_csa_answers(kind: str, **options: Any) -> dict[str, Any]:
    answers = leaver_answers(kind, dob=BELOW_CSA, year=0, **options)
    answers["ground"] = {"ground": "stopped_attending"}  # reg 9(3): the grounds for a pupil not of CSA
    return answers


def test_a_child_below_compulsory_school_age_is_never_opened_as_a_cme_case(setup: dict[str, Any]) -> None:
    leaver = submit(setup, _below_csa_answers("cme"))
    assert leaver.outcome == LeaverOutcome.REFER_NOT_CSA.value
    assert leaver.case is not None and leaver.case.case_type == CaseType.NOT_CSA.value
    assert not Case.select().where(Case.case_type == CaseType.CME.value).exists()
    assert "not a child missing education" in leaver.case.summary


def test_the_sweep_records_an_overdue_leaver_below_compulsory_school_age_apart_from_cme(setup: dict[str, Any]) -> None:
    leaver = submit(setup, _below_csa_answers("due"))
    assert leaver.outcome == LeaverOutcome.INFORMATION_DUE.value and leaver.case is None
    leavers.refer_overdue_leavers(date(2026, 12, 7), setup["calendar"], setup["settings"])
    leaver = Leaver.get_by_id(leaver.id)
    assert leaver.outcome == LeaverOutcome.REFER_NOT_CSA.value
    assert leaver.case.case_type == CaseType.NOT_CSA.value
    assert not Case.select().where(Case.case_type == CaseType.CME.value).exists()


def test_without_term_dates_the_leaver_is_taken_and_its_deadline_pending(setup: dict[str, Any]) -> None:
    draft = draft_for(setup["school"], setup["user"], "leaver", leaver_answers("due"))
    leaver = leavers.submit_leaver(draft, actor=setup["user"], today=TODAY, calendar=None, settings=setup["settings"])
    assert leaver.outcome == LeaverOutcome.INFORMATION_DUE.value
    assert leaver.information_due is None and leaver.case is None
    assert leavers.count_pending_deadlines() == 1

    assert leavers.fill_pending_deadlines(setup["calendar"], setup["settings"]) == [
        f"leaver {leaver.reference} information due 4 December 2026"
    ]
    leaver = Leaver.get_by_id(leaver.id)
    assert leaver.information_due == date(2026, 12, 4), "10 school days after Friday 20 November"
    assert leavers.count_pending_deadlines() == 0
    assert leavers.fill_pending_deadlines(setup["calendar"], setup["settings"]) == [], "once only"
    leavers.refer_overdue_leavers(date(2026, 12, 7), setup["calendar"], setup["settings"])
    assert Leaver.get_by_id(leaver.id).outcome == LeaverOutcome.REFER_AS_CME.value


def test_a_deadline_the_term_dates_do_not_reach_stays_pending(setup: dict[str, Any]) -> None:
    draft = draft_for(setup["school"], setup["user"], "leaver", leaver_answers("due", last_day=date(2027, 7, 19)))
    leaver = leavers.submit_leaver(  # the demo term dates end on 21 July 2027
        draft, actor=setup["user"], today=date(2027, 7, 20), calendar=setup["calendar"], settings=setup["settings"]
    )
    assert leaver.outcome == LeaverOutcome.INFORMATION_DUE.value and leaver.information_due is None
    assert leavers.fill_pending_deadlines(setup["calendar"], setup["settings"]) == []
    assert leavers.count_pending_deadlines() == 1


def test_the_daily_sweep_counts_a_pending_deadline_then_refers_when_it_has_passed(setup: dict[str, Any]) -> None:
    draft = draft_for(setup["school"], setup["user"], "leaver", leaver_answers("due"))
    leaver = leavers.submit_leaver(draft, actor=setup["user"], today=TODAY, calendar=None, settings=setup["settings"])
    lines = school_sweep.refer_overdue_leavers(date(2026, 12, 7))
    leaver = Leaver.get_by_id(leaver.id)
    assert leaver.information_due == date(2026, 12, 4)
    assert leaver.outcome == LeaverOutcome.REFER_AS_CME.value and len(lines) == 2
    assert school_sweep.refer_overdue_leavers(date(2026, 12, 7)) == [], "a second run changes nothing"


def test_adding_the_term_dates_counts_the_pending_deadlines(
    database: Any, school: Any, school_user: Any, admin: Any
) -> None:
    draft = draft_for(school, school_user, "leaver", leaver_answers("due"))
    leaver = leavers.submit_leaver(draft, actor=school_user, today=TODAY, calendar=None, settings=la_settings())
    term_dates.add_term(name="Autumn 1 2026", first_day=date(2026, 9, 2), last_day=date(2026, 10, 23), actor=admin)
    assert Leaver.get_by_id(leaver.id).information_due is None, "these term dates end before the pupil left"
    term_dates.add_term(name="Autumn 2 2026", first_day=date(2026, 11, 2), last_day=date(2026, 12, 18), actor=admin)
    assert Leaver.get_by_id(leaver.id).information_due == date(2026, 12, 4)
