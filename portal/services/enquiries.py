"""Reasonable enquiries and safeguarding referrals recorded by officers on a case.

There is no statutory definition of reasonable enquiries; the checklist follows the DfE CME guidance and LA
practice (domain brief section 4). Safeguarding referrals go to children's social care at once, whatever stage the
CME work is at (KCSIE; Working Together to Safeguard Children 2023; domain brief section 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.db import db
from portal.models import Case, Enquiry, SafeguardingReferral, User
from portal.rules.calendar import format_date
from portal.services.audit import audit, changes_between
from portal.services.cases import add_event

# The reasonable-enquiries checklist: school-level and LA-level checks (CME guidance 2016/2024; domain brief
# section 4). Schools record theirs as Enquiry(party="school", kind=<key>) on the same case.
ENQUIRY_KINDS: dict[str, str] = {
    "phone_calls": "Phone calls to every contact number",
    "letters": "Letters or emails to the last known address and contacts",
    "home_visit": "Home visit",
    "siblings_schools": "Siblings' and relatives' schools",
    "other_la": "Other local authorities' CME officers and admissions teams",
    "s2s": "DfE School to School service and Lost Pupil Database",
    "health": "Health (GP, school nurse, health visitor)",
    "police": "Police",
    "housing": "Housing, council tax and benefits",
    "home_office": "Home Office or Border Force",
    "social_care": "Children's social care",
    "la_records": "LA records (admissions, EHE register, SEN, early help)",
}

# Working Together to Safeguard Children 2023: the responses children's social care may decide on.
SAFEGUARDING_OUTCOMES: dict[str, str] = {
    "pending": "Waiting for a decision",
    "nfa": "No further action",
    "early_help": "Early help",
    "s17": "Child in need assessment (section 17)",
    "s47": "Child protection enquiries (section 47)",
}


class EnquiryError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class EnquiryDetails:
    kind: str
    done_on: date
    made_by: str
    outcome: str
    note: str = ""


def record_enquiry(case_id: int, details: EnquiryDetails, *, today: date, actor: User) -> Enquiry:
    """One enquiry the LA made: what, when, by whom, with what outcome."""
    errors = {}
    if details.kind not in ENQUIRY_KINDS:
        errors["kind"] = "Select the enquiry made"
    if details.done_on > today:
        errors["done_on"] = "The date of the enquiry must be today or in the past"
    if errors:
        raise EnquiryError(errors)
    with db.atomic():
        case = Case.get_by_id(case_id)
        enquiry = Enquiry.create(
            case=case,
            party="la",
            kind=details.kind,
            done_on=details.done_on,
            made_by=details.made_by.strip() or actor.name,
            outcome=details.outcome.strip(),
            note=details.note.strip(),
        )
        add_event(
            case,
            "enquiry",
            f"{ENQUIRY_KINDS[details.kind]} on {format_date(details.done_on)}: {details.outcome.strip()}",
            actor=actor,
            detail=details.note.strip(),
        )
        audit(
            actor,
            "create",
            "enquiry",
            enquiry.id,
            child_id=case.child_id,
            changes={"case": [None, case.reference], "kind": [None, details.kind], "outcome": [None, enquiry.outcome]},
        )
    return enquiry


def record_safeguarding_referral(
    case_id: int,
    *,
    referred_on: date,
    reference: str,
    acknowledged_on: date | None,
    outcome: str,
    today: date,
    actor: User,
) -> SafeguardingReferral:
    """A referral to children's social care: when, their reference, when they acknowledged it, the outcome."""
    errors = _check_referral(referred_on, acknowledged_on, outcome, today)
    if errors:
        raise EnquiryError(errors)
    with db.atomic():
        case = Case.get_by_id(case_id)
        referral = SafeguardingReferral.create(
            case=case,
            referred_on=referred_on,
            reference=reference.strip(),
            acknowledged_on=acknowledged_on,
            outcome=outcome or "pending",
        )
        add_event(
            case,
            "safeguarding",
            f"Referred to children's social care on {format_date(referred_on)}"
            + (f" (reference {reference.strip()})" if reference.strip() else ""),
            actor=actor,
        )
        audit(
            actor,
            "create",
            "safeguarding_referral",
            referral.id,
            child_id=case.child_id,
            changes={"referred_on": [None, referred_on], "reference": [None, reference.strip()]},
        )
    return referral


def update_safeguarding_referral(
    referral_id: int,
    *,
    reference: str,
    acknowledged_on: date | None,
    outcome: str,
    today: date,
    actor: User,
) -> SafeguardingReferral:
    """Add the acknowledgement date, reference or outcome once children's social care replies."""
    with db.atomic():
        referral = SafeguardingReferral.get_by_id(referral_id)
        errors = _check_referral(referral.referred_on, acknowledged_on, outcome, today)
        if errors:
            raise EnquiryError(errors)
        before = {
            "reference": referral.reference,
            "acknowledged_on": referral.acknowledged_on,
            "outcome": referral.outcome,
        }
        after = {"reference": reference.strip(), "acknowledged_on": acknowledged_on, "outcome": outcome or "pending"}
        changes = changes_between(before, after)
        if not changes:
            return referral
        SafeguardingReferral.update(**after).where(SafeguardingReferral.id == referral_id).execute()
        case = Case.get_by_id(referral.case_id)
        words = []
        if "acknowledged_on" in changes and acknowledged_on:
            words.append(f"acknowledged on {format_date(acknowledged_on)}")
        if "outcome" in changes:
            words.append(f"outcome: {SAFEGUARDING_OUTCOMES.get(after['outcome'], after['outcome']).lower()}")
        if "reference" in changes:
            words.append(f"reference {after['reference'] or 'removed'}")
        add_event(case, "safeguarding", "Safeguarding referral " + ", ".join(words), actor=actor)
        audit(actor, "update", "safeguarding_referral", referral_id, child_id=case.child_id, changes=changes)
    return SafeguardingReferral.get_by_id(referral_id)


def _check_referral(referred_on: date, acknowledged_on: date | None, outcome: str, today: date) -> dict[str, str]:
    errors = {}
    if referred_on > today:
        errors["referred_on"] = "The date of the referral must be today or in the past"
    if acknowledged_on is not None:
        if acknowledged_on > today:
            errors["acknowledged_on"] = "The date it was acknowledged must be today or in the past"
        elif acknowledged_on < referred_on:
            errors["acknowledged_on"] = "The date it was acknowledged must be the same as or after the referral"
    if outcome and outcome not in SAFEGUARDING_OUTCOMES:
        errors["outcome"] = "Select the outcome"
    return errors
