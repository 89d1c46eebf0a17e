"""The officers' dashboard and the termly DfE CME and EHE figures: counts grouped in the database.

Every figure carries the caseload filters that list the cases behind it, so the dashboard links to exactly them.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import peewee

from portal.db import db
from portal.models import Case, CaseTally, School
from portal.rules.calendar import SchoolCalendar
from portal.rules.register import CaseSource, CaseStatus, CaseType, ClosureReason
from portal.rules.scope import csa_birth_dates
from portal.services.calendar import la_settings

CLOSED = CaseStatus.CLOSED.value
OPEN_STATUSES = [status for status in CaseStatus if status is not CaseStatus.CLOSED]
OPEN_VALUES = [status.value for status in OPEN_STATUSES]


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    filters: dict[str, str] = field(default_factory=dict)  # caseload query-string values; {} means no link


@dataclass(frozen=True)
class Grid:
    """A table of counts: rows by columns, each cell a Figure."""

    columns: list[str]
    rows: list[tuple[Figure, list[Figure]]]


@dataclass(frozen=True)
class Dashboard:
    by_type_and_status: Grid
    by_status: list[Figure]
    by_type: list[Figure]
    overdue: Figure
    new_this_week: Figure
    open_total: Figure
    median_days_to_close: float | None
    closed_in_year: int
    by_school: list[Figure]
    returns_overdue_by_school: list[Figure]
    ehe_by_school: Grid


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _school_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        school.id: school.name for school in School.select(School.id, School.name).where(School.id.in_(sorted(ids)))
    }


def _by_school(query: peewee.ModelSelect, extra: dict[str, str], limit: int = 15) -> list[Figure]:
    counts = [(school_id, count) for school_id, count in query.tuples() if count]
    counts.sort(key=lambda item: (-item[1], item[0] or 0))
    counts = counts[:limit]
    names = _school_names({school_id for school_id, _count in counts if school_id})
    figures = []
    for school_id, count in counts:
        if school_id is None:
            figures.append(Figure("No school recorded", count))
        else:
            figures.append(Figure(names.get(school_id, "Unknown school"), count, {**extra, "school": str(school_id)}))
    return figures


@dataclass(frozen=True)
class Term:
    """A termly period for the DfE's CME and EHE figures: autumn (September to December), spring (January to March),
    summer (April to August)."""

    name: str
    first_day: date
    last_day: date


def term_of(day: date) -> Term:
    if day.month >= 9:
        return Term(f"Autumn {day.year}", date(day.year, 9, 1), date(day.year, 12, 31))
    if day.month <= 3:
        return Term(f"Spring {day.year}", date(day.year, 1, 1), date(day.year, 3, 31))
    return Term(f"Summer {day.year}", date(day.year, 4, 1), date(day.year, 8, 31))


def recent_terms(today: date, count: int = 3) -> list[Term]:
    terms = [term_of(today)]
    while len(terms) < count:
        terms.insert(0, term_of(terms[0].first_day - timedelta(days=1)))
    return terms


def dashboard(today: date) -> Dashboard:
    """The figures on the officers' dashboard, as of ``today``."""
    types, statuses = CaseType.choices(), CaseStatus.choices()
    counts: dict[tuple[str, str], int] = {}
    for case_type, status, count in (  # from the case tally (portal.models.case_tally), not 200,000 cases
        CaseTally.select(CaseTally.case_type, CaseTally.status, peewee.fn.SUM(CaseTally.cases))
        .where(CaseTally.status.in_(OPEN_VALUES))
        .group_by(CaseTally.case_type, CaseTally.status)
        .tuples()
    ):
        if count:
            counts[(case_type, status)] = int(count)
    grid_rows = []
    for type_value, type_label in types.items():
        cells = [
            Figure(statuses[s.value], counts.get((type_value, s.value), 0), {"type": type_value, "status": s.value})
            for s in OPEN_STATUSES
        ]
        total = sum(cell.count for cell in cells)
        grid_rows.append((Figure(type_label, total, {"type": type_value}), cells))
    by_status = [
        Figure(statuses[s.value], sum(c for (_t, st), c in counts.items() if st == s.value), {"status": s.value})
        for s in OPEN_STATUSES
    ]
    by_type = [row for row, _cells in grid_rows]
    open_total = sum(counts.values())
    overdue = Case.select().where(Case.status.in_(OPEN_VALUES), Case.next_action_date < today).count()
    monday = today - timedelta(days=today.weekday())
    new_this_week = Case.select().where(Case.opened_at >= _start(monday)).count()
    year_ago = today - timedelta(days=365)
    closed_in_year = (Case.status == CLOSED) & (Case.closed_at >= _start(year_ago))
    closed_count = Case.select().where(closed_in_year).count()
    open_by_school = Case.select(Case.school, peewee.fn.COUNT(peewee.SQL("*"))).where(Case.status.in_(OPEN_VALUES))
    by_school = _by_school(open_by_school.group_by(Case.school), {})
    returns_overdue = _by_school(
        Case.select(Case.school, peewee.fn.COUNT(peewee.SQL("*")))
        .where(
            Case.status == CaseStatus.MORE_INFORMATION.value,
            Case.next_action_date < today,
            Case.school.is_null(False),
        )
        .group_by(Case.school),
        {"status": CaseStatus.MORE_INFORMATION.value, "overdue": "1"},
    )
    return Dashboard(
        by_type_and_status=Grid([statuses[s.value] for s in OPEN_STATUSES], grid_rows),
        by_status=by_status,
        by_type=by_type,
        overdue=Figure("Next action overdue", overdue, {"overdue": "1"}),
        new_this_week=Figure("Opened this week", new_this_week, {"status": "all", "opened_from": monday.isoformat()}),
        open_total=Figure("Open cases", open_total, {"status": "open"}),
        median_days_to_close=_median_days_open(closed_in_year, closed_count),
        closed_in_year=closed_count,
        by_school=by_school,
        returns_overdue_by_school=returns_overdue,
        ehe_by_school=ehe_by_school_per_term(today),
    )


