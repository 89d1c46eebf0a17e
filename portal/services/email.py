"""Email: an outbox table written in the submission's own transaction, sent by SMTP after the commit.

A submission never waits on, or fails because of, email: the message is a row first. ``deliver`` sends rows after
the transaction has committed; a failure is recorded on the row (status "failed", attempts, last_error) and the
sweep tries again later, backing off. With no SMTP host configured, rows are marked "off" and a log line says so.

Nothing about a child goes into an email: emails carry a reference and a link to a page behind a sign-in.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage as MimeMessage
from email.utils import make_msgid
from typing import Any

from portal.db import db
from portal.models import EmailMessage
from portal.models.fields import utc_now
from portal.services.sweep import sweep_task

log = logging.getLogger("portal.email")

# After the nth failure, wait this long before the sweep tries again; after the last, give up (status stays
# "failed" and the row says why).
BACKOFF = (
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A message still "pending" this long after it was queued was never sent (the process stopped): the sweep sends it.
STALE_PENDING = timedelta(minutes=10)


@dataclass(frozen=True)
class MailSettings:
    """How to reach the SMTP server. An empty host means email is off."""

    host: str = ""
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    mail_from: str = "cme-portal@example.gov.uk"
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Any) -> MailSettings:
        """From the app's settings (``SMTP_*`` and ``MAIL_FROM``: see portal.config)."""
        return cls(
            host=config["SMTP_HOST"] or "",
            port=int(config["SMTP_PORT"] or 25),
            username=config["SMTP_USERNAME"] or "",
            password=config["SMTP_PASSWORD"] or "",
            starttls=bool(config["SMTP_STARTTLS"]),
            mail_from=config["MAIL_FROM"],
        )


def queue(to: str, subject: str, body: str, *, kind: str, reference: str = "") -> EmailMessage | None:
    """Put a message in the outbox. Call inside the caller's ``db.atomic()``; send with ``deliver`` after it."""
    to = to.strip()
    if not to:
        return None
    return EmailMessage.create(to=to[:254], subject=subject[:200], body=body, kind=kind, reference=reference[:20])


def _mime(message: EmailMessage, settings: MailSettings) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = settings.mail_from
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    mime.set_content(message.body)
    return mime


def _connect(settings: MailSettings) -> smtplib.SMTP:
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.starttls:
            client.starttls(context=ssl.create_default_context())
        if settings.username:
            client.login(settings.username, settings.password)
    except BaseException:
        client.close()
        raise
    return client


def _failed(message: EmailMessage, error: BaseException, now: datetime) -> None:
    message.attempts += 1
    message.status = "failed"
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    wait = BACKOFF[message.attempts - 1] if message.attempts <= len(BACKOFF) else None
    message.next_attempt_at = now + wait if wait is not None else None
    message.save()
    if wait is None:
        log.error("email %s to %s failed %d times: giving up (%s)", message.id, message.to, message.attempts, error)
    else:
        log.warning("email %s failed (attempt %d), will try again: %s", message.id, message.attempts, error)


def _send(messages: list[EmailMessage], settings: MailSettings, now: datetime) -> list[str]:
    lines: list[str] = []
    if not messages:
        return lines
    if not settings.host:
        for message in messages:
            message.status = "off"
            message.save()
            log.info("email is off (no SMTP_HOST): %r to %s not sent", message.subject, message.to)
            lines.append(f"email {message.id} not sent: email is off")
        return lines
    try:
        client = _connect(settings)
    except (smtplib.SMTPException, OSError) as error:
        for message in messages:
            _failed(message, error, now)
            lines.append(f"email {message.id} failed: {message.last_error}")
        return lines
    try:
        for message in messages:
            try:
                refused = client.send_message(_mime(message, settings))
                if refused:
                    raise smtplib.SMTPRecipientsRefused(refused)
            except (smtplib.SMTPException, OSError) as error:
                _failed(message, error, now)
                lines.append(f"email {message.id} failed: {message.last_error}")
                if isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(error, smtplib.SMTPException):
                    client.close()  # the connection is gone: a new one for the rest
                    client = _connect(settings)
                continue
            message.attempts += 1
            message.status = "sent"
            message.sent_at = now
            message.last_error = ""
            message.next_attempt_at = None
            message.save()
            lines.append(f"email {message.id} sent to {message.to}")
    except (smtplib.SMTPException, OSError) as error:  # reconnecting failed: the rest wait for the sweep
        for message in messages:
            if message.status == "pending":
                _failed(message, error, now)
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()
    return lines


def deliver(message_ids: Iterable[int], settings: MailSettings, now: datetime | None = None) -> list[str]:
    """Send the given outbox messages that are still pending. Call after the queuing transaction has committed.

    Never raises for a mail problem: each failure is recorded on its row for the sweep to retry.
    """
    ids = list(message_ids)
    if not ids:
        return []
    opened = db.connect(reuse_if_open=True)
    try:
        messages = list(
            EmailMessage.select()
            .where(EmailMessage.id.in_(ids), EmailMessage.status == "pending")
            .order_by(EmailMessage.id)
        )
        return _send(messages, settings, now or utc_now())
    except Exception:  # a submission has already succeeded; email trouble must never surface as an error page
        log.exception("sending email %s failed unexpectedly; the sweep will try again", ids)
        return []
    finally:
        if opened and not db.is_closed():
            db.close()


def retry_due(settings: MailSettings, now: datetime) -> list[str]:
    """Send what is due: failed messages whose wait is over, and pending ones that were never sent."""
    due = (
        EmailMessage.select()
        .where(
            ((EmailMessage.status == "failed") & (EmailMessage.next_attempt_at <= now))
            | ((EmailMessage.status == "pending") & (EmailMessage.created_at <= now - STALE_PENDING))
        )
        .order_by(EmailMessage.id)
    )
    return _send(list(due), settings, now)


def _settings_for_sweep() -> MailSettings:
    # The sweep runs from ``flask sweep`` inside the app context; outside one (a bare script), the environment.
    from flask import current_app, has_app_context

    from portal.config import load

    return MailSettings.from_config(current_app.config if has_app_context() else load())


@sweep_task("email")
def retry_failed_email(today: object) -> list[str]:
    """Try again the emails that failed or were never sent (idempotent: a sent email is never sent again)."""
    return retry_due(_settings_for_sweep(), utc_now())
