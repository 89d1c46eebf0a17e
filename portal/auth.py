"""Sign-in, sign-out, the signed-in user's own account, and the audience guard every route declares.

Each view is decorated with ``@audience("public" | "school" | "officer" | "admin")``. A before-request hook
enforces the declaration for every endpoint, and refuses (403) any endpoint that has none, so forgetting a
declaration fails closed; tests/web/test_access.py walks the URL map to catch it first. A page for every signed-in
user whatever their role (their own account) is declared public and also marked ``@signed_in``: the guard then
insists on a signed-in, unexpired session as it does for the role pages.

Signing in is one step (email and password) or, for a user with two-factor authentication, two: after the password
the person is only "half signed in", which is a marker in the session naming the user, not a Flask-Login sign-in,
so no signed-in page can be reached until the code is right. When REQUIRE_TWO_FACTOR is set, officers and
administrators without two-factor authentication are sent to set it up before any other page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlparse

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import InputRequired, Length

from portal import clock
from portal.extensions import limiter, login_manager
from portal.forms import GovEmailInput, GovPasswordInput, GovRadioInput, GovTextInput, strip
from portal.services import two_factor as two_factor_service
from portal.services.sessions import end_session, load_user
from portal.services.users import (
    PasswordChangeError,
    authenticate,
    change_password,
    complete_sign_in,
    get_active_user,
    must_set_up_two_factor,
    sign_out_everywhere,
    sign_out_here,
)

AUDIENCES = ("public", "school", "officer", "admin")
F = TypeVar("F", bound=Callable[..., Any])
PENDING_SIGN_IN = "pending_sign_in"
PENDING_MINUTES = 5  # time allowed between the password and the code
LOCKED_MESSAGE = (
    "Your account is locked because of too many attempts to sign in. Try again in {wait}, or ask an administrator to "
    "unlock it."
)
GENERIC_FAILURE = "Enter a correct email address and password"

bp = Blueprint("auth", __name__)


def audience(name: str) -> Callable[[F], F]:
    """Declare who may use a view: anyone ("public") or signed-in users of one role."""
    if name not in AUDIENCES:
        raise ValueError(f"unknown audience {name!r}")

    def mark(view: F) -> F:
        view.audience = name  # type: ignore[attr-defined]
        return view

    return mark


def signed_in(view: F) -> F:
    """Any signed-in user, whatever their role (their own account pages). Put it under @audience("public")."""
    view.signed_in = True  # type: ignore[attr-defined]
    return view


# What someone signed in with a temporary password may reach before choosing their own.
BEFORE_PASSWORD_CHANGE = frozenset({"auth.change_own_password", "auth.sign_out", "auth.signed_out", "static"})


def before_two_factor(view: F) -> F:
    """A page an officer or administrator may use before setting up two-factor authentication when it is required."""
    view.before_two_factor = True  # type: ignore[attr-defined]
    return view


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
    view = current_app.view_functions.get(request.endpoint)
    if required == "public" and not getattr(view, "signed_in", False):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if _session_expired():
        end_session(current_user._get_current_object())
        logout_user()
        session.clear()
        flash("You were signed out because you had not used the service for a while. Sign in again.")
        return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))
    session["last_seen"] = datetime.now(UTC).isoformat()
    if required != "public" and current_user.role != required:
        abort(403)
    if current_user.password_change_required:
        # An administrator knows this password: nothing else, two-factor set-up included, until the user has chosen
        # their own.
        if request.endpoint in BEFORE_PASSWORD_CHANGE:
            return None
        flash("Choose a new password to carry on: the one you were given was temporary.")
        return redirect(url_for("auth.change_own_password"))
    if not getattr(view, "before_two_factor", False) and must_set_up_two_factor(
        current_user, required=current_app.config["REQUIRE_TWO_FACTOR"]
    ):
        return redirect(url_for("auth.two_factor"))
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
    """Only a path on this site, never another host (an open redirect would help phishing).

    A control character, line break or space is never in a link of this site: a line break would split the Location
    header, and browsers drop tabs and newlines, reading "/<tab>/evil.example" as "//evil.example"."""
    if not target or not target.isprintable() or any(char.isspace() for char in target):
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def _lockout_after() -> int:
    return int(current_app.config["LOCKOUT_AFTER_FAILED_SIGN_INS"])


def _in_words(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def locked_message(locked_until: datetime | None, now: datetime) -> str:
    """The lockout message with the wait rounded up to the minute, so trying again when told to always works."""
    seconds = (locked_until - now).total_seconds() if locked_until else 0
    minutes = max(1, -(-int(seconds) // 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        wait = _in_words(minutes, "minute")
    elif not minutes:
        wait = _in_words(hours, "hour")
    else:
        wait = f"{_in_words(hours, 'hour')} and {_in_words(minutes, 'minute')}"
    return LOCKED_MESSAGE.format(wait=wait)


def _sign_in_fully(user: Any) -> None:
    """Start a fresh session for a user who has passed every check (see complete_sign_in on session rotation)."""
    user = complete_sign_in(user)
    session.clear()  # nothing from before signing in carries over, the half-signed-in marker included
    login_user(user)
    session["last_seen"] = datetime.now(UTC).isoformat()


def _no_store(response: Any) -> Any:
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _never_stored(response: Response) -> Response:
    """No page is kept by a cache, nor by the browser for its back button on a shared computer: signed-in staff see
    children's records, and a member of the public or a parent sees back what they typed about a child. The
    stylesheet, scripts and fonts hold no one's data, so they stay cacheable."""
    if request.endpoint != "static" and "no-store" not in (response.headers.get("Cache-Control") or ""):
        response.headers["Cache-Control"] = "no-store"
    return response


