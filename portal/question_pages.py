"""Question pages for people who never sign in: the steps in order, the answers kept between them, and one helper
that runs a page. The public referral and the parents' home-education notice are both built on it.

Answers live server-side in a draft (portal.services.public_referrals), found by a random token in the signed
session cookie, so any worker on any host can carry on the journey and nothing rides in hidden fields. A change
link from the check-answers page adds ``?change=1``: the page then returns to check answers (through any question
the change makes newly needed).
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

NOT_SAVED = ("csrf_token", "website")


def _always(_answers: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    endpoint: str
    marker: str  # an answer key present once the page has been answered
    applies: Callable[[dict[str, Any]], bool] = _always
    clears: tuple[str, ...] = ()  # answers a new answer here makes stale


@dataclass(frozen=True)
class Journey:
    name: str  # the draft's journey, and the prefix of its session keys
    label: str  # for log lines, e.g. "public referral"
    start: str  # endpoint of the start page
    check: str  # endpoint of the check-answers page
    steps: tuple[Step, ...]

    @property
    def draft_key(self) -> str:
        return f"{self.name}_draft"

    @property
    def done_key(self) -> str:
        return f"{self.name}_done"

    def _step(self, endpoint: str) -> Step:
        return next(step for step in self.steps if step.endpoint == endpoint)

    def _position(self, endpoint: str) -> int:
        return [step.endpoint for step in self.steps].index(endpoint)

    # -- the draft ------------------------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        draft = load_draft(session.get(self.draft_key), self.name)
        return draft.answers if draft is not None else {}

    def save(self, updates: dict[str, Any], *, clears: tuple[str, ...] = ()) -> dict[str, Any]:
        current = self.answers()
        for key in clears:
            current.pop(key, None)
        current.update(updates)
        session[self.draft_key] = save_draft(session.get(self.draft_key), self.name, current)
        return current

    def honeypot_filled(self, form: FlaskForm) -> bool:
        """A field people never see: only a robot fills it in. Its submission is answered as usual, then dropped."""
        if form.website.data:
            current_app.logger.warning("%s: honeypot field filled on %s; answers not kept", self.label, request.path)
            return True
        return False

    # -- moving between pages -------------------------------------------------------------------------------------

    def first_incomplete(self, current: dict[str, Any]) -> str | None:
        for step in self.steps:
            if step.applies(current) and step.marker not in current:
                return step.endpoint
        return None

    def next_url(self, endpoint: str, current: dict[str, Any]) -> str:
        if is_change():
            missing = self.first_incomplete(current)
            return url_for(missing, change=1) if missing else url_for(self.check)
        for step in self.steps[self._position(endpoint) + 1 :]:
            if step.applies(current):
                return url_for(step.endpoint)
        return url_for(self.check)

    def last_step_url(self, current: dict[str, Any]) -> str:
        """The last question that applies: where the check-answers page's back link goes."""
        applicable = [step for step in self.steps if step.applies(current)]
        return url_for(applicable[-1].endpoint)

    def back_url(self, endpoint: str, current: dict[str, Any]) -> str:
        if is_change():
            return url_for(self.check)
        for step in reversed(self.steps[: self._position(endpoint)]):
            if step.applies(current):
                return url_for(step.endpoint)
        return url_for(self.start)

    def run_step(
        self,
        endpoint: str,
        form_class: Callable[..., FlaskForm],
        template: str,
        *,
        updates: Callable[[FlaskForm, dict[str, Any]], dict[str, Any]] | None = None,
        **context: Any,
    ) -> Response | str:
        """GET shows the question with the saved answer; a valid POST saves it and moves on; errors keep the input."""
        current = self.answers()
        form = filled_form(form_class, current)
        if request.method == "POST" and form.validate():
            values = updates(form, current) if updates else form_answers(form)
            if self.honeypot_filled(form):
                values["_robot"] = True
            current = self.save(values, clears=self._step(endpoint).clears)
            return redirect(self.next_url(endpoint, current))
        return render_template(
            template,
            form=form,
            back_url=self.back_url(endpoint, current),
            answers=current,
            change=is_change(),
            **context,
        )


def is_change() -> bool:
    return request.args.get("change") == "1"


# -- forms and answers ----------------------------------------------------------------------------------------------


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
