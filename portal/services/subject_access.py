"""Subject access requests: an administrator's export of everything held about a child, always audited."""

from __future__ import annotations

from typing import Any

from portal.db import db
from portal.models import Child, User
from portal.services.audit import audit
from portal.services.child_records import export_child


def subject_access_export(child: Child, *, actor: User, form: str) -> dict[str, Any]:
    """The export as data; ``form`` ("json" or "page") is recorded in the audit trail with who asked."""
    with db.atomic():
        export = export_child(child)
        audit(actor, f"subject_access_{form}", "child", child.id, child_id=child.id)
    return export
