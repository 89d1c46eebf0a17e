"""The LA officers' CME register."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.auth import audience

bp = Blueprint("officers", __name__, url_prefix="/officers")


@bp.route("/")
@audience("officer")
def dashboard() -> str:
    return render_template("officers/dashboard.html")


@bp.route("/cases")
@audience("officer")
def list_cases() -> str:
    return render_template("officers/cases.html")
