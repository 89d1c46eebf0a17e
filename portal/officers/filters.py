"""Reading the caseload's filters from a query string, and writing query strings for its links.

Anything unknown or malformed is ignored (the filter falls back to "any"), so a hand-edited or stale bookmark
never causes an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any
from urllib.parse import urlencode

from portal.digits import is_digits
from portal.queries.case_order import SORTS
from portal.queries.cases import ALL, MAX_PAGE, OPEN, CaseFilters
from portal.rules.register import CaseSource, CaseStatus, CaseType, ClosureReason, RiskLevel

MAX_SEARCH = 100
ASSIGNED_CHOICES = ("mine", "my_schools", "unassigned")
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
DATE_FILTERS = {
    "opened_from": "Opened on or after",
    "opened_to": "Opened on or before",
    "open_on": "Open on",
    "last_day_from": "Last day in education on or after",
    "last_day_to": "Last day in education on or before",
    "closed_from": "Closed on or after",
    "closed_to": "Closed on or before",
    "born_from": "Born on or after",
    "born_to": "Born on or before",
}
# Query-string names for the fields of CaseFilters (the same words, kept short in the URL).
PARAMS = {
    "q": "q",
    "status": "status",
    "case_type": "type",
    "source": "source",
    "risk": "risk",
    "school_id": "school",
    "school_search": "school_search",
    "assigned": "officer",
    "overdue": "overdue",
    "opened_from": "opened_from",
    "opened_to": "opened_to",
    "open_on": "open_on",
    "last_day_from": "last_day_from",
    "last_day_to": "last_day_to",
    "closed_from": "closed_from",
    "closed_to": "closed_to",
    "closure_reason": "closure_reason",
    "born_from": "born_from",
    "born_to": "born_to",
    "sort": "sort",
    "descending": "dir",
    "page": "page",
}
DEFAULTS = CaseFilters()


def _date(value: str | None) -> date | None:
    try:
        parsed = date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None
    # A date at the end of the calendar (9999-12-31) has no day after it for the query's "on or before"; no case
    # has a date outside these years, so the filter means the same.
    return min(max(parsed, EARLIEST_DATE), LATEST_DATE)


def search_text(value: str | None) -> str:
    """Printable characters only (PostgreSQL refuses NUL), spaces collapsed, not too long."""
    return " ".join("".join(char for char in (value or "") if char.isprintable()).split())[:MAX_SEARCH]


def _choice(value: str | None, choices: Mapping[str, str] | tuple[str, ...]) -> str:
    value = (value or "").strip()
    return value if value in choices else ""


def whole_number(value: str | None, maximum: int) -> int | None:
    """A number in the digits 0 to 9 up to ``maximum``; None for anything else, so the caller's default applies."""
    value = (value or "").strip()
    if is_digits(value) and len(value) <= 9 and int(value) <= maximum:
        return int(value)
    return None


def filters_from_args(args: Mapping[str, str]) -> CaseFilters:
    """The filters in a query string. Missing or unknown values mean "any"."""
    status = (args.get("status") or OPEN).strip()
    if status not in (OPEN, ALL, *CaseStatus.choices()):
        status = OPEN
    assigned = (args.get("officer") or "").strip()
    if assigned not in ASSIGNED_CHOICES and whole_number(assigned, 2_000_000_000) is None:
        assigned = ""
    sort = (args.get("sort") or "priority").strip()
    return CaseFilters(
        q=search_text(args.get("q")),
        status=status,
        case_type=_choice(args.get("type"), CaseType.choices()),
        source=_choice(args.get("source"), CaseSource.choices()),
        risk=_choice(args.get("risk"), RiskLevel.choices()),
        school_id=whole_number(args.get("school"), 2_000_000_000),
        school_search=search_text(args.get("school_search")),
        assigned=assigned,
        overdue=(args.get("overdue") or "") in ("1", "on", "true", "yes"),
        opened_from=_date(args.get("opened_from")),
        opened_to=_date(args.get("opened_to")),
        open_on=_date(args.get("open_on")),
        last_day_from=_date(args.get("last_day_from")),
        last_day_to=_date(args.get("last_day_to")),
        closed_from=_date(args.get("closed_from")),
        closed_to=_date(args.get("closed_to")),
        closure_reason=_choice(args.get("closure_reason"), ClosureReason.choices()),
        born_from=_date(args.get("born_from")),
        born_to=_date(args.get("born_to")),
        sort=sort if sort in SORTS else "priority",
        descending=(args.get("dir") or "") == "desc",
        page=whole_number(args.get("page"), MAX_PAGE) or 1,
    )


def to_params(filters: CaseFilters, **changes: Any) -> dict[str, str]:
    """The query-string values that differ from the defaults (so links stay short)."""
    params: dict[str, str] = {}
    for item in fields(CaseFilters):
        value = changes.get(item.name, getattr(filters, item.name))
        if value == getattr(DEFAULTS, item.name) or value in (None, ""):
            continue
        name = PARAMS[item.name]
        if item.name == "descending":
            params[name] = "desc" if value else "asc"
        elif item.name == "overdue":
            params[name] = "1" if value else ""
        elif isinstance(value, date):
            params[name] = value.isoformat()
        else:
            params[name] = str(value)
    return {key: value for key, value in params.items() if value}


def query_string(filters: CaseFilters, **changes: Any) -> str:
    params = to_params(filters, **changes)
    return ("?" + urlencode(params)) if params else ""


def sort_link(filters: CaseFilters, key: str) -> tuple[str, str]:
    """The query string for a column header, and its aria-sort value now."""
    if filters.sort == key:
        return query_string(filters, descending=not filters.descending, page=1), (
            "descending" if filters.descending else "ascending"
        )
    return query_string(filters, sort=key, descending=False, page=1), "none"


def described(filters: CaseFilters) -> dict[str, Any]:
    """Filters as plain values for the audit of an export."""
    return to_params(filters, page=1)
