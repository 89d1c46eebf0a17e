"""Schools: leavers, pupils abroad, CME referrals and returns. Each journey's routes live in its own module."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template

from portal import clock
from portal.auth import audience
from portal.queries import schools as queries
from portal.schools import abroad, common, ehe_notices, leaver_information, leavers, referrals, returns
from portal.schools.blueprint import bp
from portal.services import drafts

__all__ = ["bp"]

# Every journey, by the name stored on its drafts (importing the modules registered their routes).
JOURNEYS = {
    journey.name: journey
    for journey in (
        leavers.JOURNEY,
        leaver_information.JOURNEY,
        abroad.JOURNEY,
        referrals.JOURNEY,
        *returns.JOURNEYS.values(),
    )
}
assert ehe_notices.bp is bp


@bp.route("/")
@audience("school")
def home() -> Any:
    school = common.school()
    return render_template(
        "schools/home.html",
        school=school,
        home=queries.home_summary(
            school, today=clock.today(), calendar=common.calendar_or_none(), settings=common.settings()
        ),
    )


@bp.route("/drafts/<int:draft_id>")
@audience("school")
def resume_draft(draft_id: int) -> Any:
    """Continue a journey where it was left: the first unanswered question, or the check-answers page."""
    draft = common.or_404(drafts.get_draft(common.school(), draft_id))
    journey = common.or_404(JOURNEYS.get(draft.journey))
    answers = drafts.draft_answers(draft)
    missing = journey.first_unanswered(answers)
    return redirect(journey.step_url(draft.id, missing.slug) if missing else journey.check_url(draft.id))
