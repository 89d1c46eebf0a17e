"""The LA officers' CME register: the caseload and its CSV export. The case page and the dashboard register their
routes on the same blueprint from their own modules (imported at the bottom)."""

from __future__ import annotations

from flask import Response, request
from flask_login import current_user
from markupsafe import Markup, escape

from portal.auth import audience
from portal.clock import today
from portal.htmx import render_page, wants_fragment
from portal.officers.blueprint import bp
from portal.officers.csv_download import csv_download
from portal.officers.filters import DATE_FILTERS, described, filters_from_args, query_string, sort_link
from portal.queries import cases as caseload
from portal.queries.case_order import SORTS
from portal.queries.deadlines import calendar_or_none
from portal.services.case_work import record_export

CSV_COLUMNS = (
    "Reference",
    "Child",
    "Date of birth",
    "Age",
    "School last attended",
    "Source",
    "Type",
    "Status",
    "Officer",
    "Risk",
    "Flags",
    "Next action",
    "Next action date",
    "Due",
)


@bp.route("/cases")
@audience("officer")
def list_cases() -> Response:
    filters = filters_from_args(request.args)
    calendar = calendar_or_none()
    result = caseload.list_cases(filters, officer_id=current_user.id, today=today(), calendar=calendar)
    fragment = wants_fragment()
    options = {}
    if not fragment:  # the filter form is only on the full page
        options = {
            "officer_choices": [(option.value, option.label) for option in caseload.officer_options()],
            # The school box shows what was typed, or the one school a link chose (from the dashboard, a case page).
            "school_box": filters.school_search
            or (caseload.get_school_label(filters.school_id) if filters.school_id else ""),
        }
    return render_page(
        "officers/cases.html",
        "officers/_results.html",
        result=result,
        filters=result.filters,
        labels=caseload.choice_labels(),
        sorts=SORTS,
        link=lambda **changes: query_string(result.filters, **changes),
        sort_link=lambda key: sort_link(result.filters, key),
        date_filters=DATE_FILTERS,
        options_html=options_html,
        fragment=fragment,
        term_dates_missing=calendar is None,
        school_matches=caseload.find_schools_matching(filters.school_search) if filters.school_search else None,
        **options,
    )


def options_html(choices: list[tuple[str, str]], current: str) -> Markup:
    """<option> elements for a select, built here: a Jinja loop over a long list costs several ms a page."""
    return Markup(  # noqa: S704  # nosec B704 (every value and label is escaped here)
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == current else ""}>{escape(label)}</option>'
            for value, label in choices
        )
    )


@bp.route("/cases/export.csv")
@audience("officer")
def export_cases() -> Response:
    """The filtered register as CSV, every matching row; who exported what is audited before anything is sent."""
    filters = filters_from_args(request.args)
    on = today()
    calendar = calendar_or_none()
    total = caseload.count_cases(filters, officer_id=current_user.id, today=on)
    record_export(current_user, filters=described(filters), rows=total)
    rows = (
        (
            row.reference,
            row.child_name,
            row.date_of_birth.isoformat() if row.date_of_birth else "",
            row.age,
            row.school,
            row.source,
            row.case_type,
            row.status,
            row.officer,
            row.risk_level,
            "; ".join(row.flags),
            row.next_action,
            row.next_action_date.isoformat() if row.next_action_date else "",
            row.due.label if row.due else "",
        )
        for row in caseload.iter_cases(filters, officer_id=current_user.id, today=on, calendar=calendar)
    )
    return csv_download(f"cme-register-{on.isoformat()}.csv", CSV_COLUMNS, rows)


# The other pages of the blueprint register their routes on import.
from portal.officers import case as _case  # noqa: E402,F401
from portal.officers import dashboard as _dashboard  # noqa: E402,F401
from portal.officers import school_returns as _school_returns  # noqa: E402,F401

__all__ = ["bp"]
