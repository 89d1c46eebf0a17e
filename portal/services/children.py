"""Children on the register: recording them and spotting the same child recorded twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import peewee

from portal.models import Child, ChildAddress, ChildContact, ChildFlag, School, User
from portal.rules.register import RiskFlag
from portal.services.audit import audit


@dataclass
class AddressDetails:
    line_1: str = ""
    line_2: str = ""
    town: str = ""
    postcode: str = ""
    country: str = "United Kingdom"
    from_date: date | None = None
    note: str = ""


@dataclass
class ContactDetails:
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    lives_with_child: bool = False
    has_parental_responsibility: bool = False
    is_emergency_contact: bool = False


@dataclass
class ChildDetails:
    first_name: str
    last_name: str
    middle_names: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    approximate_age: int | None = None
    sex: str = ""
    upn: str | None = None
    school: School | None = None
    address: AddressDetails | None = None
    contacts: list[ContactDetails] = field(default_factory=list)
    flags: dict[RiskFlag, str] = field(default_factory=dict)


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


def record_child(details: ChildDetails, *, actor: User | None) -> Child:
    """Create a child with address, contacts and flags. Call inside the caller's ``db.atomic()``."""
    child = Child.create(
        first_name=details.first_name,
        middle_names=details.middle_names,
        last_name=details.last_name,
        first_name_key=name_key(details.first_name),
        last_name_key=name_key(details.last_name),
        other_names=details.other_names,
        date_of_birth=details.date_of_birth,
        approximate_age=details.approximate_age,
        sex=details.sex,
        upn=details.upn or None,
        school=details.school,
        current_postcode=(details.address.postcode if details.address else "") or "",
    )
    if details.address is not None:
        ChildAddress.create(child=child, is_current=True, **vars(details.address))
    for contact in details.contacts:
        ChildContact.create(child=child, **vars(contact))
    for flag, note in details.flags.items():
        ChildFlag.create(child=child, flag=flag.value, note=note)
    audit(
        actor,
        "create",
        "child",
        child.id,
        child_id=child.id,
        changes={
            "name": [None, child.full_name],
            "date_of_birth": [None, details.date_of_birth],
            "flags": [None, sorted(flag.value for flag in details.flags)],
        },
    )
    return child


def child_flags(child: Child) -> set[RiskFlag]:
    known = {flag.value: flag for flag in RiskFlag}
    return {known[row.flag] for row in child.flags if row.flag in known}


def possible_duplicates(child: Child, limit: int = 10) -> list[Child]:
    """Other children who may be this one: same UPN; same name and date of birth; same surname and postcode.

    Suggestions for an officer to check, never merged automatically: names are spelt many ways in CME work.
    """
    conditions: list[peewee.Expression] = []
    if child.upn:
        conditions.append(Child.upn == child.upn)
    if child.date_of_birth:
        conditions.append(
            (Child.date_of_birth == child.date_of_birth)
            & ((Child.last_name_key == child.last_name_key) | (Child.first_name_key == child.first_name_key))
        )
    if child.current_postcode:
        conditions.append(
            (Child.current_postcode == child.current_postcode) & (Child.last_name_key == child.last_name_key)
        )
    if not conditions:
        return []
    match = conditions[0]
    for condition in conditions[1:]:
        match = match | condition
    return list(
        Child.select()
        .where(match, Child.id != child.id, Child.anonymised_at.is_null())
        .order_by(Child.id.desc())
        .limit(limit)
    )
