"""Sign-in, sign-out and the audience guard every route declares.

Each view is decorated with ``@audience("public" | "school" | "officer" | "admin")``. A before-request hook
enforces the declaration for every endpoint, and refuses (403) any endpoint that has none, so forgetting a
declaration fails closed; tests/web/test_access.py walks the URL map to catch it first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlparse

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length

from portal.extensions import limiter, login_manager
from portal.forms import GovEmailInput, GovPasswordInput
from portal.services.users import authenticate, load_user

AUDIENCES = ("public", "school", "officer", "admin")
F = TypeVar("F", bound=Callable[..., Any])

bp = Blueprint("auth", __name__)


def audience(name: str) -> Callable[[F], F]:
    """Declare who may use a view: anyone ("public") or signed-in users of one role."""
    if name not in AUDIENCES:
        raise ValueError(f"unknown audience {name!r}")

    def mark(view: F) -> F:
        view.audience = name  # type: ignore[attr-defined]
        return view

    return mark


def view_audience(app: Flask, endpoint: str | None) -> str | None:
    if endpoint == "static":  # the stylesheet, scripts and icons every page needs, signed in or not
        return "public"
    view = app.view_functions.get(endpoint or "")
    return getattr(view, "audience", None)


def _enforce_audience() -> Any:
    if request.endpoint is None:  # no route matched: Flask answers 404 or 405 itself
        return None
    required = view_audience(current_app, request.endpoint)
    if required is None:
        current_app.logger.error("route %s has no audience declaration: refused", request.endpoint)
        abort(403)
    if required == "public":
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if _session_expired():
        logout_user()
        session.clear()
        flash("You were signed out because you had not used the service for a while. Sign in again.")
        return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))
    session["last_seen"] = datetime.now(UTC).isoformat()
    if current_user.role != required:
        abort(403)
    return None


def _session_expired() -> bool:
    last_seen = session.get("last_seen")
    if not last_seen:
        return False
    try:
        seen = datetime.fromisoformat(last_seen)
    except (TypeError, ValueError):
        return True
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    return datetime.now(UTC) - seen > idle


def home_for(user: Any) -> str:
    return {
        "officer": url_for("officers.dashboard"),
        "school": url_for("schools.home"),
        "admin": url_for("admin.home"),
    }.get(user.role, url_for("pages.home"))


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site, never another host (an open redirect would help phishing)."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[InputRequired("Enter your email address"), Length(max=254)],
        widget=GovEmailInput(),
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password"), Length(max=200)],
        widget=GovPasswordInput(),
    )


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _failed(response: Any) -> bool:
    """Only failed attempts count against the sign-in limits."""
    return bool(response.status_code == 200)


@bp.route("/sign-in", methods=["GET", "POST"])
@audience("public")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_failed,
)
def sign_in() -> Any:
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignInForm()
    if form.validate_on_submit():
        result = authenticate(form.email.data or "", form.password.data or "")
        if result.user is not None:
            session.clear()  # a fresh session at sign-in: nothing from before carries over
            login_user(result.user)
            session["last_seen"] = datetime.now(UTC).isoformat()
            return redirect(_safe_next(request.args.get("next")) or home_for(result.user))
        form.email.errors = ["Enter a correct email address and password"]
        form.password.data = ""
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@audience("public")
def sign_out() -> Any:
    logout_user()
    session.clear()
    return redirect(url_for("auth.signed_out"))


@bp.route("/signed-out")
@audience("public")
def signed_out() -> Any:
    return render_template("auth/signed_out.html")


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to use this part of the service."
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # sessions end on idle time and token rotation instead
    login_manager.user_loader(load_user)
    app.before_request(_enforce_audience)
    app.register_blueprint(bp)
