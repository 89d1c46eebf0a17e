"""The officers' dashboard: the register at a glance, and the termly DfE CME and EHE figures on a census date."""

from __future__ import annotations

from datetime import date
from typing import Any
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

    census = GovDateField("Census date")


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


def _chart(name: str, on: date) -> tuple[str, str]:
    if name in ("open-by-status", "open-by-type", "by-school", "returns-overdue", "ehe-by-school"):
        board = figures.dashboard(today())
        if name == "open-by-status":
            return "Open cases by status", bar_chart("Open cases by status", figures.chart_series(board.by_status))
        if name == "open-by-type":
            return "Open cases by type", bar_chart("Open cases by type", figures.chart_series(board.by_type))
        if name == "by-school":
            title = "Open cases by school last attended"
            return title, bar_chart(title, figures.chart_series(board.by_school))
        if name == "returns-overdue":
            title = "Information overdue from schools"
            return title, bar_chart(title, figures.chart_series(board.returns_overdue_by_school))
        grid = board.ehe_by_school
        title = "Home education cases by school and term"
        rows = [(row.label, [cell.count for cell in cells]) for row, cells in grid.rows[:10]]
        return title, grouped_bar_chart(title, grid.columns, rows)
    census = figures.census(on, calendar_or_none())
    if name == "census-by-type":
        return "Open on the census date by type", bar_chart("Open by type", figures.chart_series(census.open_by_type))
    if name == "census-time-missing":
        title = "Children missing education by time missing"
        return title, bar_chart(title, figures.chart_series(census.cme_by_time_missing))
    abort(404)


@bp.route("/charts/<name>.svg")
@audience("officer")
def show_chart(name: str) -> Response:
    on, form = _census_date()
    if form.errors:
        abort(404)
    _title, svg = _chart(name, on)
    response = make_response(svg)
    response.mimetype = "image/svg+xml"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def chart_url(name: str, **params: Any) -> str:
    return url_for("officers.show_chart", name=name, **params)
