"""The case page and its inline edits.

Each "Change" link opens a normal edit page; with htmx it swaps that page's form into the case page instead. The
form posts to the same URL: a plain POST redirects back to the case page (POST/redirect/GET), an htmx POST gets the
read-only block back with a success banner (plus the timeline and the other summary blocks, out of band). A save
based on an old version of the case is refused (409) with the officer's input kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from portal.auth import audience
from portal.clock import today
from portal.digits import is_digits
from portal.htmx import render_page, wants_fragment
from portal.officers import forms
from portal.officers.blueprint import bp
from portal.queries.case_detail import (
    EVENT_TITLES,
    case_detail,
    child_flag_values,
    duplicate_rows,
    get_referral_or_404,
    labels,
)
from portal.queries.cases import get_case_or_404, officer_options, school_options
from portal.queries.deadlines import calendar_or_none
from portal.rules.register import CaseStatus, ClosureReason, RiskFlag, RiskLevel
from portal.services import case_work, duplicates, enquiries
from portal.services.calendar import la_settings

# Blocks of the case page that can be fetched alone (their templates are officers/_section_<name>.html).
SECTIONS = (
    "status",
    "officer",
    "risk",
    "next_action",
    "enquiries",
    "safeguarding",
    "la_decision",
    "duplicates",
    "timeline",
)
# Refreshed out of band after every save, so the page never shows a stale value beside a fresh one.
SUMMARY_SECTIONS = ("status", "officer", "risk", "next_action", "deadlines", "la_decision", "timeline")


def case_context(case: Any, **extra: Any) -> dict[str, Any]:
    settings = la_settings(current_app.config["LA_CODE"])
    detail = case_detail(case, today=today(), calendar=calendar_or_none(), settings=settings)
    return {"case": case, "detail": detail, "labels": labels(), "event_titles": EVENT_TITLES, "today": today(), **extra}


@bp.route("/cases/<int:case_id>")
@audience("officer")
def show_case(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    case_work.record_view(case, current_user)
    return render_page("officers/case.html", **case_context(case))


@bp.route("/cases/<int:case_id>/sections/<section>")
@audience("officer")
def show_case_section(case_id: int, section: str) -> Response:
    """One block of the case page (htmx "Cancel"); the whole case page without htmx."""
    if section not in SECTIONS:
        abort(404)
    case = get_case_or_404(case_id)
    if not wants_fragment():
        case_work.record_view(case, current_user)
    return render_page("officers/case.html", f"officers/_section_{section}.html", **case_context(case))


@dataclass(frozen=True)
class Edit:
    """One inline edit: its form, the block it belongs to, how to fill it and how to save it."""

    section: str
    title: str
    submit: str
    form: FlaskForm
    save: Callable[[], str]
    now: Callable[[Any], str] = lambda case: ""
    fields_template: str = "officers/_fields.html"
    intro: str = ""


def _first_field(form: FlaskForm) -> Any:
    return next(field for field in form if field.type not in ("CSRFTokenField", "IntegerField"))


def _run(case: Any, edit: Edit) -> Response:
    form = edit.form
    status = 200
    conflict = None
    if request.method == "POST":
        status = 422
        if form.validate():
            try:
                message = edit.save()
            except case_work.CaseConflict as error:
                conflict = error
                status = 409
                form.version.raw_data = [str(error.current_version)]  # type: ignore[attr-defined]
                now = edit.now(error.case)
                _first_field(form).errors = [error.message + (f" {now}" if now else "")]
            except (case_work.CaseWorkError, enquiries.EnquiryError) as error:
                for name, text in error.errors.items():
                    field = getattr(form, name, None) or _first_field(form)
                    field.errors = [*field.errors, text]
            except duplicates.DuplicateError as error:
                _first_field(form).errors = [str(error)]
            else:
                if wants_fragment():
                    fresh = get_case_or_404(case.id)
                    return render_page(
                        "officers/case.html",
                        "officers/_saved.html",
                        **case_context(fresh, section=edit.section, banner=message, oob=SUMMARY_SECTIONS),
                    )
                flash(message, "success")
                return redirect(url_for("officers.show_case", case_id=case.id, _anchor=f"section-{edit.section}"))
    return render_page(
        "officers/edit.html",
        "officers/_edit_form.html",
        status=status,
        case=case,
        form=form,
        edit=edit,
        conflict=conflict,
        action=request.path,
    )


def _versioned(form_class: type[FlaskForm], case: Any, **data: Any) -> FlaskForm:
    if request.method == "POST":
        return form_class()
    return form_class(data={"version": case.version, **data})


def _plain(form_class: type[FlaskForm], **data: Any) -> FlaskForm:
    return form_class() if request.method == "POST" else form_class(data=data)


def _status_now(case: Any) -> str:
    return f"The status is now {CaseStatus(case.status).label.lower()}."


@bp.route("/cases/<int:case_id>/status", methods=["GET", "POST"])
@audience("officer")
def edit_status(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    if case.status == CaseStatus.CLOSED.value:
        return redirect(url_for("officers.reopen_case", case_id=case_id))
    form = _versioned(forms.StatusForm, case, status=case.status)

    def save() -> str:
        status = CaseStatus(form.status.data)
        case_work.change_status(
            case.id, version=form.version.data, status=status, note=form.note.data or "", actor=current_user
        )
        return f"Status changed to {status.label.lower()}"

    return _run(case, Edit("status", "Change the status", "Save status", form, save, _status_now))


@bp.route("/cases/<int:case_id>/officer", methods=["GET", "POST"])
@audience("officer")
def assign_case(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _versioned(forms.AssignForm, case, officer=str(case.assigned_to_id or ""))
    form.officer.choices = {"": "Not assigned", **{o.value: o.label for o in officer_options()}}

    def save() -> str:
        officer_id = int(form.officer.data) if form.officer.data else None
        saved = case_work.assign_case(case.id, version=form.version.data, officer_id=officer_id, actor=current_user)
        return f"Case assigned to {saved.assigned_to.name}" if saved.assigned_to_id else "Case no longer assigned"

    def now(fresh: Any) -> str:
        return f"It is now assigned to {fresh.assigned_to.name}." if fresh.assigned_to_id else "It is now not assigned."

    return _run(case, Edit("officer", "Assign the case", "Save officer", form, save, now))


@bp.route("/cases/<int:case_id>/risk", methods=["GET", "POST"])
@audience("officer")
def edit_risk(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _versioned(forms.RiskForm, case, risk_level=case.risk_level, flags=child_flag_values(case.child_id))

    def save() -> str:
        chosen = {RiskFlag(value) for value in form.flags.data or [] if value in RiskFlag.choices()}
        case_work.set_risk(
            case.id,
            version=form.version.data,
            risk_level=RiskLevel(form.risk_level.data),
            flags=chosen,
            actor=current_user,
        )
        return "Risk and flags saved"

    def now(fresh: Any) -> str:
        return f"The risk level is now {RiskLevel(fresh.risk_level).label.lower()}."

    return _run(case, Edit("risk", "Change the risk level and flags", "Save risk", form, save, now))


@bp.route("/cases/<int:case_id>/next-action", methods=["GET", "POST"])
@audience("officer")
def edit_next_action(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _versioned(forms.NextActionForm, case, next_action=case.next_action, next_action_date=case.next_action_date)

    def save() -> str:
        case_work.set_next_action(
            case.id,
            version=form.version.data,
            next_action=form.next_action.data or "",
            next_action_date=form.next_action_date.data,
            today=today(),
            actor=current_user,
        )
        return "Next action saved" if form.next_action.data else "Next action cleared"

    def now(fresh: Any) -> str:
        return f"The next action is now: {fresh.next_action}." if fresh.next_action else "There is now no next action."

    return _run(case, Edit("next_action", "Change the next action", "Save next action", form, save, now))


@bp.route("/cases/<int:case_id>/notes/new", methods=["GET", "POST"])
@audience("officer")
def add_note(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _plain(forms.NoteForm)

    def save() -> str:
        case_work.add_note(case.id, text=form.note.data or "", actor=current_user)
        return "Note added"

    return _run(case, Edit("timeline", "Add a note", "Add note", form, save))


@bp.route("/cases/<int:case_id>/close", methods=["GET", "POST"])
@audience("officer")
def close_case(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    if case.status == CaseStatus.CLOSED.value:
        return redirect(url_for("officers.show_case", case_id=case_id))
    form = _versioned(forms.CloseForm, case)
    form.school_id.choices = {"": "Select a school", **{o.value: o.label for o in school_options()}}

    def save() -> str:
        details = case_work.ClosureDetails(
            reason=ClosureReason(form.reason.data),
            school_id=int(form.school_id.data) if is_digits(form.school_id.data or "") else None,
            other_la=form.other_la.data or "",
            other_la_notified=bool(form.other_la_notified.data),
            detail=form.detail.data or "",
            duplicate_of=form.duplicate_of.data or "",
        )
        case_work.close_case(case.id, version=form.version.data, details=details, actor=current_user)
        return f"Case closed: {details.reason.label.lower()}"

    return _run(
        case,
        Edit("status", "Close the case", "Close case", form, save, _status_now, "officers/_close_fields.html"),
    )


@bp.route("/cases/<int:case_id>/reopen", methods=["GET", "POST"])
@audience("officer")
def reopen_case(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    if case.status != CaseStatus.CLOSED.value:
        return redirect(url_for("officers.show_case", case_id=case_id))
    form = _versioned(forms.ReopenForm, case)

    def save() -> str:
        case_work.reopen_case(case.id, version=form.version.data, reason=form.reason.data or "", actor=current_user)
        return "Case reopened"

    return _run(case, Edit("status", "Reopen the case", "Reopen case", form, save, _status_now))


@bp.route("/cases/<int:case_id>/la-decision", methods=["GET", "POST"])
@audience("officer")
def record_la_decision(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _versioned(forms.LaDecisionForm, case, decision=case.la_decision or None)

    def save() -> str:
        case_work.record_la_decision(
            case.id,
            version=form.version.data,
            decision=form.decision.data,
            note=form.note.data or "",
            actor=current_user,
        )
        return "Decision recorded: the school can see it"

    def now(fresh: Any) -> str:
        return f"The decision is now: {fresh.la_decision or 'none'}."

    intro = (
        "Record the local authority's decision when a school asks to remove a pupil who has not returned from leave "
        "abroad or has been absent for 20 school days (grounds H and I), or asks for consent to remove a pupil the "
        "local authority placed at a special school. The school sees your decision and your name on its record. Under "
        "grounds H and I it can remove the pupil only once you agree and the waiting time has passed, and its removal "
        "keeps a reference to your decision."
    )
    return _run(
        case, Edit("la_decision", "Decision on removal from roll", "Save decision", form, save, now, intro=intro)
    )


@bp.route("/cases/<int:case_id>/enquiries/new", methods=["GET", "POST"])
@audience("officer")
def record_enquiry(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    kind = request.args.get("kind", "")
    form = _plain(forms.EnquiryForm, kind=kind if kind in enquiries.ENQUIRY_KINDS else None)

    def save() -> str:
        details = enquiries.EnquiryDetails(
            kind=form.kind.data,
            done_on=form.done_on.data,
            made_by=form.made_by.data or "",
            outcome=form.outcome.data or "",
            note=form.note.data or "",
        )
        enquiries.record_enquiry(case.id, details, today=today(), actor=current_user)
        return "Enquiry recorded"

    return _run(case, Edit("enquiries", "Record an enquiry", "Save enquiry", form, save))


@bp.route("/cases/<int:case_id>/safeguarding/new", methods=["GET", "POST"])
@audience("officer")
def record_safeguarding_referral(case_id: int) -> Response:
    case = get_case_or_404(case_id)
    form = _plain(forms.SafeguardingForm, outcome="pending")

    def save() -> str:
        enquiries.record_safeguarding_referral(
            case.id,
            referred_on=form.referred_on.data,
            reference=form.reference.data or "",
            acknowledged_on=form.acknowledged_on.data,
            outcome=form.outcome.data or "pending",
            today=today(),
            actor=current_user,
        )
        return "Safeguarding referral recorded"

    return _run(case, Edit("safeguarding", "Record a referral to children's social care", "Save referral", form, save))


@bp.route("/cases/<int:case_id>/safeguarding/<int:referral_id>", methods=["GET", "POST"])
@audience("officer")
def update_safeguarding_referral(case_id: int, referral_id: int) -> Response:
    case = get_case_or_404(case_id)
    referral = get_referral_or_404(case_id, referral_id)
    form = _plain(
        forms.SafeguardingUpdateForm,
        reference=referral.reference,
        acknowledged_on=referral.acknowledged_on,
        outcome=referral.outcome or "pending",
    )

    def save() -> str:
        enquiries.update_safeguarding_referral(
            referral.id,
            reference=form.reference.data or "",
            acknowledged_on=form.acknowledged_on.data,
            outcome=form.outcome.data or "pending",
            today=today(),
            actor=current_user,
        )
        return "Safeguarding referral updated"

    return _run(case, Edit("safeguarding", "Update the safeguarding referral", "Save referral", form, save))


@bp.route("/cases/<int:case_id>/duplicates/<int:child_id>", methods=["GET", "POST"])
@audience("officer")
def decide_duplicate(case_id: int, child_id: int) -> Response:
    case = get_case_or_404(case_id)
    candidate = next((row for row in duplicate_rows(case.child) if row.child.id == child_id), None)
    if candidate is None:
        abort(404)
    form = _plain(forms.DuplicateForm)
    other = candidate.child

    def save() -> str:
        same = form.same_child.data == "yes"
        duplicates.decide_duplicate(
            case.id, other_child_id=other.id, same_child=same, note=form.note.data or "", actor=current_user
        )
        if same:
            return "Recorded as the same child: close the duplicate case with the reason 'duplicate'"
        return "Recorded as a different child"

    name = f"{other.first_name} {other.last_name}"
    dob = f", born {other.date_of_birth.day} {other.date_of_birth:%B %Y}" if other.date_of_birth else ""
    intro = f"Compare this child with {name}{dob} (child record {other.id}). Records are never merged automatically."
    return _run(case, Edit("duplicates", "Check a possible duplicate", "Save", form, save, intro=intro))
