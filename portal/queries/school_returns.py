"""The schools' returns as the LA's officers see them, across every school: part-time timetables, alternative
provision placements, pupils not attending (children missing out on education), and leavers whose information is
still due.

Each register is filtered, searched, sorted and paged in two SQL queries whatever the number of rows (the count,
then one page joined to its school, and for leavers to the child and any case); ``iter_returns`` streams every match
for the CSV export.

Sources: WTISA and the Ealing EGfL part-time and alternative provision data return (domain brief sections 7 and 10);
Ealing EGfL leaver's folder checklist (leaver information due within 10 school days, SI 2024/208 reg 13).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

import peewee
from flask import abort

from portal.models import Case, Child, School
from portal.models.school_records import ApPlacement, Leaver, PartTimeTimetable, PupilNotAttending
from portal.queries.case_detail import year_group_label
from portal.queries.cases import school_match
from portal.queries.deadlines import Deadline, deadline
from portal.queries.paging import ListPage, last_page
from portal.rules.calendar import SchoolCalendar
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.leavers import ITEM_LABELS, Destination, LeaverOutcome
from portal.rules.register import RiskFlag
from portal.rules.returns import ApArrangedBy, NotAttendingReason, PartTimeReason
from portal.services.leavers import OUTCOME_LABELS

PAGE_SIZE = 50
ALL = "all"
EheCase = Case.alias("ehe_case")
NewSchool = School.alias("new_school")

_UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")
_REFERENCE = re.compile(r"(PTT|AP|NA|LVR)-[0-9-]*")
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class ReturnFilters:
    """What an officer asked a register for, already parsed: blank status and sort mean the register's default."""

    q: str = ""  # the child's name, a reference or a UPN
    school: str = ""  # part of the school's name, or its URN
    status: str = ""
    sort: str = ""
    descending: bool = False
    page: int = 1


# Rows: only the columns each register shows, read as tuples from one joined query.
@dataclass(frozen=True)
class PupilRow:
    id: int
    reference: str
    child_name: str
    date_of_birth: date | None
    year_group: str
    upn: str
    school: str
    status: str
    status_value: str


@dataclass(frozen=True)
class PartTimeRow(PupilRow):
    reason: str
    start_date: date
    planned_end_date: date
    ended_on: date | None
    hours_per_week: float
    normal_hours_per_week: float
    flags: tuple[str, ...]
    social_worker: str
    next_review: Deadline | None


@dataclass(frozen=True)
class ApRow(PupilRow):
    provider: str
    arranged_by: str
    hours_per_week: float
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class NotAttendingRow(PupilRow):
    reason: str
    since: date


@dataclass(frozen=True)
class LeaverRow(PupilRow):
    child_id: int
    ground: str
    last_attended: date
    deletion_date: date
    missing: tuple[str, ...]
    information_due: Deadline | None
    case_id: int | None
    case_reference: str


def _json_items(text: str | None) -> tuple[str, ...]:
    """A leaver's JSON list of missing items or tasks; nothing when it cannot be read."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _by(node: Any, descending: bool, *, can_be_blank: bool = False) -> peewee.Node:
    nulls = "LAST" if can_be_blank else None
    return node.desc(nulls=nulls) if descending else node.asc(nulls=nulls)


def flag_labels(flags: str | None) -> tuple[str, ...]:
    """A part-time timetable's comma-separated risk flags, in words."""
    labels = RiskFlag.choices()
    return tuple(sorted(labels.get(flag, flag) for flag in (flags or "").split(",") if flag))


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


