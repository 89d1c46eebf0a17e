"""Peewee tables, grouped by what they hold. Columns and small query methods only; the rules live in portal.rules."""

from portal.models.audit import AuditEvent
from portal.models.calendar import ClosureDay, LaSetting, TermDate
from portal.models.case_tally import CaseTally
from portal.models.case_work import ChildLink
from portal.models.cases import Case, CaseEvent, Enquiry, SafeguardingReferral
from portal.models.notices import EheNotice, EmailMessage, PublicReferral
from portal.models.people import Child, ChildAddress, ChildContact, ChildFlag, Sibling
from portal.models.public_drafts import PublicDraft
from portal.models.school_records import SCHOOL_RECORD_MODELS
from portal.models.schools import School
from portal.models.security import RecoveryCode, UserSession
from portal.models.users import User

# Every table, in dependency order: used to create test databases and to check migrations against the models.
ALL_MODELS = [
    School,
    User,
    TermDate,
    ClosureDay,
    LaSetting,
    Child,
    ChildAddress,
    ChildContact,
    ChildFlag,
    Sibling,
    Case,
    CaseTally,
    CaseEvent,
    Enquiry,
    SafeguardingReferral,
    AuditEvent,
    PublicReferral,
    EheNotice,
    EmailMessage,
    RecoveryCode,
    UserSession,
    PublicDraft,
    ChildLink,
    *SCHOOL_RECORD_MODELS,
]

__all__ = [model.__name__ for model in ALL_MODELS] + ["ALL_MODELS"]
