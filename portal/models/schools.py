"""Schools, as loaded from the DfE Get Information About Schools (GIAS) extract."""

from __future__ import annotations

import peewee

from portal.db import BaseModel


class School(BaseModel):
    urn = peewee.IntegerField(unique=True)
    name = peewee.CharField(max_length=200)
    la_code = peewee.CharField(max_length=3, index=True)
    la_name = peewee.CharField(max_length=100)
    establishment_number = peewee.CharField(max_length=4, default="")
    type_name = peewee.CharField(max_length=100, default="")
    type_group = peewee.CharField(max_length=100, default="")
    phase = peewee.CharField(max_length=50, default="")
    statutory_low_age = peewee.IntegerField(null=True)
    statutory_high_age = peewee.IntegerField(null=True)
    street = peewee.CharField(max_length=200, default="")
    locality = peewee.CharField(max_length=200, default="")
    town = peewee.CharField(max_length=100, default="")
    postcode = peewee.CharField(max_length=10, default="")
    is_open = peewee.BooleanField(default=True)
    closed_on = peewee.DateField(null=True)
    is_special = peewee.BooleanField(default=False)
    contact_email = peewee.CharField(max_length=254, default="")
    # The link attendance officer for this school ("my schools" on the caseload).
    link_officer_id = peewee.IntegerField(null=True, index=True)

    class Meta:
        indexes = ((("name",), False),)

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, self.locality, self.town, self.postcode) if part)

    def __str__(self) -> str:
        return f"{self.name} (URN {self.urn})"
