"""Email through a real SMTP server (aiosmtpd on a free local port): sending, "off" without a host, failures recorded
and retried by the sweep with back-off, never raised to the submission."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from portal.db import db
from portal.models import EmailMessage
from portal.services import email
from portal.services.email import MAX_ATTEMPTS, MailSettings, deliver, queue, retry_due
from portal.services.sweep import registered_tasks


class Inbox:
    """An aiosmtpd handler that keeps what it receives and can refuse chosen recipients."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    # aiosmtpd's Controller cannot take port 0 (it connects to itself to check it started), so pick one here.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


def start_server(inbox: Inbox, port: int, **options: Any) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    return controller


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = start_server(inbox, port)
    yield inbox, port
    controller.stop()


def _settings(port: int, **overrides: Any) -> MailSettings:
    return MailSettings(
        **{"host": "127.0.0.1", "port": port, "mail_from": "cme-portal@council.example", "timeout": 5, **overrides}
    )


def _queue(to: str = "cme@council.example", reference: str = "CME-2026-000123") -> EmailMessage:
    with db.atomic():
        message = queue(
            to, f"New public referral {reference}", f"Reference: {reference}\n", kind="team_alert", reference=reference
        )
    assert message is not None
    return message


def test_a_message_is_sent_and_marked_sent(database: Any, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    message = _queue()
    lines = deliver([message.id], _settings(port))
    assert lines == [f"email {message.id} sent to cme@council.example"]
    [received] = inbox.messages
    assert received["To"] == "cme@council.example" and received["From"] == "cme-portal@council.example"
    assert received["Subject"] == "New public referral CME-2026-000123"
    assert "Reference: CME-2026-000123" in received.get_payload()
    assert inbox.envelopes == [("cme-portal@council.example", ["cme@council.example"])]
    stored = EmailMessage.get_by_id(message.id)
    assert (stored.status, stored.attempts, stored.last_error) == ("sent", 1, "")
    assert stored.sent_at is not None
    assert deliver([message.id], _settings(port)) == [] and len(inbox.messages) == 1, "never sent twice"


def test_several_messages_share_one_connection_and_a_refused_one_fails_alone(
    database: Any, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    inbox.refuse.add("nobody@council.example")
    good, bad, also_good = _queue("a@council.example"), _queue("nobody@council.example"), _queue("b@council.example")
    deliver([good.id, bad.id, also_good.id], _settings(port))
    statuses = {m.to: m.status for m in EmailMessage.select()}
    assert statuses == {"a@council.example": "sent", "nobody@council.example": "failed", "b@council.example": "sent"}
    refused = EmailMessage.get_by_id(bad.id)
    assert "550" in refused.last_error and refused.attempts == 1
    assert [m["To"] for m in inbox.messages] == ["a@council.example", "b@council.example"]


def test_with_no_smtp_host_email_is_off_with_a_log_line(database: Any, caplog: pytest.LogCaptureFixture) -> None:
    message = _queue()
    with caplog.at_level(logging.INFO, logger="portal.email"):
        deliver([message.id], MailSettings(host=""))
    assert EmailMessage.get_by_id(message.id).status == "off"
    assert any("email is off" in record.getMessage() for record in caplog.records)


def test_a_failure_is_recorded_then_retried_by_the_sweep_with_back_off(database: Any) -> None:
    port = free_port()  # nothing listens here yet: the server is down
    message = _queue()
    sent_at = datetime.now(UTC)
    lines = deliver([message.id], _settings(port), now=sent_at)
    assert lines and "failed" in lines[0], "reported, never raised"
    failed = EmailMessage.get_by_id(message.id)
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert "Connection refused" in failed.last_error or "ConnectionRefused" in failed.last_error
    assert failed.next_attempt_at == sent_at + email.BACKOFF[0]

    assert retry_due(_settings(port), sent_at + timedelta(minutes=1)) == [], "not due yet: nothing is tried"
    inbox = Inbox()
    controller = start_server(inbox, port)  # the server is back
    try:
        retry_due(_settings(port), sent_at + timedelta(minutes=6))
    finally:
        controller.stop()
    retried = EmailMessage.get_by_id(message.id)
    assert (retried.status, retried.attempts, retried.last_error) == ("sent", 2, "")
    assert len(inbox.messages) == 1


def test_the_sweep_gives_up_after_the_last_attempt(database: Any) -> None:
    port = free_port()
    message = _queue()
    now = datetime.now(UTC)
    deliver([message.id], _settings(port), now=now)
    for _ in range(MAX_ATTEMPTS - 1):
        now += timedelta(days=2)
        retry_due(_settings(port), now)
    given_up = EmailMessage.get_by_id(message.id)
    assert (given_up.status, given_up.attempts, given_up.next_attempt_at) == ("failed", MAX_ATTEMPTS, None)
    assert retry_due(_settings(port), now + timedelta(days=30)) == []


def test_a_pending_message_never_sent_is_picked_up_by_the_sweep(database: Any, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    message = _queue()  # the process stopped before sending it
    assert retry_due(_settings(port), datetime.now(UTC)) == [], "a fresh one is left for its own request"
    retry_due(_settings(port), datetime.now(UTC) + timedelta(minutes=11))
    assert EmailMessage.get_by_id(message.id).status == "sent" and len(inbox.messages) == 1


def test_the_sweep_task_is_registered_and_reads_the_app_settings(
    app: Any, database: Any, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    message = _queue()
    EmailMessage.update(status="failed", attempts=1, next_attempt_at=datetime.now(UTC) - timedelta(minutes=1)).execute()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    with app.app_context():
        lines = registered_tasks()["email"](datetime.now(UTC).date())
    assert lines == [f"email {message.id} sent to cme@council.example"]
    assert len(inbox.messages) == 1


def test_login_when_a_username_is_configured(database: Any) -> None:
    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"portal", b"s3cret")
        return AuthResult(success=ok)

    inbox, port = Inbox(), free_port()
    controller = start_server(inbox, port, authenticator=authenticator, auth_require_tls=False)
    try:
        good, bad = _queue(), _queue("b@council.example")
        deliver([good.id], _settings(port, username="portal", password="s3cret"))
        deliver([bad.id], _settings(port, username="portal", password="wrong", timeout=1))
    finally:
        controller.stop()
    assert EmailMessage.get_by_id(good.id).status == "sent"
    rejected = EmailMessage.get_by_id(bad.id)
    assert (rejected.status, rejected.attempts) == ("failed", 1) and rejected.last_error
    assert len(inbox.messages) == 1


def test_settings_come_from_the_portal_config() -> None:
    settings = MailSettings.from_config(
        {
            "SMTP_HOST": "smtp.council.example",
            "SMTP_PORT": 587,
            "SMTP_USERNAME": "u",
            "SMTP_PASSWORD": "p",
            "SMTP_STARTTLS": True,
            "MAIL_FROM": "cme@council.example",
        }
    )
    assert settings == MailSettings("smtp.council.example", 587, "u", "p", True, "cme@council.example")
