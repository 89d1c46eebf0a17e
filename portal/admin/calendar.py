"""Administrators keep the LA's school calendar: term dates and closure days (officers' deadlines count on it)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from portal.admin.blueprint import bp
from portal.auth import audience
from portal.forms import GovDateField, GovTextInput, strip
from portal.services import term_dates


def printable(value: Any) -> Any:
    """Drop NUL and other control characters: PostgreSQL refuses NUL in text."""
    return "".join(char for char in value if char.isprintable()) if isinstance(value, str) else value


class TermAddForm(FlaskForm):
    name = StringField(
        "Name",
        description="For example, Autumn 1 2027. Enter each half-term as its own term, so half-term holidays fall "
        "between terms.",
        filters=[strip, printable],
        validators=[
            InputRequired("Enter the name of the term, like Autumn 1 2027"),
            Length(max=100, message="The name must be 100 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    first_day = GovDateField(
        "First day", error_name="First day", validators=[InputRequired("Enter the first day of the term")]
    )
    last_day = GovDateField(
        "Last day", error_name="Last day", validators=[InputRequired("Enter the last day of the term")]
    )


class ClosureAddForm(FlaskForm):
    day = GovDateField("Date", error_name="Date", validators=[InputRequired("Enter the date of the closure day")])
    reason = StringField(
        "Reason",
        description="For example, INSET day",
        filters=[strip, printable],
        validators=[
            InputRequired("Enter why the schools are closed, like INSET day"),
            Length(max=100, message="The reason must be 100 characters or fewer"),
        ],
        widget=GovTextInput(),
    )


def _page(term_form: TermAddForm | None = None, closure_form: ClosureAddForm | None = None, status: int = 200) -> Any:
    failing = term_form if term_form is not None and term_form.errors else closure_form
    return (
        render_template(
            "admin/calendar.html",
            terms=term_dates.list_terms(),
            closures=term_dates.list_closures(),
            term_form=term_form or TermAddForm(formdata=None),
            closure_form=closure_form or ClosureAddForm(formdata=None),
            form=failing if failing is not None and failing.errors else None,
        ),
        status,
    )


@bp.route("/calendar")
@audience("admin")
def show_calendar() -> Any:
    return _page()


def _apply(form: FlaskForm, error: term_dates.CalendarError) -> None:
    for name, message in error.errors.items():
        getattr(form, name).errors = [*getattr(form, name).errors, message]


@bp.route("/calendar/terms", methods=["POST"])
@audience("admin")
def add_term() -> Any:
    form = TermAddForm()
    if form.validate():
        try:
            term = term_dates.add_term(
                name=form.name.data or "",
                first_day=form.first_day.data,
                last_day=form.last_day.data,
                actor=current_user,
            )
        except term_dates.CalendarError as error:
            _apply(form, error)
        else:
            flash(f"{term.name} added", "success")
            return redirect(url_for("admin.show_calendar"))
    return _page(term_form=form, status=422)


@bp.route("/calendar/closures", methods=["POST"])
@audience("admin")
def add_closure() -> Any:
    form = ClosureAddForm()
    if form.validate():
        try:
            closure = term_dates.add_closure(day=form.day.data, reason=form.reason.data or "", actor=current_user)
        except term_dates.CalendarError as error:
            _apply(form, error)
        else:
            flash(f"Closure day on {closure.day.day} {closure.day:%B %Y} added", "success")
            return redirect(url_for("admin.show_calendar"))
    return _page(closure_form=form, status=422)


@bp.route("/calendar/terms/<int:term_id>/remove", methods=["POST"])
@audience("admin")
def remove_term(term_id: int) -> Any:
    term = term_dates.remove_term(term_id, actor=current_user)
    if term is None:
        abort(404)
    flash(f"{term.name} removed", "success")
    return redirect(url_for("admin.show_calendar"))


@bp.route("/calendar/closures/<int:closure_id>/remove", methods=["POST"])
@audience("admin")
def remove_closure(closure_id: int) -> Any:
    closure = term_dates.remove_closure(closure_id, actor=current_user)
    if closure is None:
        abort(404)
    flash(f"Closure day on {closure.day.day} {closure.day:%B %Y} removed", "success")
    return redirect(url_for("admin.show_calendar"))
