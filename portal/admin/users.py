"""Administration of accounts: the list of users, adding a user, changing one's details and role, disabling and
enabling, one user's sign-in state, unlocking and resetting two-factor."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from portal import clock
from portal.admin.blueprint import bp
from portal.admin.forms import UserAddForm, UserDetailsForm
from portal.auth import audience
from portal.queries.accounts import school_choices
from portal.services import two_factor
from portal.services.users import (
    AccountError,
    create_user,
    disable_user_by_id,
    enable_user,
    get_user,
    unlock_user,
    update_user,
)
from portal.services.users import list_users as all_users


@bp.route("/users")
@audience("admin")
def list_users() -> str:
    return render_template("admin/users.html", users=all_users(), now=clock.now())


def _offer_schools(form: UserDetailsForm, current_urn: int | None = None) -> None:
    choices = school_choices(current_app.config["LA_CODE"], current_urn=current_urn)
    form.school.choices = {"": "Select a school", **dict(choices)}


def _show_error(form: UserDetailsForm, error: AccountError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    target = field if field is not None else form.name
    target.errors = [*target.errors, str(error)]


@bp.route("/users/new", methods=["GET", "POST"])
@audience("admin")
def add_user() -> Any:
    form = UserAddForm()
    _offer_schools(form)
    if form.validate_on_submit():
        try:
            user = create_user(
                form.email.data or "",
                role=form.role.data or "",
                password=form.password.data or "",
                name=form.name.data or "",
                school_urn=form.school_urn,
                job_title=form.job_title.data or "",
                actor=current_user._get_current_object(),
                temporary_password=True,
            )
        except AccountError as error:
            _show_error(form, error)
        else:
            flash(
                f"{user.name}'s account is ready. Give them the temporary password privately: "
                "they must choose their own when they first sign in.",
                "success",
            )
            return redirect(url_for("admin.show_user", user_id=user.id))
    return render_template("admin/users_add.html", form=form), 422 if form.errors else 200


@bp.route("/users/<int:user_id>/change", methods=["GET", "POST"])
@audience("admin")
def change_user(user_id: int) -> Any:
    user = get_user(user_id)
    if user is None:
        abort(404)
    current_urn = user.school.urn if user.school else None
    form = UserDetailsForm(
        data={"name": user.name, "job_title": user.job_title, "role": user.role, "school": str(current_urn or "")}
    )
    _offer_schools(form, current_urn)
    if form.validate_on_submit():
        try:
            changed = update_user(
                user.id,
                name=form.name.data or "",
                job_title=form.job_title.data or "",
                role=form.role.data or "",
                school_urn=form.school_urn,
                actor=current_user._get_current_object(),
            )
        except AccountError as error:
            _show_error(form, error)
        else:
            if changed is None:
                abort(404)
            flash(f"{changed.name}'s details are changed", "success")
            return redirect(url_for("admin.show_user", user_id=user.id))
    return render_template("admin/users_change.html", form=form, user=user), 422 if form.errors else 200


@bp.route("/users/<int:user_id>/disable", methods=["POST"])
@audience("admin")
def disable(user_id: int) -> Any:
    try:
        user = disable_user_by_id(user_id, actor=current_user._get_current_object())
    except AccountError as error:
        flash(str(error))
        return redirect(url_for("admin.show_user", user_id=user_id))
    if user is None:
        abort(404)
    flash(f"{user.name}'s account is disabled: they are signed out and cannot sign in", "success")
    return redirect(url_for("admin.show_user", user_id=user.id))


@bp.route("/users/<int:user_id>/enable", methods=["POST"])
@audience("admin")
def enable(user_id: int) -> Any:
    user = enable_user(user_id, actor=current_user._get_current_object())
    if user is None:
        abort(404)
    flash(f"{user.name}'s account is enabled again: they can sign in", "success")
    return redirect(url_for("admin.show_user", user_id=user.id))


@bp.route("/users/<int:user_id>")
@audience("admin")
def show_user(user_id: int) -> str:
    user = get_user(user_id)
    if user is None:
        abort(404)
    enrolled = two_factor.is_enrolled(user)
    return render_template(
        "admin/users_detail.html",
        user=user,
        now=clock.now(),  # a lockout shows only while it lasts
        enrolled=enrolled,
        codes_left=two_factor.recovery_codes_left(user) if enrolled else 0,
    )


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@audience("admin")
def unlock(user_id: int) -> Any:
    user = unlock_user(user_id, actor=current_user._get_current_object())
    if user is None:
        abort(404)
    flash(f"{user.name}'s account is unlocked: they can sign in again", "success")
    return redirect(url_for("admin.show_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
@audience("admin")
def reset_two_factor(user_id: int) -> Any:
    user = two_factor.reset_two_factor(user_id, actor=current_user._get_current_object())
    if user is None:
        abort(404)
    flash(
        f"{user.name}'s two-factor authentication is reset: they will set it up again when they next sign in",
        "success",
    )
    return redirect(url_for("admin.show_user", user_id=user.id))
