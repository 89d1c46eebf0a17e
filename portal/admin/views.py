"""Administration: users and the schools list. Other admin pages live in their own modules on the same blueprint."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template

from portal.admin import users as _users  # noqa: F401  (user pages: list, unlock, reset two-factor)
from portal.admin.blueprint import bp
from portal.admin.forms import SchoolsImportForm
from portal.auth import audience
from portal.clock import today
from portal.queries.deadlines import term_dates_warning
from portal.requests import accepts_bodies_up_to
from portal.services import school_import

MAX_EXTRACT_BYTES = 80 * 1024 * 1024


@bp.route("/")
@audience("admin")
def home() -> str:
    return render_template("admin/home.html", term_dates=term_dates_warning(today()))


@bp.route("/schools/import", methods=["GET", "POST"])
@audience("admin")
@accepts_bodies_up_to(MAX_EXTRACT_BYTES + 1024 * 1024)  # the extract, and room for the form around it
def import_schools() -> Any:
    form = SchoolsImportForm()
    report = None
    if form.validate_on_submit():
        data = form.extract.data.read(MAX_EXTRACT_BYTES + 1)
        if len(data) > MAX_EXTRACT_BYTES:
            form.extract.errors = ["The file must be smaller than 80MB"]
        else:
            try:
                report = school_import.import_schools(
                    data,
                    la_code=None if form.every_la.data else current_app.config["LA_CODE"],
                    skip_bad=bool(form.skip_bad.data),
                )
            except school_import.SchoolImportError as error:
                form.extract.errors = [str(error)]
    status = 422 if form.errors or (report is not None and not report.imported) else 200
    return render_template("admin/import_schools.html", form=form, report=report), status


__all__ = ["bp"]
from portal.admin import calendar as _calendar  # noqa: E402,F401  (registers its routes on bp)
from portal.admin import privacy as _privacy  # noqa: E402,F401  (registers its routes on bp)
