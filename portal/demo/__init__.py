"""Demo data for a demo LA, seeded idempotently by ``flask --app wsgi demo``.

Each area of the portal adds a seeder to SEEDERS; every seeder can run again without adding anything twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from portal.demo.core import seed_calendar, seed_schools, seed_users
from portal.demo.notices import seed_notices
from portal.demo.officers import seed_caseload
from portal.demo.schools import seed_school_records

SEEDERS: list[Callable[[], Iterable[str]]] = [
    seed_schools,
    seed_users,
    seed_calendar,
    seed_caseload,
    seed_notices,
    seed_school_records,
]


def seed() -> list[str]:
    lines: list[str] = []
    for seeder in SEEDERS:
        lines.extend(seeder())
    return lines
