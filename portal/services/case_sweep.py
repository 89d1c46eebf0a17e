"""The officers' part of the daily sweep: flag on the timeline what has become overdue on open cases.

Each task writes at most one timeline entry per thing that became due (keyed in the entry's detail), so running the
sweep twice on the same day changes nothing the second time. Timeline entries do not change the case's version, so
the sweep never makes an officer's save conflict.
"""

from __future__ import annotations

from datetime import date

from portal.db import db
from portal.models import Case, CaseEvent, SafeguardingReferral
from portal.queries.deadlines import next_working_day
from portal.rules.calendar import format_date
from portal.rules.register import CaseStatus
from portal.services.cases import add_event
from portal.services.sweep import sweep_task

SWEEP_LABEL = "Daily check"


def _already(kind: str, case_ids: list[int]) -> set[tuple[int, str]]:
    if not case_ids:
        return set()
    query = CaseEvent.select(CaseEvent.case, CaseEvent.detail).where(
        CaseEvent.kind == kind, CaseEvent.case.in_(case_ids)
    )
    return {(case_id, detail) for case_id, detail in query.tuples()}


@sweep_task("next-action-overdue")
def flag_overdue_next_actions(today: date) -> list[str]:
    """Open cases whose next action date has passed get one timeline entry for that date."""
    cases = list(
        Case.select(Case.id, Case.reference, Case.next_action, Case.next_action_date).where(
            Case.status != CaseStatus.CLOSED.value, Case.next_action_date < today
        )
    )
    done = _already("next_action_overdue", [case.id for case in cases])
    lines = []
    with db.atomic():
        for case in cases:
            key = case.next_action_date.isoformat()
            if (case.id, key) in done:
                continue
            summary = f"Next action overdue since {format_date(case.next_action_date)}: {case.next_action}".rstrip(": ")
            add_event(case, "next_action_overdue", summary, actor=None, actor_label=SWEEP_LABEL, detail=key)
            lines.append(f"{case.reference} next action overdue since {key}")
    return lines


@sweep_task("safeguarding-acknowledgement-overdue")
def flag_unacknowledged_referrals(today: date) -> list[str]:
    """A referral to children's social care not acknowledged within one working day (Working Together to Safeguard
    Children 2023) gets one timeline entry, so the officer follows it up."""
    referrals = list(
        SafeguardingReferral.select(SafeguardingReferral, Case.id, Case.reference, Case.status)
        .join(Case)
        .where(SafeguardingReferral.acknowledged_on.is_null(), Case.status != CaseStatus.CLOSED.value)
    )
    referrals = [r for r in referrals if next_working_day(r.referred_on) < today]
    done = _already("acknowledgement_overdue", sorted({r.case_id for r in referrals}))
    lines = []
    with db.atomic():
        for referral in referrals:
            key = f"referral {referral.id}"
            if (referral.case_id, key) in done:
                continue
            add_event(
                referral.case,
                "acknowledgement_overdue",
                f"Children's social care has not acknowledged the referral of {format_date(referral.referred_on)}: "
                "follow it up",
                actor=None,
                actor_label=SWEEP_LABEL,
                detail=key,
            )
            lines.append(f"{referral.case.reference} referral {referral.id} not acknowledged")
    return lines
