"""The officers' caseload: filter, search, sort and page the CME register in a fixed number of SQL queries.

``list_cases`` runs three queries whatever the number of rows (the count, one joined page of cases, the flags of the
children on that page); ``iter_cases`` streams every matching case for the CSV export in pages of the same shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import peewee
from flask import abort

from portal.db import db
from portal.digits import is_digits
from portal.models import Case, CaseTally, Child, School, User
from portal.queries.case_order import GROUPED, Assigned, case_order, group_order
from portal.queries.children import flag_values_by_child
from portal.queries.deadlines import Deadline, deadline
from portal.queries.paging import ListPage, last_page
from portal.rules.calendar import SchoolCalendar
from portal.rules.postcode import is_valid_postcode, normalise_postcode
from portal.rules.register import CaseSource, CaseStatus, CaseType, ClosureReason, RiskFlag, RiskLevel

PAGE_SIZE = 50
MAX_PAGE = 100_000
OPEN = "open"
ALL = "all"

DecidedBy = User.alias("decided_by")

_REFERENCE = re.compile(r"CME-[0-9-]*")
_UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")
_OUTWARD_CODE = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?")
# A URN alone, or at the end of a school's label as the caseload's school box shows one: "Name (URN 990001)".
_URN = re.compile(r"(?:.*\(URN ([0-9]{1,9})\)|([0-9]{1,9}))")
MAX_SCHOOL_MATCHES = 10
# The schools a school search matches, kept apart from the school the caseload joins for its rows.
MatchingSchool = School.alias("matching_school")


@dataclass(frozen=True)
class CaseFilters:
    """What an officer asked the caseload for. Every field is already parsed and checked by the caller."""

    q: str = ""
    status: str = OPEN  # "open", "all" or a CaseStatus value
    case_type: str = ""
    source: str = ""
    risk: str = ""
    school_id: int | None = None
    school_search: str = ""  # a school's name or URN, as typed (see ``school_match``)
    assigned: str = ""  # "", "mine", "my_schools", "unassigned" or an officer's id
    overdue: bool = False
    opened_from: date | None = None
    opened_to: date | None = None
    open_on: date | None = None  # open on this (census) date
    last_day_from: date | None = None
    last_day_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    closure_reason: str = ""
    # The census counts children of compulsory school age only: born in this range (portal.rules.scope).
    born_from: date | None = None
    born_to: date | None = None
    sort: str = "priority"
    descending: bool = False
    page: int = 1

    def with_page(self, page: int) -> CaseFilters:
        return replace(self, page=page)


@dataclass(frozen=True)
class CaseRow:
    id: int
    reference: str
    child_name: str
    date_of_birth: date | None
    age: int | None
    school: str
    source: str
    case_type: str
    status: str
    status_value: str
    officer: str
    risk_level: str
    flags: tuple[str, ...]
    next_action: str
    next_action_date: date | None
    due: Deadline | None
    opened_at: datetime


@dataclass(frozen=True)
class CasePage(ListPage):
    rows: list[CaseRow]
    filters: CaseFilters


def _is_open() -> peewee.Expression:
    """Not closed, written exactly as the WHERE of the open cases' partial index (``case_open_priority``, migration
    0070), with the value in the SQL rather than bound, so both stores see that the index applies."""
    return Case.status != peewee.SQL(f"'{CaseStatus.CLOSED.value}'")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _prefix(column: peewee.Field, prefix: str) -> peewee.Expression:
    """``column`` starts with ``prefix``, written as a range so both stores answer it from the index.

    The keys are lower case, so in binary (SQLite) or code-point order the range is exactly the prefix. Where
    PostgreSQL sorts by a language's rules, punctuation is ignored, so "obrien" also finds "O'Brien": for a search
    box that is what an officer wants.
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (column >= prefix) & (column < upper)


def _children(condition: peewee.Expression) -> peewee.ModelSelect:
    return Child.select(Child.id).where(condition)


@dataclass(frozen=True)
class Search:
    """What a search box entry became: a condition on the case (a reference, UPN or postcode), or for a name the
    matching cases as a subquery to join, carrying the name keys the results sort by."""

    condition: peewee.Expression | None = None
    matches: Any = None


