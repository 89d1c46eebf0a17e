"""Referrals from members of the public, and the drafts of both journeys people make without signing in.

The public may refer any child they understand not to be in education (EGfL CME service page; CME statutory
guidance 2016/2024, "Local authorities' responsibilities": a named point of contact to whom the public can refer).
Each referral records the child (possible duplicates are suggested to officers, never merged), opens a CME case
from a public source, and writes the audit, in one transaction; the emails are queued in it and sent after commit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import peewee

from portal.db import db
from portal.models import Case, PublicDraft, PublicReferral, School
from portal.models.fields import utc_now
from portal.rules.register import CaseSource, CaseType, risk_level_on_arrival
from portal.services import email
from portal.services.audit import audit
from portal.services.cases import add_event, open_case
from portal.services.children import AddressDetails, ChildDetails, child_flags, possible_duplicates, record_child
from portal.services.sweep import sweep_task

log = logging.getLogger("portal.public")

# Why the referrer thinks the child is not in education (stored comma-separated in PublicReferral.reasons).
REASONS: dict[str, str] = {
    "never_seen": "They are never seen going to school",
    "moved_in": "They have moved into the area",
    "taken_out": "They have been taken out of school",
    "works": "They work during school hours",
    "other": "Another reason",
}

RELATIONSHIPS: dict[str, str] = {
    "neighbour": "Neighbour",
    "relative": "Relative",
    "professional": "Someone who works with children or families, such as health or the police",
    "other": "Other",
    "not_say": "Would rather not say",
}

SAFEGUARDING_ANSWERS: dict[str, str] = {
    "contacted": "Has contacted children's services or the police",
    "will_contact": "Will contact children's services or the police now",
}

PUBLIC_ACTOR = "Member of the public"


# ---------------------------------------------------------------------------------------------------------------
# Drafts: the answers of a journey not yet sent, kept server-side (used by the public and the parents' journeys).

DRAFT_LIFETIME = timedelta(hours=24)


@dataclass
class Draft:
    journey: str
    answers: dict[str, Any]
    submission_key: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _draft_row(token: str | None, journey: str, now: datetime) -> PublicDraft | None:
    if not token or len(token) > 100:
        return None
    row = PublicDraft.get_or_none(PublicDraft.token_hash == _hash(token), PublicDraft.journey == journey)
    if row is not None and row.updated_at < now - DRAFT_LIFETIME:
        row.delete_instance()
        return None
    return row


def load_draft(token: str | None, journey: str, now: datetime | None = None) -> Draft | None:
    """The draft for this token, or None when there is none (never started, sent, or expired)."""
    row = _draft_row(token, journey, now or utc_now())
    if row is None:
        return None
    try:
        answers = json.loads(row.answers)
    except ValueError:
        answers = {}
    return Draft(
        journey=journey, answers=answers if isinstance(answers, dict) else {}, submission_key=row.submission_key
    )


def save_draft(token: str | None, journey: str, answers: dict[str, Any]) -> str:
    """Store the answers so far; returns the token to keep (a new one when the old draft is gone)."""
    now = utc_now()
    payload = json.dumps(answers, sort_keys=True)
    with db.atomic():
        row = _draft_row(token, journey, now)
        if row is None:
            token = secrets.token_urlsafe(32)
            PublicDraft.create(token_hash=_hash(token), journey=journey, answers=payload, updated_at=now)
        else:
            row.answers = payload
            row.updated_at = now
            row.save()
    assert token is not None
    return token


def issue_submission_key(token: str | None, journey: str) -> str:
    """The one-time key the check-answers page sends with the final POST (kept while the draft lives)."""
    with db.atomic():
        row = _draft_row(token, journey, utc_now())
        if row is None:
            return ""
        if not row.submission_key:
            row.submission_key = secrets.token_urlsafe(32)
            row.save()
        return str(row.submission_key)


def delete_draft(token: str | None, journey: str) -> None:
    if token:
        PublicDraft.delete().where(PublicDraft.token_hash == _hash(token), PublicDraft.journey == journey).execute()


def expire_drafts(now: datetime) -> int:
    """Delete drafts not saved for a day: unsent answers are personal data kept no longer than needed."""
    return int(PublicDraft.delete().where(PublicDraft.updated_at < now - DRAFT_LIFETIME).execute())


@sweep_task("public_drafts")
def expire_public_drafts(today: date) -> list[str]:
    removed = expire_drafts(utc_now())
    return [f"{removed} unsent draft(s) deleted"] if removed else []


def decoy_reference(today: date) -> str:
    """A reference shaped like a real one, shown when a honeypot was filled in: nothing was stored."""
    return f"CME-{today.year}-{secrets.randbelow(10**6):06d}"


# ---------------------------------------------------------------------------------------------------------------
# Submitting a referral.


@dataclass
class ReferralDetails:
    """A member of the public's answers, as plain values."""

    first_name: str = ""
    last_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    approximate_age: int | None = None
    sex: str = ""
    address: AddressDetails | None = None
    last_school_urn: int | None = None
    last_school_text: str = ""
    last_seen_in_school: date | None = None
    reasons: list[str] = field(default_factory=list)
    concern: str = ""
    immediate_risk: bool = False
    safeguarding_contacted: str = ""
    relationship: str = ""
    organisation: str = ""
    relationship_detail: str = ""
    referrer_name: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    family_may_be_told: bool = False


