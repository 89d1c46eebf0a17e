"""The leaver wizard at /schools/leavers/new: the pupil, the reg 9 ground, the destination, the four key items.

The outcome comes from ``portal.rules.leavers.assess_leaver`` and is shown before submission (Ealing EGfL leaver's
folder checklist; SI 2024/208 reg 9 and 13).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal import clock
from portal.auth import audience
from portal.digits import is_digits
from portal.queries import schools as queries
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.leavers import SCHOOL_ENQUIRY_CHECKLIST, Destination, LeaverOutcome
from portal.rules.register import CaseStatus
from portal.schools import common
from portal.schools.blueprint import bp
from portal.schools.forms_destination import (
    AdmissionDetailsForm,
    AdmissionForm,
    DestinationForm,
    MovedForm,
    NewAddressForm,
    NewSchoolForm,
    ParentContactDetailsForm,
    ParentContactForm,
    ResponsibleAdultForm,
    SchoolAbroadForm,
    SchoolDetailsForm,
    SchoolSearchForm,
    asks_destination,
    destination_of,
    new_school_known,
)
from portal.schools.forms_leaver import (
    ApprovalForm,
    DeletionDateForm,
    GroundForm,
    LaConsentForm,
    LastDayForm,
    PlacementForm,
    chosen_ground,
    conditions_form,
    ground_details_form,
    needs_la_consent,
)
from portal.schools.forms_pupil import child_and_family_steps
from portal.schools.wizard import Answers, Journey, Step, WizardContext, answer, register
from portal.services import drafts
from portal.services import leavers as service


def _special_school(_answers: Answers) -> bool:
    return bool(current_user.school and current_user.school.is_special)


def _died(answers: Answers) -> bool:
    ground = chosen_ground(answers)
    return ground is not None and ground.value in (DeletionGround.DIED.value, "died")


def _going(destination: Destination) -> Any:
    return lambda answers: (
        chosen_ground(answers) is not None and destination_of(answers) is destination and (not _died(answers))
    )


def _lives_in_uk(answers: Answers) -> bool:
    return (
        chosen_ground(answers) is not None
        and not _died(answers)
        and (destination_of(answers) is not Destination.SCHOOL_ABROAD)
    )


def _not_died(answers: Answers) -> bool:
    return chosen_ground(answers) is not None and not _died(answers)


def _admission_applies(answers: Answers) -> bool:
    return _not_died(answers) and new_school_known(answers)


def _admitted(answers: Answers) -> bool:
    return _admission_applies(answers) and answer(answers, "admission", "admitted") == "yes"


def _needs_consent(answers: Answers) -> bool:
    return _special_school(answers) and needs_la_consent(answers, is_special_school=True)


def _school_is(known: str) -> Any:
    going = _going(Destination.UK_SCHOOL)
    return lambda answers: going(answers) and answer(answers, "new-school", "school_known") == known


def _answered(step: str, name: str, value: str) -> Any:
    return lambda answers: answer(answers, step, name) == value


PUPIL = "The pupil"
LEAVING = "Leaving"
DESTINATION = "Where the pupil is going"
INFORMATION = "Leaver information"

STEPS = [
    *child_and_family_steps(PUPIL),
    Step("last-day", LastDayForm, LEAVING),
    Step("ground", GroundForm, LEAVING),
    Step("placement", PlacementForm, LEAVING, applies=_special_school),
    Step("la-consent", LaConsentForm, LEAVING, applies=_needs_consent),
    Step("conditions", conditions_form, LEAVING),
    Step("ground-details", ground_details_form, LEAVING),
    Step("deletion-date", DeletionDateForm, LEAVING),
    Step("destination", DestinationForm, DESTINATION, applies=asks_destination),
    Step("new-school", NewSchoolForm, DESTINATION, applies=_going(Destination.UK_SCHOOL)),
    Step("school-search", SchoolSearchForm, DESTINATION, applies=_school_is("listed")),
    Step("school-details", SchoolDetailsForm, DESTINATION, applies=_school_is("other")),
    Step("abroad", SchoolAbroadForm, DESTINATION, applies=_going(Destination.SCHOOL_ABROAD)),
    Step("responsible-adult", ResponsibleAdultForm, DESTINATION, applies=_going(Destination.SCHOOL_ABROAD)),
    Step("new-address", MovedForm, INFORMATION, applies=_lives_in_uk),
    Step("new-address-details", NewAddressForm, INFORMATION, applies=_answered("new-address", "moved", "yes")),
    Step("parent-contact", ParentContactForm, INFORMATION, applies=_not_died),
    Step(
        "parent-contact-details",
        ParentContactDetailsForm,
        INFORMATION,
        applies=_answered("parent-contact", "contact", "other"),
    ),
    Step("admission", AdmissionForm, INFORMATION, applies=_admission_applies),
    Step("admission-details", AdmissionDetailsForm, INFORMATION, applies=_admitted),
    Step("approval", ApprovalForm, "Approval"),
]

SUBMIT_LABELS = {
    LeaverOutcome.COMPLETE: "Submit leaver and deletion return",
    LeaverOutcome.INFORMATION_DUE: "Submit leaver",
    LeaverOutcome.REFER_AS_CME: "Submit leaver and refer to the CME team",
    LeaverOutcome.REFER_TO_CONNEXIONS: "Submit leaver",
    LeaverOutcome.REFER_NOT_CSA: "Submit leaver and tell the CME team",
}


def _preview(ctx: WizardContext) -> Any:
    # Without term dates (ctx.calendar None) the outcome is still known; only a deadline waits for them.
    try:
        return service.preview_leaver(
            ctx.answers, school=ctx.school, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings
        )
    except ValueError:  # dates the LA's term dates do not cover
        return None


def _check_extras(ctx: WizardContext) -> dict[str, Any]:
    preview = _preview(ctx)
    return {
        "preview": preview,
        "submit_label": SUBMIT_LABELS[preview.outcome] if preview else "Submit leaver",
        "outcome": LeaverOutcome,
    }


def _submit(draft: Any, ctx: WizardContext) -> Response:
    if _preview(ctx) is None:
        return redirect(url_for("schools.check_leaver_answers", draft_id=draft.id))
    try:
        leaver = service.submit_leaver(
            draft, actor=current_user, today=ctx.today, calendar=ctx.calendar, settings=ctx.settings
        )
    except service.AgreementNotRecordedError as error:
        # An officer changed the case's decision between the check page and the submit.
        flash(str(error))
        return redirect(url_for("schools.check_leaver_answers", draft_id=draft.id))
    return redirect(url_for("schools.show_leaver_confirmation", leaver_id=leaver.id))


def _completed(draft_id: int) -> str | None:
    leaver = queries.leaver_by_draft(common.school(), draft_id)
    return url_for("schools.show_leaver_confirmation", leaver_id=leaver.id) if leaver else None


def _exit(draft: Any) -> str:
    if draft.subject_id:
        return url_for("schools.show_ehe_notice", notice_id=draft.subject_id)
    return url_for("schools.start_leaver")


JOURNEY = register(
    Journey(
        name="leaver",
        url="leavers/drafts",
        noun="leaver",
        caption="Record a leaver",
        steps=STEPS,
        make_context=common.context,
        submit=_submit,
        completed_url=_completed,
        check_template="schools/leavers/check.html",
        check_extras=_check_extras,
        exit_url=_exit,
    )
)


def _notice_answers(notice: Any) -> Answers:
    """A parent's home-education notice fills in what it says (issue 5): the school checks and completes the rest."""
    child = notice.child
    answers: Answers = {
        "pupil-name": {
            "first_name": child.first_name,
            "middle_names": child.middle_names,
            "last_name": child.last_name,
        },
        "ground": {"ground": DeletionGround.HOME_EDUCATION.value},
        "ground-details": {
            "notice_date": notice.declaration_date.isoformat(),
            "effective_date": notice.effective_date.isoformat(),
        },
    }
    if child.date_of_birth:
        answers["date-of-birth"] = {"date_of_birth": child.date_of_birth.isoformat()}
    if child.upn:
        answers["upn"] = {"upn": child.upn}
    if notice.phone:  # the parent page needs an emergency number: without one the school enters it
        answers["parent"] = {
            "name": notice.parent_name,
            "relationship": notice.relationship,
            "phone": notice.phone,
            "email": notice.email,
        }
        answers["parent-contact"] = {"contact": "parent"}
    return answers