# --- forms ---------------------------------------------------------------------------------------------------------


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


class CodeForm(FlaskForm):
    code = StringField(
        "Enter the code from your authenticator app",
        filters=[strip],
        validators=[
            InputRequired("Enter the 6-digit code from your authenticator app"),
            Length(max=40, message="Enter the 6-digit code from your authenticator app"),
        ],
        widget=GovTextInput(),
    )


class TwoFactorSetUpForm(FlaskForm):
    code = StringField(
        "Enter the 6-digit code shown in the app",
        filters=[strip],
        validators=[
            InputRequired("Enter the 6-digit code shown in your authenticator app"),
            Length(max=40, message="Enter the 6-digit code shown in your authenticator app"),
        ],
        widget=GovTextInput(),
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        validators=[InputRequired("Enter your current password"), Length(max=200)],
        widget=GovPasswordInput(),
    )
    new_password = PasswordField(
        "New password",
        description="At least 12 characters. Three or four unrelated words make a strong password that is easy to "
        "remember. Do not use a password you use anywhere else.",
        validators=[
            InputRequired("Enter a new password"),
            Length(max=200, message="Your password must be 200 characters or fewer"),
        ],
        widget=GovPasswordInput(),
    )
    confirm_password = PasswordField(
        "Confirm new password",
        validators=[InputRequired("Enter your new password again"), Length(max=200)],
        widget=GovPasswordInput(),
    )


class SignOutEverywhereForm(FlaskForm):
    confirm = RadioField(
        "Are you sure you want to sign out everywhere?",
        choices={"yes": "Yes", "no": "No"},
        validators=[InputRequired("Select yes if you want to sign out everywhere")],
        widget=GovRadioInput(),
    )


# --- signing in and out --------------------------------------------------------------------------------------------


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
        now = clock.now()
        result = authenticate(form.email.data or "", form.password.data or "", lockout_after=_lockout_after(), now=now)
        target = _safe_next(request.args.get("next"))
        if result.user is not None and result.second_factor:
            session.clear()
            session[PENDING_SIGN_IN] = {
                "user": result.user.id,
                "at": datetime.now(UTC).isoformat(),
                "next": target or "",
            }
            return redirect(url_for("auth.sign_in_code"))
        if result.user is not None:
            _sign_in_fully(result.user)
            return redirect(target or home_for(result.user))
        # Only someone who gave the right password learns that the account is locked.
        form.email.errors = [locked_message(result.locked_until, now) if result.reason == "locked" else GENERIC_FAILURE]
        form.password.data = ""
    return render_template("auth/sign_in.html", form=form)


def _pending_user() -> Any:
    """The user who gave the right password and still owes a code, or None (never signed in, expired, or changed)."""
    pending = session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict):
        return None
    try:
        started = datetime.fromisoformat(str(pending.get("at")))
    except ValueError:
        return None
    if datetime.now(UTC) - started > timedelta(minutes=PENDING_MINUTES):
        session.pop(PENDING_SIGN_IN, None)
        return None
    user_id = pending.get("user")
    return get_active_user(user_id) if type(user_id) is int else None


