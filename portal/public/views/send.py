"""Check your answers, send the referral (rate limited, one record per submission key), and the confirmation.

After sending, nothing the person typed is shown again without an officer's sign-in: the draft is deleted and the
confirmation shows only the reference and what happens next.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for

from portal.auth import audience
from portal.clock import today
from portal.extensions import count_submission, limiter, submission_stored
from portal.public import wizard
from portal.public.answers import referral_details, summary
from portal.public.blueprint import bp
from portal.public.forms.send import SendForm
from portal.services.email import MailSettings, deliver
from portal.services.public_referrals import (
    Notify,
    decoy_reference,
    delete_draft,
    find_by_submission_key,
    issue_submission_key,
    load_draft,
    submit_referral,
)


def notify_settings() -> Notify:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return Notify(
        team_email=current_app.config["CME_TEAM_EMAIL"],
        officer_link=f"{base}/officers/cases/{{case_id}}",
        school_link=f"{base}/schools/",
    )


def _confirm(reference: str) -> Any:
    session.pop(wizard.JOURNEY.draft_key, None)
    session[wizard.JOURNEY.done_key] = reference
    return redirect(url_for("public.confirmation"))


@bp.route("/refer/check-answers", methods=["GET", "POST"])
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
    return render_template(
        "public/check_answers.html",
        form=form,
        sections=summary(current),
        back_url=wizard.JOURNEY.last_step_url(current),
    )


def _send(form: SendForm) -> Any:
    key = (request.form.get("submission_key") or "")[:64]
    earlier = find_by_submission_key(key)
    if earlier is not None:  # refreshed or sent twice: the referral exists already, so nothing more is made
        return _confirm(earlier.reference)
    token = session.get(wizard.JOURNEY.draft_key)
    draft = load_draft(token, wizard.JOURNEY.name)
    if draft is None:
        if session.get(wizard.JOURNEY.done_key):
            return redirect(url_for("public.confirmation"))
        return redirect(url_for("public.start"))
    if wizard.JOURNEY.honeypot_filled(form) or draft.answers.get("_robot"):
        current_app.logger.warning("public referral from a robot (honeypot filled): not stored")
        delete_draft(token, wizard.JOURNEY.name)
        return _confirm(decoy_reference(today()))
    missing = wizard.JOURNEY.first_incomplete(draft.answers)
    if missing:
        return redirect(url_for(missing))
    if not key or key != draft.submission_key:
        return redirect(url_for("public.check_answers"))
    result = submit_referral(
        referral_details(draft.answers), submission_key=key, today=today(), notify=notify_settings()
    )
    count_submission()
    delete_draft(token, wizard.JOURNEY.name)
    response = _confirm(result.reference)
    if result.email_ids:
        # Sent once the response has gone: a slow or broken mail server never holds up or fails the referral.
        response.call_on_close(partial(deliver, result.email_ids, MailSettings.from_config(current_app.config)))
    return response


@bp.route("/refer/confirmation")
@audience("public")
def confirmation() -> Any:
    reference = session.get(wizard.JOURNEY.done_key)
    if not reference:
        return redirect(url_for("public.start"))
    return render_template("public/confirmation.html", reference=reference)
