"""Check your answers and sign the notice, send it (rate limited, one record per submission key), confirmation.

The typed full name and today's date on the check-answers page are the parent's written notice to the school
(SI 2024/208 reg 9(1)(f)). After sending, the draft is deleted and the confirmation shows only the reference and
what happens next.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for

from portal.auth import audience
from portal.clock import today
from portal.extensions import count_submission, limiter, submission_stored
from portal.parents import wizard
from portal.parents.answers import long_date, notice_details, summary
from portal.parents.blueprint import bp
from portal.parents.forms.notice import SendForm
from portal.services.ehe_notices import find_by_submission_key, submit_notice
from portal.services.email import MailSettings, deliver
from portal.services.public_referrals import (
    Notify,
    decoy_reference,
    delete_draft,
    issue_submission_key,
    load_draft,
)


def notify_settings() -> Notify:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return Notify(
        team_email=current_app.config["CME_TEAM_EMAIL"],
        officer_link=f"{base}/officers/cases/{{case_id}}",
        school_link=f"{base}/schools/",
    )


def _confirm(reference: str, la_consent_required: bool = False, school_listed: bool = True) -> Any:
    session.pop(wizard.JOURNEY.draft_key, None)
    session[wizard.JOURNEY.done_key] = {
        "reference": reference,
        "la_consent_required": la_consent_required,
        "school_listed": school_listed,
    }
    return redirect(url_for("parents.confirmation"))


def _render(form: SendForm, current: dict[str, Any]) -> Any:
    now = today()
    return render_template(
        "parents/check_answers.html",
        form=form,
        sections=summary(current, now),
        back_url=wizard.JOURNEY.last_step_url(current),
        child_name=" ".join(p for p in (current.get("child_first_name"), current.get("child_last_name")) if p),
        school_name=current.get("school_name") or "",
        start=long_date(notice_details(current, declaration_name="", today=now).effective_date),
        today_text=long_date(now),
    )


@bp.route("/home-education/check-answers", methods=["GET", "POST"])
@audience("public")
@limiter.limit(lambda: current_app.config["SUBMISSION_LIMIT"], methods=["POST"], deduct_when=submission_stored)
def check_answers() -> Any:
    form = SendForm()
    if request.method == "POST":
        return _send(form)
    current = wizard.JOURNEY.answers()
    missing = wizard.JOURNEY.first_incomplete(current)
    if missing:
        return redirect(url_for(missing))
    form.submission_key.data = issue_submission_key(session.get(wizard.JOURNEY.draft_key), wizard.JOURNEY.name)
    return _render(form, current)


def _send(form: SendForm) -> Any:
    key = (request.form.get("submission_key") or "")[:64]
    earlier = find_by_submission_key(key)
    if earlier is not None:  # refreshed or sent twice: the notice exists already, so nothing more is made
        return _confirm(earlier.reference, earlier.la_consent_required)
    token = session.get(wizard.JOURNEY.draft_key)
    draft = load_draft(token, wizard.JOURNEY.name)
    if draft is None:
        if session.get(wizard.JOURNEY.done_key):
            return redirect(url_for("parents.confirmation"))
        return redirect(url_for("parents.start"))
    if wizard.JOURNEY.honeypot_filled(form) or draft.answers.get("_robot"):
        current_app.logger.warning("home education notice from a robot (honeypot filled): not stored")
        delete_draft(token, wizard.JOURNEY.name)
        return _confirm(decoy_reference(today()))
    missing = wizard.JOURNEY.first_incomplete(draft.answers)
    if missing:
        return redirect(url_for(missing))
    if not key or key != draft.submission_key:
        return redirect(url_for("parents.check_answers"))
    if not form.validate():
        form.submission_key.data = key
        return _render(form, draft.answers)
    details = notice_details(draft.answers, declaration_name=form.declaration_name.data, today=today())
    result = submit_notice(details, submission_key=key, today=today(), notify=notify_settings())
    count_submission()
    delete_draft(token, wizard.JOURNEY.name)
    response = _confirm(result.reference, result.la_consent_required, details.school_urn is not None)
    if result.email_ids:
        # Sent once the response has gone: a slow or broken mail server never holds up or fails the notice.
        response.call_on_close(partial(deliver, result.email_ids, MailSettings.from_config(current_app.config)))
    return response


@bp.route("/home-education/confirmation")
@audience("public")
def confirmation() -> Any:
    done = session.get(wizard.JOURNEY.done_key)
    if not isinstance(done, dict) or not done.get("reference"):
        return redirect(url_for("parents.start"))
    return render_template(
        "parents/confirmation.html",
        reference=done["reference"],
        la_consent_required=bool(done.get("la_consent_required")),
        school_listed=done.get("school_listed", True) is not False,
    )
