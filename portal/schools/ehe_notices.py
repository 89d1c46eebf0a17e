"""Parents' home-education notices, as the school sees them (issue 5): printable, meeting offered, leaver started.

SI 2024/208 reg 9(1)(f): the parent's written notice is the ground; the school offers a meeting (it cannot insist)
and records the leaver with ground F. An LA-placed special-school pupil needs the LA's consent first.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.validators import InputRequired

from portal.auth import audience
from portal.forms import GovDateField
from portal.queries import schools as queries
from portal.rules.register import ehe_meeting_recommended
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.wizard import GovRadioField, WizardForm, not_in_future
from portal.services.children import child_flags
from portal.services.school_ehe import MEETING_OUTCOMES, record_meeting_offer


class MeetingOfferForm(WizardForm):
    title = "Record the meeting offered to the parent"
    offered_on = GovDateField(
        "Date the meeting was offered",
        error_name="Date the meeting was offered",
        validators=[
            InputRequired("Enter the date the meeting was offered"),
            not_in_future("The date must be today or in the past"),
        ],
    )
    outcome = GovRadioField(
        "Did the parent accept the meeting?",
        choices={"accepted": "Yes, the parent accepted", "declined": "No, the parent declined"},
        message="Select whether the parent accepted the meeting",
    )
    button = "Record the meeting offer"


def _notice(notice_id: int) -> Any:
    return common.or_404(queries.get_ehe_notice(common.school(), notice_id))


@bp.route("/ehe-notices/<int:notice_id>")
@audience("school")
def show_ehe_notice(notice_id: int) -> Any:
    notice = _notice(notice_id)
    return render_template(
        "schools/ehe_notices/notice.html",
        notice=notice,
        meeting_recommended=ehe_meeting_recommended(child_flags(notice.child)),
        outcomes=MEETING_OUTCOMES,
    )


@bp.route("/ehe-notices/<int:notice_id>/meeting", methods=["GET", "POST"])
@audience("school")
def record_ehe_meeting(notice_id: int) -> Any:
    notice = _notice(notice_id)
    form = MeetingOfferForm(formdata=request.form if request.method == "POST" else None, context=common.context({}))
    if request.method == "POST" and form.validate():
        record_meeting_offer(notice, offered_on=form.offered_on.data, outcome=form.outcome.data, actor=current_user)
        flash("Meeting offer recorded.", "success")
        return redirect(url_for("schools.show_ehe_notice", notice_id=notice.id))
    return render_template(
        "schools/abroad/stage.html",
        form=form,
        record=notice,
        caption="Home education notice",
        back_url=url_for("schools.show_ehe_notice", notice_id=notice.id),
    )
