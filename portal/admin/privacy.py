"""Administrators: the audit log and subject access requests."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Response, render_template, request
from flask_login import current_user

from portal.admin.blueprint import bp
from portal.auth import audience
from portal.digits import is_digits
from portal.queries.audit_log import AuditFilters, list_audit_events
from portal.queries.children import find_children, get_child_or_404
from portal.services.subject_access import subject_access_export


def _date_arg(name: str, errors: dict[str, str], label: str) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = f"{label} must be a real date, like 2026-11-25"
        return None


@bp.route("/audit")
@audience("admin")
def audit_log() -> str:
    errors: dict[str, str] = {}
    child = request.args.get("child", "").strip()
    if child and not (is_digits(child) and len(child) <= 12):
        errors["child"] = "Child record number must be a number of up to 12 digits"
    page = request.args.get("page", "1")
    filters = AuditFilters(
        user=request.args.get("user", "").strip()[:254],
        child_id=int(child) if is_digits(child) and len(child) <= 12 else None,
        since=_date_arg("since", errors, "From date"),
        until=_date_arg("until", errors, "To date"),
        page=int(page) if is_digits(page) and len(page) <= 6 else 1,
    )
    result = list_audit_events(filters)
    return render_template("admin/audit_log.html", result=result, args=request.args, errors=errors)


@bp.route("/subject-access")
@audience("admin")
def subject_access_search() -> str:
    term = request.args.get("q", "").strip()[:100]
    return render_template("admin/subject_access.html", term=term, children=find_children(term) if term else None)


@bp.route("/children/<int:child_id>")
@audience("admin")
def child_record(child_id: int) -> str:
    child = get_child_or_404(child_id)
    export = subject_access_export(child, actor=current_user, form="page")
    return render_template("admin/child_record.html", child=child, export=export)


@bp.route("/children/<int:child_id>/export.json")
@audience("admin")
def child_record_json(child_id: int) -> Any:
    child = get_child_or_404(child_id)
    export = subject_access_export(child, actor=current_user, form="json")
    return Response(
        json.dumps(export, indent=2, sort_keys=True),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="child-{child.id}-subject-access.json"'},
    )
