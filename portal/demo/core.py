"""The demo LA's schools, users and calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from portal.models import ClosureDay, School, TermDate, User
from portal.services.school_import import import_schools
from portal.services.users import create_user

SAMPLE_EXTRACT = Path(__file__).with_name("gias-sample.csv")

# A few more establishments beside the sample extract, so every kind of school a CME team deals with is present.
EXTRA_SCHOOLS = [
    dict(
        urn=990101,
        name="Brookside Primary School",
        establishment_number="2101",
        type_name="Community school",
        type_group="Local authority maintained schools",
        phase="Primary",
        statutory_low_age=3,
        statutory_high_age=11,
        street="12 Brook Street",
        town="Demo Town",
        postcode="DT5 5EE",
    ),
    dict(
        urn=990102,
        name="Elmfield High School",
        establishment_number="4102",
        type_name="Foundation school",
        type_group="Local authority maintained schools",
        phase="Secondary",
        statutory_low_age=11,
        statutory_high_age=16,
        street="Elm Avenue",
        town="Demo Town",
        postcode="DT6 6FF",
    ),
    dict(
        urn=990103,
        name="Meadow View Pupil Referral Unit",
        establishment_number="1101",
        type_name="Pupil referral unit",
        type_group="Local authority maintained schools",
        phase="Not applicable",
        statutory_low_age=5,
        statutory_high_age=16,
        street="Meadow Road",
        town="Demo Town",
        postcode="DT7 7GG",
    ),
    dict(
        urn=990104,
        name="Northgate Academy",
        establishment_number="4103",
        type_name="Academy converter",
        type_group="Academies",
        phase="All-through",
        statutory_low_age=4,
        statutory_high_age=18,
        street="North Gate",
        town="Demo Town",
        postcode="DT8 8HH",
    ),
    dict(
        urn=990105,
        name="Oakwood Special School",
        establishment_number="7102",
        type_name="Academy special converter",
        type_group="Special schools",
        phase="Not applicable",
        statutory_low_age=3,
        statutory_high_age=19,
        street="Oak Lane",
        town="Demo Town",
        postcode="DT9 9JJ",
        is_special=True,
    ),
]

DEMO_PASSWORDS = {
    "officer@demo.example": "demo-officer-password",
    "school@demo.example": "demo-school-password",
    "admin@demo.example": "demo-admin-password",
}

# The demo LA's term dates, one row per half-term so half-term holidays fall between terms.
TERMS = [
    ("Autumn 1 2025", date(2025, 9, 3), date(2025, 10, 24)),
    ("Autumn 2 2025", date(2025, 11, 3), date(2025, 12, 19)),
    ("Spring 1 2026", date(2026, 1, 5), date(2026, 2, 13)),
    ("Spring 2 2026", date(2026, 2, 23), date(2026, 3, 27)),
    ("Summer 1 2026", date(2026, 4, 13), date(2026, 5, 22)),
    ("Summer 2 2026", date(2026, 6, 1), date(2026, 7, 22)),
    ("Autumn 1 2026", date(2026, 9, 2), date(2026, 10, 23)),
    ("Autumn 2 2026", date(2026, 11, 2), date(2026, 12, 18)),
    ("Spring 1 2027", date(2027, 1, 4), date(2027, 2, 12)),
    ("Spring 2 2027", date(2027, 2, 22), date(2027, 3, 25)),
    ("Summer 1 2027", date(2027, 4, 12), date(2027, 5, 28)),
    ("Summer 2 2027", date(2027, 6, 7), date(2027, 7, 21)),
]

CLOSURES = [
    (date(2025, 9, 3), "INSET day"),
    (date(2026, 1, 5), "INSET day"),
    (date(2026, 9, 2), "INSET day"),
    (date(2027, 1, 4), "INSET day"),
]


def seed_schools() -> Iterator[str]:
    report = import_schools(SAMPLE_EXTRACT.read_bytes())
    created = report.created
    for values in EXTRA_SCHOOLS:
        _school, was_created = School.get_or_create(
            urn=values["urn"], defaults={"la_code": "999", "la_name": "Demo Borough", **values}
        )
        created += int(was_created)
    yield f"Schools: {created} created, {School.select().count()} in all"


def seed_users() -> Iterator[str]:
    people = [
        ("officer@demo.example", "officer", "Olivia Officer", None, "CME officer"),
        ("school@demo.example", "school", "Sam School", 990001, "Designated safeguarding lead"),
        ("admin@demo.example", "admin", "Ada Admin", None, "System administrator"),
        ("lao@demo.example", "officer", "Liam Link", None, "Link attendance officer"),
        ("school2@demo.example", "school", "Hana Hillcrest", 990002, "Attendance lead"),
    ]
    for email, role, name, urn, job in people:
        if User.select().where(User.email == email).exists():
            continue
        password = DEMO_PASSWORDS.get(email, f"demo-{role}-password")
        create_user(email, role=role, password=password, name=name, school_urn=urn, job_title=job)
        yield f"User {email} ({role}) created with password: {password}"
    lao = User.get(User.email == "lao@demo.example")
    School.update(link_officer_id=lao.id).where(School.urn.in_([990001, 990101])).execute()


def seed_calendar() -> Iterator[str]:
    for name, first, last in TERMS:
        TermDate.get_or_create(first_day=first, defaults={"name": name, "last_day": last})
    for day, reason in CLOSURES:
        ClosureDay.get_or_create(day=day, defaults={"reason": reason})
    yield f"Calendar: {TermDate.select().count()} terms, {ClosureDay.select().count()} closure days"
