"""The officers' dashboard: the register at a glance, and the termly DfE CME and EHE figures on a census date."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Response, abort, make_response, request, url_for
from flask_wtf import FlaskForm

from portal.auth import audience
from portal.clock import today
from portal.forms import GovDateField
from portal.htmx import render_page
from portal.officers.blueprint import bp
from portal.officers.charts import bar_chart, grouped_bar_chart
from portal.queries import dashboard as figures
from portal.queries.deadlines import calendar_or_none

MIN_CENSUS = date(2000, 1, 1)


class CensusForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    census = GovDateField("Census date", error_name="Census date")


def _census_date() -> tuple[date, CensusForm]:
    form = CensusForm(formdata=request.args if "census" in request.args else None)
    on = today()
    if "census" in request.args:
        if form.validate() and form.census.data is not None:
            if MIN_CENSUS <= form.census.data <= on:
                on = form.census.data
            else:
                form.census.errors = ["The census date must be between 1 January 2000 and today"]
        elif not form.census.errors:
            form.census.errors = ["Enter the census date"]
    if not form.census.raw_data:
        form.census.raw_data = [str(on.day), str(on.month), str(on.year)]
    return on, form


def caseload_url(filters: dict[str, str]) -> str:
    return url_for("officers.list_cases") + ("?" + urlencode(filters) if filters else "")


@bp.route("/")
@audience("officer")
def dashboard() -> Response:
    on, form = _census_date()
    census_query = urlencode({"census": [on.day, on.month, on.year]}, doseq=True)
    return render_page(
        "officers/dashboard.html",
        board=figures.dashboard(today()),
        census=figures.census(on, calendar_or_none()),
        census_form=form,
        census_query=census_query,
        caseload_url=caseload_url,
        form=form if form.errors else None,
        today_example=f"{today().day} {today().month} {today().year}",
    )


BOARD_CHARTS = {
    "open-by-status": "Open cases by status",
    "open-by-type": "Open cases by type",
    "by-school": "Open cases by school last attended",
    "returns-overdue": "Information overdue from schools",
    "ehe-by-school": "Home education cases by school and term",
}
CENSUS_CHARTS = {
    "census-by-type": "Open on the census date by type",
    "census-time-missing": "Children missing education by time missing",
}


def _chart(name: str, on: date) -> str:
    if name in BOARD_CHARTS:
        title = BOARD_CHARTS[name]
        board = figures.dashboard(today())
        if name == "ehe-by-school":
            rows = [(row.label, [cell.count for cell in cells]) for row, cells in board.ehe_by_school.rows[:10]]
            return grouped_bar_chart(title, board.ehe_by_school.columns, rows)
        series = {
            "open-by-status": board.by_status,
            "open-by-type": board.by_type,
            "by-school": board.by_school,
            "returns-overdue": board.returns_overdue_by_school,
        }[name]
        return bar_chart(title, figures.chart_series(series))
    census = figures.census(on, calendar_or_none())
    series = census.open_by_type if name == "census-by-type" else census.cme_by_time_missing
    return bar_chart(CENSUS_CHARTS[name], figures.chart_series(series))


@bp.route("/charts/<name>.svg")
@audience("officer")
def show_chart(name: str) -> Response:
    if name not in BOARD_CHARTS and name not in CENSUS_CHARTS:
        abort(404)
    on, form = _census_date()
    if form.errors:
        abort(404)
    svg = _chart(name, on)
    response = make_response(svg)
    response.mimetype = "image/svg+xml"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
