"""GOV.UK question-page journeys: one thing per page, answers kept in a server-side draft, check answers, submit.

A journey is a list of steps; each step is a WTForms form. Every step is a full POST that saves the answer to the
school's draft and redirects (POST/redirect/GET), so the journey works with JavaScript off, survives a change of
worker, and can be left and resumed from the school home page. The answers are checked again before submission,
because time passes between steps (a removal date that was today may be in the past by then).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response
from wtforms import BooleanField, DateField, Field, RadioField, SelectField, SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.validators import StopValidation, ValidationError

from portal.auth import audience
from portal.schools.blueprint import bp
from portal.services import drafts

Answers = dict[str, dict[str, Any]]

# The name of the "Save and come back later" button, a second submit button in each question page's own form.
SAVE_FOR_LATER = "save_and_return"


def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def as_date(value: Any) -> date | None:
    """A stored answer back as a date (answers are stored as ISO strings)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def answer(answers: Answers, step: str, name: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(name, default)


@dataclass
class WizardContext:
    """What a step's validation may need besides the answer itself: today, the school, the other answers."""

    today: date
    school: Any
    answers: Answers
    settings: Any = None
    calendar: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, step: str, name: str, default: Any = None) -> Any:
        return answer(self.answers, step, name, default)

    def date(self, step: str, name: str) -> date | None:
        return as_date(self.value(step, name))


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    """Typed text without control characters (a NUL byte cannot even be stored in PostgreSQL); line breaks stay."""
    return CONTROL_CHARACTERS.sub("", text)


class GovRadioField(RadioField):
    """Radios whose only error, when nothing (or something not offered) is chosen, is the GOV.UK message."""

    def __init__(self, label: str | None = None, validators: Any = None, *, message: str, **kwargs: Any) -> None:
        from portal.forms import GovRadioInput

        kwargs.setdefault("widget", GovRadioInput())
        super().__init__(label, validators, invalid_choice_message=message, **kwargs)
        self.message = message

    def pre_validate(self, form: Any) -> None:
        if not self.data or self.data not in {str(value) for value in dict(self.choices or {})}:
            raise StopValidation(self.message)


class GovCheckboxesField(SelectMultipleField):
    """Checkboxes: values not offered are refused with the given message."""

    def __init__(self, label: str | None = None, validators: Any = None, *, message: str, **kwargs: Any) -> None:
        from portal.forms import GovCheckboxesInput

        kwargs.setdefault("widget", GovCheckboxesInput())
        super().__init__(label, validators, invalid_choice_message=message, **kwargs)
        self.message = message

    def pre_validate(self, form: Any) -> None:
        offered = {str(value) for value in dict(self.choices or {})}
        if any(value not in offered for value in self.data or []):
            raise StopValidation(self.message)


def not_in_future(message: str) -> Callable[[Any, Field], None]:
    def check(form: Any, field_: Field) -> None:
        if field_.data is not None and field_.data > form.context.today:
            raise ValidationError(message)

    return check


def not_before_birth(message: str, birth_step: str = "date-of-birth") -> Callable[[Any, Field], None]:
    def check(form: Any, field_: Field) -> None:
        dob = form.context.date(birth_step, "date_of_birth")
        if field_.data is not None and dob is not None and field_.data < dob:
            raise ValidationError(message)

    return check