def _name_search(words: list[str]) -> Search:
    """The words as prefixes of the child's first and last names, in either order (lower-case keys, any case typed),
    read from the case's own copy of the keys.

    Each reading is a range on the register's (first, last, id) or (last, first, id) index, and the matches are the
    UNION of those ranges. Written as one OR instead, PostgreSQL would walk the whole name index in order to save
    sorting a few thousand matches (60 ms for a common surname's first three letters, not 5).
    """
    whole = " ".join(words)
    first, last = Case.child_first_name_key, Case.child_last_name_key
    readings = [_prefix(first, whole), _prefix(last, whole)]
    for split in range(1, len(words)):
        head, tail = " ".join(words[:split]), " ".join(words[split:])
        readings.append(_prefix(first, head) & _prefix(last, tail))
        readings.append(_prefix(last, head) & _prefix(first, tail))
    arms = [Case.select(Case.id, last, first).where(reading) for reading in readings]
    matches = arms[0]
    for arm in arms[1:]:
        matches = matches | arm  # UNION: a case matching two readings is listed once
    return Search(matches=matches.alias("matches"))


def search(q: str) -> Search | None:
    """A reference, UPN, postcode (or its outward code) or name, recognised from what was typed."""
    text = " ".join(q.split())
    if not text:
        return None
    upper = text.upper()
    compact = upper.replace(" ", "")
    if _REFERENCE.fullmatch(compact):
        return Search(_prefix(Case.reference, compact))
    if _UPN.fullmatch(compact):
        return Search(Case.child.in_(_children(Child.upn == compact)))
    if is_valid_postcode(text):
        return Search(Case.child.in_(_children(Child.current_postcode == normalise_postcode(text))))
    if _OUTWARD_CODE.fullmatch(compact) and any(char.isdigit() for char in compact):
        return Search(Case.child.in_(_children(_prefix(Child.current_postcode, compact + " "))))
    words = [word for word in re.split(r"[\s,]+", text.lower()) if word][:4]
    return _name_search(words)


def _kind_conditions(filters: CaseFilters, model: type[Case] | type[CaseTally]) -> list[peewee.Expression]:
    """The status, type, source and risk filters, on the case itself or on the case tally (which has the same four
    columns). Open is written as the open cases' partial indexes are (see ``_is_open``)."""
    conditions: list[peewee.Expression] = []
    if filters.status == OPEN:
        conditions.append(model.status != peewee.SQL(f"'{CaseStatus.CLOSED.value}'"))
    elif filters.status != ALL:
        conditions.append(model.status == filters.status)
    if filters.case_type:
        conditions.append(model.case_type == filters.case_type)
    if filters.source:
        conditions.append(model.source == filters.source)
    if filters.risk:
        conditions.append(model.risk_level == filters.risk)
    return conditions


def _conditions(filters: CaseFilters, officer_id: int, today: date) -> list[peewee.Expression]:
    conditions = _kind_conditions(filters, Case)
    if filters.school_id is not None:
        conditions.append(Case.school == filters.school_id)
    if filters.school_search:
        conditions.append(
            Case.school.in_(MatchingSchool.select(MatchingSchool.id).where(school_match(filters.school_search)))
        )
    if filters.assigned == "mine":
        conditions.append(Case.assigned_to == officer_id)
    elif filters.assigned == "my_schools":
        conditions.append(School.link_officer_id == officer_id)
    elif filters.assigned == "unassigned":
        conditions.append(Case.assigned_to.is_null())
    elif is_digits(filters.assigned):
        conditions.append(Case.assigned_to == int(filters.assigned))
    if filters.overdue:
        # Overdue in school days exactly when the date has passed (portal.rules.thresholds.deadline_status).
        conditions.append(Case.next_action_date < today)
        conditions.append(_is_open())
    if filters.opened_from:
        conditions.append(Case.opened_at >= _start_of(filters.opened_from))
    if filters.opened_to:
        conditions.append(Case.opened_at < _start_of(filters.opened_to + timedelta(days=1)))
    if filters.open_on:
        end_of_day = _start_of(filters.open_on + timedelta(days=1))
        conditions.append(Case.opened_at < end_of_day)
        conditions.append(Case.closed_at.is_null() | (Case.closed_at >= end_of_day))
    if filters.last_day_from:
        conditions.append(Case.last_day_in_education >= filters.last_day_from)
    if filters.last_day_to:
        conditions.append(Case.last_day_in_education <= filters.last_day_to)
    if filters.closed_from:
        conditions.append(Case.closed_at >= _start_of(filters.closed_from))
    if filters.closed_to:
        conditions.append(Case.closed_at < _start_of(filters.closed_to + timedelta(days=1)))
    if filters.closure_reason:
        conditions.append(Case.closure_reason == filters.closure_reason)
    if filters.born_from:
        conditions.append(Case.child_date_of_birth >= filters.born_from)
    if filters.born_to:
        conditions.append(Case.child_date_of_birth <= filters.born_to)
    found = search(filters.q)
    if found is not None and found.condition is not None:
        conditions.append(found.condition)
    return conditions


