"""Load test: gunicorn with 4 workers on loopback, 50 concurrent users for 60 seconds, on SQLite or PostgreSQL.

    make load                      # both stores
    .venv/bin/python bench/load.py --store sqlite --users 50 --seconds 60

Reports requests per second, p50, p95, p99 (timed from when every user has started) and errors (and how many of
them were a signed-in user being signed out), and checks that every write that got its confirmation is in the
database: public referrals, school leavers (each confirmed reference is looked up), the CME cases leavers with an
unknown destination opened, and officers' case notes. Exits 1 if any is missing. Rate limits are turned off for the
run (every simulated user shares 127.0.0.1, so the per-address limits would otherwise answer most of them with 429).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"
SPAWN_RATE = 2  # users arriving a second
WORKERS = 4


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_database(store: str, workdir: Path) -> str:
    if store == "sqlite":
        return f"sqlite:///{workdir}/load.db"
    admin_url = os.environ.get("LOAD_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS portal_load")
        connection.execute("CREATE DATABASE portal_load")
    return admin_url.rsplit("/", 1)[0] + "/portal_load"


# What the run wrote, counted in the database: public referrals, leavers, the CME cases leavers opened, case notes.
COUNT_SCRIPT = """
import json, sys
from portal import create_app
from portal.db import db
from portal.models import Case, CaseEvent, PublicReferral
from portal.models.school_records import Leaver
create_app()
db.connect()
references = json.loads(sys.stdin.read() or "[]")
print(json.dumps({
    "referrals": PublicReferral.select().count(),
    "leavers": Leaver.select().count(),
    "leaver_cases": Case.select().where(Case.source == "school_leaver").count(),
    "notes": CaseEvent.select().where(CaseEvent.kind == "note").count(),
    "references_found": sum(
        Leaver.select().where(Leaver.reference.in_(references[i : i + 500])).count()
        for i in range(0, len(references), 500)
    ),
}))
"""


def count_records(env: dict[str, str], references: list[str] | None = None) -> dict[str, int]:
    result = subprocess.run(
        [str(BIN / "python"), "-c", COUNT_SCRIPT],
        cwd=ROOT,
        env=env,
        input=json.dumps(references or []),
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(result.stdout.splitlines()[-1]))


def run(store: str, users: int, seconds: int) -> dict[str, object]:
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-load-{store}-"))
    env = {
        **os.environ,
        "DATABASE_URL": prepare_database(store, workdir),
        "SECRET_KEY": "load-test-secret",
        "RATELIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        "FLASK_APP": "wsgi",
    }
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True, capture_output=True)
    before = count_records(env)
    port = free_port()
    # gunicorn listens before its workers have loaded the app: each worker leaves a file once it has, and the run
    # starts when all have, so the first seconds do not measure four app imports on a busy machine.
    ready = workdir / "workers-ready"
    ready.mkdir()
    config = workdir / "gunicorn_conf.py"
    config.write_text(
        "from pathlib import Path\n\n\n"
        "def post_worker_init(worker):\n"
        f"    Path({str(ready)!r}, str(worker.pid)).touch()\n"
    )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            str(config),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while len(list(ready.iterdir())) < WORKERS:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start its {WORKERS} workers (exit {server.poll()})")
            time.sleep(0.2)
        ramp_seconds = -(-users // SPAWN_RATE)
        counts_file = workdir / "counts.json"
        prefix = workdir / "stats"
        subprocess.run(
            [
                str(LOCUST),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(SPAWN_RATE),
                "--run-time",
                f"{seconds + ramp_seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                # Steady state: the users arrive SPAWN_RATE a second (so 30 sign-ins do not hash their passwords at
                # once), then timings count for the whole SECONDS from when every user has started; the write counts
                # cover the whole run.
                "--reset-stats",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LOAD_COUNTS_FILE": str(counts_file)},
            stdout=sys.stderr,  # its own summary; the table goes to stdout
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        failures = [
            f"{row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}" for row in csv.DictReader(handle)
        ]
    submitted = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    references = list(submitted.get("leaver_references", []))
    after = count_records(env, references)
    return {
        "store": store,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "signed_out": int(submitted.get("signed_out", 0)),
        "rps": float(total["Requests/s"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "referrals_confirmed": int(submitted.get("referrals", 0)),
        "referrals_stored": after["referrals"] - before["referrals"],
        "leavers_confirmed": int(submitted.get("leavers", 0)),
        "leavers_stored": after["leavers"] - before["leavers"],
        "leaver_references_missing": len(references) - after["references_found"],
        "leaver_cme_cases_confirmed": int(submitted.get("leaver_cme_referrals", 0)),
        "leaver_cme_cases_stored": after["leaver_cases"] - before["leaver_cases"],
        "notes_confirmed": int(submitted.get("notes", 0)),
        "notes_stored": after["notes"] - before["notes"],
        "failures": failures,
    }


# The table's columns: heading, key in run()'s result, format.
COLUMNS = [
    ("store", "store", "{}"),
    ("requests", "requests", "{}"),
    ("req/s", "rps", "{:.1f}"),
    ("p50 ms", "p50_ms", "{:.0f}"),
    ("p95 ms", "p95_ms", "{:.0f}"),
    ("p99 ms", "p99_ms", "{:.0f}"),
    ("errors", "errors", "{}"),
    ("of which signed out", "signed_out", "{}"),
    ("referrals confirmed", "referrals_confirmed", "{}"),
    ("referrals stored", "referrals_stored", "{}"),
    ("leavers confirmed", "leavers_confirmed", "{}"),
    ("leavers stored", "leavers_stored", "{}"),
    ("leaver CME cases confirmed", "leaver_cme_cases_confirmed", "{}"),
    ("leaver CME cases stored", "leaver_cme_cases_stored", "{}"),
    ("notes confirmed", "notes_confirmed", "{}"),
    ("notes stored", "notes_stored", "{}"),
]
# Confirmed and stored pairs: fewer stored than confirmed is a lost write. More stored than confirmed can happen when
# the run ends between the portal saving a record and the simulated user reading its confirmation.
PAIRS = ["referrals", "leavers", "leaver_cme_cases", "notes"]


def lost_writes(result: dict[str, object]) -> list[str]:
    lost = []
    for name in PAIRS:
        confirmed, stored = int(str(result[f"{name}_confirmed"])), int(str(result[f"{name}_stored"]))
        if stored < confirmed:
            lost.append(f"{result['store']}: {confirmed - stored} {name.replace('_', ' ')} confirmed but not stored")
    if result["leaver_references_missing"]:
        lost.append(f"{result['store']}: {result['leaver_references_missing']} confirmed leaver references not found")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    stores = ["sqlite", "postgres"] if args.store == "both" else [args.store]
    print("| " + " | ".join(heading for heading, _, _ in COLUMNS) + " |")
    print("|" + " --- |" * len(COLUMNS))
    lost: list[str] = []
    failures: list[str] = []
    for store in stores:
        result = run(store, args.users, args.seconds)
        print("| " + " | ".join(form.format(result[key]) for _, key, form in COLUMNS) + " |", flush=True)
        lost += lost_writes(result)
        failures += [f"{store}: {line}" for line in result["failures"]]  # type: ignore[attr-defined]
    for line in failures:
        print(f"FAILED: {line}")
    for line in lost:
        print(f"LOST: {line}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
