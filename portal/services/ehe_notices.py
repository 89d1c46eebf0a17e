"""A parent's written notice that their child will be educated at home (elective home education, EHE).

The law (domain brief section 6): a parent must cause their child to receive suitable full-time education "by
regular attendance at school or otherwise" (Education Act 1996 s.7); no permission is needed to home educate. A
parent who withdraws a child notifies the school in writing, and the school must then delete the pupil on ground F
(SI 2024/208 reg 9(1)(f)) from the date given, and send a deletion return to the LA. The one exception the portal
handles here: a pupil the LA placed at a special school cannot be deleted without the LA's consent (see
``portal.rules.deletion_grounds.consent_required_as_answered``).

The notice records the child (possible duplicates suggested, never merged), opens an EHE case from a parent
source for the LA's EHE officer, and writes the audit, in one transaction; the emails to the CME team, the school
and the parent are queued in it and sent after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from portal.db import db
from portal.models import Case, EheNotice, School
from portal.queries.notices import school_record_matches
from portal.rules.deletion_grounds import PlacementAnswer, consent_required_as_answered
from portal.rules.register import CaseSource, CaseType, risk_level_on_arrival
from portal.services import email
from portal.services.audit import audit
from portal.services.cases import add_event, open_case
from portal.services.children import AddressDetails, ChildDetails, ContactDetails, child_flags, record_child
from portal.services.public_referrals import Notify, Submitted, suggest_duplicates

RELATIONSHIPS: dict[str, str] = {
    "mother": "Mother",
    "father": "Father",
    "guardian": "Guardian or other person with parental responsibility",
    "carer": "Someone else who cares for the child",
}

MEETING_CHOICES: dict[str, str] = {
    "no": "No",
    "school": "Yes, with the school",
    "la": "Yes, with the council",
    "both": "Yes, with the school and the council",
}

PLACED_BY_LA_ANSWERS: dict[str, str] = {
    PlacementAnswer.YES.value: "Yes",
    PlacementAnswer.NO.value: "No",
    PlacementAnswer.NOT_KNOWN.value: "The parent does not know",
}

PARENT_ACTOR = "Parent (home education notice)"
LA_CONSENT_ACTION = "LA consent needed before removal from roll"


@dataclass
class NoticeDetails:
    """A parent's answers, as plain values."""

    parent_name: str
    relationship: str
    lives_with_child: bool
    first_name: str
    last_name: str
    date_of_birth: date
    effective_date: date
    declaration_name: str
    declaration_date: date
    understands_responsibility: bool
    phone: str = ""
    email: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    other_names: str = ""
    school_urn: int | None = None
    school_text: str = ""
    placed_by_la: str = ""  # "yes", "no", "unknown"; asked only when the school is a special school
    reason: str = ""
    meeting_requested_with: str = "no"
    immediate_risk: bool = False
    safeguarding_contacted: str = ""


def consent_reason(placed_by_la: str) -> str:
    """Why the council's consent is needed, in the words of what the parent said (never more than they said)."""
    if placed_by_la == PlacementAnswer.NOT_KNOWN.value:
        return (
            "The parent does not know whether the council arranged the pupil's place at this special school, so "
            "the council is checking: until it has, treat the place as arranged by the council."
        )
    return "The parent says the council arranged the pupil's place at this special school."


def la_consent_needed(school: School | None, placed_by_la: str) -> bool:
    """Whether the LA must consent before this pupil leaves the roll, as the parent answered
    (``portal.rules.deletion_grounds.consent_required_as_answered``). A school not on the list: the team finds out.
    """
    if school is None:
        return False
    return consent_required_as_answered(placed_by_la, is_special_school=school.is_special)


def find_by_submission_key(submission_key: str) -> Submitted | None:
    if not submission_key:
        return None
    notice = EheNotice.get_or_none(EheNotice.submission_key == submission_key)
    if notice is None:
        return None
    return Submitted(reference=notice.reference, created=False, la_consent_required=notice.la_consent_required)


