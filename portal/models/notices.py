"""What arrives without a sign-in: public referrals and parents' home-education notices, and the email outbox."""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.cases import Case
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.people import Child
from portal.models.schools import School


class PublicReferral(BaseModel):
    """A member of the public's referral of a child they think is not in education."""

    reference = peewee.CharField(max_length=20, unique=True)
    # The form's one-time key: a refreshed or re-sent final POST finds the referral already made.
    submission_key = peewee.CharField(max_length=64, unique=True)
    child = peewee.ForeignKeyField(Child, backref="public_referrals", on_delete="RESTRICT")
    case = peewee.ForeignKeyField(Case, null=True, backref="public_referrals", on_delete="SET NULL")
    immediate_risk = peewee.BooleanField(default=False)
    safeguarding_contacted = peewee.CharField(max_length=20, default="")
    last_school = peewee.ForeignKeyField(School, null=True, backref="+", on_delete="SET NULL")
    last_school_text = peewee.CharField(max_length=200, default="")
    last_seen_in_school = peewee.DateField(null=True)
    reasons = peewee.CharField(max_length=200, default="")  # comma-separated reason keys
    concern = peewee.TextField(default="")
    referrer_relationship = peewee.CharField(max_length=30, default="")
    referrer_organisation = peewee.CharField(max_length=200, default="")
    referrer_name = peewee.CharField(max_length=200, default="")
    referrer_phone = peewee.CharField(max_length=50, default="")
    referrer_email = peewee.CharField(max_length=254, default="")
    family_may_be_told = peewee.BooleanField(default=False)
    submitted_at = UtcDateTimeField(default=utc_now)
    # How an "other" referrer knows the child (the organisation is for professionals).
    relationship_detail = peewee.CharField(max_length=200, default="")

    @property
    def anonymous(self) -> bool:
        return not (self.referrer_name or self.referrer_phone or self.referrer_email)


class EheNotice(BaseModel):
    """A parent's written notice that their child will be educated at home (SI 2024/208 reg 9(1)(f))."""

    reference = peewee.CharField(max_length=20, unique=True)
    submission_key = peewee.CharField(max_length=64, unique=True)
    child = peewee.ForeignKeyField(Child, backref="ehe_notices", on_delete="RESTRICT")
    case = peewee.ForeignKeyField(Case, null=True, backref="ehe_notices", on_delete="SET NULL")
    school = peewee.ForeignKeyField(School, null=True, backref="ehe_notices", on_delete="SET NULL")
    parent_name = peewee.CharField(max_length=200)
    relationship = peewee.CharField(max_length=50)
    phone = peewee.CharField(max_length=50, default="")
    email = peewee.CharField(max_length=254, default="")
    address = peewee.TextField(default="")
    postcode = peewee.CharField(max_length=10, default="")
    lives_with_child = peewee.BooleanField(default=True)
    effective_date = peewee.DateField()
    understands_responsibility = peewee.BooleanField(default=False)
    reason = peewee.TextField(default="")
    meeting_requested_with = peewee.CharField(max_length=20, default="")  # "", "school", "la", "both"
    declaration_name = peewee.CharField(max_length=200)
    declaration_date = peewee.DateField()
    # An LA-placed special-school pupil cannot be removed without the LA's consent (SI 2024/208 reg 9; see rules).
    la_consent_required = peewee.BooleanField(default=False)
    meeting_offered_on = peewee.DateField(null=True)
    meeting_outcome = peewee.CharField(max_length=20, default="")  # "", "accepted", "declined"
    leaver_recorded = peewee.BooleanField(default=False)
    submitted_at = UtcDateTimeField(default=utc_now)
    # The immediate-risk gate every journey starts with (domain brief section 8).
    immediate_risk = peewee.BooleanField(default=False)
    safeguarding_contacted = peewee.CharField(max_length=20, default="")
    # The school's name as the parent typed it, when it is not in the schools list.
    school_text = peewee.CharField(max_length=200, default="")
    # The parent's answer to "did the council arrange the place?" (special schools only): yes, no, unknown.
    placed_by_la = peewee.CharField(max_length=10, default="")


class EmailMessage(BaseModel):
    """An email waiting to go, sent, or failed and waiting for the sweep to try again."""

    to = peewee.CharField(max_length=254)
    subject = peewee.CharField(max_length=200)
    body = peewee.TextField()
    status = peewee.CharField(max_length=10, default="pending", index=True)  # pending, sent, failed, off
    attempts = peewee.IntegerField(default=0)
    last_error = peewee.CharField(max_length=500, default="")
    created_at = UtcDateTimeField(default=utc_now)
    sent_at = UtcDateTimeField(null=True)
    kind = peewee.CharField(max_length=30, default="")  # e.g. "team_alert", "receipt", "school_notice"
    reference = peewee.CharField(max_length=20, default="", index=True)  # the referral or notice it is about
    # When the sweep may try a failed message again (backing off after each failure).
    next_attempt_at = UtcDateTimeField(null=True)
