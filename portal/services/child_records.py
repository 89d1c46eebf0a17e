"""Everything held about one child, found by following the foreign keys from the child: for subject access
requests and for anonymising once the retention period has passed.

Following the keys, rather than listing tables, means a table added later is covered without anyone remembering
to add it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import peewee

from portal.models import ALL_MODELS, AuditEvent, Case, Child, School, User

# Shared records that are not about the child: never exported as the child's data, never anonymised.
NOT_CHILD_DATA: set[type[peewee.Model]] = {School, User, AuditEvent}


def related_records(child: Child) -> dict[type[peewee.Model], list[peewee.Model]]:
    """Rows that belong to the child: the child, then every row reaching it through foreign keys (any depth)."""
    found: dict[type[peewee.Model], list[peewee.Model]] = {Child: [child]}
    changed = True
    while changed:
        changed = False
        for model in ALL_MODELS:
            if model in NOT_CHILD_DATA or model is Child:
                continue
            conditions = []
            for field in model._meta.fields.values():
                if isinstance(field, peewee.ForeignKeyField) and field.rel_model in found:
                    ids = [row.id for row in found[field.rel_model]]
                    if ids:
                        conditions.append(field.in_(ids))
            if not conditions:
                continue
            match = conditions[0]
            for condition in conditions[1:]:
                match = match | condition
            rows = list(model.select().where(match).order_by(model._meta.primary_key))
            if len(rows) != len(found.get(model, [])):
                found[model] = rows
                changed = True
    return found


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, peewee.Model):
        return value.get_id()
    return value


def row_as_dict(row: peewee.Model) -> dict[str, Any]:
    return {name: _plain(row.__data__.get(name)) for name in row._meta.fields}


def export_child(child: Child) -> dict[str, Any]:
    """A subject access export: every record about the child, and who has seen or changed it."""
    records = related_records(child)
    case_ids = [case.id for case in records.get(Case, [])]
    audit = AuditEvent.select().where(
        (AuditEvent.child_id == child.id)
        | ((AuditEvent.object_type == "case") & AuditEvent.object_id.in_([str(i) for i in case_ids] or ["-"]))
    )
    return {
        "child_id": child.id,
        "records": {
            model._meta.table_name: [row_as_dict(row) for row in rows]
            for model, rows in sorted(records.items(), key=lambda item: item[0]._meta.table_name)
        },
        "audit": [row_as_dict(event) for event in audit.order_by(AuditEvent.at)],
    }


# Values that say what happened, not who it happened to: kept so the LA's counts survive anonymising.
KEPT_FIELDS = {
    "id",
    "reference",
    "submission_key",
    "case_type",
    "source",
    "status",
    "risk_level",
    "closure_reason",
    "kind",
    "party",
    "flag",
    "la_decision",
    "version",
    "ground",
    "destination",
    "outcome",
    "stage",
}
# Tables that hold nothing but personal details: their rows are deleted.
DELETED_ON_ANONYMISING = {"child_address", "child_contact", "sibling", "child_flag"}


def _blank(field: peewee.Field) -> Any:
    if field.null:
        return None
    if isinstance(field, peewee.CharField | peewee.TextField):
        return ""
    return field.default() if callable(field.default) else field.default


def _personal_fields(model: type[peewee.Model]) -> Iterator[peewee.Field]:
    for name, field in model._meta.fields.items():
        if name in KEPT_FIELDS or isinstance(field, peewee.ForeignKeyField | peewee.AutoField):
            continue
        if isinstance(field, peewee.BooleanField | peewee.IntegerField | peewee.DateTimeField):
            continue  # flags, counts and timestamps carry no identity on their own
        if isinstance(field, peewee.DateField) and not field.null:
            continue  # a required date (a notice's effective date) says when, not who
        if isinstance(field, peewee.CharField | peewee.TextField | peewee.DateField):
            yield field


def anonymise_child(child: Child, *, when: Any) -> int:
    """Remove the child's personal data, keeping the case rows and their categories. Returns rows changed.

    Call inside ``db.atomic()``.
    """
    changed = 0
    for model, rows in related_records(child).items():
        if model is Child:
            continue
        if model._meta.table_name in DELETED_ON_ANONYMISING:
            changed += model.delete().where(model.id.in_([row.id for row in rows])).execute()
            continue
        updates = {field: _blank(field) for field in _personal_fields(model)}
        if updates:
            changed += model.update(updates).where(model.id.in_([row.id for row in rows])).execute()
    Child.update(
        first_name="Anonymised",
        middle_names="",
        last_name="child",
        first_name_key="",
        last_name_key="",
        other_names="",
        date_of_birth=None,
        approximate_age=None,
        sex="",
        upn=None,
        nhs_number=None,
        current_postcode="",
        anonymised_at=when,
    ).where(Child.id == child.id).execute()
    return changed + 1
