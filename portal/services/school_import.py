"""Loading schools from the DfE Get Information About Schools (GIAS) "all establishment data" extract.

GIAS's own download is a 139-column CSV in Windows-1252 (cp1252), but a file that has been opened and saved again
is often UTF-8, with or without a byte order mark. UTF-8 is tried first: text in cp1252 with any letter outside
ASCII is almost never valid UTF-8, whereas UTF-8 read as cp1252 turns "Benedict’s" into "Benedictâ€™s" without
an error. NUL characters are dropped (PostgreSQL refuses them in text). Rows are upserted by URN, so importing the
same file twice changes nothing. A file with any bad row imports nothing unless the caller asks to skip bad rows: a
half-loaded schools list would make a leaver's new school impossible to find.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from portal.db import db
from portal.models import School

REQUIRED_COLUMNS = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "CloseDate",
    "Street",
    "Locality",
    "Town",
    "Postcode",
)

# GIAS type codes for special schools (community/foundation special, non-maintained special, academy special,
# free school special); used for the LA-consent rule on deleting LA-placed special-school pupils.
SPECIAL_TYPE_NAMES = ("special",)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class SchoolImportError(ValueError):
    pass


def _age(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


def _close_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    return datetime.strptime(value, "%d-%m-%Y").date()


def _parse_row(row: dict[str, str]) -> dict[str, object]:
    urn = (row.get("URN") or "").strip()
    if not urn.isdigit() or not 100000 <= int(urn) <= 999999:
        raise ValueError(f"URN {urn!r} is not a 6-digit number")
    name = (row.get("EstablishmentName") or "").strip()
    if not name:
        raise ValueError("EstablishmentName is empty")
    la_code = (row.get("LA (code)") or "").strip()
    if not (la_code.isdigit() and len(la_code) == 3):
        raise ValueError(f"LA (code) {la_code!r} is not a 3-digit number")
    try:
        closed_on = _close_date(row.get("CloseDate") or "")
    except ValueError:
        raise ValueError(f"CloseDate {row.get('CloseDate')!r} is not a date like 31-08-2019") from None
    status = (row.get("EstablishmentStatus (name)") or "").strip().lower()
    type_name = (row.get("TypeOfEstablishment (name)") or "").strip()
    return {
        "urn": int(urn),
        "name": name[:200],
        "la_code": la_code,
        "la_name": (row.get("LA (name)") or "").strip()[:100],
        "establishment_number": (row.get("EstablishmentNumber") or "").strip()[:4],
        "type_name": type_name[:100],
        "type_group": (row.get("EstablishmentTypeGroup (name)") or "").strip()[:100],
        "phase": (row.get("PhaseOfEducation (name)") or "").strip()[:50],
        "statutory_low_age": _age(row.get("StatutoryLowAge") or ""),
        "statutory_high_age": _age(row.get("StatutoryHighAge") or ""),
        "street": (row.get("Street") or "").strip()[:200],
        "locality": (row.get("Locality") or "").strip()[:200],
        "town": (row.get("Town") or "").strip()[:100],
        "postcode": (row.get("Postcode") or "").strip().upper()[:10],
        "is_open": not status.startswith("closed"),
        "closed_on": closed_on,
        "is_special": any(word in type_name.lower() for word in SPECIAL_TYPE_NAMES),
    }


def decode_extract(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte order mark) when it is valid UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SchoolImportError(
            f"The file is neither UTF-8 nor Windows-1252 (byte {error.start + 1} cannot be read): download the "
            "extract from Get Information About Schools again"
        ) from None


T = TypeVar("T")


def _csv_step(reader: csv.DictReader[str], step: Callable[[], T]) -> T:
    """Read the header or the next row; a row the CSV reader cannot parse refuses the whole file, naming its line.

    The usual cause is a quote that is never closed, which makes the rest of the file one value: the reader stops
    once a value passes csv.field_size_limit(), and no row after it can be trusted.
    """
    first_line = reader.line_num + 1
    try:
        return step()
    except csv.Error as error:
        if "field limit" in str(error):
            reason = f"a value is longer than {csv.field_size_limit():,} characters (is a quote never closed?)"
        else:
            reason = str(error)
        raise SchoolImportError(f"The row starting on line {first_line} cannot be read: {reason}") from None


def read_extract(data: bytes) -> tuple[list[tuple[int, dict[str, object]]], list[tuple[int, str]]]:
    """Parse the file: (line number, school values) for good rows, (line number, reason) for bad ones."""
    # PostgreSQL refuses NUL in text, and no school's details contain one.
    text = decode_extract(data).replace("\x00", "")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = _csv_step(reader, lambda: reader.fieldnames) or []
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise SchoolImportError(
            "This is not a GIAS establishment extract: it has no column " + ", ".join(repr(m) for m in missing)
        )
    good: list[tuple[int, dict[str, object]]] = []
    bad: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    while (row := _csv_step(reader, lambda: next(reader, None))) is not None:
        line = reader.line_num
        try:
            values = _parse_row(row)
        except ValueError as error:
            bad.append((line, str(error)))
            continue
        urn = int(values["urn"])  # type: ignore[call-overload]
        if urn in seen:
            bad.append((line, f"URN {urn} is repeated (first on line {seen[urn]})"))
            continue
        seen[urn] = line
        good.append((line, values))
    return good, bad


def import_schools(data: bytes, *, la_code: str | None = None, skip_bad: bool = False) -> ImportReport:
    """Upsert the schools in a GIAS extract; with ``la_code`` only that LA's schools are loaded."""
    good, bad = read_extract(data)
    report = ImportReport(errors=bad)
    if bad and not skip_bad:
        return report
    report.skipped = len(bad)
    with db.atomic():
        existing = {school.urn: school for school in School.select()}
        for _line, values in good:
            if la_code and values["la_code"] != la_code:
                report.skipped += 1
                continue
            school = existing.get(int(values["urn"]))  # type: ignore[call-overload]
            if school is None:
                School.create(**values)
                report.created += 1
                continue
            changed = {k: v for k, v in values.items() if getattr(school, k) != v}
            if changed:
                School.update(**changed).where(School.id == school.id).execute()
                report.updated += 1
            else:
                report.unchanged += 1
    report.imported = True
    return report
