"""Read functions for the administrators' user pages."""

from __future__ import annotations

from portal.models import School


def school_choices(la_code: str, *, current_urn: int | None = None) -> list[tuple[str, str]]:
    """The schools a school user can belong to, as (URN, "Name (URN n), town"), by name: the LA's open schools.

    The GIAS extract may hold every school in England; only the LA's own use its portal. ``current_urn`` (the user's
    school now) is offered too, even if it has closed or is elsewhere, so changing their name does not move them.
    """
    condition = (School.la_code == la_code) & (School.is_open == True)  # noqa: E712 (a peewee expression)
    if current_urn is not None:
        condition |= School.urn == current_urn
    query = School.select(School.urn, School.name, School.town).where(condition).order_by(School.name, School.urn)
    return [
        (str(school.urn), f"{school.name} (URN {school.urn})" + (f", {school.town}" if school.town else ""))
        for school in query
    ]
