"""Extended leave abroad at /schools/abroad/new, and the stages of the record afterwards.

Ealing EGfL extended leave abroad guidance: Letter 1, the parent's response (Letter 1a) or none within the window,
Letter 2, and the LA's decision. The pupil stays on roll while the school knows where they are and the parent says
they will return.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import clock
from portal.auth import audience
from portal.queries import schools as queries
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.forms_abroad import (
    AddressAbroadForm,
    ContactDetailsForm,
    ContactScheduleForm,
    DateLeftForm,
    LeaveEndForm,
    LeaveForm,
    LetterOneForm,
    LetterTwoForm,
    NoResponseForm,
    NotReturnedForm,
    ReasonForm,
    RemovalForm,
    RemovalGroundForm,
    ResponseForm,
    ResponsibleAdultAbroadForm,
    ReturnDateForm,
    ReturnedForm,
    leave_granted,
)
from portal.schools.forms_pupil import (
    DateOfBirthForm,
    HomeAddressForm,
    ParentForm,
    PupilNameForm,
    SocialWorkerForm,
    UpnForm,
    VulnerabilityForm,
    YearGroupForm,
    has_social_worker,
)
from portal.schools.wizard import Journey, Step, WizardContext, register
from portal.services import abroad as service
from portal.services import drafts

PUPIL = "The pupil"
ABROAD = "The leave abroad"

STEPS = [
    Step("pupil-name", PupilNameForm, PUPIL),
    Step("date-of-birth", DateOfBirthForm, PUPIL),
    Step("upn", UpnForm, PUPIL),
    Step("year-group", YearGroupForm, PUPIL),
    Step("home-address", HomeAddressForm, PUPIL),
    Step("parent", ParentForm, PUPIL),
    Step("vulnerability", VulnerabilityForm, PUPIL),
    Step("social-worker", SocialWorkerForm, PUPIL, applies=has_social_worker),
    Step("date-left", DateLeftForm, ABROAD),
    Step("leave", LeaveForm, ABROAD),
    Step("leave-end", LeaveEndForm, ABROAD, applies=leave_granted),
    Step("reason", ReasonForm, ABROAD),
    Step("address-abroad", AddressAbroadForm, ABROAD),
    Step("responsible-adult", ResponsibleAdultAbroadForm, ABROAD),
    Step("contact-details", ContactDetailsForm, ABROAD),
    Step("return-date", ReturnDateForm, ABROAD),
    Step("contact-schedule", ContactScheduleForm, ABROAD),
    Step("letter-1", LetterOneForm, "Letter 1"),
]


def _submit(draft: Any, ctx: WizardContext) -> Response:
    if ctx.calendar is None:
        return redirect(url_for("schools.check_abroad_answers", draft_id=draft.id))
    record = service.submit_abroad(
        draft, actor=current_user, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings
    )
    return redirect(url_for("schools.show_abroad_confirmation", record_id=record.id))


def _completed(draft_id: int) -> str | None:
    record = queries.abroad_by_draft(common.school(), draft_id)
    return url_for("schools.show_abroad_confirmation", record_id=record.id) if record else None


JOURNEY = register(
    Journey(
        name="abroad",
        url="abroad/drafts",
        noun="abroad",
        caption="Record a pupil abroad",
        steps=STEPS,
        make_context=common.context,
        submit=_submit,
        completed_url=_completed,
        check_extras=lambda _ctx: {"submit_label": "Submit and tell the local authority"},
        exit_url=lambda _draft: url_for("schools.start_abroad"),
    )
)


@bp.route("/abroad/new", methods=["GET", "POST"])
@audience("school")
def start_abroad() -> Any:
    school = common.school()
    if request.method == "POST":
        draft = drafts.start_draft(school, current_user, JOURNEY.name)
        return redirect(JOURNEY.step_url(draft.id, STEPS[0].slug))
    return render_template("schools/abroad/start.html")


@bp.route("/abroad/<int:record_id>/confirmation")
@audience("school")
def show_abroad_confirmation(record_id: int) -> Any:
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    return render_template("schools/abroad/confirmation.html", record=record)


@bp.route("/abroad/<int:record_id>")
@audience("school")
def show_abroad(record_id: int) -> Any:
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    today = clock.today()
    calendar = common.calendar_or_none()
    return render_template(
        "schools/abroad/record.html",
        record=record,
        stages=service.stage_history(record),
        labels=service.STAGE_LABELS,
        decision=service.la_decision(record),
        grounds={ground: service.removal_assessment(record, ground, today=today, calendar=calendar) for ground in "HI"},
        today=today,
        response_overdue=record.response_due is not None and today > record.response_due,
        return_passed=record.return_date is not None and today > record.return_date,
        open_stages=service.OPEN_STAGES,
    )


# Stages: each a small page with a date, and a POST that records it ---------------------------------------------
STAGES: dict[str, tuple[Any, str]] = {
    "response": (ResponseForm, "Record the parent's response to Letter 1"),
    "no-response": (NoResponseForm, "Record that the parent did not respond"),
    "letter-2": (LetterTwoForm, "Record Letter 2"),
    "returned": (ReturnedForm, "Record the pupil's return"),
    "not-returned": (NotReturnedForm, "Record that the pupil has not returned"),
}


def _record_stage(kind: str, record: Any, on: Any, note: str, today: Any) -> None:
    if kind == "response":
        service.record_response(record, on, actor=current_user, note=note)
    elif kind == "no-response":
        service.record_no_response(record, on, actor=current_user, today=today, note=note)
    elif kind == "letter-2":
        service.record_letter_2(record, on, actor=current_user, today=today, note=note)
    elif kind == "returned":
        service.record_returned(record, on, actor=current_user, note=note)
    else:
        service.record_not_returned(record, on, actor=current_user, today=today, note=note)


@bp.route("/abroad/<int:record_id>/stages/<kind>", methods=["GET", "POST"])
@audience("school")
def record_abroad_stage(record_id: int, kind: str) -> Any:
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    form_class, caption = common.or_404(STAGES.get(kind))
    ctx = common.context({})
    ctx.extra["record"] = record
    form = form_class(formdata=request.form if request.method == "POST" else None, context=ctx)
    if request.method == "GET" and form.on.data is None:
        form.on.data = ctx.today
    if request.method == "POST" and form.validate():
        try:
            _record_stage(kind, record, form.on.data, form.note.data or "", ctx.today)
        except service.StageError as error:
            form.on.errors = [str(error)]
        else:
            flash(f"{record.child.full_name}: {service.STAGE_LABELS[record.stage].lower()}.", "success")
            return redirect(url_for("schools.show_abroad", record_id=record.id))
    return render_template(
        "schools/abroad/stage.html",
        form=form,
        record=record,
        caption=caption,
        back_url=url_for("schools.show_abroad", record_id=record.id),
    )


@bp.route("/abroad/<int:record_id>/returned-today", methods=["POST"])
@audience("school")
def record_abroad_returned_today(record_id: int) -> Any:
    """One click from the school home page: the pupil is back today."""
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    try:
        service.record_returned(record, clock.today(), actor=current_user)
    except service.StageError as error:
        flash(str(error))
    else:
        flash(f"{record.child.full_name} is recorded as back at school today.", "success")
    return redirect(url_for("schools.home"))


@bp.route("/abroad/<int:record_id>/removal", methods=["GET", "POST"])
@audience("school")
def record_abroad_removal(record_id: int) -> Any:
    """First the ground: H and I are refused here, with the reason and the date they become available."""
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    if record.stage not in service.OPEN_STAGES:
        return redirect(url_for("schools.show_abroad", record_id=record.id))
    ctx = common.context({})
    form = RemovalGroundForm(formdata=request.form if request.method == "POST" else None, context=ctx)
    if request.method == "POST" and form.validate():
        assessment = service.removal_assessment(record, form.ground.data, today=ctx.today, calendar=ctx.calendar)
        if assessment.can_remove:
            return redirect(url_for("schools.confirm_abroad_removal", record_id=record.id, ground=form.ground.data))
        form.ground.errors = [assessment.explanation]
    return render_template(
        "schools/abroad/stage.html",
        form=form,
        record=record,
        caption="Remove from the register",
        back_url=url_for("schools.show_abroad", record_id=record.id),
    )


@bp.route("/abroad/<int:record_id>/removal/<ground>", methods=["GET", "POST"])
@audience("school")
def confirm_abroad_removal(record_id: int, ground: str) -> Any:
    record = common.or_404(queries.get_abroad_record(common.school(), record_id))
    common.or_404(ground in service.REMOVAL_GROUNDS or None)
    if record.stage not in service.OPEN_STAGES:
        return redirect(url_for("schools.show_abroad", record_id=record.id))
    ctx = common.context({})
    ctx.extra["ground"] = ground
    form = RemovalForm(formdata=request.form if request.method == "POST" else None, context=ctx)
    if request.method == "POST" and form.validate():
        try:
            service.record_removal(
                record,
                ground=ground,
                confirmed=form.confirmed.data or [],
                removal_date=form.removal_date.data,
                new_school_name=form.new_school_name.data or "",
                actor=current_user,
                today=ctx.today,
                calendar=ctx.calendar,
            )
        except service.StageError as error:
            (form._fields.get(error.field) or form.confirmed).errors = [str(error)]
        else:
            flash(f"{record.child.full_name} is recorded as removed from the register.", "success")
            return redirect(url_for("schools.show_abroad", record_id=record.id))
    return render_template(
        "schools/abroad/stage.html",
        form=form,
        record=record,
        caption=f"Remove from the register on ground {ground}",
        back_url=url_for("schools.record_abroad_removal", record_id=record.id),
    )
