"""Reads for the public journeys: the schools list search, the school's own record of a child, and the public
referral and home-education notice shown on the officers' case page (behind an officer's sign-in only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.clock import to_london
from portal.digits import is_digits
from portal.models import Child, ChildFlag, EheNotice, PublicReferral, School
from portal.queries.linked_records import LinkedRecord, linked_record_provider
from portal.rules.register import RiskFlag, ehe_meeting_recommended
from portal.services.children import name_key

SCHOOL_SEARCH_LIMIT = 20


@dataclass(frozen=True)
class SchoolChoice:
    urn: int
    name: str
    detail: str  # town and postcode, and "closed" where it is
    is_special: bool


def find_schools(text: str, *, open_only: bool, limit: int = SCHOOL_SEARCH_LIMIT) -> tuple[list[SchoolChoice], bool]:
    """Schools whose name contains ``text`` (any case), or whose URN it is; and whether there were more."""
    text = " ".join(text.split())[:200]
    if not text:
        return [], False
    # Case-insensitive, with % and _ taken as typed (peewee escapes them): ILIKE on PostgreSQL, LIKE on SQLite.
    match = School.name.contains(text)
    if is_digits(text) and len(text) <= 7:
        match = match | (School.urn == int(text))
    query = School.select().where(match)
    if open_only:
        query = query.where(School.is_open == True)  # noqa: E712 - peewee expression
    rows = list(query.order_by(School.name, School.urn).limit(limit + 1))
    choices = [
        SchoolChoice(
            urn=school.urn,
            name=school.name,
            detail=", ".join(
                part for part in (school.town, school.postcode, "" if school.is_open else "closed") if part
            ),
            is_special=school.is_special,
        )
        for school in rows[:limit]
    ]
    return choices, len(rows) > limit


@dataclass(frozen=True)
class SchoolRecordMatch:
    """What the school's own records say about a child with the same name and date of birth."""

    children: list[Child]
    flags: set[RiskFlag]

    @property
    def meeting_recommended(self) -> bool:
        return ehe_meeting_recommended(self.flags)


def school_record_matches(child: Child, school: School | None) -> SchoolRecordMatch:
    """Children recorded at ``school`` with this child's name and date of birth, and their flags.

    A parent is never asked about social workers, plans or care status: the school's records say (domain brief
    section 6). These are possible duplicates for an officer to confirm, never merged automatically.
    """
    if school is None or child.date_of_birth is None:
        return SchoolRecordMatch([], set())
    matches = list(
        Child.select().where(
            Child.school == school,
            Child.first_name_key == name_key(child.first_name),
            Child.last_name_key == name_key(child.last_name),
            Child.date_of_birth == child.date_of_birth,
            Child.id != child.id,
            Child.anonymised_at.is_null(),
        )
    )
    known = {flag.value: flag for flag in RiskFlag}
    flags = (
        {
            known[row.flag]
            for row in ChildFlag.select().where(ChildFlag.child.in_([match.id for match in matches]))
            if row.flag in known
        }
        if matches
        else set()
    )
    return SchoolRecordMatch(matches, flags)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _moment(value: Any) -> str:
    local = to_london(value)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def _date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}" if value else "Not known"


@linked_record_provider
def public_referrals(case: Any) -> list[LinkedRecord]:
    from portal.services.public_referrals import REASONS, RELATIONSHIPS, SAFEGUARDING_ANSWERS

    records = []
    for referral in PublicReferral.select().where(PublicReferral.case == case).order_by(PublicReferral.id):
        school = referral.last_school.name if referral.last_school_id else (referral.last_school_text or "Not known")
        reasons = [REASONS.get(key, key) for key in referral.reasons.split(",") if key]
        rows = [
            ("Submitted", _moment(referral.submitted_at)),
            (
                "Immediate risk of harm",
                "Yes: " + SAFEGUARDING_ANSWERS.get(referral.safeguarding_contacted, "")
                if referral.immediate_risk
                else "No",
            ),
            ("Last school", school),
            ("Last seen in school", _date(referral.last_seen_in_school)),
            ("Reasons", "; ".join(reasons) or "None given"),
            ("What the referrer told us", referral.concern or "Nothing more"),
            ("Referrer", RELATIONSHIPS.get(referral.referrer_relationship, "Not given")),
        ]
        if referral.referrer_organisation:
            rows.append(("Organisation", referral.referrer_organisation))
        if referral.relationship_detail:
            rows.append(("How they know the child", referral.relationship_detail))
        if referral.anonymous:
            rows.append(("Contact details", "Anonymous: no contact details given"))
        else:
            rows.extend(
                [
                    ("Referrer's name", referral.referrer_name or "Not given"),
                    ("Phone", referral.referrer_phone or "Not given"),
                    ("Email", referral.referrer_email or "Not given"),
                    ("Family may be told who referred", _yes_no(referral.family_may_be_told)),
                ]
            )
        records.append(LinkedRecord(kind="Public referral", title=referral.reference, rows=rows))
    return records


@linked_record_provider
def ehe_notices(case: Any) -> list[LinkedRecord]:
    from portal.services.ehe_notices import MEETING_CHOICES, PLACED_BY_LA_ANSWERS, RELATIONSHIPS

    records = []
    for notice in EheNotice.select().where(EheNotice.case == case).order_by(EheNotice.id):
        school = notice.school.name if notice.school_id else (notice.school_text or "Not given")
        rows = [
            ("Submitted", _moment(notice.submitted_at)),
            ("School", school),
            ("Home education from", _date(notice.effective_date)),
            ("Given by", f"{notice.parent_name} ({RELATIONSHIPS.get(notice.relationship, notice.relationship)})"),
            ("Lives with the child", _yes_no(notice.lives_with_child)),
            ("Phone", notice.phone or "Not given"),
            ("Email", notice.email or "Not given"),
            ("Address", ", ".join(part for part in [*notice.address.splitlines(), notice.postcode] if part)),
            ("Understands what home education means", _yes_no(notice.understands_responsibility)),
            ("Reason", notice.reason or "Not given"),
            ("Meeting asked for", MEETING_CHOICES.get(notice.meeting_requested_with or "no", "No")),
            ("Signed", f"{notice.declaration_name}, {_date(notice.declaration_date)}"),
        ]
        if notice.immediate_risk:
            rows.insert(1, ("Immediate risk of harm", "Yes: the parent was sent to children's services"))
        if notice.placed_by_la:
            rows.append(("Council arranged the place", PLACED_BY_LA_ANSWERS.get(notice.placed_by_la, "")))
        if notice.la_consent_required:
            decision = {"agreed": "given", "refused": "refused"}.get(case.la_decision, "pending")
            rows.append(("LA consent to removal from roll", f"Needed: {decision}"))
        if notice.meeting_offered_on:
            rows.append(
                ("Meeting offered", f"{_date(notice.meeting_offered_on)}: {notice.meeting_outcome or 'no answer yet'}")
            )
        match = school_record_matches(notice.child, notice.school)
        if match.children:
            labels = sorted(flag.label for flag in match.flags)
            rows.append(
                (
                    "School's records",
                    f"{len(match.children)} record(s) with the same name and date of birth. "
                    + (f"Flags: {', '.join(labels)}." if labels else "No flags."),
                )
            )
            rows.append(("Meeting recommended", _yes_no(match.meeting_recommended)))
        records.append(LinkedRecord(kind="Home education notice", title=notice.reference, rows=rows))
    return records