@bp.route("/leavers/new", methods=["GET", "POST"])
@audience("school")
def start_leaver() -> Any:
    school = common.school()
    notice = None
    notice_id = request.values.get("ehe_notice", "")
    if notice_id:
        notice = common.or_404(queries.get_ehe_notice(school, int(notice_id)) if is_digits(notice_id) else None)
    if request.method == "POST" and not (notice and notice.leaver_recorded):
        answers = _notice_answers(notice) if notice else {}
        draft = drafts.start_draft(
            school,
            current_user,
            JOURNEY.name,
            answers=answers,
            subject_id=notice.id if notice else None,
            pupil_name=JOURNEY.pupil_name(answers),
        )
        first = JOURNEY.first_unanswered(answers)
        return redirect(JOURNEY.step_url(draft.id, first.slug) if first else JOURNEY.check_url(draft.id))
    return render_template("schools/leavers/start.html", notice=notice, settings=common.settings())


@bp.route("/leavers/<int:leaver_id>/confirmation")
@audience("school")
def show_leaver_confirmation(leaver_id: int) -> Any:
    leaver = common.or_404(queries.get_leaver(common.school(), leaver_id))
    return render_template(
        "schools/leavers/confirmation.html",
        leaver=leaver,
        outcome=LeaverOutcome,
        tasks=service.leaver_list(leaver, "tasks"),
        missing=service.leaver_list(leaver, "missing"),
        enquiries=[label for _key, label in SCHOOL_ENQUIRY_CHECKLIST],
        status=_status(leaver),
        calendar=common.calendar_or_none(),
        today=clock.today(),
    )


@bp.route("/leavers/<int:leaver_id>")
@audience("school")
def show_leaver(leaver_id: int) -> Any:
    leaver = common.or_404(queries.get_leaver(common.school(), leaver_id))
    ctx = common.context(service.leaver_answers(leaver))
    return render_template(
        "schools/leavers/leaver.html",
        leaver=leaver,
        sections=JOURNEY.sections(0, ctx, changeable=False),
        outcome_label=service.OUTCOME_LABELS.get(leaver.outcome, leaver.outcome),
        tasks=service.leaver_list(leaver, "tasks"),
        missing=service.leaver_list(leaver, "missing"),
        status=_status(leaver),
    )


def _status(leaver: Any) -> str:
    """The words the LA uses (CaseStatus labels); a deletion return with no case has been received."""
    if leaver.case_id:
        return CaseStatus(leaver.case.status).label
    return CaseStatus.RECEIVED.label
