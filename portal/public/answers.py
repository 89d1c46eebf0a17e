"""The referral's saved answers turned into what the service records, and into the check-answers summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from portal.digits import is_digits
from portal.public.wizard import has_contact
from portal.services.children import AddressDetails
from portal.services.public_referrals import REASONS, RELATIONSHIPS, ReferralDetails


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(answers: dict[str, Any], key: str) -> str:
    value = answers.get(key)
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and is_digits(value) else None


def referral_details(answers: dict[str, Any]) -> ReferralDetails:
    address = AddressDetails(
        line_1=_text(answers, "address_line_1"),
        line_2=_text(answers, "address_line_2"),
        town=_text(answers, "address_town"),
        postcode=_text(answers, "address_postcode"),
        note=_text(answers, "address_note"),
    )
    age_known = answers.get("age_known")
    contact = has_contact(answers)
    return ReferralDetails(
        first_name=_text(answers, "child_first_name"),
        last_name=_text(answers, "child_last_name"),
        other_names=_text(answers, "child_other_names"),
        date_of_birth=_date(answers.get("date_of_birth")) if age_known == "dob" else None,
        approximate_age=_int(answers.get("approximate_age")) if age_known == "approximate" else None,
        sex=answers.get("sex") if answers.get("sex") in ("female", "male") else "",
        address=address
        if any(vars(address)[key] for key in ("line_1", "line_2", "town", "postcode", "note"))
        else None,
        last_school_urn=_int(answers.get("school_urn")) if answers.get("school_not_known") != "yes" else None,
        last_school_text=_text(answers, "school_name") if answers.get("school_not_known") != "yes" else "",
        last_seen_in_school=_date(answers.get("last_seen")),
        reasons=[key for key in answers.get("reasons") or [] if key in REASONS],
        concern=_text(answers, "concern"),
        immediate_risk=answers.get("immediate_risk") == "yes",
        safeguarding_contacted=_text(answers, "safeguarding_contacted"),
        relationship=_text(answers, "relationship"),
        organisation=_text(answers, "organisation") if answers.get("relationship") == "professional" else "",
        relationship_detail=_text(answers, "relationship_detail") if answers.get("relationship") == "other" else "",
        referrer_name=_text(answers, "referrer_name") if contact else "",
        referrer_phone=_text(answers, "referrer_phone") if contact else "",
        referrer_email=_text(answers, "referrer_email") if contact else "",
        family_may_be_told=contact and answers.get("family_may_be_told") == "yes",
    )


@dataclass(frozen=True)
class Row:
    label: str
    value: Markup
    endpoint: str

    def as_params(self) -> dict[str, Any]:
        return {
            "key": {"text": self.label},
            "value": {"html": self.value},
            "actions": {
                "items": [
                    {
                        "href": url_for(self.endpoint, change=1),
                        "text": "Change",
                        "visuallyHiddenText": self.label.lower(),
                    }
                ]
            },
        }


def _lines(*parts: str) -> Markup:
    """What the person typed, escaped (markup and control characters stay text), one part per line."""
    shown = [part for part in parts if part]
    return Markup("<br>").join(escape(part) for part in shown) if shown else Markup("Not known")


def _long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def summary(answers: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    details = referral_details(answers)
    risk = [
        Row(
            "Child at immediate risk of harm",
            _lines("Yes" if details.immediate_risk else "No"),
            "public.immediate_risk",
        )
    ]
    if details.immediate_risk:
        contacted = {"contacted": "You have contacted them", "will_contact": "You will contact them now"}
        risk.append(
            Row(
                "Children's services or police",
                _lines(contacted.get(details.safeguarding_contacted, "")),
                "public.safeguarding",
            )
        )
    known = {"dob": "Yes", "approximate": "No, but you know roughly how old they are", "not_known": "No"}
    age_rows = [
        Row("You know their date of birth", _lines(known.get(answers.get("age_known"), "")), "public.child_age")
    ]
    if details.date_of_birth:
        age_rows.append(Row("Date of birth", _lines(_long_date(details.date_of_birth)), "public.date_of_birth"))
    elif details.approximate_age is not None:
        age_rows.append(Row("Age", _lines(f"About {details.approximate_age} years old"), "public.approximate_age"))
    address = details.address
    if answers.get("school_not_known") == "yes":
        school = "You do not know"
    else:
        school = (
            details.last_school_text if details.last_school_urn else f"{details.last_school_text} (not in our list)"
        )
    child = [
        Row("Name", _lines(" ".join(p for p in (details.first_name, details.last_name) if p)), "public.child_name"),
        Row("Other names or spellings", _lines(details.other_names), "public.child_name"),
        *age_rows,
        Row("Sex", _lines({"female": "Female", "male": "Male"}.get(details.sex, "")), "public.child_sex"),
        Row(
            "Where they live",
            _lines(address.line_1, address.line_2, address.town, address.postcode, address.note)
            if address
            else _lines(),
            "public.child_address",
        ),
        Row("Last school", _lines(school), "public.last_school"),
        Row("Last at school", _lines(_long_date(details.last_seen_in_school)), "public.last_seen"),
    ]
    concern = [
        Row("What you have noticed", _lines(*(REASONS[key] for key in details.reasons)), "public.reasons"),
        Row(
            "What you told us", _lines(details.concern) if details.concern else Markup("Nothing more"), "public.reasons"
        ),
    ]
    relationship = RELATIONSHIPS.get(details.relationship, "")
    if details.relationship == "not_say":
        relationship = "You would rather not say"
    you = [
        Row("How you know the child", _lines(relationship), "public.relationship"),
        *(
            [Row("Your organisation", _lines(details.organisation), "public.organisation")]
            if details.organisation
            else []
        ),
        *(
            [Row("More about how you know them", _lines(details.relationship_detail), "public.relationship_detail")]
            if details.relationship == "other"
            else []
        ),
        Row(
            "Your contact details",
            _lines(details.referrer_name, details.referrer_phone, details.referrer_email)
            if has_contact(answers)
            else Markup("None: you are staying anonymous"),
            "public.contact",
        ),
    ]
    if has_contact(answers):
        you.append(
            Row(
                "We can tell the family you referred",
                _lines("Yes" if details.family_may_be_told else "No"),
                "public.family_told",
            )
        )
    return [
        ("Safety", [row.as_params() for row in risk]),
        ("The child", [row.as_params() for row in child]),
        ("Why you are worried", [row.as_params() for row in concern]),
        ("About you", [row.as_params() for row in you]),
    ]
