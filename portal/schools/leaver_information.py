"""Adding the leaver information a school did not have when it recorded the leaver (before the deadline passes).

The same question pages as the leaver wizard, for the four key items only; the outcome is assessed again
(Ealing EGfL leaver's folder checklist).
"""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.auth import audience
from portal.queries import schools as queries
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.leavers import STEPS as LEAVER_STEPS
from portal.schools.leavers import _check_extras, _preview
from portal.schools.wizard import Journey, WizardContext, register
from portal.services import drafts
from portal.services import leavers as service

INFORMATION_STEPS = (
    "new-school",
    "school-search",
    "school-details",
    "abroad",
    "responsible-adult",
    "new-address",
    "new-address-details",
    "parent-contact",
    "parent-contact-details",
    "admission",
    "admission-details",
)


def _leaver_of(draft: Any) -> Any:
    return common.or_404(queries.get_leaver(common.school(), draft.subject_id or 0))


def _submit(draft: Any, ctx: WizardContext) -> Response:
    leaver = _leaver_of(draft)
    if _preview(ctx) is None:
        return redirect(url_for("schools.check_leaver_information_answers", draft_id=draft.id))
    service.update_leaver_information(
        leaver, draft, actor=current_user, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings
    )
    return redirect(url_for("schools.show_leaver", leaver_id=leaver.id))


def _extras(ctx: WizardContext) -> dict[str, Any]:
    extras = _check_extras(ctx)
    extras["submit_label"] = "Save the leaver information"
    extras["check_title"] = "Check the leaver information"
    return extras


JOURNEY = register(
    Journey(
        name="leaver_info",
        url="leavers/information",
        noun="leaver_information",
        caption="Add leaver information",
        steps=[step for step in LEAVER_STEPS if step.slug in INFORMATION_STEPS],
        make_context=common.context,
        submit=_submit,
        completed_url=lambda _draft_id: None,
        check_template="schools/leavers/check.html",
        check_extras=_extras,
        exit_url=lambda draft: url_for("schools.show_leaver", leaver_id=draft.subject_id),
    )
)


@bp.route("/leavers/<int:leaver_id>/information", methods=["GET", "POST"])
@audience("school")
def start_leaver_update(leaver_id: int) -> Any:
    school = common.school()
    leaver = common.or_404(queries.get_leaver(school, leaver_id))
    if request.method == "GET" or leaver.outcome != "information_due":
        return redirect(url_for("schools.show_leaver", leaver_id=leaver.id))
    answers = service.leaver_answers(leaver)
    draft = drafts.start_draft(
        school, current_user, JOURNEY.name, answers=answers, subject_id=leaver.id, pupil_name=leaver.child.full_name
    )
    steps = JOURNEY.applicable(answers)
    if not steps:
        return redirect(JOURNEY.check_url(draft.id))
    return redirect(JOURNEY.step_url(draft.id, steps[0].slug))