class WizardForm(FlaskForm):
    """One question page. CSRF comes from the app-wide CSRFProtect and the hidden token in the page template."""

    class Meta:
        csrf = False

    title: ClassVar[str] = ""  # the h1 of a page with several fields
    heading_field: ClassVar[str | None] = None  # on a one-question page, this field's label is the h1
    # Related fields shown together under a legend: [(legend, (field, ...)), ...]. Follow-up questions get their
    # own page instead of a conditional reveal (GOV.UK's script puts aria-expanded on radios, which axe refuses).
    fieldsets: ClassVar[list[tuple[str, tuple[str, ...]]]] = []
    choice_hints: ClassVar[dict[str, dict[str, str]]] = {}
    exclusive_choices: ClassVar[dict[str, str]] = {}  # a checkbox like "None of these" that clears the others
    summary_labels: ClassVar[dict[str, str]] = {}
    field_classes: ClassVar[dict[str, str]] = {}
    intro_template: ClassVar[str | None] = None  # included below the h1: guidance, warnings
    button: ClassVar[str] = "Continue"

    def __init__(self, formdata: Any = None, *, context: WizardContext, **kwargs: Any) -> None:
        self.context = context
        super().__init__(formdata=formdata, **kwargs)
        for f in self._fields.values():
            if isinstance(f.data, str):
                f.data = without_control_characters(f.data)
        self.customise()

    def customise(self) -> None:
        """Hook for choices and hints that depend on the other answers."""

    # Display ----------------------------------------------------------------------------------------------
    @property
    def heading(self) -> str:
        if self.title:
            return self.title
        assert self.heading_field is not None
        return str(self[self.heading_field].label.text)

    def visible_fields(self) -> list[Field]:
        return list(self._fields.values())

    def groups(self) -> list[tuple[str | None, list[Field]]]:
        """The fields in page order: a fieldset's fields together under its legend, the others alone."""
        owner = {name: legend for legend, names in self.fieldsets for name in names}
        out: list[tuple[str | None, list[Field]]] = []
        for name, f in self._fields.items():
            legend = owner.get(name)
            if legend is not None and out and out[-1][0] == legend:
                out[-1][1].append(f)
            else:
                out.append((legend, [f]))
        return out

    def field_params(self, name: str) -> dict[str, Any]:
        f = self[name]
        grouped = isinstance(f, (RadioField, SelectMultipleField, DateField))
        is_heading = name == self.heading_field and not self.title
        params: dict[str, Any] = {}
        if grouped:
            legend: dict[str, Any] = {"text": f.label.text}
            if is_heading:
                legend.update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
            elif not isinstance(f, DateField) or self.title:
                legend["classes"] = "govuk-fieldset__legend--s"
            params["fieldset"] = {"legend": legend}
        elif is_heading:
            params["label"] = {"text": f.label.text, "isPageHeading": True, "classes": "govuk-label--l"}
        if name in self.field_classes:
            params["classes"] = self.field_classes[name]
        if isinstance(f, (RadioField, SelectMultipleField)):
            if not f.description:
                params["hint"] = None  # no empty hint paragraph
            hints = self.choice_hints.get(name, {})
            exclusive = self.exclusive_choices.get(name)
            items = []
            for value, _label in dict(f.choices or {}).items():
                item: dict[str, Any] = {}
                if value in hints:
                    item["hint"] = {"text": hints[value]}
                if value == exclusive:
                    item["behaviour"] = "exclusive"
                items.append(item)
            if any(items):
                params["items"] = items
        return params

    def to_answers(self) -> dict[str, Any]:
        """The validated answer, as JSON values (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for name, f in self._fields.items():
            value = f.data
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, str):
                value = value.strip()
            out[name] = value
        return out

    @classmethod
    def _field_types(cls) -> dict[str, type]:
        return {
            name: attr.field_class for name in dir(cls) if isinstance(attr := getattr(cls, name, None), UnboundField)
        }

    @classmethod
    def initial(cls, stored: dict[str, Any] | None) -> dict[str, Any]:
        """Stored JSON back into form data."""
        data = dict(stored or {})
        for name, kind in cls._field_types().items():
            if issubclass(kind, DateField) and name in data:
                data[name] = as_date(data[name])
        return data

    @classmethod
    def to_formdata(cls, stored: dict[str, Any] | None) -> MultiDict[str, str]:
        """Stored answers as the browser would have sent them, to check them again."""
        formdata: MultiDict[str, str] = MultiDict()
        types = cls._field_types()
        for name, value in (stored or {}).items():
            kind = types.get(name)
            if kind is None or value is None:
                continue
            if issubclass(kind, DateField):
                parsed = as_date(value)
                if parsed:
                    for part in (str(parsed.day), str(parsed.month), str(parsed.year)):
                        formdata.add(name, part)
            elif issubclass(kind, BooleanField):
                if value:
                    formdata.add(name, "y")
            elif isinstance(value, list):
                for item in value:
                    formdata.add(name, str(item))
            elif isinstance(value, float) and value.is_integer():
                formdata.add(name, str(int(value)))
            else:
                formdata.add(name, str(value))
        return formdata

    # Check answers ---------------------------------------------------------------------------------------
    def display(self, name: str) -> Markup:
        f = self[name]
        value = f.data
        if isinstance(f, (RadioField, SelectField)) and not isinstance(f, SelectMultipleField):
            text = dict(f.choices or {}).get(value, "") if value else ""
        elif isinstance(f, SelectMultipleField):
            labels = dict(f.choices or {})
            return Markup("<br>").join(escape(labels.get(item, item)) for item in value or []) or Markup("None")
        elif isinstance(f, BooleanField):
            text = "Yes" if value else "No"
        elif isinstance(value, date):
            text = long_date(value)
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = "" if value is None else str(value)
        if not text:
            return Markup("Not given")
        return Markup("<br>").join(escape(line) for line in text.splitlines())

    def summary_rows(self) -> list[tuple[str, Markup]]:
        rows = []
        for name, f in self._fields.items():
            label = self.summary_labels.get(name) or str(f.label.text)
            rows.append((label, self.display(name)))
        return rows


def _always(_answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[WizardForm] | Callable[[Answers], type[WizardForm] | None]
    section: str = ""
    applies: Callable[[Answers], bool] = _always

    def form_class(self, answers: Answers) -> type[WizardForm] | None:
        if isinstance(self.form, type) and issubclass(self.form, WizardForm):
            return self.form
        return self.form(answers)  # type: ignore[call-arg]

    def is_applicable(self, answers: Answers) -> bool:
        return self.applies(answers) and self.form_class(answers) is not None


@dataclass
class Journey:
    """A journey's steps and the hooks its module gives: context, check-page extras, submission."""

    name: str  # stored on the draft
    url: str  # e.g. "leavers": /schools/leavers/<draft>/<step>
    noun: str  # endpoint suffix, e.g. "leaver"
    caption: str
    steps: list[Step]
    make_context: Callable[[Answers], WizardContext]
    submit: Callable[[Any, WizardContext], Response]
    completed_url: Callable[[int], str | None]
    check_template: str = "schools/wizard/check.html"
    check_extras: Callable[[WizardContext], dict[str, Any]] = lambda _ctx: {}
    pupil_name: Callable[[Answers], str] = lambda answers: " ".join(
        part
        for part in (answer(answers, "pupil-name", "first_name"), answer(answers, "pupil-name", "last_name"))
        if part
    )
    # Shown when the journey is left: the home page, or a record's page for a journey that completes a record.
    exit_url: Callable[[Any], str] = lambda _draft: url_for("schools.home")

    def step(self, slug: str) -> Step | None:
        return next((step for step in self.steps if step.slug == slug), None)

    def applicable(self, answers: Answers) -> list[Step]:
        return [step for step in self.steps if step.is_applicable(answers)]

    def first_unanswered(self, answers: Answers) -> Step | None:
        return next((step for step in self.applicable(answers) if step.slug not in answers), None)

    def after(self, slug: str, answers: Answers) -> Step | None:
        steps = self.applicable(answers)
        names = [step.slug for step in steps]
        if slug not in names:
            return self.first_unanswered(answers)
        index = names.index(slug)
        return steps[index + 1] if index + 1 < len(steps) else None

    def before(self, slug: str, answers: Answers) -> Step | None:
        steps = self.applicable(answers)
        names = [step.slug for step in steps]
        if slug not in names or names.index(slug) == 0:
            return None
        return steps[names.index(slug) - 1]

    # URLs ---------------------------------------------------------------------------------------------------
    def step_url(self, draft_id: int, slug: str, change: bool = False) -> str:
        return url_for(
            f"schools.answer_{self.noun}_question", draft_id=draft_id, slug=slug, change=1 if change else None
        )

    def check_url(self, draft_id: int) -> str:
        return url_for(f"schools.check_{self.noun}_answers", draft_id=draft_id)

    def invalid_steps(
        self, ctx: WizardContext, unfinished: dict[str, list[tuple[str, str]]] | None = None
    ) -> list[tuple[Step, WizardForm]]:
        """Steps whose stored answers no longer pass their checks (for example a date now in the past), and steps
        left unfinished with "Save and come back later": the answer shown is not what the school last typed."""
        bad = []
        for step in self.applicable(ctx.answers):
            form_class = step.form_class(ctx.answers)
            if form_class is None:
                continue
            if unfinished and step.slug in unfinished:
                form = form_class(formdata=MultiDict(unfinished[step.slug]), context=ctx)
                form.validate()
                bad.append((step, form))
                continue
            if step.slug not in ctx.answers:
                continue
            form = form_class(formdata=form_class.to_formdata(ctx.answers[step.slug]), context=ctx)
            if not form.validate():
                bad.append((step, form))
        return bad

    def sections(
        self, draft_id: int, ctx: WizardContext, *, changeable: bool = True
    ) -> list[tuple[str, list[dict[str, Any]]]]:
        """Check-your-answers rows grouped by section, each with its change link."""
        grouped: list[tuple[str, list[dict[str, Any]]]] = []
        for step in self.applicable(ctx.answers):
            form_class = step.form_class(ctx.answers)
            if form_class is None:
                continue
            form = form_class(data=form_class.initial(ctx.answers.get(step.slug)), context=ctx)
            rows = [
                {
                    "key": {"text": label},
                    "value": {"html": value},
                    **(
                        {
                            "actions": {
                                "items": [
                                    {
                                        "href": self.step_url(draft_id, step.slug, change=True),
                                        "text": "Change",
                                        "visuallyHiddenText": label.lower(),
                                    }
                                ]
                            }
                        }
                        if changeable
                        else {}
                    ),
                }
                for label, value in form.summary_rows()
            ]
            if grouped and grouped[-1][0] == step.section:
                grouped[-1][1].extend(rows)
            else:
                grouped.append((step.section, rows))
        return grouped


