"""Flask extensions, created here and bound to the app in the factory."""

from __future__ import annotations

from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
htmx = HTMX()
# Storage comes from RATELIMIT_STORAGE_URI: memory for one process, redis:// for several workers or hosts.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=False)
