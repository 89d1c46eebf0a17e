"""About the child: name, age, sex, where they live, their last school (searched in the schools list) and when
they were last there."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from flask_wtf import FlaskForm

from portal import question_pages
from portal.auth import audience
from portal.public import wizard
from portal.public.blueprint import bp
from portal.public.forms.child import (
    ApproximateAgeForm,
    ChildAddressForm,
    ChildAgeForm,
    ChildNameForm,
    ChildSexForm,
    ChooseSchoolForm,
    DateOfBirthForm,
    LastSchoolForm,
    LastSeenForm,
)
from portal.queries.notices import find_schools

NOT_IN_LIST = "other"


@bp.route("/refer/child-name", methods=["GET", "POST"])
@audience("public")
def child_name() -> Any:
    return wizard.JOURNEY.run_step("public.child_name", ChildNameForm, "public/child_name.html")


@bp.route("/refer/child-age", methods=["GET", "POST"])
@audience("public")
def child_age() -> Any:
    return wizard.JOURNEY.run_step("public.child_age", ChildAgeForm, "public/child_age.html")


@bp.route("/refer/date-of-birth", methods=["GET", "POST"])
@audience("public")
def date_of_birth() -> Any:
    return wizard.JOURNEY.run_step(
        "public.date_of_birth", question_pages.with_today(DateOfBirthForm), "public/date_of_birth.html"
    )


@bp.route("/refer/approximate-age", methods=["GET", "POST"])
@audience("public")
def approximate_age() -> Any:
    return wizard.JOURNEY.run_step("public.approximate_age", ApproximateAgeForm, "public/approximate_age.html")


@bp.route("/refer/child-sex", methods=["GET", "POST"])
@audience("public")
def child_sex() -> Any:
    return wizard.JOURNEY.run_step("public.child_sex", ChildSexForm, "public/child_sex.html")


@bp.route("/refer/child-address", methods=["GET", "POST"])
@audience("public")
def child_address() -> Any:
    return wizard.JOURNEY.run_step("public.child_address", ChildAddressForm, "public/child_address.html")


@bp.route("/refer/last-school", methods=["GET", "POST"])
@audience("public")
def last_school() -> Any:
    if request.method == "POST" and "not_known" in request.form:
        form = LastSchoolForm()
        values = {"school_query": "", "school_not_known": "yes"}
        if wizard.JOURNEY.honeypot_filled(form):
            values["_robot"] = True
        current = wizard.JOURNEY.save(values, clears=("school_choice", "school_urn", "school_name"))
        return redirect(wizard.JOURNEY.next_url("public.last_school", current))

    def updates(form: FlaskForm, _current: dict[str, Any]) -> dict[str, Any]:
        return {"school_query": form.school_query.data, "school_not_known": ""}

    return wizard.JOURNEY.run_step("public.last_school", LastSchoolForm, "public/last_school.html", updates=updates)


@bp.route("/refer/choose-school", methods=["GET", "POST"])
@audience("public")
def choose_school() -> Any:
    current = wizard.JOURNEY.answers()
    query = current.get("school_query") or ""
    if not query:
        return redirect(url_for("public.last_school", **({"change": 1} if question_pages.is_change() else {})))
    schools, more = find_schools(query, open_only=False)
    by_urn = {str(school.urn): school for school in schools}
    choices = {urn: school.name for urn, school in by_urn.items()}
    choices[NOT_IN_LIST] = f"Use the name I entered: {query}" if schools else f"Continue with the name {query}"

    def make_form(*args: Any, **kwargs: Any) -> FlaskForm:
        form = ChooseSchoolForm(*args, **kwargs)
        form.school_choice.choices = choices  # this request's search results only
        return form

    def updates(form: FlaskForm, _current: dict[str, Any]) -> dict[str, Any]:
        choice = form.school_choice.data
        school = by_urn.get(choice)
        return {
            "school_choice": choice,
            "school_urn": school.urn if school else None,
            "school_name": school.name if school else query,
        }

    return wizard.JOURNEY.run_step(
        "public.choose_school",
        make_form,
        "public/choose_school.html",
        updates=updates,
        schools=schools,
        more=more,
        query=query,
    )


@bp.route("/refer/last-seen", methods=["GET", "POST"])
@audience("public")
def last_seen() -> Any:
    return wizard.JOURNEY.run_step("public.last_seen", question_pages.with_today(LastSeenForm), "public/last_seen.html")
