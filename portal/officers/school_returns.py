"""The schools' returns, across every school, for officers: part-time timetables, alternative provision, pupils not
attending and pending leavers. Each register is a page with a search form (enhanced by htmx), a CSV download and a
page per record. Every page shown and every download is audited: they show children's names and dates of birth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urlparse

from flask import Response, request, url_for
from flask_login import current_user

from portal.auth import audience
from portal.clock import today
from portal.htmx import render_page, wants_fragment
from portal.officers.blueprint import bp
from portal.officers.csv_download import csv_download
from portal.officers.filters import search_text, whole_number
from portal.queries import school_returns as registers
from portal.queries.case_detail import year_group_label
from portal.queries.deadlines import calendar_or_none
from portal.queries.school_returns import REGISTERS, ReturnFilters, resolved
from portal.rules.returns import ApArrangedBy, NotAttendingReason, PartTimeReason
from portal.services import school_return_views as audit_views
from portal.services.returns import part_time_history

MAX_PAGE = 100_000
# URL word -> register. The order is the order of the registers' navigation.
KINDS = {
    "part-time-timetables": "part_time",
    "alternative-provision": "ap_placement",
    "not-attending": "not_attending",
    "pending-leavers": "leaver",
}
SLUGS = {kind: slug for slug, kind in KINDS.items()}
ANY_REGISTER = "any(" + ", ".join(f'"{slug}"' for slug in KINDS) + ")"
ANY_RECORD = "any(" + ", ".join(f'"{slug}"' for slug, kind in KINDS.items() if kind != "leaver") + ")"
# The audit trail names a record by its table, as the schools' own writes do.
OBJECT_TYPES = {
    "part_time": "part_time_timetable",
    "ap_placement": "ap_placement",
    "not_attending": "pupil_not_attending",
}
LABELS = {
    "part_time": PartTimeReason.choices(),
    "ap_placement": ApArrangedBy.choices(),
    "not_attending": NotAttendingReason.choices(),
}


def filters_from_args(args: Mapping[str, str]) -> ReturnFilters:
    """The filters in a query string. Anything unknown falls back to the register's default, never an error."""
    return ReturnFilters(
        q=search_text(args.get("q")),
        school=search_text(args.get("school")),
        status=(args.get("status") or "").strip()[:30],
        sort=(args.get("sort") or "").strip()[:30],
        descending=(args.get("dir") or "") == "desc",
        page=whole_number(args.get("page"), MAX_PAGE) or 1,
    )


def _params(kind: str, filters: ReturnFilters, **changes: Any) -> dict[str, str]:
    """The query-string values that differ from the register's defaults (so links stay short)."""
    register = REGISTERS[kind]
    values = {**filters.__dict__, **changes}
    params = {
        "q": values["q"],
        "school": values["school"],
        "status": "" if values["status"] == next(iter(register.statuses)) else values["status"],
        "sort": "" if values["sort"] == register.default_sort else values["sort"],
        "dir": "desc" if values["descending"] else "",
        "page": "" if values["page"] == 1 else str(values["page"]),
    }
    return {name: value for name, value in params.items() if value}


def _link(kind: str, filters: ReturnFilters) -> Callable[..., str]:
    def link(**changes: Any) -> str:
        params = _params(kind, filters, **changes)
        return ("?" + urlencode(params)) if params else ""

    return link


def _sort_link(kind: str, filters: ReturnFilters) -> Callable[[str], tuple[str, str]]:
    """The query string for a column header, and its aria-sort value now."""
    link = _link(kind, filters)

    def sort_link(key: str) -> tuple[str, str]:
        if filters.sort == key:
            return link(descending=not filters.descending, page=1), "descending" if filters.descending else "ascending"
        return link(sort=key, descending=False, page=1), "none"

    return sort_link


@bp.route(f"/returns/<{ANY_REGISTER}:register>")
@audience("officer")
def list_school_returns(register: str) -> Response:
    kind = KINDS[register]
    result = registers.list_returns(kind, filters_from_args(request.args), today=today(), calendar=calendar_or_none())
    audit_views.record_register_view(
        current_user,
        kind,
        filters=_params(kind, result.filters),
        shown=[row.reference for row in result.rows],
    )
    return render_page(
        "officers/returns/list.html",
        "officers/returns/_results.html",
        register=REGISTERS[kind],
        slug=register,
        slugs=SLUGS,
        registers=REGISTERS,
        result=result,
        filters=result.filters,
        link=_link(kind, result.filters),
        sort_link=_sort_link(kind, result.filters),
        fragment=wants_fragment(),
    )


