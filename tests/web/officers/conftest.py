"""Cases for the officers' web tests, made through the services and then placed where each test needs them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from portal.db import db
from portal.models import Case, ClosureDay, TermDate
from portal.rules.register import CaseSource, CaseType, RiskFlag
from portal.services.cases import open_case
from portal.services.children import AddressDetails, ChildDetails, record_child
from tests.conftest import TODAY


@pytest.fixture
def make_case(database: Any) -> Callable[..., Case]:
    """A case for a new child: ``make_case(first_name=..., status=..., school=..., flags={...})``."""

    def make(
        first_name: str = "Amira",
        last_name: str = "Khan",
        date_of_birth: date | None = date(2015, 3, 4),
        upn: str | None = None,
        postcode: str = "DT1 1AA",
        flags: dict[RiskFlag, str] | None = None,
        case_type: CaseType = CaseType.CME,
        source: CaseSource = CaseSource.PUBLIC,
        school: Any = None,
        opened_at: datetime | None = None,
        **fields: Any,
    ) -> Case:
        with db.atomic():
            child = record_child(
                ChildDetails(
                    first_name=first_name,
                    last_name=last_name,
                    date_of_birth=date_of_birth,
                    upn=upn,
                    address=AddressDetails(line_1="1 High Street", postcode=postcode),
                    flags=flags or {},
                ),
                actor=None,
            )
            case = open_case(child=child, case_type=case_type, source=source, today=TODAY, actor=None, school=school)
            # Opened on the tests' fixed today unless a test says otherwise, never on the machine's clock.
            fields["opened_at"] = opened_at or datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=UTC)
            Case.update(**fields).where(Case.id == case.id).execute()
        return Case.get_by_id(case.id)

    return make


@pytest.fixture
def term_dates(database: Any) -> None:
    """The demo LA's autumn 2026 terms (October half-term between them) and an INSET day."""
    TermDate.create(name="Autumn 1 2026", first_day=date(2026, 9, 2), last_day=date(2026, 10, 23))
    TermDate.create(name="Autumn 2 2026", first_day=date(2026, 11, 2), last_day=date(2026, 12, 18))
    ClosureDay.create(day=date(2026, 9, 2), reason="INSET day")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
