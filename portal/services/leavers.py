"""School leavers: what happens to a leaver the school records, decided by ``portal.rules.leavers.assess_leaver``.

- complete: the deletion return goes to the LA (SI 2024/208 reg 13(4));
- refer as CME now: the leaver is recorded and a CME case opened for the LA with everything the school entered;
- a child below compulsory school age is referred in the same way, but on a "not of compulsory school age" case,
  never a CME one (Education Act 1996 s.436A; portal.rules.scope);
- information due by a school-day date: a reminder on the school home page, and the sweep opens the CME case when
  the date passes (Ealing EGfL leaver's folder checklist: 10 school days);
- no term dates for those days yet: the leaver is taken with its deadline pending, and the date is filled in when an
  administrator adds the term dates or at the next sweep (``fill_pending_deadlines``);
- ground F also tells the LA's EHE team (Ealing: notify the EHE team the same day);
- vulnerable pupils: the people the school must tell (Ealing EGfL leavers checklist).
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from portal.db import db
from portal.digits import is_digits
from portal.models import Case, Child, ChildFlag, EheNotice, School, User
from portal.models.school_records import Leaver, SchoolDraft
from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar, format_date
from portal.rules.deletion_grounds import DeletionGround, NonCsaDeletionGround
from portal.rules.leavers import (
    SCHOOL_ENQUIRY_CHECKLIST,
    Destination,
    KeyItems,
    LeaverAssessment,
    LeaverOutcome,
    assess_leaver,
)
from portal.rules.register import CaseSource, CaseType, RiskFlag
from portal.rules.thresholds import (
    LocalSettings,
    journey_is_unreasonable_for_primary,
    leaver_information_due,
    needs_attendance_officer_consult,
)
from portal.rules.upn import upn_warnings
from portal.services.audit import audit
from portal.services.cases import add_event, open_case
from portal.services.children import AddressDetails, ChildDetails, ContactDetails, record_child
from portal.services.drafts import claim_draft, draft_answers, new_reference

Answers = dict[str, dict[str, Any]]

OUTCOME_LABELS = {
    LeaverOutcome.COMPLETE.value: "Complete",
    LeaverOutcome.INFORMATION_DUE.value: "Information due",
    LeaverOutcome.REFER_AS_CME.value: "Referred as missing education",
    LeaverOutcome.REFER_TO_CONNEXIONS.value: "Refer to Connexions",
    LeaverOutcome.REFER_NOT_CSA.value: "Not of compulsory school age: not a CME case",
}
# The outcomes that put the child on the LA's register, and as what (portal.rules.leavers.assess_leaver decides).
REFERRAL_CASE_TYPES = {
    LeaverOutcome.REFER_AS_CME: CaseType.CME,
    LeaverOutcome.REFER_NOT_CSA: CaseType.NOT_CSA,
}
LAST_PRIMARY_YEAR = 6


def _a(answers: Answers, step: str, name: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(name, default)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def ground_of(answers: Answers) -> DeletionGround | NonCsaDeletionGround:
    value = _a(answers, "ground", "ground")
    for kind in (DeletionGround, NonCsaDeletionGround):
        try:
            return kind(value)
        except ValueError:
            continue
    raise ValueError(f"no ground chosen ({value!r})")


def destination_of(answers: Answers, ground: DeletionGround | NonCsaDeletionGround) -> Destination:
    if ground is DeletionGround.HOME_EDUCATION:
        return Destination.HOME_EDUCATION
    try:
        return Destination(_a(answers, "destination", "destination"))
    except ValueError:
        return Destination.UNKNOWN


def key_items(answers: Answers, ground: DeletionGround | NonCsaDeletionGround, destination: Destination) -> KeyItems:
    """Which of the key items the school recorded (Ealing EGfL leaver's folder checklist)."""
    if destination is Destination.UK_SCHOOL:
        new_school = _a(answers, "new-school", "school_known") in ("listed", "other")
    elif destination is Destination.SCHOOL_ABROAD:
        new_school = bool(_a(answers, "abroad", "school_abroad"))
    else:
        new_school = False
    return KeyItems(
        parent_contact=_a(answers, "parent-contact", "contact") in ("parent", "other"),
        new_address=_a(answers, "new-address", "moved") in ("yes", "no"),
        new_school=new_school,
        admission_confirmed=new_school and _a(answers, "admission", "admitted") == "yes",
        abroad_address=bool(_a(answers, "abroad", "address_abroad")),
        responsible_adult=bool(
            _a(answers, "responsible-adult", "adult_name")
            and (_a(answers, "responsible-adult", "adult_phone") or _a(answers, "responsible-adult", "adult_email"))
        ),
        written_ehe_notice=ground is DeletionGround.HOME_EDUCATION
        and _date(_a(answers, "ground-details", "notice_date")) is not None,
    )


def flags_of(answers: Answers) -> dict[RiskFlag, str]:
    known = {flag.value: flag for flag in RiskFlag}
    chosen = _a(answers, "vulnerability", "flags", []) or []
    flags = {known[value]: "" for value in chosen if value in known}
    if RiskFlag.SOCIAL_WORKER in flags:
        flags[RiskFlag.SOCIAL_WORKER] = (_a(answers, "social-worker", "social_worker_name", "") or "")[:200]
    return flags


def year_group_of(answers: Answers) -> int | None:
    value = _a(answers, "year-group", "year_group")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class LeaverPreview:
    """What will happen when the school submits: the rules' assessment plus what the school must do."""

    assessment: LeaverAssessment
    ground: DeletionGround | NonCsaDeletionGround
    destination: Destination
    tasks: tuple[str, ...]
    warnings: tuple[str, ...]
    enquiries_to_make: tuple[str, ...]

    @property
    def outcome(self) -> LeaverOutcome:
        return self.assessment.outcome

    @property
    def tells_ehe_team(self) -> bool:
        return self.ground is DeletionGround.HOME_EDUCATION


def people_to_tell(flags: dict[RiskFlag, str], destination: Destination, new_school_known: bool) -> tuple[str, ...]:
    """The leaver's tasks: who to tell and which files to send (Ealing EGfL leavers checklist; KCSIE)."""
    tasks = ["Send the parent a letter confirming the pupil's name has been removed from the register."]
    if flags.keys() & {RiskFlag.SOCIAL_WORKER, RiskFlag.CP_PLAN, RiskFlag.CIN}:
        name = flags.get(RiskFlag.SOCIAL_WORKER, "")
        who = f"the pupil's social worker ({name})" if name else "the pupil's social worker"
        tasks.append(
            f"Tell {who} that the pupil is leaving, as soon as you know. If you do not know who the "
            "social worker is, call children's services."
        )
    if RiskFlag.LAC in flags:
        tasks.append(
            "Tell the Virtual School: the Virtual School Head must approve the removal of a looked-after child."
        )
    if RiskFlag.EHCP in flags:
        tasks.append("Tell the pupil's EHC co-ordinator, who must review the education, health and care plan.")
    if RiskFlag.PRIVATE_FOSTERING in flags:
        tasks.append("Refer the private fostering arrangement to children's services.")
    if new_school_known:
        tasks.append(
            "Send the common transfer file to the new school through school-to-school (S2S), and send the "
            "safeguarding file separately and securely within 5 days of the new school being confirmed."
        )
    elif destination is not Destination.HOME_EDUCATION:
        tasks.append("Upload a 'lost pupil' common transfer file (destination XXX, school XXXX) to S2S.")
    return tuple(tasks)


def preview_leaver(
    answers: Answers, *, school: School, today: date, calendar: SchoolCalendar | None, settings: LocalSettings
) -> LeaverPreview:
    ground = ground_of(answers)
    destination = destination_of(answers, ground)
    items = key_items(answers, ground, destination)
    dob = _date(_a(answers, "date-of-birth", "date_of_birth"))
    last_attended = _date(_a(answers, "last-day", "last_attended"))
    if dob is None or last_attended is None:
        raise ValueError("the leaver's date of birth and last day are needed")
    assessment = assess_leaver(
        ground=ground,
        destination=destination,
        items=items,
        dob=dob,
        last_attended=last_attended,
        today=today,
        calendar=calendar,
        settings=settings,
    )
    flags = flags_of(answers)
    warnings: list[str] = []
    year_group = year_group_of(answers)
    if ground is DeletionGround.MOVED_AWAY:
        minutes = _a(answers, "ground-details", "journey_minutes")
        primary = year_group is not None and year_group <= LAST_PRIMARY_YEAR
        if primary and isinstance(minutes, int) and journey_is_unreasonable_for_primary(minutes, settings):
            warnings.append(
                f"The journey ({minutes} minutes) is longer than the {settings.max_primary_journey_minutes} minutes "
                "the local authority treats as reasonable for a primary-age child. Keep a note of how you decided."
            )
        elif primary and isinstance(minutes, int):
            warnings.append(
                f"The journey ({minutes} minutes) is within the {settings.max_primary_journey_minutes} minutes the "
                "local authority treats as reasonable for a primary-age child. If the pupil can still get to "
                "school, do not remove them: it is an attendance matter for your link attendance officer."
            )
        if needs_attendance_officer_consult(year_group, settings):
            warnings.append(
                "Check with your link attendance officer or the CME officer before removing a Year 10 "
                "or Year 11 pupil who has moved."
            )
    if isinstance(ground, DeletionGround) and ground.la_must_agree:
        warnings.append(
            f"Ground {ground.code} needs the local authority's agreement: you have chosen the decision an "
            "officer recorded on the pupil's case, and the removal keeps a reference to it."
        )
    upn = _a(answers, "upn", "upn")
    if upn:
        with contextlib.suppress(ValueError):
            warnings.extend(upn_warnings(upn))
    enquiries = ()
    if assessment.outcome is LeaverOutcome.REFER_AS_CME:
        enquiries = tuple(label for _key, label in SCHOOL_ENQUIRY_CHECKLIST)
    return LeaverPreview(
        assessment=assessment,
        ground=ground,
        destination=destination,
        tasks=people_to_tell(flags, destination, items.new_school),
        warnings=tuple(warnings),
        enquiries_to_make=enquiries,
    )


def _address(answers: Answers) -> AddressDetails:
    return AddressDetails(
        line_1=_a(answers, "home-address", "line_1", ""),
        line_2=_a(answers, "home-address", "line_2", "") or "",
        town=_a(answers, "home-address", "town", ""),
        postcode=_a(answers, "home-address", "postcode", ""),
    )


def contacts_of(answers: Answers) -> list[ContactDetails]:
    contacts = []
    if _a(answers, "parent", "name"):
        contacts.append(
            ContactDetails(
                name=_a(answers, "parent", "name"),
                relationship=_a(answers, "parent", "relationship", ""),
                phone=_a(answers, "parent", "phone", ""),
                email=_a(answers, "parent", "email", "") or "",
                lives_with_child=True,
                has_parental_responsibility=True,
                is_emergency_contact=True,
            )
        )
    if _a(answers, "second-parent", "has_second") == "yes":
        contacts.append(
            ContactDetails(
                name=_a(answers, "second-parent-details", "second_name", ""),
                relationship=_a(answers, "second-parent-details", "second_relationship", ""),
                phone=_a(answers, "second-parent-details", "second_phone", "") or "",
                lives_with_child=_a(answers, "second-parent-details", "lives_with") == "yes",
                has_parental_responsibility=True,
                is_emergency_contact=bool(_a(answers, "second-parent-details", "second_phone")),
            )
        )
    if _a(answers, "emergency-contact", "contact_name"):
        contacts.append(
            ContactDetails(
                name=_a(answers, "emergency-contact", "contact_name"),
                relationship=_a(answers, "emergency-contact", "contact_relationship", "") or "",
                phone=_a(answers, "emergency-contact", "contact_phone", ""),
                is_emergency_contact=True,
            )
        )
    if _a(answers, "parent-contact", "contact") == "other":
        contacts.append(
            ContactDetails(
                name=_a(answers, "parent-contact-details", "contact_name", ""),
                relationship=_a(answers, "parent-contact-details", "contact_relationship", ""),
                phone=_a(answers, "parent-contact-details", "contact_phone", ""),
                email=_a(answers, "parent-contact-details", "contact_email", "") or "",
                lives_with_child=True,
            )
        )
    if _a(answers, "responsible-adult", "adult_name"):
        contacts.append(
            ContactDetails(
                name=_a(answers, "responsible-adult", "adult_name"),
                relationship=_a(answers, "responsible-adult", "adult_relationship", "") or "",
                phone=_a(answers, "responsible-adult", "adult_phone", "") or "",
                email=_a(answers, "responsible-adult", "adult_email", "") or "",
                address=(_a(answers, "abroad", "address_abroad", "") or "")[:400],
                lives_with_child=True,
            )
        )
    return contacts


def child_details(answers: Answers, school: School) -> ChildDetails:
    return ChildDetails(
        first_name=_a(answers, "pupil-name", "first_name", ""),
        middle_names=_a(answers, "pupil-name", "middle_names", "") or "",
        last_name=_a(answers, "pupil-name", "last_name", ""),
        date_of_birth=_date(_a(answers, "date-of-birth", "date_of_birth")),
        sex=_a(answers, "sex", "sex", "") or "",
        upn=_a(answers, "upn", "upn") or None,
        school=school,
        address=_address(answers) if _a(answers, "home-address", "line_1") else None,
        contacts=contacts_of(answers),
        flags=flags_of(answers),
    )


def _describe(answers: Answers, preview: LeaverPreview, school: School) -> str:
    """The case summary: what the school entered, in words an officer reads at a glance."""
    ground = preview.ground
    ground_text = f"ground {ground.code} ({ground.title})" if isinstance(ground, DeletionGround) else ground.value
    lines = [
        f"Leaver from {school.name}: {ground_text}.",
        f"Last day at school: {format_date(_date(_a(answers, 'last-day', 'last_attended')))}.",  # type: ignore[arg-type]
        f"Destination: {preview.destination.value.replace('_', ' ')}.",
    ]
    if preview.assessment.missing:
        lines.append("Missing: " + "; ".join(preview.assessment.missing) + ".")
    lines.extend(preview.assessment.reasons)
    return "\n".join(lines)


def _ehe_notice(draft: SchoolDraft) -> EheNotice | None:
    if draft.journey != "leaver" or draft.subject_id is None:
        return None
    return EheNotice.select().where(EheNotice.id == draft.subject_id, EheNotice.school == draft.school).first()


def _add_missing_flags(child: Child, flags: dict[RiskFlag, str]) -> None:
    have = {row.flag for row in child.flags}
    for flag, note in flags.items():
        if flag.value not in have:
            ChildFlag.create(child=child, flag=flag.value, note=note)


def _new_school(answers: Answers) -> tuple[School | None, str]:
    known = _a(answers, "new-school", "school_known")
    if known == "listed":
        urn = _a(answers, "school-search", "urn")
        school = School.select().where(School.urn == int(urn)).first() if is_digits(str(urn or "")) else None
        return school, _a(answers, "school-search", "school_name", "") or (school.name if school else "")
    if known == "other":
        return None, _a(answers, "school-details", "other_name", "")
    if _a(answers, "abroad", "school_abroad"):
        return None, _a(answers, "abroad", "school_abroad")[:200]
    return None, ""


def _refer(leaver: Leaver, preview: LeaverPreview, *, today: date, actor: User | None, label: str) -> None:
    """Put the child on the register: a CME case, or a "not of compulsory school age" one below CSA."""
    summary = _describe(json.loads(leaver.answers), preview, leaver.school)
    case = open_case(
        child=leaver.child,
        case_type=REFERRAL_CASE_TYPES[preview.outcome],
        source=CaseSource.SCHOOL_LEAVER,
        today=today,
        actor=actor,
        actor_label=label,
        school=leaver.school,
        last_day_in_education=leaver.last_attended,
        summary=summary,
    )
    leaver.case = case
    leaver.outcome = preview.outcome.value
    leaver.referred_at = datetime.now(UTC)


class AgreementNotRecordedError(ValueError):
    """The LA's agreement the school chose is no longer on the case (withdrawn, or never there)."""


def _la_agreement(answers: Answers, ground: DeletionGround | NonCsaDeletionGround, school: School) -> Case | None:
    """Grounds H and I: the case on which an LA officer recorded the agreement the removal relies on.

    The school and the LA must both agree (SI 2024/208 reg 9(1)(h), (i); WTISA): the officer's own recorded decision,
    never a name the school types.
    """
    if not (isinstance(ground, DeletionGround) and ground.la_must_agree):
        return None
    chosen = str(_a(answers, "ground-details", "la_case") or "")
    case = Case.get_or_none(Case.id == int(chosen)) if is_digits(chosen) else None
    if case is None or case.school_id != school.id or case.la_decision != "agreed":
        raise AgreementNotRecordedError(
            f"Ground {ground.code} needs the local authority's agreement, and it is no longer recorded on the "
            "pupil's case. Choose the ground again, or ask the CME team."
        )
    return case


def submit_leaver(
    draft: SchoolDraft, *, actor: User, today: date, calendar: SchoolCalendar | None, settings: LocalSettings
) -> Leaver:
    """Record the leaver and act on the outcome, in one transaction; the draft is deleted."""
    answers = draft_answers(draft)
    school = draft.school
    preview = preview_leaver(answers, school=school, today=today, calendar=calendar, settings=settings)
    assessment = preview.assessment
    new_school, new_school_name = _new_school(answers)
    agreement = _la_agreement(answers, preview.ground, school)
    with db.atomic():
        claim_draft(draft)
        notice = _ehe_notice(draft)
        if notice is not None:
            child = notice.child
            _add_missing_flags(child, flags_of(answers))
        else:
            child = record_child(child_details(answers, school), actor=actor)
        leaver = Leaver.create(
            reference=new_reference("LVR", Leaver, today.year),
            school=school,
            child=child,
            ehe_notice=notice,
            source_draft_id=draft.id,
            ground=preview.ground.value,
            destination=preview.destination.value,
            year_group=year_group_of(answers),
            last_attended=_date(_a(answers, "last-day", "last_attended")),
            deletion_date=_date(_a(answers, "deletion-date", "deletion_date")),
            outcome=assessment.outcome.value,
            information_due=assessment.due,
            missing=json.dumps(list(assessment.missing)),
            tasks=json.dumps(list(preview.tasks)),
            answers=json.dumps(answers, sort_keys=True),
            new_school=new_school,
            new_school_name=new_school_name[:200],
            admission_confirmed_on=_date(_a(answers, "admission-details", "admitted_on")),
            removal_agreed_case=agreement,
            removal_agreed_by=agreement.la_decision_by_id if agreement else None,
            removal_agreed_at=agreement.la_decision_at if agreement else None,
            submitted_by=actor,
        )
        if assessment.outcome in REFERRAL_CASE_TYPES:
            _refer(leaver, preview, today=today, actor=actor, label=f"{actor.name}, {school.name}")
        elif assessment.outcome is LeaverOutcome.COMPLETE:
            leaver.completed_at = datetime.now(UTC)
        if preview.tells_ehe_team:
            leaver.ehe_case = _tell_ehe_team(leaver, notice, answers, today=today, actor=actor)
        leaver.save()
        audit(
            actor,
            "create",
            "school_leaver",
            leaver.id,
            child_id=child.id,
            changes={
                "reference": [None, leaver.reference],
                "ground": [None, leaver.ground],
                "outcome": [None, leaver.outcome],
                "case": [None, leaver.case.reference if leaver.case else None],
                "removal_agreed_case": [None, agreement.reference if agreement else None],
            },
        )
    return leaver


def _tell_ehe_team(leaver: Leaver, notice: EheNotice | None, answers: Answers, *, today: date, actor: User) -> Any:
    """Ground F: the LA's EHE team hears the same day (Ealing EGfL), on the parent's case if there is one."""
    effective = _date(_a(answers, "ground-details", "effective_date"))
    text = (
        f"{leaver.school.name} recorded the pupil as a leaver for elective home education (ground F), "
        f"reference {leaver.reference}; home education starts {format_date(effective) if effective else 'unknown'}; "
        f"removed from the register on {format_date(leaver.deletion_date)}."
    )
    if notice is not None:
        notice.leaver_recorded = True
        notice.save()
        audit(
            actor,
            "update",
            "ehe_notice",
            notice.id,
            child_id=notice.child_id,
            changes={"leaver_recorded": [False, True]},
        )
        if notice.case is not None:
            add_event(notice.case, "school_leaver", "School recorded the leaver (ground F)", actor=actor, detail=text)
            return notice.case
    return open_case(
        child=leaver.child,
        case_type=CaseType.EHE,
        source=CaseSource.SCHOOL_LEAVER,
        today=today,
        actor=actor,
        actor_label=f"{actor.name}, {leaver.school.name}",
        school=leaver.school,
        last_day_in_education=leaver.last_attended,
        summary=text,
    )


def refer_overdue_leavers(today: date, calendar: SchoolCalendar, settings: LocalSettings) -> list[str]:
    """Leavers whose information deadline has passed become CME referrals (Ealing EGfL leaver's folder checklist).

    Idempotent: a leaver already referred (or no longer due) is skipped.
    """
    lines = []
    due = Leaver.select().where(
        Leaver.outcome == LeaverOutcome.INFORMATION_DUE.value,
        Leaver.information_due < today,
        Leaver.case.is_null(),
    )
    for leaver in due:
        answers = json.loads(leaver.answers or "{}")
        preview = preview_leaver(answers, school=leaver.school, today=today, calendar=calendar, settings=settings)
        with db.atomic():
            if preview.outcome in REFERRAL_CASE_TYPES:
                _refer(leaver, preview, today=today, actor=None, label="Scheduled check")
                case_type = REFERRAL_CASE_TYPES[preview.outcome].label
                lines.append(f"leaver {leaver.reference} referred: {case_type} ({leaver.case.reference})")
            else:
                leaver.outcome = preview.outcome.value
                lines.append(f"leaver {leaver.reference}: {preview.outcome.value}")
            leaver.save()
            audit(
                None,
                "update",
                "school_leaver",
                leaver.id,
                child_id=leaver.child_id,
                changes={"outcome": [LeaverOutcome.INFORMATION_DUE.value, leaver.outcome]},
            )
    return lines


def _pending() -> Any:
    """Leavers whose information is due by a date the term dates could not give yet."""
    return Leaver.select().where(
        Leaver.outcome == LeaverOutcome.INFORMATION_DUE.value,
        Leaver.information_due.is_null(),
        Leaver.case.is_null(),
    )


def count_pending_deadlines() -> int:
    """How many leaver reports wait for the LA's term dates before their deadline can be counted."""
    return int(_pending().count())


def fill_pending_deadlines(calendar: SchoolCalendar, settings: LocalSettings) -> list[str]:
    """Count the pending deadlines the term dates now cover (Ealing EGfL leaver's folder checklist: 10 school days).

    Run when an administrator adds term dates and by the daily sweep; idempotent. A deadline already passed is
    referred by ``refer_overdue_leavers`` like any other.
    """
    lines = []
    for leaver in _pending().order_by(Leaver.id):
        try:
            due = leaver_information_due(leaver.last_attended, calendar, settings)
        except CalendarNotCoveredError:
            continue  # still pending: the term dates do not reach these days yet
        with db.atomic():
            leaver.information_due = due
            leaver.save(only=[Leaver.information_due])
            audit(
                None,
                "update",
                "school_leaver",
                leaver.id,
                child_id=leaver.child_id,
                changes={"information_due": [None, due.isoformat()]},
            )
        lines.append(f"leaver {leaver.reference} information due {format_date(due)}")
    return lines


def leaver_answers(leaver: Leaver) -> Answers:
    try:
        value = json.loads(leaver.answers or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def leaver_list(leaver: Leaver, name: str) -> list[str]:
    try:
        value = json.loads(getattr(leaver, name) or "[]")
    except ValueError:
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


def update_leaver_information(
    leaver: Leaver,
    draft: SchoolDraft,
    *,
    actor: User,
    today: date,
    calendar: SchoolCalendar | None,
    settings: LocalSettings,
) -> Leaver:
    """The school adds leaver information it did not have: assess again, and act on the new outcome."""
    answers = draft_answers(draft)
    preview = preview_leaver(answers, school=leaver.school, today=today, calendar=calendar, settings=settings)
    before = leaver.outcome
    new_school, new_school_name = _new_school(answers)
    with db.atomic():
        claim_draft(draft)
        leaver.answers = json.dumps(answers, sort_keys=True)
        leaver.missing = json.dumps(list(preview.assessment.missing))
        leaver.tasks = json.dumps(list(preview.tasks))
        leaver.new_school = new_school
        leaver.new_school_name = new_school_name[:200]
        leaver.admission_confirmed_on = _date(_a(answers, "admission-details", "admitted_on"))
        if preview.outcome in REFERRAL_CASE_TYPES and leaver.case is None:
            _refer(leaver, preview, today=today, actor=actor, label=f"{actor.name}, {leaver.school.name}")
        elif preview.outcome is LeaverOutcome.COMPLETE:
            leaver.outcome = LeaverOutcome.COMPLETE.value
            leaver.information_due = None
            leaver.completed_at = datetime.now(UTC)
        else:
            leaver.outcome = preview.outcome.value
        leaver.save()
        audit(
            actor,
            "update",
            "school_leaver",
            leaver.id,
            child_id=leaver.child_id,
            changes={"outcome": [before, leaver.outcome], "missing": [None, list(preview.assessment.missing)]},
        )
        if leaver.case is not None and before != leaver.outcome:
            add_event(leaver.case, "school_leaver", "School added leaver information", actor=actor)
    return leaver
