"""A parent's home-education notice as the school sees it (issue 5): home page, printable notice, meeting, leaver."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import EheNotice, School
from portal.models.school_records import SchoolDraft
from portal.rules.register import CaseSource, CaseType, RiskFlag
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from tests.conftest import TODAY
from tests.pages import check_page
from tests.web.schools.conftest import date_parts, form_data


def make_notice(
    school: School,
    *,
    flags: dict[RiskFlag, str] | None = None,
    consent: bool = False,
    placed_by_la: str = "",
    reference: str = "CME-2026-700001",
) -> EheNotice:
    child = record_child(
        ChildDetails(first_name="Mason", last_name="Price", date_of_birth=date(2015, 2, 3), flags=flags or {}),
        actor=None,
    )
    case = open_case(child=child, case_type=CaseType.EHE, source=CaseSource.PARENT, today=TODAY, actor=None)
    return EheNotice.create(
        reference=reference,
        submission_key=f"key-{reference}",
        child=child,
        case=case,
        school=school,
        parent_name="Jo Price",
        relationship="Mother",
        phone="07700 900009",
        email="jo@example.com",
        address="1 Elm Road",
        postcode="W5 2HL",
        effective_date=date(2026, 12, 1),
        understands_responsibility=True,
        declaration_name="Jo Price",
        declaration_date=date(2026, 11, 24),
        la_consent_required=consent,
        placed_by_la=placed_by_la or ("yes" if consent else ""),
    )


@pytest.fixture
def notice(school: School, term_dates: None) -> EheNotice:
    return make_notice(school, flags={RiskFlag.EHCP: ""}, consent=True)


def test_the_school_home_shows_the_notice_with_its_flags(school_client: FlaskClient, notice: EheNotice) -> None:
    home = check_page(school_client.get("/schools/"))
    assert home.has_text("Home education notices from parents") and home.has_text("Mason Price")
    assert home.has_text("Meeting recommended") and home.has_text("LA consent needed before removal")


@pytest.mark.parametrize(
    ("placed_by_la", "said", "not_said"),
    [
        ("yes", "the parent says the local authority arranged", "does not know"),
        ("unknown", "the parent does not know whether the local authority arranged", "the parent says"),
    ],
)
def test_the_school_is_told_why_consent_is_needed_in_the_parents_words(
    school_client: FlaskClient, school: School, term_dates: None, placed_by_la: str, said: str, not_said: str
) -> None:
    notice = make_notice(school, consent=True, placed_by_la=placed_by_la)
    page = check_page(school_client.get(f"/schools/ehe-notices/{notice.id}"))
    assert page.has_text(said) and not page.has_text(not_said)


def test_the_printable_notice(school_client: FlaskClient, notice: EheNotice) -> None:
    page = check_page(school_client.get(f"/schools/ehe-notices/{notice.id}"))
    assert page.h1 == ["Home education notice: Mason Price"]
    assert page.has_text("Jo Price, 24 November 2026") and page.has_text("1 December 2026")
    assert page.has_text("consent is needed before the pupil can be removed") and page.has_text("meeting")
    assert 'class="app-print-hidden"' in page.html, "page furniture is left off the printout"


def test_no_meeting_recommended_for_a_child_without_those_flags(
    school_client: FlaskClient, school: School, term_dates: None
) -> None:
    plain = make_notice(school)
    page = check_page(school_client.get(f"/schools/ehe-notices/{plain.id}"))
    assert not page.has_text("A meeting with the parent is recommended")
    assert not page.has_text("consent is needed")


def test_recording_the_meeting_offer(school_client: FlaskClient, notice: EheNotice) -> None:
    url = f"/schools/ehe-notices/{notice.id}/meeting"
    check_page(school_client.get(url))
    bad = check_page(school_client.post(url, data=form_data(date_parts("offered_on", date(2026, 11, 30)))))
    assert "The date must be today or in the past" in bad.error_summary
    assert "Select whether the parent accepted the meeting" in bad.error_summary
    page = check_page(
        school_client.post(
            url,
            follow_redirects=True,
            data=form_data([*date_parts("offered_on", date(2026, 11, 24)), ("outcome", "declined")]),
        )
    )
    assert page.has_text("Meeting offered on 24 November 2026: declined")
    notice = EheNotice.get_by_id(notice.id)
    assert notice.meeting_offered_on == date(2026, 11, 24) and notice.meeting_outcome == "declined"


def test_the_leaver_wizard_starts_with_ground_f_from_the_notice(school_client: FlaskClient, notice: Any) -> None:
    page = check_page(school_client.get(f"/schools/leavers/new?ehe_notice={notice.id}"))
    assert page.has_text("ground F") and page.has_text("consent is needed before the pupil can be removed")
    response = school_client.post("/schools/leavers/new", data={"ehe_notice": str(notice.id)})
    draft = SchoolDraft.get()
    assert draft.subject_id == notice.id and response.headers["Location"].endswith("/sex")
    answers = draft.answers
    assert '"ground": "F"' in answers and '"effective_date": "2026-12-01"' in answers
    page = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/pupil-name"))
    assert 'value="Mason"' in page.html
    assert f'href="/schools/ehe-notices/{notice.id}"' in page.html, "Back from the first question goes to the notice"


def test_another_schools_notice_cannot_start_a_leaver(
    school_client: FlaskClient, other_school: School, term_dates: None
) -> None:
    theirs = make_notice(other_school)
    assert school_client.get(f"/schools/leavers/new?ehe_notice={theirs.id}").status_code == 404
    assert school_client.post("/schools/leavers/new", data={"ehe_notice": str(theirs.id)}).status_code == 404
    assert SchoolDraft.select().count() == 0
