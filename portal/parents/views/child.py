"""About the child: names and date of birth, the school (searched in the schools list) and, for a special school
only, whether the council arranged the place."""

from __future__ import annotations

from typing import Any

from flask import redirect, url_for
from flask_wtf import FlaskForm

from portal import question_pages
from portal.auth import audience
from portal.parents import wizard
from portal.parents.blueprint import bp
from portal.parents.forms.child import ChildForm, ChooseSchoolForm, PlacementForm, SchoolForm
from portal.queries.notices import find_schools

NOT_IN_LIST = "other"


@bp.route("/home-education/child", methods=["GET", "POST"])
@audience("public")
def child() -> Any:
    return wizard.JOURNEY.run_step("parents.child", question_pages.with_today(ChildForm), "parents/child.html")


@bp.route("/home-education/school", methods=["GET", "POST"])
@audience("public")
def school() -> Any:
    return wizard.JOURNEY.run_step("parents.school", SchoolForm, "parents/school.html")


@bp.route("/home-education/choose-school", methods=["GET", "POST"])
@audience("public")
def choose_school() -> Any:
    current = wizard.JOURNEY.answers()
    query = current.get("school_query") or ""
    if not query:
        return redirect(url_for("parents.school", **({"change": 1} if question_pages.is_change() else {})))
    schools, more = find_schools(query, open_only=True)
    by_urn = {str(found.urn): found for found in schools}
    choices = {urn: found.name for urn, found in by_urn.items()}
    choices[NOT_IN_LIST] = f"Use the name I entered: {query}" if schools else f"Continue with the name {query}"

    def make_form(*args: Any, **kwargs: Any) -> FlaskForm:
        form = ChooseSchoolForm(*args, **kwargs)
        form.school_choice.choices = choices  # this request's search results only
        return form

    def updates(form: FlaskForm, _current: dict[str, Any]) -> dict[str, Any]:
        found = by_urn.get(form.school_choice.data)
        values: dict[str, Any] = {
            "school_choice": form.school_choice.data,
            "school_urn": found.urn if found else None,
            "school_name": found.name if found else query,
            "school_is_special": bool(found and found.is_special),
        }
        if not values["school_is_special"]:
            values["placed_by_la"] = ""
        return values

    return wizard.JOURNEY.run_step(
        "parents.choose_school",
        make_form,
        "parents/choose_school.html",
        updates=updates,
        schools=schools,
        more=more,
        query=query,
    )


@bp.route("/home-education/school-place", methods=["GET", "POST"])
@audience("public")
def placement() -> Any:
    current = wizard.JOURNEY.answers()
    if not wizard.school_is_special(current):  # asked only about a special school (the law gives no other step)
        return redirect(url_for("parents.school"))
    return wizard.JOURNEY.run_step(
        "parents.placement", PlacementForm, "parents/placement.html", school_name=current.get("school_name")
    )