@dataclass(frozen=True)
class Notify:
    """Where the emails about a submission go, and the links they carry (plain values from the app's settings)."""

    team_email: str
    officer_link: str  # a page behind an officer's sign-in, e.g. the case page; "{case_id}" is filled in
    school_link: str = ""  # the school users' home page, for notices sent to a school


@dataclass(frozen=True)
class Submitted:
    reference: str
    created: bool  # False when this submission key had been used: the earlier record is returned, nothing added
    email_ids: list[int] = field(default_factory=list)
    la_consent_required: bool = False


def find_by_submission_key(submission_key: str) -> Submitted | None:
    if not submission_key:
        return None
    referral = PublicReferral.get_or_none(PublicReferral.submission_key == submission_key)
    return Submitted(reference=referral.reference, created=False) if referral is not None else None


def _referral_summary(details: ReferralDetails) -> str:
    # Labels only, never what the referrer typed: the case list is seen more widely than the referral itself.
    who = RELATIONSHIPS.get(details.relationship, "Not given").lower()
    reasons = "; ".join(REASONS[key] for key in details.reasons if key in REASONS) or "not given"
    return f"Public referral (referrer: {who}). Reasons: {reasons}."


def submit_referral(details: ReferralDetails, *, submission_key: str, today: date, notify: Notify | None) -> Submitted:
    """Record a public referral: child, CME case, referral, audit and emails, all in one transaction.

    The same ``submission_key`` twice (a refresh, a double click, a re-sent POST) returns the first referral.
    """
    if not submission_key:
        raise ValueError("a submission key is needed")
    earlier = find_by_submission_key(submission_key)
    if earlier is not None:
        return earlier
    try:
        with db.atomic():
            return _create_referral(details, submission_key=submission_key, today=today, notify=notify)
    except peewee.IntegrityError:
        earlier = find_by_submission_key(submission_key)  # another request with the same key got there first
        if earlier is not None:
            return earlier
        raise