# Only the columns the caseload shows, read as tuples: no model objects for 50 rows of four tables.
ROW_COLUMNS = (
    Case.id,
    Case.reference,
    Case.child,
    Case.case_type,
    Case.source,
    Case.status,
    Case.risk_level,
    Case.next_action,
    Case.next_action_date,
    Case.opened_at,
    Child.first_name,
    Child.last_name,
    Child.date_of_birth,
    Child.approximate_age,
    School.name,
    Assigned.name,
)


def _joined(query: peewee.ModelSelect, tables: set[str], matches: Any = None) -> peewee.ModelSelect:
    if matches is not None:
        query = query.join(matches, on=(Case.id == matches.c.id)).switch(Case)
    if "child" in tables:
        query = query.join(Child, on=(Case.child == Child.id)).switch(Case)
    if "school" in tables:
        query = query.join(School, peewee.JOIN.LEFT_OUTER, on=(Case.school == School.id)).switch(Case)
    if "assigned" in tables:
        query = query.join(Assigned, peewee.JOIN.LEFT_OUTER, on=(Case.assigned_to == Assigned.id)).switch(Case)
    return query


def _tables_for(filters: CaseFilters, *, sorting: bool) -> set[str]:
    """The tables beside the case that the filters (and, when ``sorting``, the order) need."""
    tables = set()
    if filters.assigned == "my_schools":
        tables.add("school")
    if sorting:
        if filters.sort == "school":
            tables.add("school")
        if filters.sort == "officer":
            tables.add("assigned")
    return tables


def _where(query: peewee.ModelSelect, filters: CaseFilters, officer_id: int, today: date) -> peewee.ModelSelect:
    conditions = _conditions(filters, officer_id, today)
    return query.where(*conditions) if conditions else query


def _rows_query(ids: peewee.ModelSelect | None, filters: CaseFilters, officer_id: int, today: date) -> Any:
    """The caseload's columns (and the page's total) for a page of ids, or for every matching case, in order."""
    order = case_order(filters.sort, filters.descending)
    if ids is not None:
        page = ids.alias("page")
        query = Case.select(*ROW_COLUMNS, page.c.total).join(page, on=(Case.id == page.c.id)).switch(Case)
        return _joined(query, {"child", "school", "assigned"}).order_by(*order).tuples()
    found = search(filters.q)
    query = _joined(Case.select(*ROW_COLUMNS), {"child", "school", "assigned"}, found.matches if found else None)
    return _where(query, filters, officer_id, today).order_by(*order).tuples()


