"""The notice: when home education starts, what it means (with an explicit confirmation), the reason and a
meeting (both optional)."""

from __future__ import annotations

from typing import Any

from portal import question_pages
from portal.auth import audience
from portal.parents import wizard
from portal.parents.blueprint import bp
from portal.parents.forms.notice import MeetingForm, ReasonForm, StartDateForm, WhatItMeansForm


@bp.route("/home-education/start-date", methods=["GET", "POST"])
@audience("public")
def start_date() -> Any:
    return wizard.JOURNEY.run_step(
        "parents.start_date", question_pages.with_today(StartDateForm), "parents/start_date.html"
    )


@bp.route("/home-education/what-it-means", methods=["GET", "POST"])
@audience("public")
def what_it_means() -> Any:
    return wizard.JOURNEY.run_step("parents.what_it_means", WhatItMeansForm, "parents/what_it_means.html")


@bp.route("/home-education/reason", methods=["GET", "POST"])
@audience("public")
def reason() -> Any:
    return wizard.JOURNEY.run_step("parents.reason", ReasonForm, "parents/reason.html")


@bp.route("/home-education/meeting", methods=["GET", "POST"])
@audience("public")
def meeting() -> Any:
    return wizard.JOURNEY.run_step("parents.meeting", MeetingForm, "parents/meeting.html")
