"""Pages for everyone: the start page and the service's information pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.auth import audience

bp = Blueprint("pages", __name__)


@bp.route("/")
@audience("public")
def home() -> str:
    return render_template("pages/home.html")


@bp.route("/accessibility")
@audience("public")
def accessibility() -> str:
    return render_template("pages/accessibility.html")


@bp.route("/privacy")
@audience("public")
def privacy() -> str:
    return render_template("pages/privacy.html")


@bp.route("/cookies")
@audience("public")
def cookies() -> str:
    return render_template("pages/cookies.html")


@bp.route("/contact")
@audience("public")
def contact() -> str:
    return render_template("pages/contact.html")
