"""Loading schools from the DfE Get Information About Schools (GIAS) "all establishment data" extract.

The extract is a 139-column CSV in cp1252. Rows are upserted by URN, so importing the same file twice changes
nothing. A file with any bad row imports nothing unless the caller asks to skip bad rows: a half-loaded schools
list would make a leaver's new school impossible to find.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

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


def read_extract(data: bytes) -> tuple[list[tuple[int, dict[str, object]]], list[tuple[int, str]]]:
    """Parse the file: (line number, school values) for good rows, (line number, reason) for bad ones."""
    text = data.decode("cp1252", errors="strict") if not data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise SchoolImportError(
            "This is not a GIAS establishment extract: it has no column " + ", ".join(repr(m) for m in missing)
        )
    good: list[tuple[int, dict[str, object]]] = []
    bad: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    for row in reader:
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
    try:
        good, bad = read_extract(data)
    except UnicodeDecodeError as error:
        raise SchoolImportError(f"The file is not in the GIAS encoding (Windows-1252): {error}") from None
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
