"""A parent's home-education notice from start to confirmation: the written notice, the EHE case, the emails, and
the defences (one record per submission, the honeypot, the rate limit)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import Case, CaseEvent, Child, ChildContact, EheNotice, EmailMessage, PublicDraft, School
from tests.conftest import make_app
from tests.pages import check_page
from tests.web.outage import answers_still_shown, send_while_database_fails
from tests.web.parents.journey import CHECK, NOTICE
from tests.web.public.journey import answer, submission_key

REFERENCE = re.compile(r"CME-2026-\d{6}")
BASE = "/parents/home-education"
CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _send(client: FlaskClient, key: str, name: str = "Helen Carter", follow: bool = False, **extra: str) -> Any:
    return client.post(CHECK, data={"submission_key": key, "declaration_name": name, **extra}, follow_redirects=follow)


def test_a_notice_reaches_the_register_the_school_and_the_ehe_officer(client: FlaskClient, school: School) -> None:
    school.contact_email = "office@riverside.example.sch.uk"
    school.save()
    answer(client, NOTICE)
    response = _send(client, submission_key(client, CHECK), follow=True)
    page = check_page(response)
    assert page.h1 == ["Notice sent"]

    notice = EheNotice.get()
    assert REFERENCE.findall(page.text) == [notice.reference]
    for typed in ("Helen", "Evie", "Elm Grove", "flexible"):
        assert typed not in page.html, f"{typed!r} shown back after sending"
    assert notice.school == school and notice.effective_date == date(2026, 12, 1)
    assert (notice.declaration_name, notice.declaration_date) == ("Helen Carter", date(2026, 11, 25))
    assert notice.understands_responsibility and notice.meeting_requested_with == "school"
    assert notice.address == "14 Elm Grove\nDemo Town" and notice.postcode == "DT3 4EF"
    assert not notice.la_consent_required
    case = notice.case
    assert (case.case_type, case.source, case.school, case.reference) == ("ehe", "parent", school, notice.reference)
    contact = ChildContact.get(ChildContact.child == notice.child)
    assert (contact.name, contact.relationship, contact.lives_with_child) == ("Helen Carter", "Mother", True)
    assert PublicDraft.select().count() == 0

    mail = {message.kind: message for message in EmailMessage.select()}
    assert set(mail) == {"team_alert", "school_notice", "receipt"}
    assert mail["school_notice"].to == "office@riverside.example.sch.uk"
    assert mail["receipt"].to == "helen@example.com"
    for message in mail.values():
        assert notice.reference in message.body
        assert "Evie" not in message.body and "Carter" not in message.body


def test_a_la_placed_special_school_pupil_needs_the_las_consent(client: FlaskClient, school: School) -> None:
    School.create(urn=990105, name="Oakwood Special School", la_code="999", la_name="Demo", is_special=True)
    answer(client, NOTICE[:5])
    answer(
        client,
        [
            (f"{BASE}/school", {"school_query": "oakwood"}),
            (f"{BASE}/choose-school", {"school_choice": "990105"}),
            (f"{BASE}/school-place", {"placed_by_la": "yes"}),
        ],
    )
    answer(client, NOTICE[7:])
    _send(client, submission_key(client, CHECK))
    page = check_page(client.get(f"{BASE}/confirmation"))
    assert page.has_text("The council must agree before the school can take your child off its roll")
    notice = EheNotice.get()
    assert notice.la_consent_required and notice.placed_by_la == "yes"
    assert notice.case.next_action == "LA consent needed before removal from roll"
    assert CaseEvent.select().where(CaseEvent.case == notice.case, CaseEvent.kind == "la_consent").exists()


def test_a_resent_notice_makes_no_second_record(client: FlaskClient, school: School) -> None:
    answer(client, NOTICE)
    key = submission_key(client, CHECK)
    assert _send(client, key).status_code == 302
    assert _send(client, key).status_code == 302
    assert EheNotice.select().count() == 1 and Case.select().count() == 1


@pytest.mark.parametrize(
    "failing",
    ["portal.parents.views.send.submit_notice", "portal.services.ehe_notices.audit"],
    ids=["database fails before anything is written", "database fails after the notice is written"],
)
def test_a_send_the_database_fails_keeps_the_answers_and_the_key(
    client: FlaskClient, school: School, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    answer(client, NOTICE)
    key = submission_key(client, CHECK)
    send_while_database_fails(monkeypatch, failing, lambda: _send(client, key))
    assert EheNotice.select().count() == 0 and Case.select().count() == 0 and Child.select().count() == 0

    answers_still_shown(client, CHECK, ("Helen Carter", "07700 900456", "14 Elm Grove", "Evie", "A more flexible"))
    assert submission_key(client, CHECK) == key, "the failed send did not use up the one-time key"

    response = _send(client, key)
    assert response.headers["Location"].endswith(f"{BASE}/confirmation")
    assert EheNotice.select().count() == 1 and Case.select().count() == 1 and Child.select().count() == 1
    reference = EheNotice.get().reference
    assert REFERENCE.findall(check_page(client.get(f"{BASE}/confirmation")).text) == [reference]
    assert PublicDraft.select().count() == 0


def test_the_notice_must_be_signed(client: FlaskClient, school: School) -> None:
    answer(client, NOTICE)
    key = submission_key(client, CHECK)
    page = check_page(_send(client, key, name=""))
    assert page.error_summary == ["Type your full name to sign the notice"]
    assert f'value="{key}"' in page.html, "the key survives the error, so sending again works"
    assert EheNotice.select().count() == 0
    assert _send(client, key).status_code == 302 and EheNotice.select().count() == 1


def test_the_honeypot_looks_accepted_but_nothing_is_stored(client: FlaskClient, school: School) -> None:
    answer(client, NOTICE)
    response = _send(client, submission_key(client, CHECK), website="spam")
    assert response.headers["Location"].endswith(f"{BASE}/confirmation")
    assert REFERENCE.search(check_page(client.get(f"{BASE}/confirmation")).text)
    assert EheNotice.select().count() == 0 and EmailMessage.select().count() == 0


def test_a_school_not_in_the_list_is_kept_as_typed_and_the_team_told_to_send_it(
    client: FlaskClient, school: School
) -> None:
    answer(client, NOTICE[:5])
    answer(
        client,
        [
            (f"{BASE}/school", {"school_query": "Faraway Grammar"}),
            (f"{BASE}/choose-school", {"school_choice": "other"}),
        ],
    )
    answer(client, NOTICE[7:])
    _send(client, submission_key(client, CHECK))
    page = check_page(client.get(f"{BASE}/confirmation"))
    assert page.has_text("the team will send your notice to the school")
    notice = EheNotice.get()
    assert notice.school is None and notice.school_text == "Faraway Grammar"
    assert (
        CaseEvent.select()
        .where(CaseEvent.case == notice.case, CaseEvent.summary.contains("send it to the school"))
        .exists()
    )


def test_submissions_are_rate_limited_with_the_gov_uk_page(database_url: str, school: School) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SUBMISSION_LIMIT="2 per hour")
    client = app.test_client()
    for _ in range(2):
        answer(client, NOTICE)
        assert _send(client, submission_key(client, CHECK)).headers["Location"].endswith(f"{BASE}/confirmation")
    assert EheNotice.select().count() == 2
    answer(client, NOTICE)
    page = check_page(_send(client, submission_key(client, CHECK)), status=429)
    assert page.h1 == ["Sorry, there have been too many attempts"]


def test_only_notices_actually_sent_count_towards_the_limit(database_url: str, school: School) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SUBMISSION_LIMIT="2 per hour", WTF_CSRF_ENABLED=True)
    forger = app.test_client()
    for _ in range(3):
        assert _send(forger, "x").status_code == 400, "a request without the CSRF token is refused"
    client = app.test_client()
    token = CSRF_TOKEN.search(client.get("/sign-in").get_data(as_text=True))
    assert token
    client.environ_base["HTTP_X_CSRFTOKEN"] = token.group(1)
    for _ in range(3):
        assert _send(client, "x").status_code == 302, "nothing to send yet: back to the start"
    answer(client, NOTICE)
    key = submission_key(client, CHECK)
    for _ in range(3):
        page = check_page(_send(client, key, name=""))
        assert page.error_summary, "the declaration is missing"
    assert _send(client, key).headers["Location"].endswith(f"{BASE}/confirmation")
    assert _send(client, key).headers["Location"].endswith(f"{BASE}/confirmation"), "a resend is not a new notice"
    assert EheNotice.select().count() == 1
    answer(client, NOTICE)
    assert _send(client, submission_key(client, CHECK)).headers["Location"].endswith(f"{BASE}/confirmation")
    answer(client, NOTICE)
    assert _send(client, submission_key(client, CHECK)).status_code == 429
    assert EheNotice.select().count() == 2