def _page(
    filters: CaseFilters, officer_id: int, today: date, page: int, page_size: int, total: int | None
) -> list[tuple[Any, ...]]:
    """One query: the page's case ids, found joining only what the filters and the order need, then their child,
    school and officer. Each row ends with the total: ``total`` when the caller counted, otherwise a window count
    over the matches (a search matches few cases, so counting them as they are found saves a second pass)."""
    # COUNT(*), not COUNT(id): PostgreSQL can count the entries of an index that does not hold the id, not the ids.
    counted = peewee.Value(total) if total is not None else peewee.fn.COUNT(peewee.SQL("*")).over()
    found = search(filters.q)
    matches = found.matches if found is not None else None
    tables = _tables_for(filters, sorting=True)
    if matches is not None and filters.sort == "name" and not tables and not _conditions(filters, officer_id, today):
        # A name search alone, in name order: the matches hold the ids and the keys they sort by, so the page is read
        # from them without looking each one up in the register again (10,000 look-ups for "wil" in a large LA).
        ids = peewee.Select([matches], [matches.c.id, counted.alias("total")])
        ids = ids.order_by(*case_order(filters.sort, filters.descending, matches, case_id=matches.c.id))
    else:
        ids = Case.select(Case.id, counted.alias("total"))
        ids = _where(_joined(ids, tables, matches), filters, officer_id, today)
        ids = ids.order_by(*case_order(filters.sort, filters.descending, matches))
    # LIMIT and OFFSET written into the SQL, not bound: with a bound LIMIT SQLite cannot tell the page is small and
    # scans the whole register in risk order instead of sorting the open cases from their index.
    ids = ids.limit(peewee.SQL(str(int(page_size))))
    ids = ids.offset(peewee.SQL(str(int((page - 1) * page_size))))
    return list(_rows_query(ids, filters, officer_id, today))


def _tally_conditions(filters: CaseFilters) -> list[peewee.Expression] | None:
    """The filters as conditions on the case tally (portal.models.case_tally), or None when they ask for more than
    it keeps: a search, a school, an officer, dates, overdue or a closure reason (any filter but these four)."""
    tallied = {"status": OPEN, "case_type": "", "source": "", "risk": ""}
    if replace(filters, **tallied) != CaseFilters(sort=filters.sort, descending=filters.descending, page=filters.page):
        return None
    return _kind_conditions(filters, CaseTally)


def count_cases(filters: CaseFilters, *, officer_id: int, today: date) -> int:
    """The number of matching cases: from the case tally when the filters allow, otherwise counted joining only
    what the filters need."""
    tally = _tally_conditions(filters)
    if tally is not None:
        summed = CaseTally.select(peewee.fn.COALESCE(peewee.fn.SUM(CaseTally.cases), 0))
        return int((summed.where(*tally) if tally else summed).scalar() or 0)
    found = search(filters.q)
    matches = found.matches if found is not None else None
    query = _joined(Case.select(peewee.fn.COUNT(peewee.SQL("*"))), _tables_for(filters, sorting=False), matches)
    return int(_where(query, filters, officer_id, today).scalar() or 0)


def _group_sizes(filters: CaseFilters, officer_id: int, today: date) -> list[tuple[Any, int]]:
    """For a GROUPED order: each value of its column with the number of matching cases that have it, in the
    caseload's order (together they are the total): from the case tally when the filters allow, otherwise counted
    from an index."""
    column = GROUPED[filters.sort]
    tally = _tally_conditions(filters)
    # The tally keeps status, type and source under the case's own column names (it has no school or officer).
    tally_column = CaseTally._meta.fields.get(column.name)
    if tally is not None and tally_column is not None:
        summed = peewee.fn.SUM(CaseTally.cases)
        sizes = CaseTally.select(tally_column.alias("value"), summed.alias("cases"))
        sizes = (sizes.where(*tally) if tally else sizes).group_by(tally_column).having(summed > 0)
    else:
        sizes = Case.select(column.alias("value"), peewee.fn.COUNT(peewee.SQL("*")).alias("cases"))
        sizes = _where(_joined(sizes, _tables_for(filters, sorting=False)), filters, officer_id, today)
        sizes = sizes.group_by(column)
    groups = sizes.alias("groups")
    query = peewee.Select([groups], [groups.c.value, groups.c.cases])
    if filters.sort == "school":
        query = query.join(School, peewee.JOIN.LEFT_OUTER, on=(School.id == groups.c.value))
    elif filters.sort == "officer":
        query = query.join(Assigned, peewee.JOIN.LEFT_OUTER, on=(Assigned.id == groups.c.value))
    query = query.order_by(*group_order(filters.sort, groups.c.value, filters.descending))
    return [(value, int(cases)) for value, cases in db.execute(query).fetchall()]


