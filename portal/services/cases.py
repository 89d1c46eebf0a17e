"""Opening cases on the CME register and writing their timelines."""

from __future__ import annotations

import secrets
from datetime import date

from portal.models import Case, CaseEvent, Child, School, User
from portal.rules.register import CaseSource, CaseStatus, CaseType, risk_level_for
from portal.rules.scope import case_type_for_referral, cme_scope
from portal.services.audit import audit
from portal.services.calendar import la_settings
from portal.services.children import child_flags

REFERENCE_DIGITS = 6


def new_reference(year: int) -> str:
    """A reference like CME-2026-482913: random, so one person's reference tells nothing about another's."""
    for _attempt in range(20):
        candidate = f"CME-{year}-{secrets.randbelow(10**REFERENCE_DIGITS):0{REFERENCE_DIGITS}d}"
        if not Case.select().where(Case.reference == candidate).exists():
            return candidate
    raise RuntimeError("could not find a free case reference")  # pragma: no cover - a million per year


def add_event(
    case: Case, kind: str, summary: str, *, actor: User | None, actor_label: str = "", detail: str = ""
) -> CaseEvent:
    """One line on the case's timeline. Call inside the caller's transaction."""
    return CaseEvent.create(
        case=case,
        actor=actor,
        actor_label=actor_label or (actor.name if actor is not None else ""),
        kind=kind,
        summary=summary[:300],
        detail=detail,
    )


def open_case(
    *,
    child: Child,
    case_type: CaseType,
    source: CaseSource,
    today: date,
    actor: User | None,
    actor_label: str = "",
    school: School | None = None,
    last_day_in_education: date | None = None,
    summary: str = "",
    status: CaseStatus = CaseStatus.RECEIVED,
) -> Case:
    """Put a child on the register. Call inside the caller's ``db.atomic()`` with the record that caused it.

    A CME case is never opened for a child known not to be of compulsory school age on ``today``: whatever the
    source, the child goes on the register flagged as not of compulsory school age instead (Education Act 1996
    s.436A; ``portal.rules.scope``).
    """
    if case_type is CaseType.CME:
        scope = cme_scope(child.date_of_birth, today, la_settings().autumn_term_start)
        case_type = case_type_for_referral(scope)
        if not scope.in_scope:
            summary = "\n".join(line for line in (f"{scope.label}. {scope.reason}", summary) if line)
    case = Case.create(
        reference=new_reference(today.year),
        child=child,
        case_type=case_type.value,
        source=source.value,
        status=status.value,
        risk_level=risk_level_for(child_flags(child)).value,
        school=school,
        last_day_in_education=last_day_in_education,
        summary=summary,
        updated_by=actor,
    )
    add_event(
        case,
        "created",
        f"{case_type.label} case opened from {source.label.lower()}",
        actor=actor,
        actor_label=actor_label,
        detail=summary,
    )
    audit(
        actor,
        "create",
        "case",
        case.id,
        child_id=child.id,
        changes={"reference": [None, case.reference], "type": [None, case_type.value], "source": [None, source.value]},
    )
    return case
