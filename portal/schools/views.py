"""Schools: leavers, pupils abroad, CME referrals and returns."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from portal.auth import audience

bp = Blueprint("schools", __name__, url_prefix="/schools")


@bp.route("/")
@audience("school")
def home() -> str:
    return render_template("schools/home.html", school=current_user.school)