def _grouped_page_ids(
    filters: CaseFilters, officer_id: int, today: date, groups: list[tuple[Any, int]], first: int, size: int, total: int
) -> Any:
    """The ids of cases ``first`` to ``first + size - 1`` (from 0) in a GROUPED order, with the total: from each group
    on the page, the cases it contributes in id order, read from the group column's (value, id) index.

    Sorted whole, every case would be joined to its school or have its label worked out first: 60 to 100 ms on
    PostgreSQL for all 200,000 cases of a large LA, where this reads the page's 50.
    """
    column = GROUPED[filters.sort]
    tables = _tables_for(filters, sorting=False)
    parts = []
    start = 0
    for value, cases in groups:
        skip, end = max(first - start, 0), min(start + cases, first + size) - start
        if skip < end:
            in_group = column.is_null() if value is None else column == value
            part = _where(_joined(Case.select(Case.id), tables), filters, officer_id, today).where(in_group)
            part = part.order_by(Case.id.desc() if filters.descending else Case.id.asc())
            part = part.limit(peewee.SQL(str(end - skip))).offset(peewee.SQL(str(skip))).alias(f"group{len(parts)}")
            parts.append(peewee.Select([part], [part.c.id, peewee.Value(total).alias("total")]))
        start += cases
    ids = parts[0]
    for part in parts[1:]:
        ids = ids + part  # UNION ALL: the groups hold different cases
    return ids


def _age(dob: date | None, today: date) -> int | None:
    if dob is None:
        return None
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def _flags_for(child_ids: list[int]) -> dict[int, list[str]]:
    labels = {flag.value: flag.label for flag in RiskFlag}
    return {child: [labels.get(v, v) for v in values] for child, values in flag_values_by_child(child_ids).items()}


def _rows(cases: list[tuple[Any, ...]], today: date, calendar: SchoolCalendar | None) -> list[CaseRow]:
    flags = _flags_for(sorted({row[2] for row in cases}))
    sources, types, statuses = CaseSource.choices(), CaseType.choices(), CaseStatus.choices()
    rows = []
    for (
        case_id,
        reference,
        child_id,
        case_type,
        source,
        status,
        risk_level,
        next_action,
        next_action_date,
        opened_at,
        first_name,
        last_name,
        date_of_birth,
        approximate_age,
        school_name,
        officer_name,
    ) in cases:
        rows.append(
            CaseRow(
                id=case_id,
                reference=reference,
                child_name=f"{first_name} {last_name}".strip(),
                date_of_birth=date_of_birth,
                age=_age(date_of_birth, today) if date_of_birth else approximate_age,
                school=school_name or "",
                source=sources.get(source, source),
                case_type=types.get(case_type, case_type),
                status=statuses.get(status, status),
                status_value=status,
                officer=officer_name or "",
                risk_level=risk_level,
                flags=tuple(sorted(flags.get(child_id, []))),
                next_action=next_action,
                next_action_date=next_action_date,
                due=deadline(next_action_date, today, calendar) if status != CaseStatus.CLOSED.value else None,
                opened_at=opened_at,
            )
        )
    return rows


def list_cases(
    filters: CaseFilters,
    *,
    officer_id: int,
    today: date,
    calendar: SchoolCalendar | None,
    page_size: int = PAGE_SIZE,
) -> CasePage:
    """One page of the caseload with the total count, in a fixed number of SQL queries whatever the number of rows:
    the count (answered from an index; for an order by school, officer or label, the size of each group) unless there
    is a search, the page, and the flags of its children; one more to find the last page when asked for a page past
    it."""
    page = max(1, filters.page)
    searching = search(filters.q) is not None
    if filters.sort in GROUPED and not searching:
        groups = _group_sizes(filters, officer_id, today)
        total = sum(cases for _value, cases in groups)
        page = min(page, last_page(total, page_size))
        first = (page - 1) * page_size
        ids = _grouped_page_ids(filters, officer_id, today, groups, first, page_size, total) if total else None
        rows = list(_rows_query(ids, filters, officer_id, today)) if ids is not None else []
    else:
        total = None if searching else count_cases(filters, officer_id=officer_id, today=today)
        if total is not None:
            page = min(page, last_page(total, page_size))
        rows = _page(filters, officer_id, today, page, page_size, total) if total != 0 else []
    if total is None and not rows and page > 1:  # a search asked for a page past its last
        total = count_cases(filters, officer_id=officer_id, today=today)
        page = last_page(total, page_size)
        rows = _page(filters, officer_id, today, page, page_size, total) if total else []
    total = int(rows[0][-1]) if rows else (total or 0)
    cases = [row[:-1] for row in rows]
    return CasePage(_rows(cases, today, calendar), total, page, page_size, filters.with_page(page))