def _create_referral(details: ReferralDetails, *, submission_key: str, today: date, notify: Notify | None) -> Submitted:
    school = School.get_or_none(School.urn == details.last_school_urn) if details.last_school_urn else None
    child = record_child(
        ChildDetails(
            first_name=details.first_name,
            last_name=details.last_name,
            other_names=details.other_names,
            date_of_birth=details.date_of_birth,
            approximate_age=details.approximate_age if details.date_of_birth is None else None,
            sex=details.sex,
            address=details.address,
            # Not linked to the school: what a member of the public typed is for officers only.
            school=None,
        ),
        actor=None,
    )
    case = open_case(
        child=child,
        case_type=CaseType.CME,
        source=CaseSource.PUBLIC,
        today=today,
        actor=None,
        actor_label=PUBLIC_ACTOR,
        # The school the referrer chose is the case's last known school. It is for officers: the school is not told
        # of a public referral, and the child is not put on its records (above).
        school=school,
        last_day_in_education=details.last_seen_in_school,
        summary=_referral_summary(details),
    )
    case.risk_level = risk_level_on_arrival(child_flags(child), immediate_risk=details.immediate_risk).value
    if details.immediate_risk:
        # Domain brief section 8: the immediate-risk gate routes the referrer to children's services; the CME case
        # must not stand in for that referral, so the officer checks with children's services at once.
        case.next_action = "Referrer reported immediate risk: check with children's services"
        case.next_action_date = today
        case.save()
        add_event(
            case,
            "safeguarding",
            "Referrer said a child is at immediate risk of harm. "
            + SAFEGUARDING_ANSWERS.get(details.safeguarding_contacted, "Children's services not confirmed"),
            actor=None,
            actor_label=PUBLIC_ACTOR,
        )
    else:
        case.next_action = "Review the public referral"
        case.next_action_date = today
        case.save()
    suggest_duplicates(case, child)
    referral = PublicReferral.create(
        reference=case.reference,  # one reference for the person, the case and the referral
        submission_key=submission_key,
        child=child,
        case=case,
        immediate_risk=details.immediate_risk,
        safeguarding_contacted=details.safeguarding_contacted if details.immediate_risk else "",
        last_school=school,
        last_school_text="" if school else details.last_school_text,
        last_seen_in_school=details.last_seen_in_school,
        reasons=",".join(key for key in details.reasons if key in REASONS),
        concern=details.concern,
        referrer_relationship=details.relationship,
        referrer_organisation=details.organisation if details.relationship == "professional" else "",
        relationship_detail=details.relationship_detail if details.relationship == "other" else "",
        referrer_name=details.referrer_name,
        referrer_phone=details.referrer_phone,
        referrer_email=details.referrer_email,
        family_may_be_told=details.family_may_be_told
        and bool(details.referrer_name or details.referrer_phone or details.referrer_email),
    )
    audit(
        None,
        "create",
        "public_referral",
        referral.id,
        child_id=child.id,
        changes={
            "reference": [None, referral.reference],
            "case": [None, case.reference],
            "immediate_risk": [None, details.immediate_risk],
            "anonymous": [None, referral.anonymous],
        },
    )
    email_ids = _queue_referral_emails(referral, case, notify) if notify is not None else []
    return Submitted(reference=referral.reference, created=True, email_ids=email_ids)


def suggest_duplicates(case: Case, child: Any) -> None:
    matches = possible_duplicates(child)
    if matches:
        add_event(
            case,
            "possible_duplicates",
            f"{len(matches)} possible matching child record(s) on the register: check before working the case",
            actor=None,
            actor_label="Portal",
            detail=", ".join(f"child {match.id}" for match in matches),
        )


def _queue_referral_emails(referral: PublicReferral, case: Case, notify: Notify) -> list[int]:
    link = notify.officer_link.replace("{case_id}", str(case.id))
    messages = [
        email.queue(
            notify.team_email,
            f"New public referral {referral.reference}",
            f"A member of the public has referred a child who may be missing education.\n\n"
            f"Reference: {referral.reference}\n"
            f"{'The referrer said a child is at immediate risk of harm.' + chr(10) if referral.immediate_risk else ''}"
            f"\nSign in to see the referral: {link}\n\n"
            "This email has no details about the child. Do not forward it outside the CME team.\n",
            kind="team_alert",
            reference=referral.reference,
        )
    ]
    if referral.referrer_email:
        messages.append(
            email.queue(
                referral.referrer_email,
                f"Your referral to the children missing education team: {referral.reference}",
                "Thank you for your referral. We have received it.\n\n"
                f"Your reference is {referral.reference}. Quote it if you contact us.\n\n"
                "The children missing education team will look into it. We may contact you if we need to know "
                "more. We cannot always tell you what we found, to protect the child and family's privacy.\n\n"
                "If a child is in immediate danger, call 999.\n",
                kind="receipt",
                reference=referral.reference,
            )
        )
    return [message.id for message in messages if message is not None]