def submit_notice(details: NoticeDetails, *, submission_key: str, today: date, notify: Notify | None) -> Submitted:
    """Record a parent's home-education notice: child, EHE case, notice, audit and emails, in one transaction.

    The same ``submission_key`` twice (a refresh, a double click, a re-sent POST) returns the first notice.
    """
    if not submission_key:
        raise ValueError("a submission key is needed")
    earlier = find_by_submission_key(submission_key)
    if earlier is not None:
        return earlier
    try:
        with db.atomic():
            return _create_notice(details, submission_key=submission_key, today=today, notify=notify)
    except peewee.IntegrityError:
        earlier = find_by_submission_key(submission_key)
        if earlier is not None:
            return earlier
        raise


def _address_lines(details: NoticeDetails) -> list[str]:
    return [line for line in (details.address_line_1, details.address_line_2, details.town) if line]


def _create_notice(details: NoticeDetails, *, submission_key: str, today: date, notify: Notify | None) -> Submitted:
    school = School.get_or_none(School.urn == details.school_urn) if details.school_urn else None
    one_line_address = ", ".join([*_address_lines(details), details.postcode])
    child = record_child(
        ChildDetails(
            first_name=details.first_name,
            last_name=details.last_name,
            other_names=details.other_names,
            date_of_birth=details.date_of_birth,
            school=school,
            address=AddressDetails(
                line_1=details.address_line_1,
                line_2=details.address_line_2,
                town=details.town,
                postcode=details.postcode,
            )
            if details.lives_with_child
            else None,
            contacts=[
                ContactDetails(
                    name=details.parent_name,
                    relationship=RELATIONSHIPS.get(details.relationship, details.relationship),
                    phone=details.phone,
                    email=details.email,
                    address=one_line_address[:400],
                    lives_with_child=details.lives_with_child,
                )
            ],
        ),
        actor=None,
    )
    consent = la_consent_needed(school, details.placed_by_la)
    case = open_case(
        child=child,
        case_type=CaseType.EHE,
        source=CaseSource.PARENT,
        today=today,
        actor=None,
        actor_label=PARENT_ACTOR,
        school=school,
        summary=(
            f"Parent's written notice of home education from {details.effective_date.day} "
            f"{details.effective_date:%B %Y}"
            + (f" (school: {school.name})." if school else " (school not in the schools list).")
        ),
    )
    match = school_record_matches(child, school)
    # The school's records can show flags the parent was not asked about: they raise the case's priority, as an
    # immediate-risk answer does (domain brief section 8), and make a meeting recommended (KCSIE; section 6).
    case.risk_level = risk_level_on_arrival(
        child_flags(child) | match.flags, immediate_risk=details.immediate_risk
    ).value
    if consent:
        case.next_action, case.next_action_date = LA_CONSENT_ACTION, today
    elif details.immediate_risk:
        case.next_action, case.next_action_date = (
            "Parent reported immediate risk: check with children's services",
            today,
        )
    elif match.meeting_recommended:
        case.next_action, case.next_action_date = "Meeting with the family recommended before the child leaves", today
    else:
        case.next_action, case.next_action_date = "Review the home education notice", details.effective_date
    case.save()
    add_event(
        case,
        "ehe_notice",
        f"Written notice of home education from {details.effective_date.day} {details.effective_date:%B %Y}",
        actor=None,
        actor_label=PARENT_ACTOR,
    )
    if details.immediate_risk:
        add_event(
            case,
            "safeguarding",
            "The parent said a child is at immediate risk of harm and was given the children's services contacts",
            actor=None,
            actor_label=PARENT_ACTOR,
        )
    if consent:
        add_event(
            case,
            "la_consent",
            "LA consent pending: the pupil's place at a special school was arranged by the LA (or the parent does "
            "not know), so the school cannot remove the pupil from roll until the LA consents (SI 2024/208 reg 9)",
            actor=None,
            actor_label="Portal",
        )
    if match.children:
        labels = sorted(flag.label for flag in match.flags)
        add_event(
            case,
            "school_records",
            "The school's records hold a child with the same name and date of birth"
            + (f", with flags: {', '.join(labels)}" if labels else "")
            + (". A meeting with the family is recommended (KCSIE)" if match.meeting_recommended else ""),
            actor=None,
            actor_label="Portal",
            detail=", ".join(f"child {record.id}" for record in match.children),
        )
    suggest_duplicates(case, child)
    if school is None:
        add_event(
            case,
            "email",
            "The school is not on the schools list, so it was not sent the notice: send it to the school.",
            actor=None,
            actor_label="Portal",
        )
    elif not school.contact_email:
        add_event(
            case,
            "email",
            "The school was not emailed: it has no contact address on the schools list. Tell the school.",
            actor=None,
            actor_label="Portal",
        )
    notice = EheNotice.create(
        reference=case.reference,
        submission_key=submission_key,
        child=child,
        case=case,
        school=school,
        school_text="" if school else details.school_text,
        parent_name=details.parent_name,
        relationship=details.relationship,
        phone=details.phone,
        email=details.email,
        address="\n".join(_address_lines(details)),
        postcode=details.postcode,
        lives_with_child=details.lives_with_child,
        effective_date=details.effective_date,
        understands_responsibility=details.understands_responsibility,
        reason=details.reason,
        meeting_requested_with="" if details.meeting_requested_with == "no" else details.meeting_requested_with,
        declaration_name=details.declaration_name,
        declaration_date=details.declaration_date,
        la_consent_required=consent,
        immediate_risk=details.immediate_risk,
        safeguarding_contacted=details.safeguarding_contacted if details.immediate_risk else "",
        placed_by_la=details.placed_by_la if school is not None and school.is_special else "",
    )
    audit(
        None,
        "create",
        "ehe_notice",
        notice.id,
        child_id=child.id,
        changes={
            "reference": [None, notice.reference],
            "school": [None, school.urn if school else details.school_text],
            "effective_date": [None, details.effective_date],
            "la_consent_required": [None, consent],
        },
    )
    email_ids = _queue_notice_emails(notice, case, school, notify) if notify is not None else []
    return Submitted(reference=notice.reference, created=True, email_ids=email_ids, la_consent_required=consent)


