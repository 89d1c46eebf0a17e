"""The start page, the immediate-risk gate and the safeguarding contacts, and the neutral page "Exit this page"
leads to."""

from __future__ import annotations

from typing import Any

from flask import render_template

from portal.auth import audience
from portal.public import wizard
from portal.public.blueprint import bp
from portal.public.forms.start import ImmediateRiskForm, SafeguardingForm


@bp.route("/refer")
@audience("public")
def start() -> str:
    return render_template("public/start.html")


@bp.route("/refer/immediate-risk", methods=["GET", "POST"])
@audience("public")
def immediate_risk() -> Any:
    # Domain brief section 8: every referral starts with this gate; a CME referral never stands in for a
    # safeguarding referral.
    return wizard.JOURNEY.run_step("public.immediate_risk", ImmediateRiskForm, "public/immediate_risk.html")


@bp.route("/refer/get-help-now", methods=["GET", "POST"])
@audience("public")
def safeguarding() -> Any:
    return wizard.JOURNEY.run_step("public.safeguarding", SafeguardingForm, "public/safeguarding.html")


@bp.route("/welcome")
@audience("public")
def neutral() -> str:
    """Where "Exit this page" goes: a plain page that says nothing about children or referrals."""
    return render_template("public/neutral.html")
