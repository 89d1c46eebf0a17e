"""A school's CME referral of a child who has stopped attending and cannot be traced.

Readiness comes from ``portal.rules.leavers.school_referral_readiness`` (Ealing EGfL CME referral page: all
enquiries done, home visit mandatory, referral due 10 school days after the last day). The enquiries go onto the case
as ``Enquiry(party="school")`` rows, the convention the officers' case page reads; an immediate-risk answer records
the safeguarding referral the school made (KCSIE; Working Together to Safeguard Children 2023).

The register takes the child as ``portal.rules.scope.case_type_for_referral`` says: a CME case for a child of
compulsory school age, a "not of compulsory school age" case otherwise (recorded but flagged). Without the LA's term
dates the referral is still taken: the case page counts its deadlines once they are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.db import db
from portal.models import Case, Enquiry, SafeguardingReferral, User
from portal.models.school_records import SchoolDraft, SchoolReferral
from portal.rules.calendar import SchoolCalendar, format_date
from portal.rules.leavers import SCHOOL_ENQUIRY_CHECKLIST, ReferralReadiness, school_referral_readiness
from portal.rules.register import CaseSource, risk_level_on_arrival
from portal.rules.scope import CmeScope, case_type_for_referral, cme_scope
from portal.rules.thresholds import LocalSettings
from portal.services.audit import audit
from portal.services.cases import open_case
from portal.services.children import child_flags, record_child
from portal.services.drafts import claim_draft, draft_answers
from portal.services.leavers import child_details

Answers = dict[str, dict[str, Any]]


class NotReadyError(ValueError):
    """The referral still lacks what the CME team needs; ``missing`` lists it."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


def _a(answers: Answers, step: str, name: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(name, default)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class SchoolEnquiry:
    key: str
    label: str
    done_on: date | None
    outcome: str


def enquiries_of(answers: Answers) -> list[SchoolEnquiry]:
    """The enquiries the school has made: each one with a date."""
    enquiries = []
    for key, label in SCHOOL_ENQUIRY_CHECKLIST:
        done_on = _date(_a(answers, "enquiries", f"{key}_on"))
        if done_on is not None:
            enquiries.append(SchoolEnquiry(key, label, done_on, _a(answers, "enquiries", f"{key}_outcome", "") or ""))
    return enquiries


def readiness(
    answers: Answers, *, today: date, calendar: SchoolCalendar | None, settings: LocalSettings
) -> ReferralReadiness:
    done = {enquiry.key for enquiry in enquiries_of(answers)}
    return school_referral_readiness(
        enquiries_done=frozenset(done - {"home_visit"}),
        home_visit_done="home_visit" in done,
        last_attended=_date(_a(answers, "last-day", "last_attended")),
        today=today,
        calendar=calendar,
        settings=settings,
        move_claimed=_a(answers, "move-claimed", "move_claimed") == "yes",
    )


def scope_of(answers: Answers, *, today: date, settings: LocalSettings) -> CmeScope:
    """Whether the child is within the s.436A duty today, by date of birth (``portal.rules.scope``)."""
    return cme_scope(_date(_a(answers, "date-of-birth", "date_of_birth")), today, settings.autumn_term_start)


def submit_referral(
    draft: SchoolDraft, *, actor: User, today: date, calendar: SchoolCalendar | None, settings: LocalSettings
) -> SchoolReferral:
    """Refer the child to the CME team: the child, a case, the school's enquiries, in one transaction."""
    answers = draft_answers(draft)
    ready = readiness(answers, today=today, calendar=calendar, settings=settings)
    if not ready.ready:
        raise NotReadyError(ready.missing)
    school = draft.school
    last_attended = _date(_a(answers, "last-day", "last_attended"))
    immediate_risk = _a(answers, "immediate-risk", "immediate_risk") == "yes"
    scope = scope_of(answers, today=today, settings=settings)
    with db.atomic():
        claim_draft(draft)
        child = record_child(child_details(answers, school), actor=actor)
        where = _a(answers, "move-where", "where", "") if _a(answers, "move-claimed", "move_claimed") == "yes" else ""
        summary = "\n".join(
            line
            for line in (
                f"CME referral from {school.name}.",
                "" if scope.in_scope else f"{scope.label}. {scope.reason}",
                f"Last day at school: {format_date(last_attended)}." if last_attended else "",
                f"Referral due by {format_date(ready.due)}." if ready.due else "",
                "The child was said to be at immediate risk of harm; the school referred to children's social care."
                if immediate_risk
                else "",
                f"A move was claimed{': ' + where if where else ''}."
                if _a(answers, "move-claimed", "move_claimed") == "yes"
                else "",
                _a(answers, "concern", "concern", ""),
            )
            if line
        )
        case = open_case(
            child=child,
            case_type=case_type_for_referral(scope),
            source=CaseSource.SCHOOL_REFERRAL,
            today=today,
            actor=actor,
            actor_label=f"{actor.name}, {school.name}",
            school=school,
            last_day_in_education=last_attended,
            summary=summary,
        )
        if immediate_risk:  # as for the public's and parents' referrals: the officer sees it first
            case.risk_level = risk_level_on_arrival(child_flags(child), immediate_risk=True).value
            case.save(only=[Case.risk_level])
        for enquiry in enquiries_of(answers):
            Enquiry.create(
                case=case,
                party="school",
                kind=enquiry.key,
                done_on=enquiry.done_on,
                made_by=f"{actor.name}, {school.name}"[:200],
                outcome=enquiry.outcome[:300],
                note=enquiry.label,
            )
        referred_on = _date(_a(answers, "safeguarding", "referred_on"))
        if immediate_risk and referred_on:
            SafeguardingReferral.create(
                case=case, referred_on=referred_on, reference=_a(answers, "safeguarding", "referral_reference", "")
            )
        referral = SchoolReferral.create(
            reference=case.reference,
            school=school,
            child=child,
            case=case,
            source_draft_id=draft.id,
            immediate_risk=immediate_risk,
            safeguarding_referred_on=referred_on,
            safeguarding_reference=_a(answers, "safeguarding", "referral_reference", "") or "",
            last_attended=last_attended,
            concern=_a(answers, "concern", "concern", ""),
            move_claimed=_a(answers, "move-claimed", "move_claimed") == "yes",
            submitted_by=actor,
        )
        audit(
            actor, "create", "school_referral", referral.id, child_id=child.id, changes={"case": [None, case.reference]}
        )
    return referral
