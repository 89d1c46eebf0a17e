"""Required returns: part-time timetables (with review, extend and end), AP placements, pupils not attending, CSV.

Sources: WTISA (part-time timetables); Ealing EGfL part-time and alternative provision data return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.auth import audience
from portal.queries import schools as queries
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.forms_pupil import (
    DateOfBirthForm,
    PupilNameForm,
    SocialWorkerForm,
    UpnForm,
    VulnerabilityForm,
    YearGroupForm,
    has_social_worker,
)
from portal.schools.forms_returns import (
    AP_ARRANGED_BY,
    NOT_ATTENDING_REASONS,
    PART_TIME_REASONS,
    ActionsForm,
    ApDatesForm,
    ApHoursForm,
    AuthorisedByForm,
    EndForm,
    ExtendForm,
    NotAttendingReasonForm,
    OtherProvisionDetailsForm,
    OtherProvisionForm,
    ParentalAgreementForm,
    PartTimeDatesForm,
    PartTimeHoursForm,
    PartTimeReasonForm,
    PartTimeReviewForm,
    ProviderForm,
    ReviewForm,
    SinceForm,
    has_other_provision,
)
from portal.schools.wizard import Journey, Step, WizardContext, register
from portal.services import drafts
from portal.services import returns as service

PUPIL = "The pupil"


def _pupil_steps(with_flags: bool = False) -> list[Step]:
    steps = [
        Step("pupil-name", PupilNameForm, PUPIL),
        Step("date-of-birth", DateOfBirthForm, PUPIL),
        Step("upn", UpnForm, PUPIL),
        Step("year-group", YearGroupForm, PUPIL),
    ]
    if with_flags:
        steps.append(Step("vulnerability", VulnerabilityForm, PUPIL))
        steps.append(Step("social-worker", SocialWorkerForm, PUPIL, applies=has_social_worker))
    return steps


def _journey(
    *,
    kind: str,
    url: str,
    noun: str,
    caption: str,
    steps: list[Step],
    submit: Callable[..., Any],
    start_endpoint: str,
    extras: Callable[[WizardContext], dict[str, Any]] = lambda _ctx: {},
) -> Journey:
    def _submit(draft: Any, ctx: WizardContext) -> Response:
        record = submit(draft, actor=current_user, today=ctx.today)
        flash(f"{caption}: {record.first_name} {record.last_name} recorded, reference {record.reference}.", "success")
        return redirect(url_for("schools.show_return", kind=kind, record_id=record.id))

    def _completed(draft_id: int) -> str | None:
        record = queries.return_by_draft(common.school(), kind, draft_id)
        return url_for("schools.show_return", kind=kind, record_id=record.id) if record else None

    return register(
        Journey(
            name=kind,
            url=url,
            noun=noun,
            caption=caption,
            steps=steps,
            make_context=common.context,
            submit=_submit,
            completed_url=_completed,
            check_template="schools/returns/check.html",
            check_extras=lambda ctx: {"submit_label": "Submit the return", **extras(ctx)},
            exit_url=lambda _draft: url_for(start_endpoint),
        )
    )


PART_TIME = _journey(
    kind="part_time",
    url="part-time-timetables/drafts",
    noun="part_time",
    caption="Record a part-time timetable",
    steps=[
        *_pupil_steps(with_flags=True),
        Step("reason", PartTimeReasonForm, "The timetable"),
        Step("dates", PartTimeDatesForm, "The timetable"),
        Step("reviews", PartTimeReviewForm, "The timetable"),
        Step("hours", PartTimeHoursForm, "The timetable"),
        Step("parental-agreement", ParentalAgreementForm, "Agreement"),
        Step("other-provision", OtherProvisionForm, "Agreement"),
        Step("other-provision-details", OtherProvisionDetailsForm, "Agreement", applies=has_other_provision),
        Step("authorised-by", AuthorisedByForm, "Agreement"),
    ],
    submit=service.submit_part_time,
    start_endpoint="schools.start_part_time",
    extras=lambda ctx: {"warnings": service.part_time_warnings(ctx.answers, ctx.settings)},
)
AP_PLACEMENT = _journey(
    kind="ap_placement",
    url="alternative-provision/drafts",
    noun="ap_placement",
    caption="Record an alternative provision placement",
    steps=[
        *_pupil_steps(),
        Step("provider", ProviderForm, "The placement"),
        Step("ap-hours", ApHoursForm, "The placement"),
        Step("ap-dates", ApDatesForm, "The placement"),
    ],
    submit=service.submit_ap_placement,
    start_endpoint="schools.start_ap_placement",
)
NOT_ATTENDING = _journey(
    kind="not_attending",
    url="not-attending/drafts",
    noun="not_attending",
    caption="Record a pupil not attending",
    steps=[
        *_pupil_steps(),
        Step("reason", NotAttendingReasonForm, "Not attending"),
        Step("since", SinceForm, "Not attending"),
        Step("actions", ActionsForm, "Not attending"),
    ],
    submit=service.submit_not_attending,
    start_endpoint="schools.start_not_attending",
)
JOURNEYS = {"part_time": PART_TIME, "ap_placement": AP_PLACEMENT, "not_attending": NOT_ATTENDING}
START_TEMPLATES = {
    "part_time": "schools/returns/start_part_time.html",
    "ap_placement": "schools/returns/start_ap_placement.html",
    "not_attending": "schools/returns/start_not_attending.html",
}


def _start(kind: str) -> Any:
    school = common.school()
    journey = JOURNEYS[kind]
    if request.method == "POST":
        draft = drafts.start_draft(school, current_user, journey.name)
        return redirect(journey.step_url(draft.id, journey.steps[0].slug))
    return render_template(START_TEMPLATES[kind], settings=common.settings())


@bp.route("/part-time-timetables/new", methods=["GET", "POST"])
@audience("school")
def start_part_time() -> Any:
    return _start("part_time")


@bp.route("/alternative-provision/new", methods=["GET", "POST"])
@audience("school")
def start_ap_placement() -> Any:
    return _start("ap_placement")


@bp.route("/not-attending/new", methods=["GET", "POST"])
@audience("school")
def start_not_attending() -> Any:
    return _start("not_attending")


@bp.route("/returns/<kind>/<int:record_id>")
@audience("school")
def show_return(kind: str, record_id: int) -> Any:
    if kind not in JOURNEYS:
        abort(404)
    record = common.or_404(queries.get_return(common.school(), kind, record_id))
    return render_template(
        f"schools/returns/{kind}.html",
        record=record,
        history=service.part_time_history(record) if kind == "part_time" else [],
        reasons={**PART_TIME_REASONS, **NOT_ATTENDING_REASONS},
        arranged_by=AP_ARRANGED_BY,
        kind=kind,
    )


ACTIONS = {"review": ReviewForm, "extend": ExtendForm, "end": EndForm}


@bp.route("/returns/part_time/<int:record_id>/actions/<action>", methods=["GET", "POST"])
@audience("school")
def change_part_time(record_id: int, action: str) -> Any:
    if action not in ACTIONS:
        abort(404)
    timetable = common.or_404(queries.get_return(common.school(), "part_time", record_id))
    back = url_for("schools.show_return", kind="part_time", record_id=timetable.id)
    if timetable.status != "active":
        return redirect(back)
    ctx = common.context({})
    ctx.extra["timetable"] = timetable
    form = ACTIONS[action](formdata=request.form if request.method == "POST" else None, context=ctx)
    if request.method == "POST" and form.validate():
        if action == "review":
            service.review_part_time(
                timetable,
                reviewed_on=form.reviewed_on.data,
                note=form.note.data,
                next_review_on=form.next_review_on.data,
                actor=current_user,
            )
            flash("Review recorded.", "success")
        elif action == "extend":
            service.extend_part_time(
                timetable, new_end_date=form.new_end_date.data, note=form.note.data, today=ctx.today, actor=current_user
            )
            flash("Part-time timetable extended.", "success")
        else:
            service.end_part_time(timetable, ended_on=form.ended_on.data, note=form.note.data or "", actor=current_user)
            flash("Part-time timetable ended.", "success")
        return redirect(back)
    return render_template(
        "schools/abroad/stage.html",
        form=form,
        record=_Named(f"{timetable.first_name} {timetable.last_name}"),
        caption="Part-time timetable",
        back_url=back,
    )


class _Named:
    """The stage template names the pupil as ``record.child.full_name``."""

    def __init__(self, name: str) -> None:
        self.child = self
        self.full_name = name


@bp.route("/returns/<kind>/<int:record_id>/close", methods=["POST"])
@audience("school")
def close_return(kind: str, record_id: int) -> Any:
    if kind not in ("ap_placement", "not_attending"):
        abort(404)
    record = common.or_404(queries.get_return(common.school(), kind, record_id))
    service.close_return(record, actor=current_user)
    flash("Placement ended." if kind == "ap_placement" else "Recorded as attending again.", "success")
    return redirect(url_for("schools.show_return", kind=kind, record_id=record.id))


@bp.route("/returns.csv")
@audience("school")
def export_returns() -> Any:
    school = common.school()
    response = make_response(service.returns_csv(school))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="returns-{school.urn}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
