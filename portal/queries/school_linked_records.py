"""The school records behind a case, for the officers' case page: the leaver, the pupil abroad, the school referral."""

from __future__ import annotations

import json
from typing import Any

from portal.clock import to_london
from portal.models.school_records import AbroadRecord, Leaver, SchoolReferral
from portal.queries.linked_records import LinkedRecord, linked_record_provider
from portal.rules.calendar import format_date
from portal.rules.deletion_grounds import DeletionGround

OUTCOMES = {
    "complete": "Complete: deletion return sent",
    "information_due": "Leaver information due",
    "refer_as_cme": "Referred as missing education",
    "refer_to_connexions": "Over compulsory school age: refer to Connexions",
    "refer_not_csa": "Not of compulsory school age: not a CME case",
}
STAGES = {
    "letter_1_sent": "Letter 1 sent",
    "response_received": "Response received (Letter 1a sent)",
    "no_response": "No response in time",
    "letter_2_sent": "Letter 2 sent",
    "not_returned": "Not returned on the evidenced date",
    "returned": "Returned to school",
    "removed": "Removed from the register",
}


def _d(value: Any) -> str:
    return format_date(value) if value else "Not given"


def _ground(value: str) -> str:
    try:
        ground = DeletionGround(value)
    except ValueError:
        return value.replace("_", " ").capitalize()
    return f"{ground.code}: {ground.title} ({ground.regulation})"


def _leaver_rows(leaver: Leaver) -> list[tuple[str, str]]:
    answers: dict[str, dict[str, Any]] = json.loads(leaver.answers or "{}")

    def a(step: str, name: str) -> str:
        return str((answers.get(step) or {}).get(name) or "")

    contact = ""
    if a("parent-contact", "contact") == "parent":
        contact = f"{a('parent', 'name')}, {a('parent', 'phone')}"
    elif a("parent-contact", "contact") == "other":
        contact = f"{a('parent-contact-details', 'contact_name')}, {a('parent-contact-details', 'contact_phone')}"
    new_address = ""
    if a("new-address", "moved") == "yes":
        new_address = ", ".join(
            part
            for part in (
                a("new-address-details", "new_line_1"),
                a("new-address-details", "new_town"),
                a("new-address-details", "new_postcode"),
            )
            if part
        )
    elif a("new-address", "moved") == "no":
        new_address = "Not moved"
    missing = json.loads(leaver.missing or "[]")
    return [
        ("School", leaver.school.name),
        ("Ground", _ground(leaver.ground)),
        ("Destination", leaver.destination.replace("_", " ").capitalize()),
        ("Last day at school", _d(leaver.last_attended)),
        ("Removal date", _d(leaver.deletion_date)),
        ("Outcome", OUTCOMES.get(leaver.outcome, leaver.outcome)),
        ("Information due by", _d(leaver.information_due) if leaver.information_due else "Not applicable"),
        ("Still missing", "; ".join(missing) or "Nothing"),
        ("Parent the pupil will live with", contact or "Not known"),
        ("New address", new_address or "Not known"),
        ("New school", leaver.new_school_name or "Not known"),
        ("Admission confirmed", _d(leaver.admission_confirmed_on) if leaver.admission_confirmed_on else "No"),
        (
            "Approved by",
            ", ".join(part for part in (a("approval", "approver_name"), a("approval", "approver_role")) if part)
            or "Not given",
        ),
        *_leaver_agreement(leaver),
    ]


def _leaver_agreement(leaver: Leaver) -> list[tuple[str, str]]:
    if leaver.removal_agreed_case_id is None:
        return []
    officer = leaver.removal_agreed_by.name if leaver.removal_agreed_by_id else "an officer"
    agreed_on = _d(to_london(leaver.removal_agreed_at)) if leaver.removal_agreed_at else "an unknown date"
    return [("Local authority agreement", f"Case {leaver.removal_agreed_case.reference}: {officer}, {agreed_on}")]


def _abroad_removal(record: AbroadRecord) -> str:
    if record.removed_on is None:
        return "No"
    removal = f"{_d(record.removed_on)}, ground {record.removal_ground}"
    if record.removal_agreed_at is None:
        return removal
    officer = record.removal_agreed_by.name if record.removal_agreed_by_id else "an officer"
    agreed_on = _d(to_london(record.removal_agreed_at))
    return f"{removal}, relying on the LA's agreement recorded by {officer} on {agreed_on}"


@linked_record_provider
def school_records(case: Any) -> list[LinkedRecord]:
    records = []
    for leaver in Leaver.select().where((Leaver.case == case) | (Leaver.ehe_case == case)):
        records.append(LinkedRecord("School leaver", leaver.reference, _leaver_rows(leaver)))
    for record in AbroadRecord.select().where((AbroadRecord.case == case) | (AbroadRecord.cme_case == case)):
        records.append(
            LinkedRecord(
                "Pupil on extended leave abroad",
                record.reference,
                [
                    ("School", record.school.name),
                    ("Stage", STAGES.get(record.stage, record.stage)),
                    ("Left", _d(record.date_left)),
                    ("Reason given", record.reason or "Not given"),
                    ("Country", record.country),
                    ("Address abroad", record.address_abroad or "Not given"),
                    ("Responsible adult", f"{record.responsible_adult} ({record.relationship})"),
                    ("Contact", ", ".join(part for part in (record.phone, record.email) if part) or "Not given"),
                    ("Evidenced return date", _d(record.return_date)),
                    ("Evidence", record.return_evidence or "Not given"),
                    ("Contact schedule", record.contact_schedule or "Not given"),
                    ("Letter 1 sent", _d(record.letter_1_sent_on)),
                    ("Response due by", _d(record.response_due)),
                    (
                        "Escalated",
                        f"{_d(record.escalated_at.date())}: {record.escalation_reason}"
                        if record.escalated_at
                        else "No",
                    ),
                    ("Returned", _d(record.returned_on) if record.returned_on else "No"),
                    ("Leave of absence", f"Until {_d(record.leave_last_day)}" if record.leave_last_day else "None"),
                    ("Removed", _abroad_removal(record)),
                ],
            )
        )
    for referral in SchoolReferral.select().where(SchoolReferral.case == case):
        records.append(
            LinkedRecord(
                "School CME referral",
                referral.reference,
                [
                    ("School", referral.school.name),
                    ("Last day at school", _d(referral.last_attended)),
                    ("Immediate risk of harm", "Yes" if referral.immediate_risk else "No"),
                    (
                        "Referred to children's social care",
                        f"{_d(referral.safeguarding_referred_on)} {referral.safeguarding_reference}".strip()
                        if referral.safeguarding_referred_on
                        else "No",
                    ),
                    ("Move claimed", "Yes" if referral.move_claimed else "No"),
                    ("Why the school thinks the child is missing education", referral.concern),
                ],
            )
        )
    return records
