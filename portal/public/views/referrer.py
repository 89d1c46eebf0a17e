"""Why the referrer is worried, and about the referrer: how they know the child, how to contact them (optional:
a referral may be anonymous) and whether the family may be told who referred."""

from __future__ import annotations

from typing import Any

from portal.auth import audience
from portal.public import wizard
from portal.public.blueprint import bp
from portal.public.forms.referrer import (
    ContactForm,
    FamilyToldForm,
    OrganisationForm,
    ReasonsForm,
    RelationshipDetailForm,
    RelationshipForm,
)


@bp.route("/refer/reasons", methods=["GET", "POST"])
@audience("public")
def reasons() -> Any:
    return wizard.JOURNEY.run_step("public.reasons", ReasonsForm, "public/reasons.html")


@bp.route("/refer/about-you", methods=["GET", "POST"])
@audience("public")
def relationship() -> Any:
    return wizard.JOURNEY.run_step("public.relationship", RelationshipForm, "public/relationship.html")


@bp.route("/refer/your-organisation", methods=["GET", "POST"])
@audience("public")
def organisation() -> Any:
    return wizard.JOURNEY.run_step("public.organisation", OrganisationForm, "public/organisation.html")


@bp.route("/refer/how-you-know-the-child", methods=["GET", "POST"])
@audience("public")
def relationship_detail() -> Any:
    return wizard.JOURNEY.run_step(
        "public.relationship_detail", RelationshipDetailForm, "public/relationship_detail.html"
    )


@bp.route("/refer/contact-details", methods=["GET", "POST"])
@audience("public")
def contact() -> Any:
    return wizard.JOURNEY.run_step("public.contact", ContactForm, "public/contact.html")


@bp.route("/refer/tell-the-family", methods=["GET", "POST"])
@audience("public")
def family_told() -> Any:
    return wizard.JOURNEY.run_step("public.family_told", FamilyToldForm, "public/family_told.html")
