"""Schools: leavers, pupils abroad, CME referrals and returns. Each journey's routes live in its own module."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from portal.auth import audience
from portal.schools.blueprint import bp

__all__ = ["bp"]


@bp.route("/")
@audience("school")
def home() -> str:
    return render_template("schools/home.html", school=current_user.school)
