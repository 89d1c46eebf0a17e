"""The start page and the immediate-risk gate (domain brief section 8: every journey starts with it)."""

from __future__ import annotations

from typing import Any

from flask import render_template

from portal.auth import audience
from portal.parents import wizard
from portal.parents.blueprint import bp
from portal.parents.forms.safety import ImmediateRiskForm, SafeguardingForm


@bp.route("/home-education")
@audience("public")
def start() -> str:
    return render_template("parents/start.html")


@bp.route("/home-education/immediate-risk", methods=["GET", "POST"])
@audience("public")
def immediate_risk() -> Any:
    return wizard.JOURNEY.run_step("parents.immediate_risk", ImmediateRiskForm, "parents/immediate_risk.html")


@bp.route("/home-education/get-help-now", methods=["GET", "POST"])
@audience("public")
def safeguarding() -> Any:
    return wizard.JOURNEY.run_step("parents.safeguarding", SafeguardingForm, "parents/safeguarding.html")
