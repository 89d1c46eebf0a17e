"""About the parent giving notice: name and relationship, contact details, address."""

from __future__ import annotations

from typing import Any

from portal.auth import audience
from portal.parents import wizard
from portal.parents.blueprint import bp
from portal.parents.forms.about_you import AboutYouForm, AddressForm, ContactForm


@bp.route("/home-education/about-you", methods=["GET", "POST"])
@audience("public")
def about_you() -> Any:
    return wizard.JOURNEY.run_step("parents.about_you", AboutYouForm, "parents/about_you.html")


@bp.route("/home-education/contact-details", methods=["GET", "POST"])
@audience("public")
def contact() -> Any:
    return wizard.JOURNEY.run_step("parents.contact", ContactForm, "parents/contact.html")


@bp.route("/home-education/address", methods=["GET", "POST"])
@audience("public")
def address() -> Any:
    return wizard.JOURNEY.run_step("parents.address", AddressForm, "parents/address.html")
