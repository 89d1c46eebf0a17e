"""Benchmark: the officers' caseload and case page on a register of 1,000,000 children and 200,000 cases.

1. Generates the register with bulk inserts (SQLite: executemany in one transaction; PostgreSQL: COPY): realistic
   names (weighted, so common surnames are common), dates of birth, postcodes, UPNs with valid check letters,
   600 schools, 200,000 cases of which about 30,000 are open, with timelines, enquiries, flags and contacts.
   Target: under 2 minutes.
2. Measures the server time of the caseload page (search by surname prefix, filters, sort, count, 50 rows) and of
   the case page through the Flask app, and beside it the time of the bare SQL those pages run (the same
   statements, captured from one request, executed and fetched with the driver alone).
   Targets: p95 under 50 ms (caseload) and 30 ms (case page) on both stores; a constant number of SQL queries.
3. Measures the first page of the caseload in every order it offers, both ways, on the open cases and on every case
   (``--sort-requests`` timed requests each; 0 to skip).

Run:
    python bench/caseload.py --store sqlite [--children 1000000 --cases 200000] [--path /tmp/bench.db]
    python bench/caseload.py --store postgres --url postgresql://postgres@127.0.0.1:5432/portal_bench
The PostgreSQL database must exist and will be emptied (create it with createdb, never point this at real data).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stdnum.gb import upn as stdnum_upn  # noqa: E402

from portal import create_app  # noqa: E402
from portal.db import database_from_url, db  # noqa: E402
from portal.demo.core import TERMS  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from portal.queries.case_order import SORTS  # noqa: E402
from portal.services.users import create_user  # noqa: E402

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
SCHOOLS = 600
OFFICER_PASSWORD = "bench officer passphrase 436"  # noqa: S105  (a generated database of made-up people)
OPEN_CASES = 30_000

# Weighted like an English-speaking LA's register: a few very common surnames, a long tail.
_SURNAMES_TEXT = """
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris
Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young
Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan
Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali
Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens
Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott
Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball
Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett
Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding
Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson Parry
Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton
McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers Okafor
Mensah Osei Nowak Kowalski Wisniewski Popescu Yilmaz Nguyen Silva Santos Rahman Mahmood Iqbal Chowdhury Mohamud
Abdi Hassan Ibrahim Omar Haddad Kaya Demir Sharma Gupta Kumar Mistry Joshi Desai Choudhury Islam Uddin
"""
SURNAMES = _SURNAMES_TEXT.split()
_FIRST_NAMES_TEXT = """
Oliver George Noah Arthur Harry Leo Muhammad Jack Charlie Oscar Jacob Henry Freddie Alfie Theo William Theodore
Archie Joshua Alexander James Isaac Edward Lucas Tommy Finley Max Logan Ethan Mohammed Teddy Benjamin Arlo
Joseph Sebastian Harrison Elijah Adam Daniel Samuel Louie Mason Reggie Hunter Dylan Albie Rory Jaxon Ronnie Jude
Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy Sienna Poppy Elsie
Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie Matilda Maya Sophie Alice Emilia Isabelle Ruby Luna
Maisie Aria Penelope Mila Bonnie Eva Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah Amira Zainab
Aisha Fatima Maryam Hana Layla Nadia Priya Aaliyah Khadija Zara Ayesha Hamza Yusuf Ibrahim Omar Ali Zayn Aryan
Kacper Filip Jakub Szymon Zofia Hanna Julia Amara Kwame Kofi Chloe Ruth Mateo Luca Ilinca Andrei Elif Emir Tariq
Samir
"""
FIRST_NAMES = _FIRST_NAMES_TEXT.split()


def weights(count: int) -> list[float]:
    """Rank-frequency weights: the commonest name is about 1.5% of children (Smith is 1.3% in England)."""
    return [1 / (rank + 30) for rank in range(count)]


def chunks(rows: Iterator[tuple[Any, ...]], size: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    """Bulk-loads rows with the driver: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres
        self.rows = 0

    def load(self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
        names = ", ".join(f'"{column}"' for column in columns)
        connection = db.connection()
        if self.postgres:
            with connection.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
                    self.rows += 1
            return
        marks = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
        for batch in chunks(rows):
            connection.executemany(sql, [tuple(self._sqlite(v) for v in row) for row in batch])
            self.rows += len(batch)

    @staticmethod
    def _sqlite(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        if isinstance(value, date):
            return value.isoformat()
        return value


def generate(children: int, cases: int, postgres: bool, seed: int = 436) -> dict[str, Any]:
    """Fill the (empty, migrated) database; returns ids the measurements need."""
    rng = random.Random(seed)
    loader = Loader(postgres)
    started = time.perf_counter()
    surname_weights = weights(len(SURNAMES))
    first_weights = weights(len(FIRST_NAMES))
    with db.atomic():
        loader.load(
            "school",
            (
                "urn",
                "name",
                "la_code",
                "la_name",
                "establishment_number",
                "type_name",
                "type_group",
                "phase",
                "street",
                "locality",
                "town",
                "postcode",
                "is_open",
                "is_special",
                "contact_email",
            ),
            (
                (
                    900000 + n,
                    f"{rng.choice(SURNAMES)} {rng.choice(['Primary', 'Academy', 'High', 'Infant', 'Junior'])} "
                    f"School {n}",
                    "999",
                    "Bench Borough",
                    f"{2000 + n}",
                    "Community school",
                    "Local authority maintained schools",
                    "Primary",
                    "",
                    "",
                    "Bench Town",
                    f"BT{n % 20 + 1} 1AA",
                    True,
                    n % 50 == 0,
                    "",
                )
                for n in range(1, SCHOOLS + 1)
            ),
        )
        for n in range(1, 9):  # through the service, as an administrator would, so the officers can sign in
            create_user(f"officer{n}@bench.example", role="officer", password=OFFICER_PASSWORD, name=f"Officer {n}")
        school_ids = [row[0] for row in db.execute_sql("SELECT id FROM school ORDER BY id").fetchall()]
        officer_ids = [row[0] for row in db.execute_sql("SELECT id FROM app_user ORDER BY id").fetchall()]
        db.execute_sql(
            "UPDATE school SET link_officer_id = %s WHERE id <= %s"
            if postgres
            else "UPDATE school SET link_officer_id = ? WHERE id <= ?",
            (officer_ids[1], school_ids[40]),
        )
        for name, first, last in TERMS:
            db.execute_sql(
                "INSERT INTO term_date (name, first_day, last_day) VALUES (%s, %s, %s)"
                if postgres
                else "INSERT INTO term_date (name, first_day, last_day) VALUES (?, ?, ?)",
                (name, first if postgres else first.isoformat(), last if postgres else last.isoformat()),
            )

        first_names = rng.choices(FIRST_NAMES, first_weights, k=children)
        last_names = rng.choices(SURNAMES, surname_weights, k=children)
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        dates_of_birth: list[date] = []

        def child_rows() -> Iterator[tuple[Any, ...]]:
            for n in range(children):
                first, last = first_names[n], last_names[n]
                dob = date(2008, 9, 1) + timedelta(days=rng.randrange(14 * 365))
                dates_of_birth.append(dob)
                if n % 10 < 7:
                    body = f"999{2000 + n % SCHOOLS:04d}{dob.year % 100:02d}{n % 1000:03d}"
                    upn = stdnum_upn.calc_check_digit(body) + body
                else:
                    upn = None
                postcode = f"BT{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
                yield (
                    first,
                    "",
                    last,
                    first.lower(),
                    last.lower(),
                    "",
                    dob,
                    None,
                    rng.choice(("female", "male")),
                    upn,
                    postcode,
                    school_ids[n % SCHOOLS],
                    NOW,
                )

        loader.load(
            "child",
            (
                "first_name",
                "middle_names",
                "last_name",
                "first_name_key",
                "last_name_key",
                "other_names",
                "date_of_birth",
                "approximate_age",
                "sex",
                "upn",
                "current_postcode",
                "school_id",
                "created_at",
            ),
            child_rows(),
        )
        first_child = db.execute_sql("SELECT MIN(id) FROM child").fetchone()[0]

        def name_keys(child_id: int) -> tuple[str, str]:
            n = child_id - first_child
            return first_names[n].lower(), last_names[n].lower()

        case_children = [first_child + i for i in rng.sample(range(children), cases)]
        statuses = ["received", "with_officer", "with_officer", "more_information"]
        types = ["cme"] * 6 + ["cmoe", "ehe", "ehe", "abroad", "attendance", "pending_admission"]
        sources = [
            "school_leaver",
            "school_leaver",
            "school_referral",
            "public",
            "parent",
            "abroad_escalation",
            "officer",
        ]
        reasons = ["on_roll", "on_roll", "on_roll", "moved_la", "ehe_confirmed", "left_country", "not_csa", "duplicate"]
        open_every = max(1, cases // OPEN_CASES)
        high = set(rng.sample(range(cases), cases // 12))

        def case_rows() -> Iterator[tuple[Any, ...]]:
            for n, child_id in enumerate(case_children):
                is_open = n % open_every == 0
                opened = NOW - timedelta(
                    days=rng.randrange(30 if is_open else 120, 6 * 365 if not is_open else 400),
                    minutes=rng.randrange(600),
                )
                last_day = (opened - timedelta(days=rng.randrange(3, 40))).date()
                closed = None if is_open else opened + timedelta(days=rng.randrange(3, 110))
                next_date = TODAY + timedelta(days=rng.randrange(-20, 40)) if is_open and n % 5 else None
                yield (
                    f"CME-{opened.year}-{n:06d}",
                    child_id,
                    rng.choice(types),
                    rng.choice(sources),
                    rng.choice(statuses) if is_open else "closed",
                    "high" if n in high else "standard",
                    school_ids[(child_id - first_child) % SCHOOLS] if n % 9 else None,
                    rng.choice(officer_ids) if is_open and rng.random() < 0.7 else None,
                    last_day,
                    "Home visit" if next_date else "",
                    next_date,
                    "Referred by the school",
                    opened,
                    closed,
                    "" if is_open else rng.choice(reasons),
                    "",
                    1,
                    closed or opened,
                    officer_ids[0],
                    "",
                    None,
                    None,
                    *name_keys(child_id),
                    dates_of_birth[child_id - first_child],
                )

        loader.load(
            "register_case",
            (
                "reference",
                "child_id",
                "case_type",
                "source",
                "status",
                "risk_level",
                "school_id",
                "assigned_to_id",
                "last_day_in_education",
                "next_action",
                "next_action_date",
                "summary",
                "opened_at",
                "closed_at",
                "closure_reason",
                "closure_detail",
                "version",
                "updated_at",
                "updated_by_id",
                "la_decision",
                "la_decision_by_id",
                "la_decision_at",
                "child_first_name_key",
                "child_last_name_key",
                "child_date_of_birth",
            ),
            case_rows(),
        )
        case_ids = [row[0] for row in db.execute_sql("SELECT id FROM register_case ORDER BY id").fetchall()]
        open_ids = [
            row[0] for row in db.execute_sql("SELECT id FROM register_case WHERE status <> 'closed'").fetchall()
        ]

        def event_rows() -> Iterator[tuple[Any, ...]]:
            for n, case_id in enumerate(case_ids):
                yield (case_id, NOW - timedelta(days=100), None, "School", "created", "Case opened", "")
                yield (
                    case_id,
                    NOW - timedelta(days=90),
                    officer_ids[n % 8],
                    f"Officer {n % 8 + 1}",
                    "status",
                    "Status changed from Received to With CME officer",
                    "",
                )
                if n % 4 == 0:
                    yield (
                        case_id,
                        NOW - timedelta(days=80),
                        officer_ids[n % 8],
                        "Officer",
                        "note",
                        "Spoke to the school's DSL",
                        "Spoke to the school's DSL about the family",
                    )

        loader.load(
            "case_event", ("case_id", "at", "actor_id", "actor_label", "kind", "summary", "detail"), event_rows()
        )
        kinds = ["phone_calls", "letters", "home_visit", "siblings_schools", "other_la", "s2s", "health"]
        loader.load(
            "enquiry",
            ("case_id", "party", "kind", "done_on", "made_by", "outcome", "note", "recorded_at"),
            (
                (
                    case_id,
                    party,
                    rng.choice(kinds),
                    TODAY - timedelta(days=rng.randrange(60)),
                    "Officer",
                    "No answer",
                    "",
                    NOW,
                )
                for case_id in open_ids
                for party in ("school", "la")
            ),
        )
        flag_children = rng.sample(case_children, len(case_children) // 10)
        flags = ["social_worker", "eal", "sen", "ehcp", "temporary_accommodation", "cp_plan", "new_migrant"]
        loader.load("child_flag", ("child_id", "flag", "note"), ((c, rng.choice(flags), "") for c in flag_children))
        loader.load(
            "child_address",
            ("child_id", "line_1", "line_2", "town", "postcode", "country", "from_date", "is_current", "note"),
            (
                (c, f"{c % 300 + 1} High Street", "", "Bench Town", "BT1 1AA", "United Kingdom", None, True, "")
                for c in case_children
            ),
        )
        loader.load(
            "child_contact",
            (
                "child_id",
                "name",
                "relationship",
                "phone",
                "email",
                "address",
                "lives_with_child",
                "has_parental_responsibility",
                "is_emergency_contact",
            ),
            ((c, "Parent Name", "Mother", "07700 900000", "", "", True, True, True) for c in case_children),
        )
    # What autovacuum does after a bulk load (without it PostgreSQL cannot answer from the indexes alone).
    db.execute_sql("VACUUM ANALYZE" if postgres else "ANALYZE")
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": loader.rows,
        "case_ids": case_ids,
        "open_ids": open_ids,
        "school_ids": school_ids,
        "officer_ids": officer_ids,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.queries: list[tuple[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple):  # peewee logs each query as (sql, params); the pool logs plain text
            self.queries.append(record.msg)


def capture_queries(run: Callable[[], Any]) -> list[tuple[str, Any]]:
    logger = logging.getLogger("peewee")
    handler = Capture()
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        run()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return handler.queries


def bare_sql_ms(queries: list[tuple[str, Any]], repeat: int) -> float:
    """Median time to run the page's SELECTs with the driver alone on an open connection (the audit INSERT of the
    case page is left out)."""
    selects = [(sql, params) for sql, params in queries if sql.lstrip().upper().startswith("SELECT")]
    times = []
    with db.connection_context():
        cursor = db.cursor()
        for _ in range(repeat):
            started = time.perf_counter()
            for sql, params in selects:
                cursor.execute(sql, params or ())
                cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def timed(client: Any, target: str) -> float:
    started = time.perf_counter()
    response = client.get(target)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (target, response.status_code)
    return elapsed


def measure_sorts(client: Any, label: str, requests: int) -> None:
    """Every order of the caseload, both ways, on the open cases and on every case (first page): p95 of each."""
    for sort in SORTS:
        figures = []
        for status in ("open", "all"):
            for direction in ("asc", "desc"):
                target = f"/officers/cases?status={status}&sort={sort}&dir={direction}"
                timed(client, target)
                figures.append(percentile([timed(client, target) for _ in range(requests)], 95))
        print(
            f"{label:12} sorted by {sort:12} p95 open cases {figures[0]:5.1f} / {figures[1]:5.1f} ms, "
            f"every case {figures[2]:5.1f} / {figures[3]:5.1f} ms (ascending / descending)",
            flush=True,
        )


def measure(url: str, store: str, ids: dict[str, Any], requests: int, sort_requests: int) -> list[dict[str, Any]]:
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
            "FIXED_TODAY": TODAY,
            "WTF_CSRF_ENABLED": False,
            "LOG_LEVEL": "WARNING",
        }
    )
    client = app.test_client()
    # Officer 2 is the link officer of the first 40 schools (see generate).
    signed_in = client.post("/sign-in", data={"email": "officer2@bench.example", "password": OFFICER_PASSWORD})
    assert signed_in.status_code == 302, signed_in.status_code
    label = store
    rng = random.Random(1)
    school = ids["school_ids"][7]
    pages: list[tuple[str, Callable[[], str]]] = [
        ("caseload: open cases, priority order", lambda: "/officers/cases"),
        ("caseload: open cases, by school", lambda: f"/officers/cases?sort=school&dir={rng.choice(['asc', 'desc'])}"),
        (
            "caseload: surname prefix, all statuses, by name",
            lambda: f"/officers/cases?q={rng.choice(['smi', 'jon', 'kha', 'pat', 'wil', 'tay'])}&status=all&sort=name",
        ),
        (
            "caseload: first and last name, any order",
            lambda: f"/officers/cases?q={rng.choice(['jones oli', 'amelia k', 'ali mo'])}&status=all",
        ),
        (
            "caseload: type + risk + overdue, by due date",
            lambda: "/officers/cases?type=cme&risk=standard&overdue=1&sort=due",
        ),
        ("caseload: my cases, by date of birth", lambda: "/officers/cases?officer=mine&sort=dob&dir=desc"),
        ("caseload: my schools (link officer)", lambda: "/officers/cases?officer=my_schools&sort=school"),
        (
            "caseload: one school, all statuses, newest",
            lambda: f"/officers/cases?school={school}&status=all&sort=opened&dir=desc",
        ),
        ("caseload: closed, page 40 by reference", lambda: "/officers/cases?status=closed&sort=reference&page=40"),
        (
            "caseload: UPN / postcode / reference",
            lambda: rng.choice(
                ["/officers/cases?q=BT7%202AB&status=all", "/officers/cases?q=CME-2025-0001&status=all"]
            ),
        ),
        ("case page: open case", lambda: f"/officers/cases/{rng.choice(ids['open_ids'])}"),
        ("case page: any case", lambda: f"/officers/cases/{rng.choice(ids['case_ids'])}"),
    ]
    results = []
    for name, make_url in pages:
        targets = [make_url() for _ in range(requests)]
        # Each URL is fetched once before it is timed: the figures are for a database in memory, as on a server that
        # has been running. (On a machine that pages idle memory out, a first visit reads its rows from disk.)
        for target in targets:
            assert client.get(target).status_code == 200
        timings = [timed(client, target) for target in targets]
        sample = make_url()
        with app.app_context():
            queries = capture_queries(lambda url=sample: client.get(url))
        bare = bare_sql_ms(queries, repeat=max(5, requests // 4))
        results.append(
            {
                "store": label,
                "page": name,
                "p50": statistics.median(timings),
                "p95": percentile(timings, 95),
                "bare_sql": bare,
                "queries": len(queries),
            }
        )
        row = results[-1]
        print(
            f"{label:12} {name:52} p50 {row['p50']:6.1f} ms  p95 {row['p95']:6.1f} ms  "
            f"bare SQL {row['bare_sql']:6.1f} ms  {row['queries']:2d} queries",
            flush=True,
        )
    if sort_requests:
        measure_sorts(client, label, sort_requests)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--path", default="instance/bench.db", help="SQLite file (replaced)")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/portal_bench")
    parser.add_argument("--children", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--sort-requests", type=int, default=20, help="timed requests per order of the caseload")
    parser.add_argument("--reuse", action="store_true", help="measure an existing generated database")
    args = parser.parse_args()
    postgres = args.store == "postgres"
    if postgres:
        url = args.url
    else:
        url = f"sqlite:///{args.path}"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(args.path + suffix):
                    os.remove(args.path + suffix)
    db.initialize(database_from_url(url, pooled=False))
    with db.connection_context():
        if postgres and not args.reuse:
            db.execute_sql("DROP SCHEMA public CASCADE")
            db.execute_sql("CREATE SCHEMA public")
        upgrade()
        if args.reuse:
            ids = {
                "case_ids": [r[0] for r in db.execute_sql("SELECT id FROM register_case").fetchall()],
                "open_ids": [
                    r[0] for r in db.execute_sql("SELECT id FROM register_case WHERE status <> 'closed'").fetchall()
                ],
                "school_ids": [r[0] for r in db.execute_sql("SELECT id FROM school ORDER BY id").fetchall()],
                "officer_ids": [r[0] for r in db.execute_sql("SELECT id FROM app_user ORDER BY id").fetchall()],
            }
        else:
            ids = generate(args.children, args.cases, postgres)
            print(
                f"{args.store}: generated {args.children:,} children and {args.cases:,} cases "
                f"({ids['rows']:,} rows) in {ids['seconds']:.1f} s",
                flush=True,
            )
    db.close()
    measure(url, args.store, ids, args.requests, args.sort_requests)


if __name__ == "__main__":
    main()
