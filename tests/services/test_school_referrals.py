"""A school's CME referral: the LA's readiness rules, and what the referral puts on the register."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.models import Case, Enquiry, SafeguardingReferral
from portal.models.school_records import SchoolDraft, SchoolReferral
from portal.rules.register import CaseSource, CaseType, RiskLevel
from portal.services import school_referrals
from portal.services.calendar import la_calendar, la_settings
from tests.conftest import TODAY
from tests.services.school_helpers import ALL_ENQUIRIES, draft_for, referral_answers, seed_terms

WITHOUT_ADMISSIONS = [key for key in ALL_ENQUIRIES if key != "new_la_admissions_checked"]


@pytest.fixture
def setup(database: Any, school: Any, school_user: Any) -> dict[str, Any]:
    seed_terms()
    return {"school": school, "user": school_user, "calendar": la_calendar(), "settings": la_settings()}


def _ready(setup: dict[str, Any], answers: dict[str, Any]) -> Any:
    return school_referrals.readiness(answers, today=TODAY, calendar=setup["calendar"], settings=setup["settings"])


@pytest.mark.parametrize(
    ("done", "move_claimed", "ready", "missing"),
    [
        (WITHOUT_ADMISSIONS, False, True, ()),
        ([key for key in WITHOUT_ADMISSIONS if key != "home_visit"], False, False, ("Visit the home",)),
        (
            WITHOUT_ADMISSIONS,
            True,
            False,
            ("Check with the admissions team of the new local authority that it has an application",),
        ),
        (ALL_ENQUIRIES, True, True, ()),
    ],
    ids=["all done, no move", "no home visit", "move claimed, admissions not checked", "move claimed, all done"],
)
def test_readiness(
    setup: dict[str, Any], done: list[str], move_claimed: bool, ready: bool, missing: tuple[str, ...]
) -> None:
    result = _ready(setup, referral_answers(done, move_claimed=move_claimed))
    assert result.ready is ready
    assert result.missing == missing
    assert result.due == date(2026, 11, 30), "10 school days after Monday 16 November"


def test_a_referral_that_is_not_ready_writes_nothing(setup: dict[str, Any]) -> None:
    draft = draft_for(setup["school"], setup["user"], "referral", referral_answers(["letter_sent"]))
    with pytest.raises(school_referrals.NotReadyError) as error:
        school_referrals.submit_referral(
            draft, actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
        )
    assert "Visit the home" in error.value.missing
    assert Case.select().count() == 0 and SchoolDraft.select().count() == 1


def test_a_ready_referral_opens_a_cme_case_with_the_schools_enquiries(setup: dict[str, Any]) -> None:
    answers = referral_answers(WITHOUT_ADMISSIONS, immediate_risk=True)
    draft = draft_for(setup["school"], setup["user"], "referral", answers)
    referral = school_referrals.submit_referral(
        draft, actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )
    case = referral.case
    assert case.case_type == CaseType.CME.value and case.source == CaseSource.SCHOOL_REFERRAL.value
    assert referral.reference == case.reference
    enquiries = list(Enquiry.select().where(Enquiry.case == case))
    assert {enquiry.kind for enquiry in enquiries} == set(WITHOUT_ADMISSIONS)
    assert all(enquiry.party == "school" and enquiry.done_on == date(2026, 11, 23) for enquiry in enquiries)
    safeguarding = SafeguardingReferral.get(SafeguardingReferral.case == case)
    assert safeguarding.referred_on == date(2026, 11, 24) and safeguarding.reference == "SC-123"
    assert SchoolReferral.select().count() == 1 and SchoolDraft.select().count() == 0


@pytest.mark.parametrize(("immediate_risk", "expected"), [(True, RiskLevel.HIGH), (False, RiskLevel.STANDARD)])
def test_only_an_immediate_risk_makes_a_school_referral_high_priority(
    setup: dict[str, Any], immediate_risk: bool, expected: RiskLevel
) -> None:
    answers = referral_answers(WITHOUT_ADMISSIONS, immediate_risk=immediate_risk)
    draft = draft_for(setup["school"], setup["user"], "referral", answers)
    referral = school_referrals.submit_referral(
        draft, actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )
    assert Case.get_by_id(referral.case.id).risk_level == expected.value


def _referral_of(setup: dict[str, Any], dob: date, **options: Any) -> SchoolReferral:
    answers = referral_answers(WITHOUT_ADMISSIONS, **options)
    answers["date-of-birth"] = {"date_of_birth": dob.isoformat()}
    draft = draft_for(setup["school"], setup["user"], "referral", answers)
    return school_referrals.submit_referral(
        draft, actor=setup["user"], today=TODAY, calendar=setup["calendar"], settings=setup["settings"]
    )


def test_a_child_below_compulsory_school_age_is_recorded_but_not_as_cme(setup: dict[str, Any]) -> None:
    referral = _referral_of(setup, date(2022, 1, 10))  # Reception: of CSA from 31 March 2027
    assert referral.case.case_type == CaseType.NOT_CSA.value
    assert "Not of compulsory school age: not a CME case" in referral.case.summary
    assert not Case.select().where(Case.case_type == CaseType.CME.value).exists()


def test_a_young_person_over_compulsory_school_age_is_recorded_but_not_as_cme(setup: dict[str, Any]) -> None:
    referral = _referral_of(setup, date(2009, 8, 1), immediate_risk=True)  # CSA ended 27 June 2025
    assert referral.case.case_type == CaseType.NOT_CSA.value
    assert "it ended on 27 June 2025" in referral.case.summary
    assert referral.case.risk_level == "high", "an immediate risk is seen first whatever the age"


def test_without_term_dates_a_ready_referral_is_taken_with_its_deadline_pending(setup: dict[str, Any]) -> None:
    answers = referral_answers(WITHOUT_ADMISSIONS)
    assert school_referrals.readiness(answers, today=TODAY, calendar=None, settings=setup["settings"]).due is None
    draft = draft_for(setup["school"], setup["user"], "referral", answers)
    referral = school_referrals.submit_referral(
        draft, actor=setup["user"], today=TODAY, calendar=None, settings=setup["settings"]
    )
    assert referral.case.case_type == CaseType.CME.value
    assert referral.case.last_day_in_education == date(2026, 11, 16), "the case page counts from it once it can"