class Register:
    """One register: its statuses (the first is the default), its sortable columns and how to read its rows."""

    kind: ClassVar[str]
    title: ClassVar[str]
    title_one: ClassVar[str]  # one record of the register, for its page's title
    model: ClassVar[Any]
    statuses: ClassVar[dict[str, str]]
    sorts: ClassVar[dict[str, str]]
    default_sort: ClassVar[str]

    # The child's names, lower case, for search and sort; the UPN; the columns each row starts with.
    def first_name_key(self) -> Any:
        return peewee.fn.LOWER(self.model.first_name)

    def last_name_key(self) -> Any:
        return peewee.fn.LOWER(self.model.last_name)

    def upn(self) -> Any:
        return self.model.upn

    def date_of_birth(self) -> tuple[Any, bool]:
        """The date of birth column, and whether it can be blank."""
        return self.model.date_of_birth, False

    def pupil_columns(self) -> tuple[Any, ...]:
        m = self.model
        return (
            m.id,
            m.reference,
            m.first_name,
            m.last_name,
            m.date_of_birth,
            m.year_group,
            m.upn,
            School.name,
            m.status,
        )

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return query.join(School, on=(self.model.school == School.id))

    def status_conditions(self, status: str, today: date) -> list[Any]:
        raise NotImplementedError

    def status_label(self, value: str) -> str:
        return self.statuses.get(value, value)

    def sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        """The ORDER BY columns for ``sort``, each with whether it can be blank (blanks sort last both ways)."""
        if sort == "name":
            return [(self.last_name_key(), False), (self.first_name_key(), False)]
        if sort == "dob":
            return [self.date_of_birth()]
        if sort == "school":
            return [(School.name, False)]
        return self.own_sort_keys(sort)

    def own_sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        raise NotImplementedError

    def columns(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def row(self, values: tuple[Any, ...], today: date, calendar: SchoolCalendar | None) -> PupilRow:
        raise NotImplementedError

    def pupil(self, values: tuple[Any, ...]) -> dict[str, Any]:
        record_id, reference, first, last, dob, year_group, upn, school, status = values[:9]
        return {
            "id": record_id,
            "reference": reference,
            "child_name": _name(first, last),
            "date_of_birth": dob,
            "year_group": year_group_label(year_group),
            "upn": upn or "",
            "school": school,
            "status": self.status_label(status),
            "status_value": status,
        }


class PartTimeRegister(Register):
    kind = "part_time"
    title = "Part-time timetables"
    title_one = "Part-time timetable"
    model = PartTimeTimetable
    statuses = {"active": "Current", "review_overdue": "Review overdue", "ended": "Ended", ALL: "All"}
    sorts = {
        "name": "Child",
        "dob": "Date of birth",
        "school": "School",
        "start": "Start date",
        "end": "Planned end",
        "hours": "Hours a week",
        "review": "Next review",
    }
    default_sort = "review"

    def status_conditions(self, status: str, today: date) -> list[Any]:
        if status == "review_overdue":  # as the morning sweep flags them, without waiting for it
            return [PartTimeTimetable.status == "active", PartTimeTimetable.next_review_on < today]
        return [] if status == ALL else [PartTimeTimetable.status == status]

    def own_sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        t = PartTimeTimetable
        return {
            "start": [(t.start_date, False)],
            "end": [(t.planned_end_date, False)],
            "hours": [(t.hours_per_week, False)],
        }.get(sort, [(t.next_review_on, True)])

    def columns(self) -> tuple[Any, ...]:
        t = PartTimeTimetable
        return (
            *self.pupil_columns(),
            t.reason,
            t.start_date,
            t.planned_end_date,
            t.ended_on,
            t.hours_per_week,
            t.normal_hours_per_week,
            t.flags,
            t.social_worker_name,
            t.next_review_on,
        )

    def row(self, values: tuple[Any, ...], today: date, calendar: SchoolCalendar | None) -> PartTimeRow:
        reason, start, end, ended_on, hours, normal, flags, social_worker, next_review = values[9:]
        active = values[8] == "active"
        return PartTimeRow(
            **self.pupil(values),
            reason=PartTimeReason.choices().get(reason, reason),
            start_date=start,
            planned_end_date=end,
            ended_on=ended_on,
            hours_per_week=hours,
            normal_hours_per_week=normal,
            flags=flag_labels(flags),
            social_worker=social_worker or "",
            next_review=deadline(next_review, today, calendar) if active else None,
        )


class ApRegister(Register):
    kind = "ap_placement"
    title = "Alternative provision"
    title_one = "Alternative provision"
    model = ApPlacement
    statuses = {"active": "Current", "ended": "Ended", ALL: "All"}
    sorts = {
        "name": "Child",
        "dob": "Date of birth",
        "school": "School",
        "provider": "Provider",
        "hours": "Hours a week",
        "start": "Start date",
        "end": "Planned end",
    }
    default_sort = "start"

    def status_conditions(self, status: str, today: date) -> list[Any]:
        return [] if status == ALL else [ApPlacement.status == status]

    def own_sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        p = ApPlacement
        return {
            "provider": [(peewee.fn.LOWER(p.provider), False)],
            "hours": [(p.hours_per_week, False)],
            "end": [(p.end_date, True)],
        }.get(sort, [(p.start_date, False)])

    def columns(self) -> tuple[Any, ...]:
        p = ApPlacement
        return (*self.pupil_columns(), p.provider, p.arranged_by, p.hours_per_week, p.start_date, p.end_date)

    def row(self, values: tuple[Any, ...], today: date, calendar: SchoolCalendar | None) -> ApRow:
        provider, arranged_by, hours, start, end = values[9:]
        return ApRow(
            **self.pupil(values),
            provider=provider,
            arranged_by=ApArrangedBy.choices().get(arranged_by, arranged_by),
            hours_per_week=hours,
            start_date=start,
            end_date=end,
        )


class NotAttendingRegister(Register):
    kind = "not_attending"
    title = "Pupils not attending"
    title_one = "Not attending"
    model = PupilNotAttending
    statuses = {"open": "Not attending", "closed": "Attending again", ALL: "All"}
    sorts = {"name": "Child", "dob": "Date of birth", "school": "School", "reason": "Reason", "since": "Since"}
    default_sort = "since"

    def status_conditions(self, status: str, today: date) -> list[Any]:
        return [] if status == ALL else [PupilNotAttending.status == status]

    def own_sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        if sort == "reason":  # by the words shown, not the stored codes
            ranked = sorted(NotAttendingReason.choices().items(), key=lambda item: item[1])
            order = [(value, position) for position, (value, _label) in enumerate(ranked)]
            return [(peewee.Case(PupilNotAttending.reason, order, len(order)), False)]
        return [(PupilNotAttending.since, False)]

    def columns(self) -> tuple[Any, ...]:
        return (*self.pupil_columns(), PupilNotAttending.reason, PupilNotAttending.since)

    def row(self, values: tuple[Any, ...], today: date, calendar: SchoolCalendar | None) -> NotAttendingRow:
        reason, since = values[9:]
        return NotAttendingRow(
            **self.pupil(values), reason=NotAttendingReason.choices().get(reason, reason), since=since
        )


# A leaver still missing the new school's confirmation (JSON text of the missing items holds its words).
AWAITING_ADMISSION = ITEM_LABELS["admission_confirmed"]


class LeaverRegister(Register):
    """Leaver notifications whose required information is not complete yet (Ealing EGfL leaver's folder checklist:
    within 10 school days of the last day attended, or the school refers the child as missing education)."""

    kind = "leaver"
    title = "Pending leavers"
    title_one = "Leaver"
    model = Leaver
    statuses = {
        "pending": "Information due",
        "awaiting_admission": "Awaiting confirmation of admission",
        "deadline_passed": "Deadline passed",
    }
    sorts = {
        "name": "Child",
        "dob": "Date of birth",
        "school": "School",
        "last_day": "Last day at school",
        "due": "Information due",
    }
    default_sort = "due"

    def first_name_key(self) -> Any:
        return Child.first_name_key

    def last_name_key(self) -> Any:
        return Child.last_name_key

    def upn(self) -> Any:
        return Child.upn

    def pupil_columns(self) -> tuple[Any, ...]:
        return (
            Leaver.id,
            Leaver.reference,
            Child.first_name,
            Child.last_name,
            Child.date_of_birth,
            Leaver.year_group,
            Child.upn,
            School.name,
            Leaver.outcome,
        )

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return (
            super()
            .joined(query)
            .switch(Leaver)
            .join(Child, on=(Leaver.child == Child.id))
            .switch(Leaver)
            .join(Case, peewee.JOIN.LEFT_OUTER, on=(Case.id == peewee.fn.COALESCE(Leaver.case, Leaver.ehe_case)))
            .switch(Leaver)
        )

    def status_conditions(self, status: str, today: date) -> list[Any]:
        pending = [Leaver.outcome == LeaverOutcome.INFORMATION_DUE.value]
        if status == "awaiting_admission":
            return [*pending, Leaver.missing.contains(AWAITING_ADMISSION)]
        if status == "deadline_passed":  # the morning sweep refers these as missing education
            return [*pending, Leaver.information_due < today]
        return pending

    def status_label(self, value: str) -> str:
        return OUTCOME_LABELS.get(value, value)

    def date_of_birth(self) -> tuple[Any, bool]:
        return Child.date_of_birth, True

    def own_sort_keys(self, sort: str) -> list[tuple[Any, bool]]:
        if sort == "last_day":
            return [(Leaver.last_attended, False)]
        return [(Leaver.information_due, True)]

    def columns(self) -> tuple[Any, ...]:
        # The CME case, or for home education the EHE team's case, which is opened at once: a pending leaver has no
        # CME case yet (the deadline decides whether it needs one).
        return (
            *self.pupil_columns(),
            Leaver.child,
            Leaver.ground,
            Leaver.last_attended,
            Leaver.deletion_date,
            Leaver.missing,
            Leaver.information_due,
            Case.id,
            Case.reference,
        )

    def row(self, values: tuple[Any, ...], today: date, calendar: SchoolCalendar | None) -> LeaverRow:
        child_id, ground, last_attended, deletion_date, missing, due, case_id, case_reference = values[9:]
        return LeaverRow(
            **self.pupil(values),
            child_id=child_id,
            ground=ground_label(ground),
            last_attended=last_attended,
            deletion_date=deletion_date,
            missing=_json_items(missing),
            information_due=deadline(due, today, calendar),
            case_id=case_id,
            case_reference=case_reference or "",
        )


REGISTERS: dict[str, Register] = {
    register.kind: register for register in (PartTimeRegister(), ApRegister(), NotAttendingRegister(), LeaverRegister())
}


DESTINATIONS = {
    Destination.UK_SCHOOL.value: "A school in the UK",
    Destination.SCHOOL_ABROAD.value: "Abroad",
    Destination.HOME_EDUCATION.value: "Elective home education",
    Destination.UNKNOWN.value: "Not known",
}


def ground_label(value: str) -> str:
    """ "G: moved away" for a reg 9(1) ground; a reg 9(3) ground (not of compulsory school age) in words."""
    try:
        ground = DeletionGround(value)
    except ValueError:
        return value.replace("_", " ").capitalize()
    return f"{ground.code}: {ground.title}"


@dataclass(frozen=True)
class ReturnPage(ListPage):
    filters: ReturnFilters


def resolved(register: Register, filters: ReturnFilters) -> ReturnFilters:
    """The filters with the register's default status and sort filled in, and anything it does not know dropped."""
    status = filters.status if filters.status in register.statuses else next(iter(register.statuses))
    sort = filters.sort if filters.sort in register.sorts else register.default_sort
    return replace(filters, status=status, sort=sort)


def _search(register: Register, q: str) -> list[Any]:
    """A reference, a UPN, or the words of the child's name as prefixes of the first or last name, in any order."""
    text = " ".join(q.split())
    if not text:
        return []
    compact = text.upper().replace(" ", "")
    if _REFERENCE.fullmatch(compact):
        return [register.model.reference.startswith(compact)]
    if _UPN.fullmatch(compact):
        return [register.upn() == compact]
    words = [word for word in re.split(r"[\s,]+", text.lower()) if word][:MAX_NAME_WORDS]
    first, last = register.first_name_key(), register.last_name_key()
    return [first.startswith(word) | last.startswith(word) for word in words]


def _school(text: str) -> list[Any]:
    """The caseload's school search: a URN, or part of the school's name."""
    text = " ".join(text.split())
    return [school_match(text, School)] if text else []


def _query(register: Register, filters: ReturnFilters, today: date, columns: tuple[Any, ...]) -> peewee.ModelSelect:
    conditions = [
        *register.status_conditions(filters.status, today),
        *_search(register, filters.q),
        *_school(filters.school),
    ]
    query = register.joined(register.model.select(*columns))
    return query.where(*conditions) if conditions else query


def _ordered(register: Register, query: peewee.ModelSelect, filters: ReturnFilters) -> peewee.ModelSelect:
    keys = [_by(node, filters.descending, can_be_blank=blank) for node, blank in register.sort_keys(filters.sort)]
    return query.order_by(*keys, _by(register.model.id, filters.descending))


def count_returns(kind: str, filters: ReturnFilters, *, today: date) -> int:
    register = REGISTERS[kind]
    filters = resolved(register, filters)
    return int(_query(register, filters, today, (peewee.fn.COUNT(peewee.SQL("*")),)).scalar() or 0)


def list_returns(
    kind: str, filters: ReturnFilters, *, today: date, calendar: SchoolCalendar | None, page_size: int = PAGE_SIZE
) -> ReturnPage:
    """One page of a register with its total, in two queries whatever the number of rows: the count, the page."""
    register = REGISTERS[kind]
    filters = resolved(register, filters)
    total = count_returns(kind, filters, today=today)
    page = min(max(1, filters.page), last_page(total, page_size))
    rows: list[Any] = []
    if total:
        query = _ordered(register, _query(register, filters, today, register.columns()), filters)
        query = query.limit(page_size).offset((page - 1) * page_size)
        rows = [register.row(values, today, calendar) for values in query.tuples()]
    return ReturnPage(rows, total, page, page_size, replace(filters, page=page))


def iter_returns(
    kind: str, filters: ReturnFilters, *, today: date, calendar: SchoolCalendar | None
) -> Iterator[PupilRow]:
    """Every matching record in the register's order, read as one streamed query (for the CSV export)."""
    register = REGISTERS[kind]
    filters = resolved(register, filters)
    query = _ordered(register, _query(register, filters, today, register.columns()), filters)
    for values in query.tuples().iterator():
        yield register.row(values, today, calendar)


# One record, for its page -----------------------------------------------------------------------------------------
def _one_or_404(query: peewee.ModelSelect) -> Any:
    record = query.first()
    if record is None:
        abort(404)
    return record


def get_return_or_404(kind: str, record_id: int) -> Any:
    """A part-time timetable, AP placement or pupil not attending, with its school; 404 when there is none."""
    model = REGISTERS[kind].model
    return _one_or_404(
        model.select(model, School).join(School, on=(model.school == School.id)).where(model.id == record_id)
    )


@dataclass(frozen=True)
class LeaverDetail:
    leaver: Leaver
    ground: str
    destination: str
    outcome: str
    missing: tuple[str, ...]
    tasks: tuple[str, ...]
    information_due: Deadline | None


def get_leaver_or_404(leaver_id: int, *, today: date, calendar: SchoolCalendar | None) -> LeaverDetail:
    """Any leaver notification (pending or not: a bookmark outlives the deadline) with its child, school, new school
    and cases, in one query."""
    leaver = _one_or_404(
        Leaver.select(Leaver, School, Child, Case, EheCase, NewSchool)
        .join(School, on=(Leaver.school == School.id))
        .switch(Leaver)
        .join(Child, on=(Leaver.child == Child.id))
        .switch(Leaver)
        .join(Case, peewee.JOIN.LEFT_OUTER, on=(Leaver.case == Case.id))
        .switch(Leaver)
        .join(EheCase, peewee.JOIN.LEFT_OUTER, on=(Leaver.ehe_case == EheCase.id))
        .switch(Leaver)
        .join(NewSchool, peewee.JOIN.LEFT_OUTER, on=(Leaver.new_school == NewSchool.id))
        .where(Leaver.id == leaver_id)
    )
    pending = leaver.outcome == LeaverOutcome.INFORMATION_DUE.value
    return LeaverDetail(
        leaver=leaver,
        ground=ground_label(leaver.ground),
        destination=DESTINATIONS.get(leaver.destination, leaver.destination),
        outcome=OUTCOME_LABELS.get(leaver.outcome, leaver.outcome),
        missing=_json_items(leaver.missing),
        tasks=_json_items(leaver.tasks),
        information_due=deadline(leaver.information_due, today, calendar) if pending else None,
    )
