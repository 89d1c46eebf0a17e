"""Flask extensions, created here and bound to the app in the factory."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

from portal.proxies import request_client_address

csrf = CSRFProtect()
login_manager = LoginManager()
htmx = HTMX()
# Storage comes from RATELIMIT_STORAGE_URI: memory for one process, redis:// for several workers or hosts. Limits
# count per client, found behind the council's proxies from TRUSTED_PROXIES (portal/proxies.py), not per proxy.
limiter = Limiter(key_func=request_client_address, default_limits=[], headers_enabled=False)


def count_submission() -> None:
    """A referral or notice was stored: this request counts against the submission limit."""
    g.submission_stored = True


def submission_stored(_response: Any) -> bool:
    """deduct_when for the submission limits: page views, mistakes, refused forms and resends cost nothing."""
    return bool(g.get("submission_stored"))


# Security headers. The policy allows nothing but this site: GOV.UK Frontend's one inline script carries the
# per-request nonce (base.html), htmx runs with allowEval:false and includeIndicatorStyles:false, and the QR code for
# two-factor enrolment is a data: image. Nothing here needs 'unsafe-inline' or 'unsafe-eval'.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",  # Talisman appends 'nonce-...' (it only does so when script-src is set explicitly)
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
talisman = Talisman()


def talisman_settings(config: dict[str, object]) -> dict[str, object]:
    """Talisman's options. Cookie flags stay with the app's own settings (SESSION_COOKIE_*), which Talisman would
    otherwise overwrite; HTTPS is the proxy's job, so nothing redirects, and HSTS goes out only on HTTPS requests
    (Talisman checks request.is_secure or X-Forwarded-Proto: https), never on http://127.0.0.1 in development."""
    return {
        "force_https": False,
        "strict_transport_security": True,
        "strict_transport_security_max_age": 365 * 24 * 60 * 60,
        "strict_transport_security_include_subdomains": False,  # the council's other hosts are not ours to bind
        "content_security_policy": CONTENT_SECURITY_POLICY,
        "content_security_policy_nonce_in": ["script-src"],
        "frame_options": "DENY",
        "referrer_policy": "strict-origin-when-cross-origin",
        "x_content_type_options": True,
        "session_cookie_secure": False,  # leaves SESSION_COOKIE_SECURE to the config
        "session_cookie_http_only": bool(config.get("SESSION_COOKIE_HTTPONLY", True)),
        "session_cookie_samesite": config.get("SESSION_COOKIE_SAMESITE", "Lax"),
        "permissions_policy": {
            "browsing-topics": "()",
            "camera": "()",
            "geolocation": "()",
            "microphone": "()",
            "payment": "()",
        },
    }