def _days_open() -> peewee.Node:
    """Days from opening to closing, with fractions, in each store's own date arithmetic."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return peewee.fn.date_part("epoch", Case.closed_at - Case.opened_at) / 86400
    return peewee.fn.julianday(Case.closed_at) - peewee.fn.julianday(Case.opened_at)


def _median_days_open(condition: peewee.Expression, count: int) -> float | None:
    """The median time to close of ``count`` cases, found in the database: the middle one or two of them in order
    (a year's closed cases in a large LA are tens of thousands of rows to read into Python otherwise)."""
    if not count:
        return None
    days = _days_open()
    middle = Case.select(days).where(condition).order_by(days).limit(2 - count % 2).offset((count - 1) // 2)
    values = [float(value) for (value,) in middle.tuples()]
    return round(statistics.fmean(values), 1)


def ehe_by_school_per_term(today: date) -> Grid:
    """Home-education cases opened per school in each of the last three terms: a rise at one school can be an early
    sign of off-rolling (DfE EHE guidance 2019; Ofsted on off-rolling)."""
    terms = recent_terms(today)
    start, end = terms[0].first_day, terms[-1].last_day
    # The terms follow one another, so a case's term is the last one that began before it was opened.
    began_after = [(Case.opened_at < _start(term.first_day), number) for number, term in enumerate(terms[1:])]
    term_number = peewee.Case(None, began_after, len(terms) - 1)
    rows = (
        Case.select(Case.school, term_number, peewee.fn.COUNT(peewee.SQL("*")))
        .where(
            Case.case_type == CaseType.EHE.value,
            Case.opened_at >= _start(start),
            Case.opened_at < _start(end + timedelta(days=1)),
        )
        .group_by(peewee.SQL("1"), peewee.SQL("2"))  # by position: the term's bound dates make it unequal to itself
        .tuples()
    )
    counts = {(school_id, terms[number].name): cases for school_id, number, cases in rows}
    schools = sorted({school_id for school_id, _term in counts if school_id is not None})
    names = _school_names(set(schools))
    grid_rows = []
    for school_id in sorted(schools, key=lambda i: (-sum(counts.get((i, t.name), 0) for t in terms), names.get(i, ""))):
        cells = [
            Figure(
                term.name,
                counts.get((school_id, term.name), 0),
                {
                    "type": CaseType.EHE.value,
                    "status": "all",
                    "school": str(school_id),
                    "opened_from": term.first_day.isoformat(),
                    "opened_to": term.last_day.isoformat(),
                },
            )
            for term in terms
        ]
        grid_rows.append((Figure(names.get(school_id, "Unknown school"), sum(c.count for c in cells), {}), cells))
    return Grid([term.name for term in terms], grid_rows)


# Length of time missing on the census date, in school days since the last day in education.
BANDS: list[tuple[str, int, int | None]] = [
    ("Up to 10 school days", 0, 10),
    ("11 to 20 school days", 11, 20),
    ("21 to 60 school days", 21, 60),
    ("More than 60 school days", 61, None),
]


@dataclass(frozen=True)
class Census:
    on: date
    term: Term
    open_by_type: list[Figure]
    cme_by_source: list[Figure]
    cme_by_time_missing: list[Figure]
    became_cme_in_term: Figure
    ehe_open: Figure
    ehe_new_in_term: Figure
    closed_in_term_by_reason: list[Figure]
    calendar_note: str = ""
    # Children of compulsory school age on the census date were born in this range; the others are not counted.
    born_from: date | None = None
    born_to: date | None = None
    not_csa_open: int = 0
    no_date_of_birth_open: int = 0


def _nth_school_day_back(on: date, n: int, calendar: SchoolCalendar) -> date | None:
    """The n-th school day counting back from ``on`` (``on`` itself is the first if it is a school day); None when
    the term dates do not go back that far."""
    day = on
    found = 0
    while day >= calendar.first_day:
        if calendar.is_school_day(day):
            found += 1
            if found == n:
                return day
        day -= timedelta(days=1)
    return None


def _band_filters(on: date, low: int, high: int | None, calendar: SchoolCalendar) -> dict[str, str] | None:
    """Last-day-in-education dates giving between ``low`` and ``high`` school days missing on ``on``.

    School days missing = school days d with last day < d <= census date, so at least ``low`` means the last day is
    before the low-th school day back, and at most ``high`` means it is on or after the (high + 1)-th.
    """
    values: dict[str, str] = {}
    if low > 0:
        lowest = _nth_school_day_back(on, low, calendar)
        if lowest is None:
            return None  # nobody can be missing that long on these term dates
        values["last_day_to"] = (lowest - timedelta(days=1)).isoformat()
    if high is not None:
        highest = _nth_school_day_back(on, high + 1, calendar)
        values["last_day_from"] = (highest or calendar.first_day - timedelta(days=1)).isoformat()
    else:
        values["last_day_from"] = (calendar.first_day - timedelta(days=1)).isoformat()
    return values


def census(on: date, calendar: SchoolCalendar | None, autumn_term_start: tuple[int, int] | None = None) -> Census:
    """Counts on a census date for the DfE's termly CME and EHE data collection: cases open at the end of that day,
    by type and, for children missing education, by how they came to the LA and how long they have been missing.

    Only children of compulsory school age on the census date are counted (Education Act 1996 s.436A: the others
    are not missing education), found by date of birth (portal.rules.scope.csa_birth_dates); a child with no date
    of birth cannot be shown to be of that age, so is left out and counted apart for officers to check. Closures in
    the term are counted whatever the age, so that those closed as not of compulsory school age show."""
    if autumn_term_start is None:
        autumn_term_start = la_settings().autumn_term_start
    born_from, born_to = csa_birth_dates(on, autumn_term_start)
    end_of_day = _start(on + timedelta(days=1))
    open_any_age = (Case.opened_at < end_of_day) & (Case.closed_at.is_null() | (Case.closed_at >= end_of_day))
    of_csa = Case.child_date_of_birth.between(born_from, born_to)
    open_on = open_any_age & of_csa
    born = {"born_from": born_from.isoformat(), "born_to": born_to.isoformat()}
    base = {"status": "all", "open_on": on.isoformat(), **born}
    by_type_counts = dict(
        Case.select(Case.case_type, peewee.fn.COUNT(peewee.SQL("*"))).where(open_on).group_by(Case.case_type).tuples()
    )
    open_by_type = [
        Figure(label, by_type_counts.get(value, 0), {**base, "type": value})
        for value, label in CaseType.choices().items()
        if value != CaseType.NOT_CSA.value  # none can be of compulsory school age
    ]
    no_date_of_birth = Case.select().where(open_any_age, Case.child_date_of_birth.is_null()).count()
    not_csa = Case.select().where(open_any_age, Case.child_date_of_birth.is_null(False), ~of_csa).count()
    cme = (Case.case_type == CaseType.CME.value) & open_on
    by_source_counts = dict(
        Case.select(Case.source, peewee.fn.COUNT(peewee.SQL("*"))).where(cme).group_by(Case.source).tuples()
    )
    cme_by_source = [
        Figure(label, by_source_counts.get(value, 0), {**base, "type": CaseType.CME.value, "source": value})
        for value, label in CaseSource.choices().items()
    ]
    # Counted per last day in education: the school days missing are worked out once for each day, not each child.
    last_days = [
        (day, int(cases))
        for day, cases in Case.select(Case.last_day_in_education, peewee.fn.COUNT(peewee.SQL("*")))
        .where(cme)
        .group_by(Case.last_day_in_education)
        .tuples()
    ]
    note = ""
    by_time: list[Figure] = []
    unknown = sum(cases for day, cases in last_days if day is None)
    if calendar is None or not calendar.first_day <= on <= calendar.last_day:
        note = "Add the term dates for the census date to count school days missing."
    else:
        band_counts = [0] * len(BANDS)
        before = 0
        for day, cases in last_days:
            if day is None:
                continue
            if day < calendar.first_day - timedelta(days=1):
                before += cases
                continue
            missing = calendar.school_days_between(day, on)
            for index, (_label, low, high) in enumerate(BANDS):
                if missing >= low and (high is None or missing <= high):
                    band_counts[index] += cases
                    break
        for index, (label, low, high) in enumerate(BANDS):
            bounds = _band_filters(on, low, high, calendar)
            filters = {**base, "type": CaseType.CME.value, **bounds} if bounds is not None else {}
            by_time.append(Figure(label, band_counts[index], filters))
        if before:
            limit = (calendar.first_day - timedelta(days=2)).isoformat()
            by_time.append(
                Figure(
                    "Since before the term dates begin",
                    before,
                    {**base, "type": CaseType.CME.value, "last_day_to": limit},
                )
            )
    if unknown:
        by_time.append(Figure("Last day in education not known", unknown))
    term = term_of(on)
    term_start, term_end = _start(term.first_day), _start(min(term.last_day, on) + timedelta(days=1))
    in_term = (Case.opened_at >= term_start) & (Case.opened_at < term_end)
    term_filters = {
        "status": "all",
        "opened_from": term.first_day.isoformat(),
        "opened_to": min(term.last_day, on).isoformat(),
        **born,
    }
    became_cme = Case.select().where(in_term, of_csa, Case.case_type == CaseType.CME.value).count()
    ehe_new = Case.select().where(in_term, of_csa, Case.case_type == CaseType.EHE.value).count()
    closed_counts = dict(
        Case.select(Case.closure_reason, peewee.fn.COUNT(peewee.SQL("*")))
        .where(Case.closed_at >= term_start, Case.closed_at < term_end, Case.status == CLOSED)
        .group_by(Case.closure_reason)
        .tuples()
    )
    closed = [
        Figure(
            label,
            closed_counts.get(value, 0),
            {
                "status": CLOSED,
                "closure_reason": value,
                "closed_from": term.first_day.isoformat(),
                "closed_to": min(term.last_day, on).isoformat(),
            },
        )
        for value, label in ClosureReason.choices().items()
    ]
    return Census(
        on=on,
        term=term,
        open_by_type=open_by_type,
        cme_by_source=cme_by_source,
        cme_by_time_missing=by_time,
        became_cme_in_term=Figure("Became CME this term", became_cme, {**term_filters, "type": CaseType.CME.value}),
        ehe_open=Figure(
            "Home education cases open", by_type_counts.get(CaseType.EHE.value, 0), {**base, "type": "ehe"}
        ),
        ehe_new_in_term=Figure("Home education cases opened this term", ehe_new, {**term_filters, "type": "ehe"}),
        closed_in_term_by_reason=closed,
        calendar_note=note,
        born_from=born_from,
        born_to=born_to,
        not_csa_open=not_csa,
        no_date_of_birth_open=no_date_of_birth,
    )


def chart_series(figures: list[Figure]) -> list[tuple[str, int]]:
    return [(figure.label, figure.count) for figure in figures]


def as_dict(figure: Figure) -> dict[str, Any]:
    return {"label": figure.label, "count": figure.count, "filters": figure.filters}
