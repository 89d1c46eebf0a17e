"""School CME referrals at /schools/referrals/new: a child who stopped attending and cannot be traced.

The immediate-risk question comes first (KCSIE); the page says plainly what is still missing before the referral
can be submitted (``portal.rules.leavers.school_referral_readiness``; Ealing EGfL CME referral page).
"""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.auth import audience
from portal.queries import schools as queries
from portal.rules.register import CaseStatus
from portal.rules.thresholds import deadline_status
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.forms_leaver import LastDayForm
from portal.schools.forms_pupil import child_and_family_steps
from portal.schools.forms_referral import (
    ConcernForm,
    EnquiriesForm,
    ImmediateRiskForm,
    MoveClaimedForm,
    MoveWhereForm,
    SafeguardingForm,
    move_claimed,
)
from portal.schools.wizard import Answers, Journey, Step, WizardContext, answer, register
from portal.services import drafts
from portal.services import school_referrals as service


def _at_risk(answers: Answers) -> bool:
    return answer(answers, "immediate-risk", "immediate_risk") == "yes"


CHILD = "The child"
STEPS = [
    Step("immediate-risk", ImmediateRiskForm, "Safeguarding"),
    Step("safeguarding", SafeguardingForm, "Safeguarding", applies=_at_risk),
    *child_and_family_steps(CHILD),
    Step("last-day", LastDayForm, "What happened"),
    Step("concern", ConcernForm, "What happened"),
    Step("move-claimed", MoveClaimedForm, "What happened"),
    Step("move-where", MoveWhereForm, "What happened", applies=move_claimed),
    Step("enquiries", EnquiriesForm, "Enquiries"),
]


def _readiness(ctx: WizardContext) -> Any:
    # Without term dates (ctx.calendar None) the school can still refer; only the deadline waits for them.
    try:
        return service.readiness(ctx.answers, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings)
    except ValueError:
        return None


def _due_pending(ready: Any, ctx: WizardContext) -> bool:
    """A last day is given but the deadline from it cannot be counted yet: no term dates for those days."""
    return ready is not None and ready.due is None and bool(answer(ctx.answers, "last-day", "last_attended"))


def _extras(ctx: WizardContext) -> dict[str, Any]:
    ready = _readiness(ctx)
    due_label = ""
    if ready is not None and ready.due is not None:
        try:
            due_label = deadline_status(ready.due, ctx.today, ctx.calendar).label
        except ValueError:
            due_label = ""
    return {
        "ready": ready,
        "due_label": due_label,
        "due_pending": _due_pending(ready, ctx),
        "scope": service.scope_of(ctx.answers, today=ctx.today, settings=ctx.settings),
        "submit_label": "Submit referral to the CME team",
    }


def _submit(draft: Any, ctx: WizardContext) -> Response:
    ready = _readiness(ctx)
    if ready is None or not ready.ready:
        return redirect(url_for("schools.check_referral_answers", draft_id=draft.id))
    referral = service.submit_referral(
        draft, actor=current_user, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings
    )
    return redirect(url_for("schools.show_referral_confirmation", referral_id=referral.id))


def _completed(draft_id: int) -> str | None:
    referral = queries.referral_by_draft(common.school(), draft_id)
    return url_for("schools.show_referral_confirmation", referral_id=referral.id) if referral else None


JOURNEY = register(
    Journey(
        name="referral",
        url="referrals/drafts",
        noun="referral",
        caption="Refer a child missing education",
        steps=STEPS,
        make_context=common.context,
        submit=_submit,
        completed_url=_completed,
        check_template="schools/referrals/check.html",
        check_extras=_extras,
        exit_url=lambda _draft: url_for("schools.start_referral"),
    )
)


@bp.route("/referrals/new", methods=["GET", "POST"])
@audience("school")
def start_referral() -> Any:
    school = common.school()
    if request.method == "POST":
        draft = drafts.start_draft(school, current_user, JOURNEY.name)
        return redirect(JOURNEY.step_url(draft.id, STEPS[0].slug))
    return render_template("schools/referrals/start.html", settings=common.settings())


@bp.route("/referrals/<int:referral_id>/confirmation")
@audience("school")
def show_referral_confirmation(referral_id: int) -> Any:
    referral = common.or_404(queries.get_referral(common.school(), referral_id))
    return render_template("schools/referrals/confirmation.html", referral=referral)


@bp.route("/referrals/<int:referral_id>")
@audience("school")
def show_referral(referral_id: int) -> Any:
    referral = common.or_404(queries.get_referral(common.school(), referral_id))
    case = referral.case
    return render_template(
        "schools/referrals/referral.html",
        referral=referral,
        status=CaseStatus(case.status).label if case else CaseStatus.RECEIVED.label,
        enquiries=list(case.enquiries) if case else [],
    )
