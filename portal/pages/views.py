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


PRIVACY_AUDIENCES = {
    "public": "Privacy notice for people who refer a child",
    "parents": "Privacy notice for parents",
    "schools": "Privacy notice for schools",
    "staff": "Privacy notice for council staff",
}


@bp.route("/privacy")
@audience("public")
def privacy() -> str:
    return render_template("pages/privacy.html", audiences=PRIVACY_AUDIENCES)


@bp.route("/privacy/<any(public, parents, schools, staff):who>")
@audience("public")
def privacy_for(who: str) -> str:
    return render_template(f"pages/privacy_{who}.html", title=PRIVACY_AUDIENCES[who])


@bp.route("/cookies")
@audience("public")
def cookies() -> str:
    return render_template("pages/cookies.html")


@bp.route("/contact")
@audience("public")
def contact() -> str:
    return render_template("pages/contact.html")
