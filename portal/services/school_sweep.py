"""The schools' daily sweep tasks; each is idempotent (a second run the same day changes nothing).

- leaver information deadlines passed -> CME referrals (Ealing EGfL leaver's folder checklist: 10 school days), after
  counting the deadlines that were pending for want of term dates;
- pupils abroad past their evidenced return date (or with Letter 2 sent) -> escalated to the LA (Ealing EGfL extended
  leave abroad guidance);
- part-time timetable reviews overdue -> flagged (WTISA: formal, regular reviews);
- journey drafts not changed for 30 days -> deleted (personal data nobody submitted).
"""

from __future__ import annotations

from datetime import date

from flask import current_app, has_app_context

from portal.services import abroad, drafts, leavers, returns
from portal.services.calendar import CalendarMissingError, la_calendar, la_settings
from portal.services.sweep import sweep_task


@sweep_task("school-leaver-information-overdue")
def refer_overdue_leavers(today: date) -> list[str]:
    try:
        calendar = la_calendar()
    except CalendarMissingError:
        return []  # no term dates: no school-day deadline can have passed
    la_code = current_app.config["LA_CODE"] if has_app_context() else None
    settings = la_settings(la_code)
    filled = leavers.fill_pending_deadlines(calendar, settings)
    return filled + leavers.refer_overdue_leavers(today, calendar, settings)


@sweep_task("school-abroad-escalation")
def escalate_pupils_abroad(today: date) -> list[str]:
    return abroad.escalate_overdue(today)


@sweep_task("school-part-time-reviews-overdue")
def flag_part_time_reviews(today: date) -> list[str]:
    return returns.flag_overdue_reviews(today)


@sweep_task("school-drafts-expired")
def delete_expired_drafts(today: date) -> list[str]:
    deleted = drafts.delete_expired_drafts()
    return [f"{deleted} drafts older than 30 days deleted"] if deleted else []
