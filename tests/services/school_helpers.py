"""Answers for the schools' journeys, as the question pages store them, and the demo LA's term dates.

Dates are around tests.conftest.TODAY (Wednesday 25 November 2026, in the autumn term 2 to 18 December 2026).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.demo.core import CLOSURES, TERMS
from portal.models import ClosureDay, School, TermDate, User
from portal.rules.calendar import england_bank_holidays
from portal.services import drafts

# Load the bundled bank holidays at import: importing them later inside a test trips an ImportWarning from pygal's
# import hook, and warnings are errors in this suite.
england_bank_holidays()

Answers = dict[str, dict[str, Any]]

RECENT_LAST_DAY = date(2026, 11, 20)  # 3 school days before TODAY: the information is due on 4 December
LONG_AGO_LAST_DAY = date(2026, 11, 6)  # the 10 school days ended on 20 November, before TODAY


def seed_terms() -> None:
    for name, first, last in TERMS:
        TermDate.create(name=name, first_day=first, last_day=last)
    for day, reason in CLOSURES:
        ClosureDay.create(day=day, reason=reason)


def pupil(
    first: str = "Ava",
    last: str = "Stone",
    dob: date = date(2017, 5, 4),
    year: int = 4,
    flags: list[str] | None = None,
    social_worker: str = "",
) -> Answers:
    return {
        "pupil-name": {"first_name": first, "middle_names": "", "last_name": last},
        "date-of-birth": {"date_of_birth": dob.isoformat()},
        "sex": {"sex": "female"},
        "upn": {"upn": None},
        "year-group": {"year_group": str(year)},
        "home-address": {"line_1": "1 High Street", "line_2": "", "town": "Demo Town", "postcode": "W5 2HL"},
        "parent": {"name": f"Mia {last}", "relationship": "Mother", "phone": "07700 900001", "email": ""},
        "second-parent": {"has_second": "no"},
        "emergency-contact": {"contact_name": "", "contact_relationship": "", "contact_phone": ""},
        "vulnerability": {"flags": flags or ["none"]},
        **({"social-worker": {"social_worker_name": social_worker}} if social_worker else {}),
    }


NEW_ADDRESS: Answers = {
    "new-address": {"moved": "yes"},
    "new-address-details": {
        "new_line_1": "9 Park Lane",
        "new_line_2": "",
        "new_town": "Leeds",
        "new_postcode": "LS1 4AP",
        "moved_on": None,
    },
}
MOVED_AWAY: Answers = {
    "ground": {"ground": "G"},
    "conditions": {"confirmed": ["ceased_to_attend", "not_within_reasonable_distance", "not_boarder"]},
    "ground-details": {"journey_minutes": 70},
    "deletion-date": {"deletion_date": "2026-11-25"},
    "approval": {"approver_name": "Pat Head", "approver_role": "Headteacher"},
}


def leaver_answers(kind: str, last_day: date = RECENT_LAST_DAY, **pupil_options: Any) -> Answers:
    """Complete answers for one leaver outcome: complete, cme, due, ehe, abroad."""
    answers: Answers = {**pupil(**pupil_options), "last-day": {"last_attended": last_day.isoformat()}}
    if kind == "complete":
        answers.update(
            {
                **MOVED_AWAY,
                "ground": {"ground": "A"},
                "conditions": {
                    "confirmed": [
                        "registered_at_other_school",
                        "no_sao_naming_school",
                        "not_mobile_child_main_school",
                        "not_dual_registered",
                    ]
                },
                "destination": {"destination": "uk_school"},
                "new-school": {"school_known": "other"},
                "school-details": {"other_name": "Leeds Primary", "other_address": "Leeds"},
                **NEW_ADDRESS,
                "parent-contact": {"contact": "parent"},
                "admission": {"admitted": "yes"},
                "admission-details": {
                    "admitted_on": "2026-11-30",
                    "how_confirmed": "school_email",
                    "confirmed_by": "J Smith",
                },
            }
        )
        del answers["ground-details"]
    elif kind == "cme":
        answers.update(
            {
                **MOVED_AWAY,
                "destination": {"destination": "unknown"},
                "new-address": {"moved": "not_known"},
                "parent-contact": {"contact": "no"},
            }
        )
    elif kind == "due":
        answers.update(
            {
                **MOVED_AWAY,
                "destination": {"destination": "uk_school"},
                "new-school": {"school_known": "not_known"},
                **NEW_ADDRESS,
                "parent-contact": {"contact": "parent"},
            }
        )
    elif kind == "ehe":
        answers.update(
            {
                "ground": {"ground": "F"},
                "conditions": {
                    "confirmed": [
                        "written_notice",
                        "ceased_or_date_passed",
                        "no_sao_in_force",
                        "special_school_consent",
                    ]
                },
                "ground-details": {"notice_date": "2026-11-18", "effective_date": "2026-11-23"},
                "deletion-date": {"deletion_date": "2026-11-25"},
                "new-address": {"moved": "no"},
                "parent-contact": {"contact": "parent"},
                "approval": {"approver_name": "Pat Head", "approver_role": "Headteacher"},
            }
        )
    elif kind == "abroad":
        answers.update(
            {
                **MOVED_AWAY,
                "ground-details": {"journey_minutes": 999},
                "destination": {"destination": "school_abroad"},
                "abroad": {"country": "Portugal", "address_abroad": "Rua Augusta 10, Lisbon", "school_abroad": ""},
                "responsible-adult": {
                    "adult_name": "Ana Sousa",
                    "adult_relationship": "Grandmother",
                    "adult_phone": "+351 912 345 678",
                    "adult_email": "",
                },
                "parent-contact": {"contact": "parent"},
            }
        )
    else:
        raise ValueError(kind)
    return answers


def abroad_answers(
    first: str = "Zain",
    return_date: date = date(2026, 12, 11),
    letter_1: date = date(2026, 11, 16),
    leave_last_day: date | None = None,
) -> Answers:
    return {
        **pupil(first=first, last="Hussain"),
        "date-left": {"date_left": "2026-11-13"},
        "leave": {"leave_granted": "yes" if leave_last_day else "no"},
        **({"leave-end": {"leave_last_day": leave_last_day.isoformat()}} if leave_last_day else {}),
        "reason": {"reason": "Grandparent unwell", "evidence_of_reason": ""},
        "address-abroad": {"country": "Pakistan", "address_abroad": "House 7, Street 3, Lahore"},
        "responsible-adult": {"adult_name": "Nadia Hussain", "adult_relationship": "Aunt"},
        "contact-details": {"contact_phone": "+92 300 1234567", "contact_email": ""},
        "return-date": {"return_date": return_date.isoformat(), "return_evidence": "Tickets seen"},
        "contact-schedule": {"contact_schedule": "Video call every Monday"},
        "letter-1": {"letter_1_sent_on": letter_1.isoformat()},
    }


ALL_ENQUIRIES = [
    "all_contacts_called",
    "letter_sent",
    "siblings_schools_contacted",
    "known_agencies_contacted",
    "home_visit",
    "new_la_admissions_checked",
]


def referral_answers(done: list[str], *, immediate_risk: bool = False, move_claimed: bool = False) -> Answers:
    enquiries: dict[str, Any] = {}
    for key in done:
        enquiries[f"{key}_on"] = "2026-11-23"
        enquiries[f"{key}_outcome"] = "No answer"
    answers: Answers = {
        "immediate-risk": {"immediate_risk": "yes" if immediate_risk else "no"},
        **pupil(first="Tyler", last="Grant"),
        "last-day": {"last_attended": "2026-11-16"},
        "concern": {"concern": "Stopped attending; phones disconnected"},
        "move-claimed": {"move_claimed": "yes" if move_claimed else "no"},
        **({"move-where": {"where": "Birmingham"}} if move_claimed else {}),
        "enquiries": enquiries,
    }
    if immediate_risk:
        answers["safeguarding"] = {"referred_on": "2026-11-24", "referral_reference": "SC-123"}
    return answers


def part_time_answers(first: str = "Ethan", weeks: int = 4, first_review: str = "2026-11-30") -> Answers:
    start = date(2026, 11, 23)
    return {
        **pupil(first=first, last="Cole", flags=["medical"]),
        "reason": {"reason": "medical", "reason_detail": "Recovering from an operation", "not_behaviour": True},
        "dates": {
            "start_date": start.isoformat(),
            "planned_end_date": date.fromordinal(start.toordinal() + 7 * weeks).isoformat(),
        },
        "reviews": {"first_review": first_review},
        "hours": {"hours_per_week": 15.0, "normal_hours_per_week": 32.5},
        "parental-agreement": {"parent_name": "Mia Cole", "agreed_on": "2026-11-20"},
        "other-provision": {"has_other": "no"},
        "authorised-by": {"authorised_name": "Pat Head", "authorised_role": "Headteacher"},
    }


def draft_for(school: School, user: User, journey: str, answers: Answers, subject_id: int | None = None) -> Any:
    return drafts.start_draft(school, user, journey, answers=answers, subject_id=subject_id)
