"""The one-line audit helper every service calls inside its transaction."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Protocol

from portal.models import AuditEvent
from portal.request_context import current_request_id


class Actor(Protocol):
    id: int
    email: str


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value
    return value


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as {field: [old, new]}."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if _plain(before.get(key)) != _plain(value)
    }


def audit(
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: object,
    *,
    child_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit record. Call it inside the same ``db.atomic()`` as the change it records."""
    return AuditEvent.create(
        user_id=actor.id if actor is not None else None,
        user_email=actor.email if actor is not None else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        child_id=child_id,
        changes=json.dumps(changes, default=_plain, sort_keys=True) if changes else "",
        request_id=current_request_id.get(),
    )
