"""Administration of accounts: the list of users, one user's sign-in state, unlocking and resetting two-factor."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.admin.blueprint import bp
from portal.auth import audience
from portal.services import two_factor
from portal.services.users import get_user, unlock_user
from portal.services.users import list_users as all_users


@bp.route("/users")
@audience("admin")
def list_users() -> str:
    return render_template("admin/users.html", users=all_users())


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
