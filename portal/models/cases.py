"""Cases on the CME register, their timelines, enquiries and safeguarding referrals."""

from __future__ import annotations

from typing import Any

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.people import Child
from portal.models.schools import School
from portal.models.users import User


class Case(BaseModel):
    reference = peewee.CharField(max_length=20, unique=True)
    child = peewee.ForeignKeyField(Child, backref="cases", on_delete="RESTRICT")
    case_type = peewee.CharField(max_length=20)  # portal.rules.register.CaseType
    source = peewee.CharField(max_length=20)  # portal.rules.register.CaseSource
    status = peewee.CharField(max_length=20)  # portal.rules.register.CaseStatus
    risk_level = peewee.CharField(max_length=10, default="standard")
    school = peewee.ForeignKeyField(School, null=True, backref="cases", on_delete="SET NULL")
    assigned_to = peewee.ForeignKeyField(User, null=True, backref="assigned_cases", on_delete="SET NULL")
    last_day_in_education = peewee.DateField(null=True)
    next_action = peewee.CharField(max_length=200, default="")
    next_action_date = peewee.DateField(null=True, index=True)
    summary = peewee.TextField(default="")
    opened_at = UtcDateTimeField(default=utc_now, index=True)
    closed_at = UtcDateTimeField(null=True)
    closure_reason = peewee.CharField(max_length=20, default="")
    closure_detail = peewee.TextField(default="")
    # Optimistic locking: every change bumps it; a save based on an older version is refused.
    version = peewee.IntegerField(default=1)
    updated_at = UtcDateTimeField(default=utc_now)
    updated_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    # The LA's consent to remove an LA-placed special-school pupil, or its agreement to an H/I deletion.
    la_decision = peewee.CharField(max_length=20, default="")
    la_decision_by = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    la_decision_at = UtcDateTimeField(null=True)
    # The child's name keys (portal.services.children.name_key), kept on the case so that a search by name reads the
    # case's own index: found through the children, a common surname's 15,000 children would each be joined to the
    # register. A child's name is written once, when the child is recorded, and blanked when anonymised; both copy
    # it here (child_records.anonymise_child, and save() below for a new case).
    child_first_name_key = peewee.CharField(max_length=100, default="")
    child_last_name_key = peewee.CharField(max_length=100, default="")
    # The child's date of birth, kept here for the same reason: the caseload sorted by date of birth or age reads the
    # cases alone, not 30,000 children one by one. Written with the child, blanked when anonymised (a personal field).
    child_date_of_birth = peewee.DateField(null=True)

    class Meta:
        table_name = "register_case"  # "case" is reserved in SQL
        indexes = (
            (("status", "risk_level", "opened_at"), False),
            (("school", "status"), False),
            (("assigned_to", "status"), False),
        )

    def save(self, force_insert: bool = False, only: Any = None) -> Any:
        if self.id is None and self.child_id is not None and not self.child_last_name_key:
            self.child_first_name_key = self.child.first_name_key
            self.child_last_name_key = self.child.last_name_key
            self.child_date_of_birth = self.child.date_of_birth
        return super().save(force_insert=force_insert, only=only)


# A search by name prefix in either order, and the caseload sorted by name, answered from these indexes alone.
Case.add_index(
    Case.index(Case.child_last_name_key, Case.child_first_name_key, Case.id, name="case_child_last_first_name")
)
Case.add_index(
    Case.index(Case.child_first_name_key, Case.child_last_name_key, Case.id, name="case_child_first_last_name")
)


class CaseEvent(BaseModel):
    """One entry on a case's timeline: created, a change, a note, an enquiry, an email."""

    case = peewee.ForeignKeyField(Case, backref="events", on_delete="CASCADE")
    at = UtcDateTimeField(default=utc_now)
    actor = peewee.ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    actor_label = peewee.CharField(max_length=200, default="")
    kind = peewee.CharField(max_length=30)
    summary = peewee.CharField(max_length=300)
    detail = peewee.TextField(default="")

    class Meta:
        indexes = ((("case", "at"), False),)


class Enquiry(BaseModel):
    """A reasonable enquiry made by the school or the LA (CME guidance; domain brief section 4)."""

    case = peewee.ForeignKeyField(Case, backref="enquiries", on_delete="CASCADE")
    party = peewee.CharField(max_length=10)  # "school" or "la"
    kind = peewee.CharField(max_length=40)
    done_on = peewee.DateField(null=True)
    made_by = peewee.CharField(max_length=200, default="")
    outcome = peewee.CharField(max_length=300, default="")
    note = peewee.TextField(default="")
    recorded_at = UtcDateTimeField(default=utc_now)


class SafeguardingReferral(BaseModel):
    """A referral to children's social care (Working Together to Safeguard Children 2023)."""

    case = peewee.ForeignKeyField(Case, backref="safeguarding_referrals", on_delete="CASCADE")
    referred_on = peewee.DateField()
    reference = peewee.CharField(max_length=100, default="")
    acknowledged_on = peewee.DateField(null=True)
    outcome = peewee.CharField(max_length=30, default="")
    recorded_at = UtcDateTimeField(default=utc_now)
