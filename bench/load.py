"""Load test: gunicorn with 4 workers on loopback, 50 concurrent users for 60 seconds, on SQLite or PostgreSQL.

    make load                      # both stores
    .venv/bin/python bench/load.py --store sqlite --users 50 --seconds 60

Reports requests per second, p50, p95, p99 and errors, and checks that every public referral that got its
confirmation is in the database. Rate limits are turned off for the run (every simulated user shares 127.0.0.1, so
the per-address limits would otherwise answer most of them with 429).
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


def count_referrals(env: dict[str, str]) -> int:
    script = (
        "from portal import create_app; from portal.db import db; from portal.models import PublicReferral;"
        "create_app(); db.connect(); print(PublicReferral.select().count())"
    )
    result = subprocess.run(
        [str(BIN / "python"), "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(result.stdout.split()[-1])


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
    before = count_referrals(env)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
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
                "10",
                "--run-time",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LOAD_COUNTS_FILE": str(counts_file)},
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    submitted = json.loads(counts_file.read_text())["referrals"] if counts_file.exists() else 0
    stored = count_referrals(env) - before
    return {
        "store": store,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "referrals_confirmed": submitted,
        "referrals_stored": stored,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    stores = ["sqlite", "postgres"] if args.store == "both" else [args.store]
    print("| store | requests | req/s | p50 ms | p95 ms | p99 ms | errors | referrals confirmed | referrals stored |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for store in stores:
        result = run(store, args.users, args.seconds)
        print(
            f"| {store} | {result['requests']} | {result['rps']:.1f} | {result['p50_ms']:.0f} | "
            f"{result['p95_ms']:.0f} | {result['p99_ms']:.0f} | {result['errors']} | {result['referrals_confirmed']} | "
            f"{result['referrals_stored']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
