"""Children and the people around them."""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.schools import School


class Child(BaseModel):
    first_name = peewee.CharField(max_length=100)
    middle_names = peewee.CharField(max_length=200, default="")
    last_name = peewee.CharField(max_length=100)
    # Lower-case copies for fast, case-insensitive prefix search on both stores.
    first_name_key = peewee.CharField(max_length=100, index=True)
    last_name_key = peewee.CharField(max_length=100, index=True)
    other_names = peewee.TextField(default="")
    date_of_birth = peewee.DateField(null=True, index=True)
    # A public referrer may only know roughly how old the child is.
    approximate_age = peewee.IntegerField(null=True)
    sex = peewee.CharField(max_length=20, default="")
    upn = peewee.CharField(max_length=13, null=True, index=True)
    nhs_number = peewee.CharField(max_length=10, null=True)
    current_postcode = peewee.CharField(max_length=10, default="", index=True)
    school = peewee.ForeignKeyField(School, null=True, backref="children", on_delete="SET NULL")
    created_at = UtcDateTimeField(default=utc_now)
    # Set when the retention policy has removed the personal data; counts stay.
    anonymised_at = UtcDateTimeField(null=True)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.middle_names, self.last_name) if part)


class ChildAddress(BaseModel):
    child = peewee.ForeignKeyField(Child, backref="addresses", on_delete="CASCADE")
    line_1 = peewee.CharField(max_length=200, default="")
    line_2 = peewee.CharField(max_length=200, default="")
    town = peewee.CharField(max_length=100, default="")
    postcode = peewee.CharField(max_length=10, default="")
    country = peewee.CharField(max_length=100, default="United Kingdom")
    from_date = peewee.DateField(null=True)
    to_date = peewee.DateField(null=True)
    is_current = peewee.BooleanField(default=True)
    note = peewee.CharField(max_length=200, default="")

    @property
    def one_line(self) -> str:
        parts = (self.line_1, self.line_2, self.town, self.postcode)
        text = ", ".join(part for part in parts if part)
        if self.country and self.country != "United Kingdom":
            text = f"{text}, {self.country}" if text else self.country
        return text


class ChildContact(BaseModel):
    """A parent, carer or emergency contact."""

    child = peewee.ForeignKeyField(Child, backref="contacts", on_delete="CASCADE")
    name = peewee.CharField(max_length=200)
    relationship = peewee.CharField(max_length=100, default="")
    phone = peewee.CharField(max_length=50, default="")
    email = peewee.CharField(max_length=254, default="")
    address = peewee.CharField(max_length=400, default="")
    lives_with_child = peewee.BooleanField(default=False)
    has_parental_responsibility = peewee.BooleanField(default=False)
    is_emergency_contact = peewee.BooleanField(default=False)


class ChildFlag(BaseModel):
    """A vulnerability flag (portal.rules.register.RiskFlag) with an optional note, e.g. the social worker's name."""

    child = peewee.ForeignKeyField(Child, backref="flags", on_delete="CASCADE")
    flag = peewee.CharField(max_length=40)
    note = peewee.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("child", "flag"), True),)


class Sibling(BaseModel):
    child = peewee.ForeignKeyField(Child, backref="siblings", on_delete="CASCADE")
    name = peewee.CharField(max_length=200)
    date_of_birth = peewee.DateField(null=True)
    school_name = peewee.CharField(max_length=200, default="")
    linked_child = peewee.ForeignKeyField(Child, null=True, backref="+", on_delete="SET NULL")
