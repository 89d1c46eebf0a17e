"""The append-only audit trail: every change to, and every officer view of, a child's record."""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now


class AuditEvent(BaseModel):
    at = UtcDateTimeField(default=utc_now, index=True)
    # The user's id and email are copied, not linked, so the trail outlives the account.
    user_id = peewee.IntegerField(null=True, index=True)
    user_email = peewee.CharField(max_length=254, default="")
    action = peewee.CharField(max_length=30)
    object_type = peewee.CharField(max_length=40)
    object_id = peewee.CharField(max_length=40)
    child_id = peewee.IntegerField(null=True, index=True)
    changes = peewee.TextField(default="")  # JSON: {field: [old, new]}
    request_id = peewee.CharField(max_length=40, default="")

    class Meta:
        indexes = ((("object_type", "object_id"), False),)

    def save(self, *args: object, **kwargs: object) -> int:
        if self.id is not None:
            raise PermissionError("audit events are append-only")
        return super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete_instance(self, *args: object, **kwargs: object) -> int:
        raise PermissionError("audit events are append-only")
