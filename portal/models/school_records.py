"""What schools record: journey drafts, leavers, pupils abroad, CME referrals and the LA's required returns.

Sources for what each table holds: SI 2024/208 reg 9 and 13 (leavers and the deletion return); Ealing EGfL leaver's
folder checklist, extended leave abroad guidance and CME referral page; WTISA (part-time timetables); Ealing EGfL
part-time and alternative provision data return (domain brief sections 3, 4, 5, 7 and 10).
"""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.cases import Case
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.notices import EheNotice
from portal.models.people import Child
from portal.models.schools import School
from portal.models.users import User


class SchoolDraft(BaseModel):
    """A journey in progress, owned by a school: the answers so far, kept on the server (not in the cookie).

    Deleted when the journey is completed, and by the sweep 30 days after it was last saved.
    """

    school = peewee.ForeignKeyField(School, backref="drafts", on_delete="CASCADE")
    created_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    journey = peewee.CharField(max_length=20)
    answers = peewee.TextField(default="{}")  # JSON: {step: {field: value}}
    pupil_name = peewee.CharField(max_length=300, default="")
    # What the draft started from, e.g. a parent's home-education notice or the leaver being completed.
    subject_id = peewee.IntegerField(null=True)
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now, index=True)

    class Meta:
        indexes = ((("school", "journey"), False),)


class Leaver(BaseModel):
    """A pupil whose name the school removes from its admission register, with the deletion return."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="leavers", on_delete="RESTRICT")
    child = peewee.ForeignKeyField(Child, backref="leavers", on_delete="RESTRICT")
    case = peewee.ForeignKeyField(Case, null=True, backref="leavers", on_delete="SET NULL")
    ehe_case = peewee.ForeignKeyField(Case, null=True, backref="+", on_delete="SET NULL")
    ehe_notice = peewee.ForeignKeyField(EheNotice, null=True, backref="leavers", on_delete="SET NULL")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    ground = peewee.CharField(max_length=30)
    destination = peewee.CharField(max_length=20)
    year_group = peewee.IntegerField(null=True)
    last_attended = peewee.DateField()
    deletion_date = peewee.DateField()
    outcome = peewee.CharField(max_length=30, index=True)
    information_due = peewee.DateField(null=True, index=True)
    missing = peewee.TextField(default="[]")  # JSON list of what is still missing
    tasks = peewee.TextField(default="[]")  # JSON list of people the school must tell
    answers = peewee.TextField(default="{}")  # JSON snapshot of what the school entered
    new_school = peewee.ForeignKeyField(School, null=True, backref="+", on_delete="SET NULL")
    new_school_name = peewee.CharField(max_length=200, default="")
    admission_confirmed_on = peewee.DateField(null=True)
    # Grounds H and I: the LA officer's agreement, recorded on a case, that the removal relied on (which, who, when).
    removal_agreed_case = peewee.ForeignKeyField(Case, null=True, backref="+", on_delete="SET NULL")
    removal_agreed_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    removal_agreed_at = UtcDateTimeField(null=True)
    submitted_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    submitted_at = UtcDateTimeField(default=utc_now)
    referred_at = UtcDateTimeField(null=True)
    completed_at = UtcDateTimeField(null=True)

    class Meta:
        table_name = "school_leaver"
        indexes = ((("school", "submitted_at"), False),)


class AbroadRecord(BaseModel):
    """A pupil on extended leave abroad, on roll while the school knows where they are (Ealing Letters 1 to 2)."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="abroad_records", on_delete="RESTRICT")
    child = peewee.ForeignKeyField(Child, backref="abroad_records", on_delete="RESTRICT")
    case = peewee.ForeignKeyField(Case, null=True, backref="abroad_records", on_delete="SET NULL")
    cme_case = peewee.ForeignKeyField(Case, null=True, backref="+", on_delete="SET NULL")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    date_left = peewee.DateField()
    reason = peewee.TextField(default="")
    country = peewee.CharField(max_length=100)
    address_abroad = peewee.TextField(default="")
    responsible_adult = peewee.CharField(max_length=200, default="")
    relationship = peewee.CharField(max_length=100, default="")
    phone = peewee.CharField(max_length=50, default="")
    email = peewee.CharField(max_length=254, default="")
    return_date = peewee.DateField(null=True)
    return_evidence = peewee.TextField(default="")
    contact_schedule = peewee.TextField(default="")
    # The last day of leave of absence the school granted for the trip; None when it granted none (ground H needs it).
    leave_last_day = peewee.DateField(null=True)
    letter_1_sent_on = peewee.DateField()
    response_due = peewee.DateField(null=True)
    stage = peewee.CharField(max_length=20, index=True)
    escalated_at = UtcDateTimeField(null=True)
    escalation_reason = peewee.CharField(max_length=200, default="")
    returned_on = peewee.DateField(null=True)
    removed_on = peewee.DateField(null=True)
    removal_ground = peewee.CharField(max_length=2, default="")
    # The LA officer's recorded agreement (on the case) that a removal on ground H or I relied on: who and when.
    removal_agreed_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    removal_agreed_at = UtcDateTimeField(null=True)
    created_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = UtcDateTimeField(default=utc_now)


