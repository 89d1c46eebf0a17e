"""Administrators read the audit log and answer subject access requests; both are audited."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask.testing import FlaskClient

from portal.db import db
from portal.models import AuditEvent, Child
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from tests.pages import check_page


def _child() -> tuple[Child, str]:
    with db.atomic():
        child = record_child(
            ChildDetails(first_name="Noah", last_name="<b>Price</b>", date_of_birth=date(2014, 2, 3)), actor=None
        )
        case = open_case(
            child=child, case_type=CaseType.CME, source=CaseSource.PUBLIC, today=date(2026, 11, 25), actor=None
        )
    return child, case.reference


def test_find_a_child_by_reference_and_name(admin_client: FlaskClient) -> None:
    child, reference = _child()
    for term in (reference, "noah", "<b>price</b> noah"):
        page = check_page(admin_client.get("/admin/subject-access", query_string={"q": term}))
        assert page.has_text("1 child found"), term


def test_printable_record_and_json_export_are_audited(admin_client: FlaskClient, admin: Any) -> None:
    child, reference = _child()
    page = check_page(admin_client.get(f"/admin/children/{child.id}"))
    assert page.has_text(reference)
    assert "<b>Price</b>" not in page.html and "&lt;b&gt;Price&lt;/b&gt;" in page.html
    response = admin_client.get(f"/admin/children/{child.id}/export.json")
    assert response.mimetype == "application/json"
    export = json.loads(response.get_data(as_text=True))
    assert export["records"]["register_case"][0]["reference"] == reference
    actions = {
        e.action for e in AuditEvent.select().where(AuditEvent.user_id == admin.id, AuditEvent.child_id == child.id)
    }
    assert actions == {"subject_access_page", "subject_access_json"}


def test_unknown_child_is_404(admin_client: FlaskClient) -> None:
    check_page(admin_client.get("/admin/children/999999"), status=404)


def test_audit_log_filters(admin_client: FlaskClient, admin: Any) -> None:
    child, _reference = _child()
    other, _ = _child()
    page = check_page(admin_client.get("/admin/audit", query_string={"child": child.id}))
    assert page.has_text("events")
    shown = page.html.count(f'href="/admin/audit?child={child.id}"')
    assert shown == AuditEvent.select().where(AuditEvent.child_id == child.id).count() > 0
    assert f'href="/admin/audit?child={other.id}"' not in page.html
    page = check_page(admin_client.get("/admin/audit", query_string={"since": "2026-13-01", "child": "abc"}))
    assert page.has_text("From date must be a real date") and page.has_text(
        "Child record number must be a number of up to 12 digits"
    )