def _csv_rows(kind: str, row: Any) -> tuple[object, ...]:
    pupil = (
        row.reference,
        row.child_name,
        row.date_of_birth.isoformat() if row.date_of_birth else "",
        row.year_group,
        row.upn,
        row.school,
        row.status,
    )
    if kind == "part_time":
        return (
            *pupil,
            row.reason,
            row.start_date.isoformat(),
            row.planned_end_date.isoformat(),
            row.ended_on.isoformat() if row.ended_on else "",
            f"{row.hours_per_week:g}",
            f"{row.normal_hours_per_week:g}",
            "; ".join(row.flags),
            row.social_worker,
            row.next_review.due.isoformat() if row.next_review else "",
            row.next_review.label if row.next_review else "",
        )
    if kind == "ap_placement":
        return (
            *pupil,
            row.provider,
            row.arranged_by,
            f"{row.hours_per_week:g}",
            row.start_date.isoformat(),
            row.end_date.isoformat() if row.end_date else "",
        )
    if kind == "not_attending":
        return (*pupil, row.reason, row.since.isoformat())
    return (
        *pupil,
        row.ground,
        row.last_attended.isoformat(),
        row.deletion_date.isoformat(),
        "; ".join(row.missing),
        row.information_due.due.isoformat() if row.information_due else "",
        row.information_due.label if row.information_due else "",
        row.case_reference,
    )


PUPIL_COLUMNS = ("Reference", "Child", "Date of birth", "Year group", "UPN", "School", "Status")
CSV_COLUMNS = {
    "part_time": (
        *PUPIL_COLUMNS,
        "Reason",
        "Start date",
        "Planned end",
        "Ended on",
        "Hours a week",
        "Normal hours a week",
        "Flags",
        "Social worker",
        "Next review",
        "Review due",
    ),
    "ap_placement": (*PUPIL_COLUMNS, "Provider", "Arranged by", "Hours a week", "Start date", "Planned end"),
    "not_attending": (*PUPIL_COLUMNS, "Reason", "Not attending since"),
    "leaver": (
        *PUPIL_COLUMNS,
        "Ground",
        "Last day at school",
        "Removed from register",
        "Still missing",
        "Information due",
        "Due",
        "Case",
    ),
}


@bp.route(f"/returns/<{ANY_REGISTER}:register>/export.csv")
@audience("officer")
def export_school_returns(register: str) -> Response:
    """The filtered register as CSV, every matching record; who downloaded what is audited before anything is sent."""
    kind = KINDS[register]
    on = today()
    filters = resolved(REGISTERS[kind], filters_from_args(request.args))
    total = registers.count_returns(kind, filters, today=on)
    audit_views.record_register_export(current_user, kind, filters=_params(kind, filters, page=1), rows=total)
    rows = (
        _csv_rows(kind, row) for row in registers.iter_returns(kind, filters, today=on, calendar=calendar_or_none())
    )
    return csv_download(f"{register}-{on.isoformat()}.csv", CSV_COLUMNS[kind], rows)


@bp.route(f"/returns/<{ANY_RECORD}:register>/<int:record_id>")
@audience("officer")
def show_school_return(register: str, record_id: int) -> Response:
    kind = KINDS[register]
    record = registers.get_return_or_404(kind, record_id)
    audit_views.record_return_view(current_user, OBJECT_TYPES[kind], record.id)
    return render_page(
        f"officers/returns/{kind}.html",
        record=record,
        register=REGISTERS[kind],
        back=_back(register),
        year_group=year_group_label(record.year_group),
        labels=LABELS[kind],
        flags=registers.flag_labels(record.flags) if kind == "part_time" else (),
        history=part_time_history(record) if kind == "part_time" else [],
        today=today(),
    )


@bp.route("/returns/pending-leavers/<int:leaver_id>")
@audience("officer")
def show_leaver(leaver_id: int) -> Response:
    detail = registers.get_leaver_or_404(leaver_id, today=today(), calendar=calendar_or_none())
    audit_views.record_return_view(current_user, "school_leaver", detail.leaver.id, child_id=detail.leaver.child_id)
    return render_page(
        "officers/returns/leaver.html",
        detail=detail,
        year_group=year_group_label(detail.leaver.year_group),
        back=_back("pending-leavers"),
    )


def _back(register: str) -> str:
    """Back to the register as the officer left it (its filters are in the referrer), else to the register."""
    base = url_for("officers.list_school_returns", register=register)
    came_from = urlparse(request.referrer or "")
    return f"{base}?{came_from.query}" if came_from.path == base and came_from.query else base
