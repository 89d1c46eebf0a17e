"""The school's side of a parent's home-education notice (issue 5): the meeting offer.

A school can offer a meeting but cannot insist on one or delay the removal for it (DfE EHE guidance 2019; domain brief
section 6); KCSIE recommends one for vulnerable children (``portal.rules.register.ehe_meeting_recommended``).
"""

from __future__ import annotations

from datetime import date

from portal.db import db
from portal.models import EheNotice, User
from portal.rules.calendar import format_date
from portal.services.audit import audit
from portal.services.cases import add_event

MEETING_OUTCOMES = {"accepted": "Accepted", "declined": "Declined"}


def record_meeting_offer(notice: EheNotice, *, offered_on: date, outcome: str, actor: User) -> None:
    if outcome not in MEETING_OUTCOMES:
        raise ValueError(f"unknown meeting outcome {outcome!r}")
    with db.atomic():
        before = (notice.meeting_offered_on, notice.meeting_outcome)
        notice.meeting_offered_on = offered_on
        notice.meeting_outcome = outcome
        notice.save()
        audit(
            actor,
            "update",
            "ehe_notice",
            notice.id,
            child_id=notice.child_id,
            changes={"meeting_offered_on": [before[0], offered_on], "meeting_outcome": [before[1], outcome]},
        )
        if notice.case is not None:
            add_event(
                notice.case,
                "meeting_offered",
                f"School offered a meeting on {format_date(offered_on)}: {MEETING_OUTCOMES[outcome].lower()}",
                actor=actor,
            )