def _first_error(form: WizardForm) -> str:
    errors = [error for f in form._fields.values() for error in f.errors]
    return f"{form.heading}: {errors[0]}" if errors else form.heading


def _school() -> Any:
    return current_user.school


def _typed(form: WizardForm) -> list[tuple[str, str]]:
    """What the person typed into this page's fields, as sent."""
    return [
        (name, without_control_characters(value))
        for name, value in request.form.items(multi=True)
        if name in form._fields
    ]


def _saved_for_later() -> Response:
    flash(
        f"Your answers are saved for {drafts.DRAFT_LIFETIME.days} days. "
        "To carry on, select Continue under In progress.",
        "saved",
    )
    return redirect(url_for("schools.home"))


def load_draft(journey: Journey, draft_id: int) -> Any:
    draft = drafts.get_draft(_school(), draft_id, journey.name)
    if draft is None:
        abort(404)
    return draft


def register(journey: Journey) -> Journey:
    """Add the step, check-answers and discard-draft routes of ``journey`` to the schools blueprint."""

    def answer_question(draft_id: int, slug: str) -> Any:
        draft = load_draft(journey, draft_id)
        answers = drafts.draft_answers(draft)
        step = journey.step(slug)
        if step is None:
            abort(404)
        changing = request.args.get("change") == "1"
        if not step.is_applicable(answers):
            following = journey.first_unanswered(answers)
            return redirect(journey.step_url(draft.id, following.slug) if following else journey.check_url(draft.id))
        ctx = journey.make_context(answers)
        form_class = step.form_class(answers)
        assert form_class is not None
        unfinished = drafts.unfinished_input(draft)
        if request.method == "POST":
            form = form_class(formdata=request.form, context=ctx)
            saving_for_later = SAVE_FOR_LATER in request.form
            if form.validate():
                answers[slug] = form.to_answers()
                drafts.save_answers(draft, answers, pupil_name=journey.pupil_name(answers), step=slug)
                if saving_for_later:
                    return _saved_for_later()
                following = journey.first_unanswered(answers) if changing else journey.after(slug, answers)
                if following is None or (changing and following is None):
                    return redirect(journey.check_url(draft.id))
                return redirect(journey.step_url(draft.id, following.slug, change=changing))
            if saving_for_later:
                # Never lose what was typed: keep it unchecked; the check page stops submission until it is finished.
                drafts.save_unfinished(draft, slug, _typed(form))
                return _saved_for_later()
        elif slug in unfinished:
            # Shown as it was left, without errors: coming back to finish is not a mistake.
            form = form_class(formdata=MultiDict(unfinished[slug]), context=ctx)
        elif slug in answers:
            # Show the saved answer, with its errors if it no longer passes (time has moved on).
            form = form_class(formdata=form_class.to_formdata(answers[slug]), context=ctx)
            form.validate()
        else:
            form = form_class(context=ctx)
        previous = journey.before(slug, answers)
        if changing:
            back = journey.check_url(draft.id)
        elif previous is not None:
            back = journey.step_url(draft.id, previous.slug)
        else:
            back = journey.exit_url(draft)
        return render_template(
            "schools/wizard/question.html",
            form=form,
            journey=journey,
            draft=draft,
            step=step,
            back_url=back,
            ctx=ctx,
        )

    def check_answers(draft_id: int) -> Any:
        draft = drafts.get_draft(_school(), draft_id, journey.name)
        if draft is None:
            done = journey.completed_url(draft_id)
            if done:  # a refreshed or repeated final POST: the journey was completed already
                return redirect(done)
            abort(404)
        if request.method == "POST" and SAVE_FOR_LATER in request.form:
            return _saved_for_later()  # every answer on this page is saved already
        answers = drafts.draft_answers(draft)
        missing = journey.first_unanswered(answers)
        if missing is not None:
            return redirect(journey.step_url(draft.id, missing.slug))
        ctx = journey.make_context(answers)
        invalid = journey.invalid_steps(ctx, drafts.unfinished_input(draft))
        if request.method == "POST" and not invalid:
            try:
                return journey.submit(draft, ctx)
            except drafts.DraftGoneError:  # a second click or tab got there first
                done = journey.completed_url(draft_id)
                if done:
                    return redirect(done)
                abort(404)
        extras = journey.check_extras(ctx) if not invalid else {}
        return render_template(
            journey.check_template,
            journey=journey,
            draft=draft,
            sections=journey.sections(draft.id, ctx),
            invalid=[
                {"text": _first_error(form), "href": journey.step_url(draft.id, step.slug, change=True)}
                for step, form in invalid
            ],
            back_url=journey.step_url(draft.id, journey.applicable(answers)[-1].slug),
            ctx=ctx,
            **extras,
        )

    def discard_draft(draft_id: int) -> Any:
        draft = load_draft(journey, draft_id)
        if request.method == "POST":
            drafts.delete_draft(draft, actor=current_user)
            return redirect(url_for("schools.home"))
        return render_template("schools/wizard/discard.html", journey=journey, draft=draft)

    prefix = f"/{journey.url}/<int:draft_id>"
    bp.add_url_rule(
        f"{prefix}/<slug>",
        f"answer_{journey.noun}_question",
        audience("school")(answer_question),
        methods=["GET", "POST"],
    )
    bp.add_url_rule(
        f"{prefix}/check",
        f"check_{journey.noun}_answers",
        audience("school")(check_answers),
        methods=["GET", "POST"],
    )
    bp.add_url_rule(
        f"{prefix}/discard",
        f"discard_{journey.noun}_draft",
        audience("school")(discard_draft),
        methods=["GET", "POST"],
    )
    return journey
