"""Recording public referrals: references, one record per submission, duplicates suggested, the transaction, and
the drafts kept for people who do not sign in."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import peewee
import pytest

from portal.db import db
from portal.models import AuditEvent, Case, CaseEvent, Child, EmailMessage, PublicDraft, PublicReferral, School
from portal.queries.linked_records import linked_records
from portal.services import email, public_referrals
from portal.services.children import AddressDetails, ChildDetails, possible_duplicates, record_child
from portal.services.public_referrals import (
    Notify,
    ReferralDetails,
    decoy_reference,
    delete_draft,
    expire_drafts,
    issue_submission_key,
    load_draft,
    save_draft,
    submit_referral,
)
from portal.services.sweep import registered_tasks

TODAY = date(2026, 11, 25)
NOTIFY = Notify(team_email="cme@example.gov.uk", officer_link="https://portal.example/officers/cases/{case_id}")


def _details(**overrides: Any) -> ReferralDetails:
    values: dict[str, Any] = dict(
        first_name="Amira",
        last_name="Khan",
        date_of_birth=date(2015, 3, 4),
        sex="female",
        address=AddressDetails(line_1="12 Acton Lane", postcode="DT1 1AA"),
        reasons=["never_seen"],
        concern="Not seen at school since September.",
        relationship="neighbour",
    )
    values.update(overrides)
    return ReferralDetails(**values)


def test_references_are_random_unique_and_shared_by_referral_and_case(database: Any) -> None:
    references = [
        submit_referral(_details(), submission_key=f"key-{n}", today=TODAY, notify=None).reference for n in range(25)
    ]
    assert all(re.fullmatch(r"CME-2026-\d{6}", reference) for reference in references)
    assert len(set(references)) == 25
    numbers = sorted(int(reference[-6:]) for reference in references)
    assert numbers != list(range(numbers[0], numbers[0] + 25)), "not sequential: one tells nothing about another"
    for referral in PublicReferral.select():
        assert referral.case.reference == referral.reference


def test_the_same_submission_key_twice_makes_one_referral(database: Any) -> None:
    first = submit_referral(_details(), submission_key="once", today=TODAY, notify=NOTIFY)
    again = submit_referral(_details(first_name="Changed"), submission_key="once", today=TODAY, notify=NOTIFY)
    assert first.created and not again.created
    assert again.reference == first.reference and again.email_ids == []
    assert PublicReferral.select().count() == Case.select().count() == Child.select().count() == 1
    assert EmailMessage.select().count() == len(first.email_ids)


def test_a_race_on_the_same_key_returns_the_first_referral(database: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    first = submit_referral(_details(), submission_key="race", today=TODAY, notify=None)
    calls = {"n": 0}
    real = public_referrals.find_by_submission_key

    def late(key: str) -> Any:  # the second request looked before the first had committed
        calls["n"] += 1
        return None if calls["n"] == 1 else real(key)

    monkeypatch.setattr(public_referrals, "find_by_submission_key", late)
    again = submit_referral(_details(), submission_key="race", today=TODAY, notify=None)
    assert again.reference == first.reference and not again.created
    assert PublicReferral.select().count() == 1 and Child.select().count() == 1, "the loser's rows were rolled back"


def test_everything_is_one_transaction(database: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise peewee.OperationalError("disk full")

    monkeypatch.setattr(email, "queue", broken)
    with pytest.raises(peewee.OperationalError):
        submit_referral(_details(), submission_key="k", today=TODAY, notify=NOTIFY)
    for model in (Child, Case, CaseEvent, PublicReferral, AuditEvent):
        assert model.select().count() == 0, model.__name__


def test_the_child_is_recorded_and_possible_duplicates_suggested_never_merged(database: Any) -> None:
    with db.atomic():
        known = record_child(
            ChildDetails(first_name="Amira", last_name="Khan", date_of_birth=date(2015, 3, 4)), actor=None
        )
    submit_referral(_details(first_name="amira"), submission_key="k", today=TODAY, notify=None)
    referral = PublicReferral.get()
    assert referral.child != known and Child.select().count() == 2, "a new record, not merged"
    assert known in possible_duplicates(referral.child)
    event = CaseEvent.get(CaseEvent.case == referral.case, CaseEvent.kind == "possible_duplicates")
    assert f"child {known.id}" in event.detail


def test_case_audit_and_next_action(database: Any) -> None:
    result = submit_referral(_details(), submission_key="k", today=TODAY, notify=None)
    referral = PublicReferral.get()
    case = referral.case
    assert (case.case_type, case.source, case.status, case.risk_level) == ("cme", "public", "received", "standard")
    assert case.school is None and referral.child.school is None
    assert case.next_action_date == TODAY
    assert "Amira" not in case.summary and "September" not in case.summary, "the summary holds labels only"
    audit = AuditEvent.get(AuditEvent.object_type == "public_referral")
    assert audit.user_id is None and result.reference in audit.changes


def test_immediate_risk_makes_the_case_high_priority_with_an_action_today(database: Any) -> None:
    submit_referral(
        _details(immediate_risk=True, safeguarding_contacted="contacted"), submission_key="k", today=TODAY, notify=None
    )
    case = PublicReferral.get().case
    assert case.risk_level == "high" and case.next_action_date == TODAY
    event = CaseEvent.get(CaseEvent.case == case, CaseEvent.kind == "safeguarding")
    assert "Has contacted children's services" in event.summary


def test_an_anonymous_referral_cannot_let_the_family_be_told(database: Any) -> None:
    submit_referral(_details(family_may_be_told=True), submission_key="k", today=TODAY, notify=NOTIFY)
    referral = PublicReferral.get()
    assert referral.anonymous and not referral.family_may_be_told
    assert [message.kind for message in EmailMessage.select()] == ["team_alert"]


def test_emails_carry_the_reference_and_a_link_never_the_childs_details(database: Any) -> None:
    result = submit_referral(
        _details(referrer_name="Nina", referrer_email="nina@example.com"),
        submission_key="k",
        today=TODAY,
        notify=NOTIFY,
    )
    case = PublicReferral.get().case
    alert, receipt = (EmailMessage.get_by_id(message_id) for message_id in result.email_ids)
    assert (alert.to, alert.kind, alert.status, alert.reference) == (
        "cme@example.gov.uk",
        "team_alert",
        "pending",
        result.reference,
    )
    assert f"https://portal.example/officers/cases/{case.id}" in alert.body
    assert (receipt.to, receipt.kind) == ("nina@example.com", "receipt")
    for message in (alert, receipt):
        assert result.reference in message.body
        for detail in ("Amira", "Khan", "2015", "Acton", "DT1", "September"):
            assert detail not in message.subject + message.body, detail


def test_the_officers_case_page_shows_the_referral(database: Any, school: School) -> None:
    submit_referral(
        _details(last_school_urn=school.urn, referrer_name="Nina", organisation="ignored for a neighbour"),
        submission_key="k",
        today=TODAY,
        notify=None,
    )
    referral = PublicReferral.get()
    [record] = [record for record in linked_records(referral.case) if record.kind == "Public referral"]
    rows = dict(record.rows)
    assert record.title == referral.reference
    assert rows["Last school"] == "Riverside Primary School"
    assert rows["What the referrer told us"] == "Not seen at school since September."
    assert rows["Referrer's name"] == "Nina" and "Organisation" not in rows


def test_drafts_are_found_by_token_only_and_expire(database: Any) -> None:
    token = save_draft(None, "refer", {"child_first_name": "Amira"})
    assert load_draft(token, "refer").answers == {"child_first_name": "Amira"}  # type: ignore[union-attr]
    assert load_draft(token, "ehe") is None, "one journey's draft is not another's"
    assert load_draft("guessed", "refer") is None and load_draft(None, "refer") is None
    assert PublicDraft.get().token_hash != token, "only a hash of the token is stored"
    assert save_draft(token, "refer", {"child_first_name": "Amy"}) == token
    key = issue_submission_key(token, "refer")
    assert key and issue_submission_key(token, "refer") == key, "the key stays the same while the draft lives"
    later = datetime.now(UTC) + timedelta(hours=25)
    assert load_draft(token, "refer", now=later) is None
    assert PublicDraft.select().count() == 0


def test_the_sweep_deletes_stale_drafts_and_is_idempotent(database: Any) -> None:
    old = save_draft(None, "refer", {"a": 1})
    fresh = save_draft(None, "ehe", {"b": 2})
    PublicDraft.update(updated_at=datetime.now(UTC) - timedelta(days=2)).where(PublicDraft.journey == "refer").execute()
    task = registered_tasks()["public_drafts"]
    assert task(TODAY) == ["1 unsent draft(s) deleted"]
    assert task(TODAY) == []
    assert load_draft(old, "refer") is None and load_draft(fresh, "ehe") is not None
    assert expire_drafts(datetime.now(UTC)) == 0
    delete_draft(fresh, "ehe")
    assert PublicDraft.select().count() == 0


def test_a_decoy_reference_looks_real(database: Any) -> None:
    assert re.fullmatch(r"CME-2026-\d{6}", decoy_reference(TODAY))


def test_the_schools_list_search(database: Any) -> None:
    from portal.queries.notices import find_schools

    for urn, name, is_open in [
        (990001, "Riverside Primary School", True),
        (990002, "Riverbank Academy", False),
        (990003, "100% Grammar_School", True),
    ]:
        School.create(urn=urn, name=name, la_code="999", la_name="Demo", is_open=is_open, town="Demo Town")
    assert [s.name for s in find_schools("RIVER", open_only=False)[0]] == [
        "Riverbank Academy",
        "Riverside Primary School",
    ]
    assert [s.name for s in find_schools("river", open_only=True)[0]] == ["Riverside Primary School"]
    assert find_schools("river", open_only=False)[0][0].detail == "Demo Town, closed"
    assert [s.urn for s in find_schools("990002", open_only=False)[0]] == [990002]
    assert [s.name for s in find_schools("100%", open_only=False)[0]] == ["100% Grammar_School"]
    assert find_schools("%", open_only=False)[0][0].name == "100% Grammar_School", "% is a character, not a wildcard"
    assert find_schools("e_s", open_only=False) == ([], False), "_ is a character, not a wildcard"
    assert find_schools("   ", open_only=False) == ([], False)
    schools, more = find_schools("r", open_only=False, limit=2)
    assert len(schools) == 2 and more


def test_the_demo_seeds_referrals_and_notices_in_several_states_once(database: Any) -> None:
    from portal.demo.core import seed_schools, seed_users
    from portal.demo.notices import seed_notices
    from portal.models import EheNotice

    list(seed_schools())
    list(seed_users())
    assert list(seed_notices()) == ["Public referrals: 4 created; home education notices: 5 created"]
    assert list(seed_notices()) == ["Public referrals: 0 created; home education notices: 0 created"]
    assert {referral.case.status for referral in PublicReferral.select()} == {"received", "with_officer", "closed"}
    assert PublicReferral.select().where(PublicReferral.immediate_risk == True).count() == 1  # noqa: E712
    notices = list(EheNotice.select())
    assert sum(notice.la_consent_required for notice in notices) == 1
    assert {notice.meeting_outcome for notice in notices} == {"", "accepted", "declined"}
    assert any(notice.leaver_recorded for notice in notices)
    assert any(notice.case.risk_level == "high" for notice in notices), "the one the school's records flag"
    assert EmailMessage.select().count() == 0, "the demo sends no email"
