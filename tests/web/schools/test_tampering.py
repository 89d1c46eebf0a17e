"""One school cannot read or change another school's records by changing an id in the URL (issue 2, point 5).

Every schools route that takes an id answers 404 to another school, for GET and POST alike: a 403 would tell it that
the id exists.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.exceptions import MethodNotAllowed

from portal.models import Case
from portal.models.school_records import (
    AbroadRecord,
    ApPlacement,
    Leaver,
    PartTimeTimetable,
    PupilNotAttending,
    SchoolDraft,
    SchoolReferral,
)
from tests.conftest import sign_in_as
from tests.services.school_helpers import (
    ALL_ENQUIRIES,
    abroad_answers,
    draft_for,
    leaver_answers,
    part_time_answers,
    pupil,
    referral_answers,
)
from tests.web.schools.conftest import URLS
from tests.web.schools.test_ehe_notices import make_notice

FIRST_STEP = {
    "leaver": "pupil-name",
    "leaver_info": "new-school",
    "abroad": "pupil-name",
    "referral": "immediate-risk",
    "part_time": "pupil-name",
    "ap_placement": "pupil-name",
    "not_attending": "pupil-name",
}


def _records(school: Any, user: Any) -> dict[str, Any]:
    """One of everything, owned by ``school``."""
    client_answers = {
        "leaver": leaver_answers("due"),
        "abroad": abroad_answers(),
        "referral": referral_answers([key for key in ALL_ENQUIRIES if key != "new_la_admissions_checked"]),
        "part_time": part_time_answers(),
        "ap_placement": {
            **pupil(),
            "provider": {"provider": "P", "arranged_by": "school"},
            "ap-hours": {"hours_per_week": 5.0},
            "ap-dates": {"start_date": "2026-11-02"},
        },
        "not_attending": {
            **pupil(),
            "reason": {"reason": "ebsa"},
            "since": {"since": "2026-11-02"},
            "actions": {"actions": "Meetings"},
        },
    }
    from portal.services import abroad, leavers, returns, school_referrals
    from portal.services.calendar import la_calendar, la_settings
    from tests.conftest import TODAY

    calendar, settings = la_calendar(), la_settings()
    leaver = leavers.submit_leaver(
        draft_for(school, user, "leaver", client_answers["leaver"]),
        actor=user,
        today=TODAY,
        calendar=calendar,
        settings=settings,
    )
    record = abroad.submit_abroad(
        draft_for(school, user, "abroad", client_answers["abroad"]),
        actor=user,
        today=TODAY,
        calendar=calendar,
        settings=settings,
    )
    abroad.record_letter_2(record, TODAY, actor=user, today=TODAY)
    Case.update(la_decision="agreed").where(Case.id == record.case_id).execute()
    referral = school_referrals.submit_referral(
        draft_for(school, user, "referral", client_answers["referral"]),
        actor=user,
        today=TODAY,
        calendar=calendar,
        settings=settings,
    )
    part_time = returns.submit_part_time(
        draft_for(school, user, "part_time", client_answers["part_time"]), actor=user, today=TODAY
    )
    ap = returns.submit_ap_placement(
        draft_for(school, user, "ap_placement", client_answers["ap_placement"]), actor=user, today=TODAY
    )
    na = returns.submit_not_attending(
        draft_for(school, user, "not_attending", client_answers["not_attending"]), actor=user, today=TODAY
    )
    drafts = {journey: draft_for(school, user, journey, answers) for journey, answers in client_answers.items()}
    drafts["leaver_info"] = draft_for(school, user, "leaver_info", leavers.leaver_answers(leaver), leaver.id)
    return {
        "leaver": leaver,
        "abroad": record,
        "referral": referral,
        "part_time": part_time,
        "ap": ap,
        "na": na,
        "drafts": drafts,
        "notice": make_notice(school),
    }


def _urls(records: dict[str, Any]) -> list[str]:
    urls = []
    for journey, draft in records["drafts"].items():
        base = f"/schools/{URLS[journey]}/{draft.id}"
        urls += [f"{base}/{FIRST_STEP[journey]}", f"{base}/check", f"{base}/discard", f"/schools/drafts/{draft.id}"]
    leaver, record, referral = records["leaver"].id, records["abroad"].id, records["referral"].id
    urls += [
        f"/schools/leavers/{leaver}",
        f"/schools/leavers/{leaver}/confirmation",
        f"/schools/leavers/{leaver}/information",
    ]
    urls += [
        f"/schools/abroad/{record}",
        f"/schools/abroad/{record}/confirmation",
        f"/schools/abroad/{record}/returned-today",
        f"/schools/abroad/{record}/removal",
        f"/schools/abroad/{record}/removal/G",
    ]
    urls += [
        f"/schools/abroad/{record}/stages/{kind}"
        for kind in ("response", "no-response", "letter-2", "returned", "not-returned")
    ]
    urls += [f"/schools/referrals/{referral}", f"/schools/referrals/{referral}/confirmation"]
    part_time = records["part_time"].id
    urls += [f"/schools/returns/part_time/{part_time}"]
    urls += [f"/schools/returns/part_time/{part_time}/actions/{action}" for action in ("review", "extend", "end")]
    urls += [
        f"/schools/returns/ap_placement/{records['ap'].id}",
        f"/schools/returns/ap_placement/{records['ap'].id}/close",
    ]
    urls += [
        f"/schools/returns/not_attending/{records['na'].id}",
        f"/schools/returns/not_attending/{records['na'].id}/close",
    ]
    notice = records["notice"].id
    urls += [
        f"/schools/ehe-notices/{notice}",
        f"/schools/ehe-notices/{notice}/meeting",
        f"/schools/leavers/new?ehe_notice={notice}",
    ]
    return urls


def test_every_schools_route_with_an_id_is_covered(app: Flask, school: Any, school_user: Any, term_dates: None) -> None:
    urls = _urls(_records(school, school_user))
    adapter = app.url_map.bind("localhost")

    def endpoint(url: str) -> str:
        try:
            return str(adapter.match(url.split("?")[0], method="POST")[0])
        except MethodNotAllowed:
            return str(adapter.match(url.split("?")[0], method="GET")[0])

    covered = {endpoint(url) for url in urls}
    with_ids = {
        rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("schools.") and rule.arguments
    }
    assert with_ids - covered == set()


def test_another_school_gets_404_for_every_id(
    app: Flask, school: Any, school_user: Any, other_school_user: Any, term_dates: None
) -> None:
    records = _records(school, school_user)
    counts = {
        model: model.select().count()
        for model in (
            Leaver,
            AbroadRecord,
            SchoolReferral,
            PartTimeTimetable,
            ApPlacement,
            PupilNotAttending,
            SchoolDraft,
        )
    }
    own = sign_in_as(app.test_client(), school_user)
    other = sign_in_as(app.test_client(), other_school_user)
    failures = []
    for url in _urls(records):
        if not url.endswith("returned-today") and own.get(url).status_code == 404:
            failures.append(f"own school GET {url}: 404")
        for method in ("GET", "POST"):
            status = other.open(url, method=method, data={"on": ["25", "11", "2026"]}).status_code
            if status not in (404, 405):
                failures.append(f"other school {method} {url}: {status}")
    assert failures == []
    assert {model: model.select().count() for model in counts} == counts, "nothing changed"
    assert AbroadRecord.get_by_id(records["abroad"].id).stage == "letter_2_sent"
