"""The notice's saved answers turned into what the service records, and into the check-answers summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from portal.parents.wizard import school_is_special
from portal.services.ehe_notices import MEETING_CHOICES, PLACED_BY_LA_ANSWERS, RELATIONSHIPS, NoticeDetails


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(answers: dict[str, Any], key: str) -> str:
    value = answers.get(key)
    return value if isinstance(value, str) else ""


def notice_details(answers: dict[str, Any], *, declaration_name: str, today: date) -> NoticeDetails:
    urn = answers.get("school_urn")
    return NoticeDetails(
        parent_name=_text(answers, "parent_name"),
        relationship=_text(answers, "relationship"),
        lives_with_child=answers.get("lives_with_child") == "yes",
        phone=_text(answers, "phone"),
        email=_text(answers, "email"),
        address_line_1=_text(answers, "address_line_1"),
        address_line_2=_text(answers, "address_line_2"),
        town=_text(answers, "address_town"),
        postcode=_text(answers, "address_postcode"),
        first_name=_text(answers, "child_first_name"),
        last_name=_text(answers, "child_last_name"),
        other_names=_text(answers, "child_other_names"),
        date_of_birth=_date(answers.get("date_of_birth")) or today,
        school_urn=urn if isinstance(urn, int) else None,
        school_text="" if isinstance(urn, int) else _text(answers, "school_name"),
        placed_by_la=_text(answers, "placed_by_la") if school_is_special(answers) else "",
        effective_date=_date(answers.get("effective_date")) or today,
        understands_responsibility=answers.get("understands") is True,
        reason=_text(answers, "reason"),
        meeting_requested_with=_text(answers, "meeting") or "no",
        immediate_risk=answers.get("immediate_risk") == "yes",
        safeguarding_contacted=_text(answers, "safeguarding_contacted"),
        declaration_name=declaration_name,
        declaration_date=today,
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
    return Markup("<br>").join(escape(part) for part in shown) if shown else Markup("Not given")


def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def summary(answers: dict[str, Any], today: date) -> list[tuple[str, list[dict[str, Any]]]]:
    details = notice_details(answers, declaration_name="", today=today)
    safety = [
        Row(
            "Child at immediate risk of harm",
            _lines("Yes" if details.immediate_risk else "No"),
            "parents.immediate_risk",
        )
    ]
    if details.immediate_risk:
        contacted = {"contacted": "You have contacted them", "will_contact": "You will contact them now"}
        safety.append(
            Row(
                "Children's services or police",
                _lines(contacted.get(details.safeguarding_contacted, "")),
                "parents.safeguarding",
            )
        )
    you = [
        Row("Your name", _lines(details.parent_name), "parents.about_you"),
        Row("Relationship to the child", _lines(RELATIONSHIPS.get(details.relationship, "")), "parents.about_you"),
        Row("The child lives with you", _lines("Yes" if details.lives_with_child else "No"), "parents.about_you"),
        Row("Contact details", _lines(details.phone, details.email), "parents.contact"),
        Row(
            "Address",
            _lines(details.address_line_1, details.address_line_2, details.town, details.postcode),
            "parents.address",
        ),
    ]
    school = details.school_text + " (not in our list)" if details.school_text else _text(answers, "school_name")
    child = [
        Row("Name", _lines(" ".join(p for p in (details.first_name, details.last_name) if p)), "parents.child"),
        Row("Other names", _lines(details.other_names) if details.other_names else Markup("None"), "parents.child"),
        Row("Date of birth", _lines(long_date(details.date_of_birth)), "parents.child"),
        Row("School", _lines(school), "parents.school"),
    ]
    if school_is_special(answers):
        child.append(
            Row(
                "Council arranged the place",
                _lines(PLACED_BY_LA_ANSWERS.get(details.placed_by_la, "")),
                "parents.placement",
            )
        )
    notice = [
        Row("Home education starts", _lines(long_date(details.effective_date)), "parents.start_date"),
        Row(
            "What home education means",
            _lines("You understand" if details.understands_responsibility else ""),
            "parents.what_it_means",
        ),
        Row("Reason", _lines(details.reason) if details.reason else Markup("Not given"), "parents.reason"),
        Row("Meeting", _lines(MEETING_CHOICES.get(details.meeting_requested_with, "No")), "parents.meeting"),
    ]
    return [
        ("Safety", [row.as_params() for row in safety]),
        ("About you", [row.as_params() for row in you]),
        ("Your child", [row.as_params() for row in child]),
        ("Home education", [row.as_params() for row in notice]),
    ]
