"""The referral's question pages in order, the answers kept between them, and one helper that runs a page.

Answers live server-side in a draft (portal.services.public_referrals), found by a random token in the signed
session cookie, so any worker on any host can carry on the journey and nothing rides in hidden fields. A change
link from the check-answers page adds ``?change=1``: the page then returns to check answers (through any question
the change makes newly needed).

The parents' journey has the same shape in portal/parents/wizard.py: audience blueprints may not import each
other (import-linter), so the few lines of glue are repeated there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms.fields import DateField

from portal.clock import today
from portal.services.public_referrals import load_draft, save_draft

JOURNEY = "refer"
DRAFT_KEY = "refer_draft"
DONE_KEY = "refer_done"
START = "public.start"
CHECK = "public.check_answers"
NOT_SAVED = ("csrf_token", "website")


def _always(_answers: dict[str, Any]) -> bool:
    return True


def has_contact(answers: dict[str, Any]) -> bool:
    return any(answers.get(key) for key in ("referrer_name", "referrer_phone", "referrer_email"))


@dataclass(frozen=True)
class Step:
    endpoint: str
    marker: str  # an answer key present once the page has been answered
    applies: Callable[[dict[str, Any]], bool] = _always
    clears: tuple[str, ...] = ()  # answers a new answer here makes stale


STEPS: tuple[Step, ...] = (
    Step("public.immediate_risk", "immediate_risk"),
    Step("public.safeguarding", "safeguarding_contacted", applies=lambda a: a.get("immediate_risk") == "yes"),
    Step("public.child_name", "child_first_name"),
    Step("public.child_age", "age_known"),
    Step("public.date_of_birth", "date_of_birth", applies=lambda a: a.get("age_known") == "dob"),
    Step("public.approximate_age", "approximate_age", applies=lambda a: a.get("age_known") == "approximate"),
    Step("public.child_sex", "sex"),
    Step("public.child_address", "address_line_1"),
    Step("public.last_school", "school_query", clears=("school_choice", "school_urn", "school_name")),
    Step("public.choose_school", "school_choice", applies=lambda a: a.get("school_not_known") != "yes"),
    Step("public.last_seen", "last_seen"),
    Step("public.reasons", "reasons"),
    Step("public.relationship", "relationship"),
    Step("public.organisation", "organisation", applies=lambda a: a.get("relationship") == "professional"),
    Step("public.relationship_detail", "relationship_detail", applies=lambda a: a.get("relationship") == "other"),
    Step("public.contact", "referrer_name"),
    Step("public.family_told", "family_may_be_told", applies=has_contact),
)
_BY_ENDPOINT = {step.endpoint: step for step in STEPS}


# -- the draft ----------------------------------------------------------------------------------------------------


def answers() -> dict[str, Any]:
    draft = load_draft(session.get(DRAFT_KEY), JOURNEY)
    return draft.answers if draft is not None else {}


def save(updates: dict[str, Any], *, clears: tuple[str, ...] = ()) -> dict[str, Any]:
    current = answers()
    for key in clears:
        current.pop(key, None)
    current.update(updates)
    session[DRAFT_KEY] = save_draft(session.get(DRAFT_KEY), JOURNEY, current)
    return current


def honeypot_filled(form: FlaskForm) -> bool:
    """A field people never see: only a robot fills it in. Its submission is answered as usual, then dropped."""
    if form.website.data:
        current_app.logger.warning("public referral: honeypot field filled on %s; answers not kept", request.path)
        return True
    return False


# -- moving between pages -----------------------------------------------------------------------------------------


def is_change() -> bool:
    return request.args.get("change") == "1"


def first_incomplete(current: dict[str, Any]) -> str | None:
    for step in STEPS:
        if step.applies(current) and step.marker not in current:
            return step.endpoint
    return None


def next_url(endpoint: str, current: dict[str, Any]) -> str:
    if is_change():
        missing = first_incomplete(current)
        return url_for(missing, change=1) if missing else url_for(CHECK)
    position = [step.endpoint for step in STEPS].index(endpoint)
    for step in STEPS[position + 1 :]:
        if step.applies(current):
            return url_for(step.endpoint)
    return url_for(CHECK)


def last_step_url(current: dict[str, Any]) -> str:
    """The last question that applies: where the check-answers page's back link goes."""
    applicable = [step for step in STEPS if step.applies(current)]
    return url_for(applicable[-1].endpoint)


def back_url(endpoint: str, current: dict[str, Any]) -> str:
    if is_change():
        return url_for(CHECK)
    position = [step.endpoint for step in STEPS].index(endpoint)
    for step in reversed(STEPS[:position]):
        if step.applies(current):
            return url_for(step.endpoint)
    return url_for(START)


# -- forms and answers --------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def form_answers(form: FlaskForm) -> dict[str, Any]:
    return {name: _plain(field.data) for name, field in form._fields.items() if name not in NOT_SAVED}


def filled_form(form_class: Callable[..., FlaskForm], current: dict[str, Any]) -> FlaskForm:
    """A form showing the saved answers (GET); a POST form reads the request instead."""
    if request.method == "POST":
        return form_class()
    form = form_class(formdata=None)
    for name, field in form._fields.items():
        if name in current and name not in NOT_SAVED:
            value = current[name]
            if isinstance(field, DateField) and isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    value = None
            field.data = value
    return form


def with_today(form_class: Callable[..., FlaskForm]) -> Callable[..., FlaskForm]:
    """The form, told today's date from the web layer's clock (tests pin it with FIXED_TODAY)."""
    pinned = today()

    def make(*args: Any, **kwargs: Any) -> FlaskForm:
        return form_class(*args, today=lambda: pinned, **kwargs)

    return make


def run_step(
    endpoint: str,
    form_class: Callable[..., FlaskForm],
    template: str,
    *,
    updates: Callable[[FlaskForm, dict[str, Any]], dict[str, Any]] | None = None,
    **context: Any,
) -> Response | str:
    """GET shows the question with the saved answer; a valid POST saves it and moves on; errors keep the input."""
    current = answers()
    form = filled_form(form_class, current)
    if request.method == "POST" and form.validate():
        values = updates(form, current) if updates else form_answers(form)
        if honeypot_filled(form):
            values["_robot"] = True
        current = save(values, clears=_BY_ENDPOINT[endpoint].clears)
        return redirect(next_url(endpoint, current))
    return render_template(
        template, form=form, back_url=back_url(endpoint, current), answers=current, change=is_change(), **context
    )