def iter_cases(
    filters: CaseFilters, *, officer_id: int, today: date, calendar: SchoolCalendar | None, batch: int = 1000
) -> Iterator[CaseRow]:
    """Every matching case in the caseload's order, read as one streamed query (for the CSV export)."""
    rows: list[tuple[Any, ...]] = []
    for row in _rows_query(None, filters, officer_id, today).iterator():
        rows.append(row)
        if len(rows) == batch:
            yield from _rows(rows, today, calendar)
            rows = []
    yield from _rows(rows, today, calendar)


def get_case_or_404(case_id: int) -> Case:
    """The case with its child, school and officers' names in one query; 404 when there is no such case."""
    case = (
        Case.select(Case, Child, School, Assigned.id, Assigned.name, DecidedBy.id, DecidedBy.name)
        .join(Child, on=(Case.child == Child.id))
        .switch(Case)
        .join(School, peewee.JOIN.LEFT_OUTER, on=(Case.school == School.id))
        .switch(Case)
        .join(Assigned, peewee.JOIN.LEFT_OUTER, on=(Case.assigned_to == Assigned.id))
        .switch(Case)
        .join(DecidedBy, peewee.JOIN.LEFT_OUTER, on=(Case.la_decision_by == DecidedBy.id))
        .where(Case.id == case_id)
        .first()
    )
    if case is None:
        abort(404)
    return case


def find_case_by_reference(reference: str) -> Case | None:
    return Case.get_or_none(Case.reference == " ".join(reference.split()).upper())


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def officer_options() -> list[Option]:
    query = (
        User.select(User.id, User.name)
        .where(User.role == "officer", User.is_active == True)  # noqa: E712
        .order_by(User.name)
        .tuples()
    )
    return [Option(str(user_id), name) for user_id, name in query]


def school_options() -> list[Option]:
    """Every school on the list, by name (a closed school can still be the one a child last attended)."""
    query = School.select(School.id, School.name).order_by(School.name, School.id)
    # Read with the driver alone: an LA's 600 schools through peewee's row conversion cost several ms a page.
    return [Option(str(school_id), name) for school_id, name in db.execute(query).fetchall()]


def school_match(text: str, school: Any = MatchingSchool) -> peewee.Expression:
    """The schools a caseload school search means: the one with the URN given (alone, or in a label as the school
    box is filled for one school), otherwise every school whose name contains the text, in any case."""
    urn = _URN.fullmatch(text.strip())
    if urn:
        return school.urn == int(urn.group(1) or urn.group(2))
    return peewee.fn.LOWER(school.name).contains(text.strip().lower())


def school_label(name: str, urn: int) -> str:
    return f"{name} (URN {urn})"


def get_school_label(school_id: int) -> str:
    """The school's name and URN, to fill the school box when the caseload is linked to one school; "" if none."""
    school = School.select(School.name, School.urn).where(School.id == school_id).first()
    return school_label(school.name, school.urn) if school else ""


@dataclass(frozen=True)
class SchoolMatches:
    schools: list[Option]  # value: the school's id; label: name and URN
    more: bool  # more than MAX_SCHOOL_MATCHES matched


def find_schools_matching(text: str) -> SchoolMatches:
    """The first schools a school search matches, by name, to offer as a choice of one."""
    query = (
        MatchingSchool.select(MatchingSchool.id, MatchingSchool.name, MatchingSchool.urn)
        .where(school_match(text))
        .order_by(MatchingSchool.name, MatchingSchool.urn)
        .limit(MAX_SCHOOL_MATCHES + 1)
        .tuples()
    )
    found = [Option(str(school_id), school_label(name, urn)) for school_id, name, urn in query]
    return SchoolMatches(schools=found[:MAX_SCHOOL_MATCHES], more=len(found) > MAX_SCHOOL_MATCHES)


def choice_labels() -> dict[str, dict[str, str]]:
    return {
        "status": CaseStatus.choices(),
        "case_type": CaseType.choices(),
        "source": CaseSource.choices(),
        "risk": RiskLevel.choices(),
        "closure_reason": ClosureReason.choices(),
    }
