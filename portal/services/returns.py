"""The LA's required returns from schools: part-time timetables, AP placements, pupils not attending.

Sources: WTISA (part-time timetables: shortest time, formal regular reviews, parental agreement, never to manage
behaviour); Ealing EGfL part-time and alternative provision data return (collected the first Thursday in November and
the last Thursday in April, plus in-year updates); domain brief sections 7 and 10.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from portal.db import db
from portal.models import School, User
from portal.models.school_records import ApPlacement, PartTimeEvent, PartTimeTimetable, PupilNotAttending, SchoolDraft
from portal.rules.calendar import format_date
from portal.rules.register import RiskFlag
from portal.rules.thresholds import LocalSettings, part_time_length_warning
from portal.services.audit import audit
from portal.services.drafts import claim_draft, draft_answers, new_reference
from portal.spreadsheets import csv_cell

Answers = dict[str, dict[str, Any]]
THURSDAY = 3
# LA dashboard flags for a pupil on a part-time timetable (domain brief section 7).
FLAGS_TO_WATCH = (RiskFlag.SOCIAL_WORKER, RiskFlag.EHCP, RiskFlag.LAC, RiskFlag.CP_PLAN, RiskFlag.CIN)


def _a(answers: Answers, step: str, name: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(name, default)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _pupil(answers: Answers) -> dict[str, Any]:
    year = _a(answers, "year-group", "year_group")
    return {
        "first_name": _a(answers, "pupil-name", "first_name", ""),
        "last_name": _a(answers, "pupil-name", "last_name", ""),
        "date_of_birth": _date(_a(answers, "date-of-birth", "date_of_birth")),
        "upn": _a(answers, "upn", "upn") or None,
        "year_group": int(year) if str(year or "").lstrip("-").isdigit() else None,
    }


def part_time_warnings(answers: Answers, settings: LocalSettings) -> list[str]:
    start = _date(_a(answers, "dates", "start_date"))
    end = _date(_a(answers, "dates", "planned_end_date"))
    warnings = []
    if start and end and end > start and part_time_length_warning(start, end, settings):
        warnings.append(
            f"The timetable is planned for longer than {settings.part_time_length_warning_weeks} weeks. A part-time "
            "timetable should last the shortest time necessary."
        )
    flags = set(_a(answers, "vulnerability", "flags", []) or [])
    watched = [flag.label for flag in FLAGS_TO_WATCH if flag.value in flags]
    if watched:
        warnings.append(
            "The local authority will see this pupil flagged: " + ", ".join(watched).lower() + ". Tell "
            "the pupil's social worker or the Virtual School if they have one."
        )
    return warnings


def submit_part_time(draft: SchoolDraft, *, actor: User, today: date) -> PartTimeTimetable:
    answers = draft_answers(draft)
    flags = [value for value in (_a(answers, "vulnerability", "flags", []) or []) if value != "none"]
    with db.atomic():
        claim_draft(draft)
        timetable = PartTimeTimetable.create(
            reference=new_reference("PTT", PartTimeTimetable, today.year),
            school=draft.school,
            source_draft_id=draft.id,
            **_pupil(answers),
            flags=",".join(flags)[:500],
            social_worker_name=_a(answers, "social-worker", "social_worker_name", "") or "",
            reason=_a(answers, "reason", "reason", ""),
            reason_detail=_a(answers, "reason", "reason_detail", ""),
            start_date=_date(_a(answers, "dates", "start_date")),
            planned_end_date=_date(_a(answers, "dates", "planned_end_date")),
            hours_per_week=float(_a(answers, "hours", "hours_per_week", 0)),
            normal_hours_per_week=float(_a(answers, "hours", "normal_hours_per_week", 0)),
            parent_name=_a(answers, "parental-agreement", "parent_name", ""),
            parent_agreed_on=_date(_a(answers, "parental-agreement", "agreed_on")),
            other_provision=_a(answers, "other-provision-details", "other_provision", "") or "",
            authorised_by=", ".join(
                part
                for part in (
                    _a(answers, "authorised-by", "authorised_name", ""),
                    _a(answers, "authorised-by", "authorised_role", ""),
                )
                if part
            )[:200],
            next_review_on=_date(_a(answers, "reviews", "first_review")),
            created_by=actor,
        )
        audit(actor, "create", "part_time_timetable", timetable.id, changes={"reference": [None, timetable.reference]})
    return timetable


def review_part_time(
    timetable: PartTimeTimetable, *, reviewed_on: date, note: str, next_review_on: date, actor: User
) -> None:
    with db.atomic():
        PartTimeEvent.create(
            timetable=timetable,
            kind="review",
            on=reviewed_on,
            note=note,
            next_review_on=next_review_on,
            recorded_by=actor,
        )
        before = timetable.next_review_on
        timetable.next_review_on = next_review_on
        timetable.review_overdue_since = None
        timetable.save()
        audit(
            actor, "update", "part_time_timetable", timetable.id, changes={"next_review_on": [before, next_review_on]}
        )


def extend_part_time(timetable: PartTimeTimetable, *, new_end_date: date, note: str, today: date, actor: User) -> None:
    with db.atomic():
        PartTimeEvent.create(
            timetable=timetable, kind="extend", on=today, note=note, new_end_date=new_end_date, recorded_by=actor
        )
        before = timetable.planned_end_date
        timetable.planned_end_date = new_end_date
        timetable.save()
        audit(
            actor, "update", "part_time_timetable", timetable.id, changes={"planned_end_date": [before, new_end_date]}
        )


def end_part_time(timetable: PartTimeTimetable, *, ended_on: date, note: str, actor: User) -> None:
    with db.atomic():
        PartTimeEvent.create(timetable=timetable, kind="end", on=ended_on, note=note, recorded_by=actor)
        timetable.status = "ended"
        timetable.ended_on = ended_on
        timetable.next_review_on = None
        timetable.review_overdue_since = None
        timetable.save()
        audit(actor, "update", "part_time_timetable", timetable.id, changes={"status": ["active", "ended"]})


def part_time_history(timetable: PartTimeTimetable) -> list[PartTimeEvent]:
    return list(timetable.events.order_by(PartTimeEvent.on.desc(), PartTimeEvent.id.desc()))


def flag_overdue_reviews(today: date) -> list[str]:
    """Sweep: an active timetable whose review date has passed is flagged (once). Idempotent."""
    lines = []
    overdue = PartTimeTimetable.select().where(
        PartTimeTimetable.status == "active",
        PartTimeTimetable.next_review_on < today,
        PartTimeTimetable.review_overdue_since.is_null(),
    )
    for timetable in overdue:
        with db.atomic():
            timetable.review_overdue_since = timetable.next_review_on + timedelta(days=1)
            timetable.save()
            audit(
                None,
                "flag",
                "part_time_timetable",
                timetable.id,
                changes={"review_overdue_since": [None, timetable.review_overdue_since]},
            )
        lines.append(
            f"part-time timetable {timetable.reference}: review overdue since "
            f"{format_date(timetable.review_overdue_since)}"
        )
    return lines


def submit_ap_placement(draft: SchoolDraft, *, actor: User, today: date) -> ApPlacement:
    answers = draft_answers(draft)
    with db.atomic():
        claim_draft(draft)
        placement = ApPlacement.create(
            reference=new_reference("AP", ApPlacement, today.year),
            school=draft.school,
            source_draft_id=draft.id,
            **_pupil(answers),
            provider=_a(answers, "provider", "provider", ""),
            provider_address=_a(answers, "provider", "provider_address", "") or "",
            arranged_by=_a(answers, "provider", "arranged_by", ""),
            hours_per_week=float(_a(answers, "ap-hours", "hours_per_week", 0)),
            start_date=_date(_a(answers, "ap-dates", "start_date")),
            end_date=_date(_a(answers, "ap-dates", "end_date")),
            created_by=actor,
        )
        audit(actor, "create", "ap_placement", placement.id, changes={"reference": [None, placement.reference]})
    return placement


def submit_not_attending(draft: SchoolDraft, *, actor: User, today: date) -> PupilNotAttending:
    answers = draft_answers(draft)
    with db.atomic():
        claim_draft(draft)
        record = PupilNotAttending.create(
            reference=new_reference("NA", PupilNotAttending, today.year),
            school=draft.school,
            source_draft_id=draft.id,
            **_pupil(answers),
            reason=_a(answers, "reason", "reason", ""),
            reason_detail=_a(answers, "reason", "reason_detail", "") or "",
            since=_date(_a(answers, "since", "since")),
            actions=_a(answers, "actions", "actions", ""),
            created_by=actor,
        )
        audit(actor, "create", "pupil_not_attending", record.id, changes={"reference": [None, record.reference]})
    return record


def close_return(record: Any, *, actor: User) -> None:
    """End an AP placement, or mark a pupil as attending again."""
    closed = "ended" if isinstance(record, ApPlacement) else "closed"
    with db.atomic():
        before = record.status
        record.status = closed
        record.save()
        audit(actor, "update", record._meta.table_name, record.id, changes={"status": [before, closed]})


def next_collection(today: date) -> date:
    """The next part-time and AP return: the first Thursday in November or the last Thursday in April (Ealing)."""
    candidates = []
    for year in (today.year, today.year + 1):
        november = date(year, 11, 1)
        candidates.append(november + timedelta(days=(THURSDAY - november.weekday()) % 7))
        april_30 = date(year, 4, 30)
        candidates.append(april_30 - timedelta(days=(april_30.weekday() - THURSDAY) % 7))
    return min(day for day in candidates if day >= today)


def returns_csv(school: School) -> str:
    """Every part-time timetable, AP placement and pupil not attending of the school, as one CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Return",
            "Reference",
            "First name",
            "Last name",
            "Date of birth",
            "UPN",
            "Year group",
            "Status",
            "Start",
            "End",
            "Hours a week",
            "Normal hours a week",
            "Reason",
            "Detail",
            "Provider or other provision",
            "Next review",
            "Flags",
        ]
    )
    for t in PartTimeTimetable.select().where(PartTimeTimetable.school == school).order_by(PartTimeTimetable.id):
        writer.writerow(
            [
                csv_cell(v)
                for v in (
                    "Part-time timetable",
                    t.reference,
                    t.first_name,
                    t.last_name,
                    t.date_of_birth,
                    t.upn,
                    t.year_group,
                    t.status,
                    t.start_date,
                    t.ended_on or t.planned_end_date,
                    t.hours_per_week,
                    t.normal_hours_per_week,
                    t.reason,
                    t.reason_detail,
                    t.other_provision,
                    t.next_review_on,
                    t.flags,
                )
            ]
        )
    for p in ApPlacement.select().where(ApPlacement.school == school).order_by(ApPlacement.id):
        writer.writerow(
            [
                csv_cell(v)
                for v in (
                    "Alternative provision",
                    p.reference,
                    p.first_name,
                    p.last_name,
                    p.date_of_birth,
                    p.upn,
                    p.year_group,
                    p.status,
                    p.start_date,
                    p.end_date,
                    p.hours_per_week,
                    "",
                    p.arranged_by,
                    "",
                    p.provider,
                    "",
                    "",
                )
            ]
        )
    for n in PupilNotAttending.select().where(PupilNotAttending.school == school).order_by(PupilNotAttending.id):
        writer.writerow(
            [
                csv_cell(v)
                for v in (
                    "Not attending",
                    n.reference,
                    n.first_name,
                    n.last_name,
                    n.date_of_birth,
                    n.upn,
                    n.year_group,
                    n.status,
                    n.since,
                    "",
                    "",
                    "",
                    n.reason,
                    n.reason_detail,
                    n.actions,
                    "",
                    "",
                )
            ]
        )
    return out.getvalue()
