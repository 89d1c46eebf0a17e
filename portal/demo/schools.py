"""Demo data for the demo school (school@demo.example, Riverside Primary School, URN 990001).

Drafts in progress, leavers (complete, referred as CME, information due, not of compulsory school age), pupils
abroad at different stages, a CME referral, part-time timetables (one review overdue), an AP placement and a pupil
not attending. Everything goes through the same services as the school's own journeys, with dates relative to
today. Idempotent: each item is looked up by the pupil's name first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from flask import current_app, has_app_context

from portal import clock
from portal.models import Child, School, User
from portal.models.school_records import (
    AbroadRecord,
    ApPlacement,
    Leaver,
    PartTimeTimetable,
    PupilNotAttending,
    SchoolDraft,
    SchoolReferral,
)
from portal.rules.calendar import SchoolCalendar
from portal.rules.school_age import national_curriculum_year
from portal.services import abroad, drafts, leavers, returns, school_referrals
from portal.services.calendar import CalendarMissingError, la_calendar, la_settings

DEMO_SCHOOL_URN = 990001
DEMO_USER = "school@demo.example"


def _iso(day: date) -> str:
    return day.isoformat()


def school_days_ago(calendar: SchoolCalendar, today: date, n: int) -> date:
    """The latest day with at least ``n`` school days after it up to today."""
    day = today
    while calendar.school_days_between(day, today) < n:
        day -= timedelta(days=1)
    return day


def _pupil(first: str, last: str, dob: date, year: int) -> dict[str, dict[str, Any]]:
    return {
        "pupil-name": {"first_name": first, "middle_names": "", "last_name": last},
        "date-of-birth": {"date_of_birth": _iso(dob)},
        "sex": {"sex": "female" if first in ("Amara", "Grace", "Lily", "Sofia", "Maya") else "male"},
        "upn": {"upn": None},
        "year-group": {"year_group": str(year)},
        "home-address": {"line_1": "12 Willow Road", "line_2": "", "town": "Demo Town", "postcode": "W5 2HL"},
        "parent": {"name": f"Sam {last}", "relationship": "Parent", "phone": "07700 900123", "email": ""},
        "second-parent": {"has_second": "no"},
        "emergency-contact": {"contact_name": "", "contact_relationship": "", "contact_phone": ""},
        "vulnerability": {"flags": ["none"]},
    }


def _has_leaver(school: School, first: str, last: str) -> bool:
    return (
        Leaver.select()
        .join(Child, on=(Leaver.child == Child.id))
        .where(Leaver.school == school, Child.first_name == first, Child.last_name == last)
        .exists()
    )


def _leavers(school: School, user: User, today: date, calendar: SchoolCalendar, settings: Any) -> Iterator[str]:
    moved = {
        "conditions": {"confirmed": ["ceased_to_attend", "not_within_reasonable_distance", "not_boarder"]},
        "ground-details": {"journey_minutes": 70},
        "deletion-date": {"deletion_date": _iso(today)},
        "approval": {"approver_name": "Priya Patel", "approver_role": "Headteacher"},
    }
    people = [
        # Complete: a confirmed place at another school in the borough (ground A).
        (
            "Oliver",
            "Bennett",
            date(2018, 3, 14),
            3,
            {
                "last-day": {"last_attended": _iso(school_days_ago(calendar, today, 2))},
                "ground": {"ground": "A"},
                "conditions": {
                    "confirmed": [
                        "registered_at_other_school",
                        "no_sao_naming_school",
                        "not_mobile_child_main_school",
                        "not_dual_registered",
                    ]
                },
                "deletion-date": {"deletion_date": _iso(today)},
                "destination": {"destination": "uk_school"},
                "new-school": {"school_known": "listed"},
                "school-search": {"query": "990101", "urn": "990101", "school_name": "Brookside Primary School"},
                "new-address": {"moved": "yes"},
                "new-address-details": {
                    "new_line_1": "4 Brook Street",
                    "new_town": "Demo Town",
                    "new_postcode": "W13 9AB",
                },
                "parent-contact": {"contact": "parent"},
                "admission": {"admitted": "yes"},
                "admission-details": {
                    "admitted_on": _iso(today),
                    "how_confirmed": "school_email",
                    "confirmed_by": "A Clarke, office manager",
                },
                "approval": {"approver_name": "Priya Patel", "approver_role": "Headteacher"},
            },
        ),
        # Missing education: moved away, nobody knows where (ground G, destination unknown).
        (
            "Amara",
            "Okafor",
            date(2017, 10, 2),
            4,
            {
                "last-day": {"last_attended": _iso(school_days_ago(calendar, today, 6))},
                "ground": {"ground": "G"},
                **moved,
                "destination": {"destination": "unknown"},
                "new-address": {"moved": "not_known"},
                "parent-contact": {"contact": "no"},
            },
        ),
        # Information due: moving to a school elsewhere in the UK, not yet confirmed.
        (
            "Leo",
            "Marsh",
            date(2019, 1, 22),
            2,
            {
                "last-day": {"last_attended": _iso(school_days_ago(calendar, today, 3))},
                "ground": {"ground": "G"},
                **moved,
                "destination": {"destination": "uk_school"},
                "new-school": {"school_known": "not_known"},
                "new-address": {"moved": "yes"},
                "new-address-details": {"new_line_1": "9 Park Lane", "new_town": "Leeds", "new_postcode": "LS1 4AP"},
                "parent-contact": {"contact": "parent"},
            },
        ),
    ]
    # Not of compulsory school age: a four-year-old gone, nobody knows where (recorded, but not as a CME case).
    young = date(today.year - 4, 1, 10)
    people.append(
        (
            "Maya",
            "Clarke",
            young,
            national_curriculum_year(young, today) or 0,
            {
                "last-day": {"last_attended": _iso(school_days_ago(calendar, today, 6))},
                "ground": {"ground": "stopped_attending"},
                "deletion-date": {"deletion_date": _iso(today)},
                "approval": {"approver_name": "Priya Patel", "approver_role": "Headteacher"},
                "destination": {"destination": "unknown"},
                "new-address": {"moved": "not_known"},
                "parent-contact": {"contact": "no"},
            },
        )
    )
    for first, last, dob, year, answers in people:
        if _has_leaver(school, first, last):
            continue
        draft = drafts.start_draft(school, user, "leaver", answers={**_pupil(first, last, dob, year), **answers})
        leaver = leavers.submit_leaver(draft, actor=user, today=today, calendar=calendar, settings=settings)
        yield f"Leaver {first} {last}: {leaver.outcome} ({leaver.reference})"


def _has_abroad(school: School, first: str) -> bool:
    return (
        AbroadRecord.select()
        .join(Child, on=(AbroadRecord.child == Child.id))
        .where(AbroadRecord.school == school, Child.first_name == first)
        .exists()
    )


def _abroad(school: School, user: User, today: date, calendar: SchoolCalendar, settings: Any) -> Iterator[str]:
    pupils = [
        ("Zain", "Hussain", date(2016, 6, 9), 5, 2, 20, None),
        ("Sofia", "Rossi", date(2018, 11, 30), 3, 14, 10, "response"),
        ("Yusuf", "Ali", date(2017, 2, 17), 4, 25, -5, "letter_2"),
        ("Maya", "Singh", date(2019, 8, 1), 2, 20, -2, "returned"),
    ]
    for first, last, dob, year, left_days_ago, return_in_days, stage in pupils:
        if _has_abroad(school, first):
            continue
        left = school_days_ago(calendar, today, left_days_ago)
        answers = {
            **_pupil(first, last, dob, year),
            "date-left": {"date_left": _iso(left)},
            "reason": {"reason": "Visiting family who are unwell", "evidence_of_reason": ""},
            "address-abroad": {
                "country": "Pakistan" if first in ("Zain", "Yusuf") else "Italy",
                "address_abroad": "House 7, Street 3, Lahore" if first in ("Zain", "Yusuf") else "Via Roma 12, Napoli",
            },
            "responsible-adult": {"adult_name": f"Nadia {last}", "adult_relationship": "Aunt"},
            "contact-details": {"contact_phone": "+92 300 1234567", "contact_email": ""},
            "return-date": {
                "return_date": _iso(today + timedelta(days=return_in_days)),
                "return_evidence": "Return flight tickets seen",
            },
            "contact-schedule": {"contact_schedule": "Video call every Monday at 10am with the parent and pupil"},
            "letter-1": {"letter_1_sent_on": _iso(left)},
        }
        draft = drafts.start_draft(school, user, "abroad", answers=answers)
        record = abroad.submit_abroad(draft, actor=user, today=today, calendar=calendar, settings=settings)
        if stage == "response":
            abroad.record_response(record, left + timedelta(days=3), actor=user)
        elif stage == "letter_2":
            abroad.record_no_response(record, today, actor=user, today=today)
            abroad.record_letter_2(record, today, actor=user, today=today)
        elif stage == "returned":
            abroad.record_returned(record, today, actor=user)
        yield f"Pupil abroad {first} {last}: {record.stage} ({record.reference})"


def _referral(school: School, user: User, today: date, calendar: SchoolCalendar, settings: Any) -> Iterator[str]:
    if (
        SchoolReferral.select()
        .join(Child, on=(SchoolReferral.child == Child.id))
        .where(SchoolReferral.school == school, Child.first_name == "Tyler")
        .exists()
    ):
        return
    last = school_days_ago(calendar, today, 8)
    enquiry_day = _iso(min(today, last + timedelta(days=3)))
    keys = [
        "all_contacts_called",
        "letter_sent",
        "siblings_schools_contacted",
        "known_agencies_contacted",
        "home_visit",
    ]
    enquiries: dict[str, Any] = {}
    for key in keys:
        enquiries[f"{key}_on"] = enquiry_day
        enquiries[f"{key}_outcome"] = "No answer; house appears empty" if key == "home_visit" else "No contact"
    answers = {
        "immediate-risk": {"immediate_risk": "no"},
        **_pupil("Tyler", "Grant", date(2016, 9, 5), 5),
        "last-day": {"last_attended": _iso(last)},
        "concern": {"concern": "Stopped attending without notice; phones disconnected."},
        "move-claimed": {"move_claimed": "no"},
        "enquiries": enquiries,
    }
    draft = drafts.start_draft(school, user, "referral", answers=answers)
    referral = school_referrals.submit_referral(draft, actor=user, today=today, calendar=calendar, settings=settings)
    yield f"CME referral Tyler Grant ({referral.reference})"


def _returns(school: School, user: User, today: date) -> Iterator[str]:
    timetables = [
        ("Ethan", "Cole", date(2017, 4, 11), 4, today - timedelta(days=10), today + timedelta(days=4)),
        ("Grace", "Hall", date(2016, 12, 3), 5, today - timedelta(days=20), today - timedelta(days=3)),
    ]
    for first, last, dob, year, start, review in timetables:
        if (
            PartTimeTimetable.select()
            .where(PartTimeTimetable.school == school, PartTimeTimetable.first_name == first)
            .exists()
        ):
            continue
        answers = {
            **_pupil(first, last, dob, year),
            "vulnerability": {"flags": ["medical"]},
            "reason": {
                "reason": "medical",
                "reason_detail": "Building up to full days after an operation",
                "not_behaviour": True,
            },
            "dates": {"start_date": _iso(start), "planned_end_date": _iso(start + timedelta(weeks=6))},
            "reviews": {"first_review": _iso(review)},
            "hours": {"hours_per_week": 15.0, "normal_hours_per_week": 32.5},
            "parental-agreement": {"parent_name": f"Sam {last}", "agreed_on": _iso(start - timedelta(days=2))},
            "other-provision": {"has_other": "no"},
            "authorised-by": {"authorised_name": "Priya Patel", "authorised_role": "Headteacher"},
        }
        draft = drafts.start_draft(school, user, "part_time", answers=answers)
        timetable = returns.submit_part_time(draft, actor=user, today=today)
        yield f"Part-time timetable {first} {last} ({timetable.reference})"
    returns.flag_overdue_reviews(today)
    if not ApPlacement.select().where(ApPlacement.school == school).exists():
        answers = {
            **_pupil("Noah", "Price", date(2016, 7, 19), 5),
            "provider": {"provider": "Riverside Learning Centre", "provider_address": "", "arranged_by": "school"},
            "ap-hours": {"hours_per_week": 10.0},
            "ap-dates": {"start_date": _iso(today - timedelta(days=30)), "end_date": None},
        }
        placement = returns.submit_ap_placement(
            drafts.start_draft(school, user, "ap_placement", answers=answers), actor=user, today=today
        )
        yield f"Alternative provision Noah Price ({placement.reference})"
    if not PupilNotAttending.select().where(PupilNotAttending.school == school).exists():
        answers = {
            **_pupil("Lily", "Evans", date(2017, 1, 8), 4),
            "reason": {"reason": "ebsa", "reason_detail": "Anxiety about school since the summer"},
            "since": {"since": _iso(today - timedelta(days=21))},
            "actions": {"actions": "Weekly meetings with the family; referral to the mental health support team"},
        }
        record = returns.submit_not_attending(
            drafts.start_draft(school, user, "not_attending", answers=answers), actor=user, today=today
        )
        yield f"Pupil not attending Lily Evans ({record.reference})"


def _drafts(school: School, user: User) -> Iterator[str]:
    samples = [
        (
            "leaver",
            {
                "pupil-name": {"first_name": "Harry", "middle_names": "", "last_name": "Wilson"},
                "date-of-birth": {"date_of_birth": "2018-05-20"},
            },
        ),
        ("abroad", {"pupil-name": {"first_name": "Ibrahim", "middle_names": "", "last_name": "Khan"}}),
    ]
    for journey, answers in samples:
        name = f"{answers['pupil-name']['first_name']} {answers['pupil-name']['last_name']}"
        if SchoolDraft.select().where(SchoolDraft.school == school, SchoolDraft.pupil_name == name).exists():
            continue
        drafts.start_draft(school, user, journey, answers=answers, pupil_name=name)
        yield f"Draft {journey} for {name}"


def seed_school_records() -> Iterator[str]:
    school = School.select().where(School.urn == DEMO_SCHOOL_URN).first()
    user = User.select().where(User.email == DEMO_USER).first()
    if school is None or user is None:
        return
    try:
        calendar = la_calendar()
    except CalendarMissingError:
        yield "School records: no term dates, nothing seeded"
        return
    settings = la_settings(current_app.config["LA_CODE"] if has_app_context() else None)
    today = clock.today()
    if not calendar.first_day + timedelta(days=60) <= today <= calendar.last_day:
        yield "School records: today is outside the demo term dates, nothing seeded"
        return
    yield from _drafts(school, user)
    yield from _leavers(school, user, today, calendar, settings)
    yield from _abroad(school, user, today, calendar, settings)
    yield from _referral(school, user, today, calendar, settings)
    yield from _returns(school, user, today)
