"""Jinja wiring: the project's templates first, then the GOV.UK Frontend macros and WTForms widgets."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import peewee
from flask import Flask, current_app
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from portal.clock import to_london
from portal.forms import error_summary


def _signed_in_user() -> Any:
    """The signed-in user, or None; never raises, so error pages render even when the database is down."""
    try:
        return current_user if current_user.is_authenticated else None
    except (peewee.OperationalError, peewee.InterfaceError):
        return None


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_london(value)
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_london(value).date()
    return f"{value.day} {value:%b %Y}"


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder or "templates"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["short_date"] = short_date
    WTFormsHelpers(app)
    app.add_template_global(error_summary, "wtforms_errors")  # replaces the package's: date links land on a box

    @app.context_processor
    def _service() -> dict[str, Any]:
        config = current_app.config
        return {
            "la_name": config["LA_NAME"],
            "la_code": config["LA_CODE"],
            "cme_team_email": config["CME_TEAM_EMAIL"],
            "cme_team_phone": config["CME_TEAM_PHONE"],
            "childrens_services": {
                "name": config["CHILDRENS_SERVICES_NAME"],
                "phone": config["CHILDRENS_SERVICES_PHONE"],
                "email": config["CHILDRENS_SERVICES_EMAIL"],
            },
            "signed_in_user": _signed_in_user(),
        }
