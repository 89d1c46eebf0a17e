"""Settings for the portal: the only module that reads the environment.

Every setting has a safe default for a developer's machine; production overrides them with environment variables
(listed with their defaults in the README).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import tempfile
from dataclasses import dataclass, field, fields
from datetime import timedelta
from typing import Any


def _instance_secret_key() -> str:
    """A key kept in instance/ so that every worker on one host signs sessions alike.

    Several hosts must share one SECRET_KEY from the environment instead (see the README).
    """
    path = os.path.join("instance", "secret_key")
    os.makedirs("instance", exist_ok=True)
    if not os.path.exists(path):
        # Written whole under another name, then linked into place: of workers starting at the same moment on a new
        # host, one link wins and the others read its complete key, never an empty or half-written file.
        descriptor, temporary = tempfile.mkstemp(dir="instance", prefix=".secret_key.")
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    with open(path, encoding="ascii") as handle:
        return handle.read().strip()


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(setting: str) -> tuple[Network, ...]:
    """TRUSTED_PROXIES: comma-separated addresses or CIDR networks. A typing mistake stops the app starting rather
    than quietly trusting nobody (every person behind the proxy would then share one rate limit)."""
    networks = []
    for entry in setting.split(","):
        if entry.strip():
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                raise ValueError(f"TRUSTED_PROXIES: {entry.strip()!r} is not an IP address or network") from None
    return tuple(networks)


def _env_networks(name: str) -> str:
    value = os.environ.get(name, "")
    trusted_networks(value)
    return value


@dataclass
class Config:
    """Flask settings plus the portal's own, read once from the environment."""

    SECRET_KEY: str = field(default_factory=lambda: _env("SECRET_KEY", "") or _instance_secret_key())
    DATABASE_URL: str = field(default_factory=lambda: _env("DATABASE_URL", "sqlite:///instance/portal.db"))
    LA_NAME: str = field(default_factory=lambda: _env("LA_NAME", "Demo Borough Council"))
    LA_CODE: str = field(default_factory=lambda: _env("LA_CODE", "999"))
    CME_TEAM_EMAIL: str = field(default_factory=lambda: _env("CME_TEAM_EMAIL", "cme@example.gov.uk"))
    CME_TEAM_PHONE: str = field(default_factory=lambda: _env("CME_TEAM_PHONE", "020 7946 0000"))
    CHILDRENS_SERVICES_NAME: str = field(
        default_factory=lambda: _env("CHILDRENS_SERVICES_NAME", "Children's Integrated Response Service")
    )
    CHILDRENS_SERVICES_PHONE: str = field(default_factory=lambda: _env("CHILDRENS_SERVICES_PHONE", "020 7946 0999"))
    CHILDRENS_SERVICES_EMAIL: str = field(
        default_factory=lambda: _env("CHILDRENS_SERVICES_EMAIL", "childrens.services@example.gov.uk")
    )
    SESSION_COOKIE_SECURE: bool = field(default_factory=lambda: _env_bool("SESSION_COOKIE_SECURE", False))
    SESSION_COOKIE_HTTPONLY: bool = True
    SESSION_COOKIE_SAMESITE: str = "Lax"
    SESSION_IDLE_MINUTES: int = field(default_factory=lambda: _env_int("SESSION_IDLE_MINUTES", 30))
    PERMANENT_SESSION_LIFETIME: timedelta = field(default_factory=lambda: timedelta(hours=12))
    RATELIMIT_STORAGE_URI: str = field(default_factory=lambda: _env("RATELIMIT_STORAGE_URI", "memory://"))
    RATELIMIT_ENABLED: bool = field(default_factory=lambda: _env_bool("RATELIMIT_ENABLED", True))
    SIGN_IN_LIMIT_PER_ADDRESS: str = field(
        default_factory=lambda: _env("SIGN_IN_LIMIT_PER_ADDRESS", "20 per 10 minutes")
    )
    SIGN_IN_LIMIT_PER_ACCOUNT: str = field(
        default_factory=lambda: _env("SIGN_IN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    )
    # Officers and administrators must set up two-factor sign-in before they can use the service.
    REQUIRE_TWO_FACTOR: bool = field(default_factory=lambda: _env_bool("REQUIRE_TWO_FACTOR", False))
    # Wrong passwords or codes in a row before an account is locked: for 15 minutes, doubling with each lockout in a
    # row up to a day (portal/services/users.py), or until an administrator unlocks it.
    LOCKOUT_AFTER_FAILED_SIGN_INS: int = field(default_factory=lambda: _env_int("LOCKOUT_AFTER_FAILED_SIGN_INS", 10))
    SUBMISSION_LIMIT: str = field(default_factory=lambda: _env("SUBMISSION_LIMIT", "10 per hour"))
    # The council's reverse proxies: only from these is X-Forwarded-For believed (portal/proxies.py).
    TRUSTED_PROXIES: str = field(default_factory=lambda: _env_networks("TRUSTED_PROXIES"))
    SMTP_HOST: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    SMTP_PORT: int = field(default_factory=lambda: _env_int("SMTP_PORT", 25))
    SMTP_USERNAME: str = field(default_factory=lambda: _env("SMTP_USERNAME", ""))
    SMTP_PASSWORD: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    SMTP_STARTTLS: bool = field(default_factory=lambda: _env_bool("SMTP_STARTTLS", False))
    MAIL_FROM: str = field(default_factory=lambda: _env("MAIL_FROM", "cme-portal@example.gov.uk"))
    PUBLIC_BASE_URL: str = field(default_factory=lambda: _env("PUBLIC_BASE_URL", "http://127.0.0.1:5000"))
    LOG_LEVEL: str = field(default_factory=lambda: _env("LOG_LEVEL", "INFO"))
    WTF_CSRF_TIME_LIMIT: int | None = None
    # No form anyone types comes near 1 MB; a larger body is refused with the 413 page before it is read. The
    # schools list upload has its own limit (portal.requests.accepts_bodies_up_to).
    MAX_CONTENT_LENGTH: int = 1024 * 1024
    TEMPLATES_AUTO_RELOAD: bool = field(default_factory=lambda: _env_bool("TEMPLATES_AUTO_RELOAD", False))
    TESTING: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def load(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    settings = Config().as_dict()
    settings.update(overrides or {})
    return settings