def _queue_notice_emails(notice: EheNotice, case: Case, school: School | None, notify: Notify) -> list[int]:
    link = notify.officer_link.replace("{case_id}", str(case.id))
    messages = [
        email.queue(
            notify.team_email,
            f"New home education notice {notice.reference}",
            "A parent has given written notice that they will educate their child at home.\n\n"
            f"Reference: {notice.reference}\n"
            + (f"{LA_CONSENT_ACTION}.\n" if notice.la_consent_required else "")
            + f"\nSign in to see the notice: {link}\n\n"
            "This email has no details about the child. Do not forward it outside the council.\n",
            kind="team_alert",
            reference=notice.reference,
        )
    ]
    if school is not None and school.contact_email:
        messages.append(
            email.queue(
                school.contact_email,
                f"Home education notice for a pupil: {notice.reference}",
                "A parent has given your school written notice that they will educate their child at home "
                "(elective home education).\n\n"
                f"Reference: {notice.reference}\n\n"
                "Sign in to the children missing education portal to read and print the notice, offer a meeting "
                f"if you wish, and record the pupil as a leaver: {notify.school_link}\n\n"
                + (
                    f"{consent_reason(notice.placed_by_la)} Do not remove the pupil from roll until the council "
                    "has consented.\n\n"
                    if notice.la_consent_required
                    else ""
                )
                + "This email has no details about the pupil. Do not forward it.\n",
                kind="school_notice",
                reference=notice.reference,
            )
        )
    if notice.email:
        messages.append(
            email.queue(
                notice.email,
                f"Your home education notice: {notice.reference}",
                "We have received your written notice that you will educate your child at home, and sent it to "
                "the school and the council's home education team.\n\n"
                f"Your reference is {notice.reference}. Quote it if you contact the school or the council.\n",
                kind="receipt",
                reference=notice.reference,
            )
        )
    return [message.id for message in messages if message is not None]