class AbroadStage(BaseModel):
    """One step of the leave-abroad process: Letter 1, Letter 1a, no response, Letter 2, returned, removed."""

    record = peewee.ForeignKeyField(AbroadRecord, backref="stages", on_delete="CASCADE")
    stage = peewee.CharField(max_length=20)
    on = peewee.DateField()
    note = peewee.TextField(default="")
    recorded_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    recorded_at = UtcDateTimeField(default=utc_now)


class SchoolReferral(BaseModel):
    """A school's CME referral of a child who stopped attending and cannot be traced (Ealing CME referral)."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="cme_referrals", on_delete="RESTRICT")
    child = peewee.ForeignKeyField(Child, backref="school_referrals", on_delete="RESTRICT")
    case = peewee.ForeignKeyField(Case, null=True, backref="school_referrals", on_delete="SET NULL")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    immediate_risk = peewee.BooleanField(default=False)
    safeguarding_referred_on = peewee.DateField(null=True)
    safeguarding_reference = peewee.CharField(max_length=100, default="")
    last_attended = peewee.DateField(null=True)
    concern = peewee.TextField(default="")
    move_claimed = peewee.BooleanField(default=False)
    submitted_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    submitted_at = UtcDateTimeField(default=utc_now)


class PartTimeTimetable(BaseModel):
    """A pupil on a temporary part-time timetable (C2 leave with parental agreement; WTISA)."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="part_time_timetables", on_delete="RESTRICT")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    first_name = peewee.CharField(max_length=100)
    last_name = peewee.CharField(max_length=100)
    date_of_birth = peewee.DateField()
    upn = peewee.CharField(max_length=13, null=True)
    year_group = peewee.IntegerField(null=True)
    flags = peewee.CharField(max_length=500, default="")  # comma-separated RiskFlag values
    social_worker_name = peewee.CharField(max_length=200, default="")
    reason = peewee.CharField(max_length=30)
    reason_detail = peewee.TextField(default="")
    start_date = peewee.DateField()
    planned_end_date = peewee.DateField()
    hours_per_week = peewee.FloatField()
    normal_hours_per_week = peewee.FloatField()
    parent_name = peewee.CharField(max_length=200)
    parent_agreed_on = peewee.DateField()
    other_provision = peewee.TextField(default="")
    authorised_by = peewee.CharField(max_length=200, default="")
    next_review_on = peewee.DateField(null=True, index=True)
    review_overdue_since = peewee.DateField(null=True)
    status = peewee.CharField(max_length=10, default="active", index=True)
    ended_on = peewee.DateField(null=True)
    created_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = UtcDateTimeField(default=utc_now)


class PartTimeEvent(BaseModel):
    """A review, extension or end of a part-time timetable."""

    timetable = peewee.ForeignKeyField(PartTimeTimetable, backref="events", on_delete="CASCADE")
    kind = peewee.CharField(max_length=10)  # review, extend, end
    on = peewee.DateField()
    note = peewee.TextField(default="")
    new_end_date = peewee.DateField(null=True)
    next_review_on = peewee.DateField(null=True)
    recorded_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    recorded_at = UtcDateTimeField(default=utc_now)


class ApPlacement(BaseModel):
    """A pupil in alternative provision (Ealing part-time and AP return)."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="ap_placements", on_delete="RESTRICT")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    first_name = peewee.CharField(max_length=100)
    last_name = peewee.CharField(max_length=100)
    date_of_birth = peewee.DateField()
    upn = peewee.CharField(max_length=13, null=True)
    year_group = peewee.IntegerField(null=True)
    provider = peewee.CharField(max_length=200)
    provider_address = peewee.TextField(default="")
    arranged_by = peewee.CharField(max_length=10)  # school (code B) or la (code K)
    hours_per_week = peewee.FloatField()
    start_date = peewee.DateField()
    end_date = peewee.DateField(null=True)
    status = peewee.CharField(max_length=10, default="active", index=True)
    created_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = UtcDateTimeField(default=utc_now)


class PupilNotAttending(BaseModel):
    """A pupil on roll who is not attending: school refusal or a long absence (part-time and AP return)."""

    reference = peewee.CharField(max_length=20, unique=True)
    school = peewee.ForeignKeyField(School, backref="pupils_not_attending", on_delete="RESTRICT")
    source_draft_id = peewee.IntegerField(null=True, index=True)
    first_name = peewee.CharField(max_length=100)
    last_name = peewee.CharField(max_length=100)
    date_of_birth = peewee.DateField()
    upn = peewee.CharField(max_length=13, null=True)
    year_group = peewee.IntegerField(null=True)
    reason = peewee.CharField(max_length=20)
    reason_detail = peewee.TextField(default="")
    since = peewee.DateField()
    actions = peewee.TextField(default="")
    status = peewee.CharField(max_length=10, default="open", index=True)
    created_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = UtcDateTimeField(default=utc_now)


SCHOOL_RECORD_MODELS = [
    SchoolDraft,
    Leaver,
    AbroadRecord,
    AbroadStage,
    SchoolReferral,
    PartTimeTimetable,
    PartTimeEvent,
    ApPlacement,
    PupilNotAttending,
]
