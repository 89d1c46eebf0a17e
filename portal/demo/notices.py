"""Demo public referrals and parents' home-education notices, in different states.

Made through the same services as the real journeys (no emails: the demo sends none). Idempotent: each has a fixed
submission key, and the services return the existing record for a key already used. Dates are relative to the day
it runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from portal.clock import today as clock_today
from portal.db import db
from portal.models import Case, EheNotice, School, User
from portal.models.fields import utc_now
from portal.rules.register import CaseStatus, ClosureReason, RiskFlag
from portal.services.cases import add_event
from portal.services.children import AddressDetails, ChildDetails, record_child
from portal.services.ehe_notices import NoticeDetails, submit_notice
from portal.services.ehe_notices import find_by_submission_key as find_notice
from portal.services.public_referrals import ReferralDetails, submit_referral

RIVERSIDE, HILLCREST, OAKWOOD_SPECIAL = 990001, 990002, 990105


def _referrals(today: date) -> list[tuple[str, ReferralDetails, str]]:
    """(submission key, answers, state to leave the case in)."""
    return [
        (
            "demo-public-1",
            ReferralDetails(
                first_name="Kian",
                other_names="Kiyan",
                approximate_age=11,
                sex="male",
                address=AddressDetails(line_1="Flat 3, Acton Lane", note="Above the launderette"),
                last_school_text="Don't know, maybe a school in another borough",
                reasons=["never_seen", "works"],
                concern="Seen helping at the car wash on weekday mornings since September.",
                relationship="neighbour",
            ),
            "received",
        ),
        (
            "demo-public-2",
            ReferralDetails(
                first_name="Leila",
                last_name="Haddad",
                date_of_birth=date(2014, 6, 2),
                sex="female",
                address=AddressDetails(line_1="22 Church Road", town="Demo Town", postcode="DT1 2AB"),
                last_school_urn=RIVERSIDE,
                last_seen_in_school=today - timedelta(days=40),
                reasons=["taken_out", "other"],
                concern="Her aunt says she was taken out of school and is kept at home to look after younger children.",
                immediate_risk=True,
                safeguarding_contacted="contacted",
                relationship="relative",
                referrer_name="Mariam Haddad",
                referrer_phone="07700 900123",
                family_may_be_told=False,
            ),
            "received",
        ),
        (
            "demo-public-3",
            ReferralDetails(
                first_name="Tomasz",
                last_name="Nowicki",
                date_of_birth=date(2016, 1, 19),
                sex="male",
                address=AddressDetails(line_1="7 Station Parade", town="Demo Town", postcode="DT2 3CD"),
                reasons=["moved_in"],
                concern="Family moved here in the summer; no school place yet as far as I know.",
                relationship="professional",
                organisation="Demo Health visiting team",
                referrer_name="Ruth Fielding",
                referrer_email="ruth.fielding@example.nhs.uk",
                family_may_be_told=True,
            ),
            "with_officer",
        ),
        (
            "demo-public-4",
            ReferralDetails(
                first_name="Grace",
                last_name="Osei",
                approximate_age=8,
                sex="female",
                reasons=["never_seen"],
                relationship="not_say",
            ),
            "closed",
        ),
    ]


def _notices(today: date) -> list[tuple[str, NoticeDetails, str]]:
    def notice(**values: object) -> NoticeDetails:
        base: dict[str, object] = dict(
            relationship="mother",
            lives_with_child=True,
            phone="07700 900456",
            address_line_1="14 Elm Grove",
            town="Demo Town",
            postcode="DT3 4EF",
            school_urn=RIVERSIDE,
            effective_date=today + timedelta(days=7),
            understands_responsibility=True,
            declaration_date=today,
        )
        base.update(values)
        return NoticeDetails(**base)  # type: ignore[arg-type]

    return [
        (
            "demo-ehe-1",
            notice(
                parent_name="Helen Carter",
                declaration_name="Helen Carter",
                first_name="Evie",
                last_name="Carter",
                date_of_birth=date(2017, 4, 12),
                email="helen.carter@example.com",
                reason="We want a more flexible, outdoor education for a while.",
                meeting_requested_with="school",
            ),
            "new",
        ),
        (
            "demo-ehe-2",
            notice(
                parent_name="David Mensah",
                declaration_name="David Mensah",
                relationship="father",
                first_name="Kofi",
                last_name="Mensah",
                date_of_birth=date(2015, 10, 3),
                effective_date=today + timedelta(days=3),
                meeting_requested_with="both",
            ),
            "meeting_accepted",
        ),
        (
            "demo-ehe-3",
            notice(
                parent_name="Anna Kowalska",
                declaration_name="Anna Kowalska",
                first_name="Zofia",
                last_name="Kowalska",
                date_of_birth=date(2013, 2, 27),
                school_urn=HILLCREST,
                effective_date=today,
                meeting_requested_with="no",
            ),
            "left_roll",
        ),
        (
            "demo-ehe-4",
            notice(
                parent_name="Sarah Bennett",
                declaration_name="Sarah Bennett",
                first_name="Oliver",
                last_name="Bennett",
                date_of_birth=date(2012, 8, 30),
                school_urn=OAKWOOD_SPECIAL,
                placed_by_la="yes",
                effective_date=today + timedelta(days=14),
                meeting_requested_with="la",
            ),
            "consent_pending",
        ),
        (
            "demo-ehe-5",
            notice(
                parent_name="Joanne Price",
                declaration_name="Joanne Price",
                first_name="Mason",
                last_name="Price",
                date_of_birth=date(2014, 11, 8),
                effective_date=today + timedelta(days=10),
                meeting_requested_with="no",
            ),
            "school_flags",
        ),
    ]


def _officer() -> User | None:
    return User.get_or_none(User.email == "officer@demo.example")


def seed_notices() -> Iterator[str]:
    today = clock_today()
    if School.select().where(School.urn.in_([RIVERSIDE, HILLCREST, OAKWOOD_SPECIAL])).count() != 3:
        yield "Public referrals and home education notices: the demo schools are missing, nothing seeded"
        return
    made = 0
    for key, details, state in _referrals(today):
        result = submit_referral(details, submission_key=key, today=today, notify=None)
        if result.created:
            made += 1
            _leave_referral_in(Case.get(Case.reference == result.reference), state)
    notices = 0
    for key, ehe, state in _notices(today):
        if find_notice(key) is None and state == "school_flags":
            _school_record_with_flags(ehe)
        result = submit_notice(ehe, submission_key=key, today=today, notify=None)
        if result.created:
            notices += 1
            _leave_notice_in(EheNotice.get(EheNotice.reference == result.reference), state, today)
    yield f"Public referrals: {made} created; home education notices: {notices} created"


def _leave_referral_in(case: Case, state: str) -> None:
    officer = _officer()
    with db.atomic():
        if state == "with_officer":
            case.status, case.assigned_to = CaseStatus.WITH_OFFICER.value, officer
            case.next_action = "Check admissions for an in-year application"
            add_event(case, "note", "Checked the register: no school place found yet", actor=officer)
        elif state == "closed":
            case.status, case.closure_reason = CaseStatus.CLOSED.value, ClosureReason.ON_ROLL.value
            case.closed_at, case.next_action, case.next_action_date = utc_now(), "", None
            case.closure_detail = "Found on roll at Brookside Primary School"
            add_event(case, "closed", "Closed: on roll at a school", actor=officer)
        case.save()


def _leave_notice_in(notice: EheNotice, state: str, today: date) -> None:
    with db.atomic():
        if state == "meeting_accepted":
            notice.meeting_offered_on, notice.meeting_outcome = today - timedelta(days=1), "accepted"
        elif state == "left_roll":
            notice.meeting_offered_on, notice.meeting_outcome = today - timedelta(days=5), "declined"
            notice.leaver_recorded = True
            case = notice.case
            case.status, case.assigned_to = CaseStatus.WITH_OFFICER.value, _officer()
            case.next_action = "Initial contact with the family about their home education plans"
            case.save()
        notice.save()


def _school_record_with_flags(ehe: NoticeDetails) -> None:
    """The school's own record of the child, with flags the parent is never asked about."""
    with db.atomic():
        record_child(
            ChildDetails(
                first_name=ehe.first_name,
                last_name=ehe.last_name,
                date_of_birth=ehe.date_of_birth,
                school=School.get(School.urn == RIVERSIDE),
                flags={RiskFlag.SOCIAL_WORKER: "Social worker: Jo Adeyemi", RiskFlag.EHCP: ""},
            ),
            actor=None,
        )