@bp.route("/sign-in/code", methods=["GET", "POST"])
@audience("public")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed)
def sign_in_code() -> Any:
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    user = _pending_user()
    if user is None:
        if PENDING_SIGN_IN in session or request.method == "POST":
            flash("Sign in again: the time allowed to enter the code ran out.")
        session.pop(PENDING_SIGN_IN, None)
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        now = clock.now()
        check = two_factor_service.check_code(user, form.code.data or "", lockout_after=_lockout_after(), now=now)
        if check.ok:
            target = session[PENDING_SIGN_IN].get("next") or ""
            _sign_in_fully(user)
            if check.recovery_codes_left is not None:
                flash(
                    f"You signed in with a recovery code. You have {check.recovery_codes_left} left: "
                    "get new ones from your account page if you are running out."
                )
            return redirect(_safe_next(target) or home_for(user))
        if check.locked:
            session.clear()
            flash(locked_message(check.locked_until, now))
            return redirect(url_for("auth.sign_in"))
        form.code.errors = ["The code is not correct: enter the 6-digit code your app shows now, or a recovery code"]
        form.code.data = ""
    return render_template("auth/sign_in_code.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@audience("public")
def sign_out() -> Any:
    if current_user.is_authenticated:
        sign_out_here(current_user._get_current_object())
    logout_user()
    session.clear()
    return redirect(url_for("auth.signed_out"))


@bp.route("/signed-out")
@audience("public")
def signed_out() -> Any:
    return render_template("auth/signed_out.html")


# --- the signed-in user's own account --------------------------------------------------------------------------------


@bp.route("/account")
@audience("public")
@signed_in
def account() -> Any:
    user = current_user
    return render_template(
        "auth/account.html",
        user=user,
        enrolled=two_factor_service.is_enrolled(user),
        codes_left=two_factor_service.recovery_codes_left(user) if two_factor_service.is_enrolled(user) else 0,
    )


@bp.route("/account/password", methods=["GET", "POST"])
@audience("public")
@signed_in
def change_own_password() -> Any:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = change_password(
                current_user._get_current_object(),
                current=form.current_password.data or "",
                new=form.new_password.data or "",
                confirm=form.confirm_password.data or "",
                lockout_after=_lockout_after(),
            )
        except PasswordChangeError as error:
            for name, message in error.errors.items():
                getattr(form, f"{name}_password").errors = [message]
        else:
            # Every other session ended; this one carries on with a new token.
            last_seen = session.get("last_seen")
            session.clear()
            if not user.session_token:  # this session was ended (elsewhere) while the password was being changed
                logout_user()
                flash("Your password has been changed. Sign in with your new password.", "success")
                return redirect(url_for("auth.sign_in"))
            login_user(user)
            session["last_seen"] = last_seen or datetime.now(UTC).isoformat()
            flash("Your password has been changed. You have been signed out on every other device.", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/sign-out-everywhere", methods=["GET", "POST"])
@audience("public")
@signed_in
def sign_out_everywhere_page() -> Any:
    form = SignOutEverywhereForm()
    if form.validate_on_submit():
        if form.confirm.data != "yes":
            return redirect(url_for("auth.account"))
        sign_out_everywhere(current_user._get_current_object())
        logout_user()
        session.clear()
        return redirect(url_for("auth.signed_out"))
    return render_template("auth/sign_out_everywhere.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@audience("public")
@signed_in
@before_two_factor
def two_factor() -> Any:
    user = current_user._get_current_object()
    if two_factor_service.is_enrolled(user):
        return render_template(
            "auth/two_factor.html", user=user, codes_left=two_factor_service.recovery_codes_left(user)
        )
    form = TwoFactorSetUpForm()
    if form.validate_on_submit():
        try:
            codes = two_factor_service.confirm_enrolment(user, form.code.data or "")
        except two_factor_service.TwoFactorError as error:
            form.code.errors = [str(error)]
            form.code.data = ""
        else:
            return _no_store(render_template("auth/recovery_codes.html", codes=codes, first_time=True))
    issuer = f"{current_app.config['LA_NAME']} CME"
    enrolment = two_factor_service.start_enrolment(user, issuer=issuer)
    required = must_set_up_two_factor(user, required=current_app.config["REQUIRE_TWO_FACTOR"])
    return _no_store(render_template("auth/two_factor_set_up.html", form=form, enrolment=enrolment, required=required))


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@audience("public")
@signed_in
def new_recovery_codes() -> Any:
    try:
        codes = two_factor_service.new_recovery_codes(current_user._get_current_object())
    except two_factor_service.TwoFactorError:
        return redirect(url_for("auth.two_factor"))
    return _no_store(render_template("auth/recovery_codes.html", codes=codes, first_time=False))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to use this part of the service."
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # sessions end on idle time and when their rows end instead
    login_manager.id_attribute = "get_session_id"  # "<user id>:<session token>" (User.get_session_id)
    login_manager.user_loader(load_user)
    app.before_request(_enforce_audience)
    app.after_request(_never_stored)
    app.register_blueprint(bp)
