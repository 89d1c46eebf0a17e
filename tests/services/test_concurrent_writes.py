"""Several workers writing at once: every write lands, none is refused with "database is locked"."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from portal.db import db
from portal.models import Case, Child
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child

WRITERS = 8
CASES_EACH = 5


def _write_cases(worker: int, errors: list[BaseException]) -> None:
    try:
        for n in range(CASES_EACH):
            with db.atomic():
                # Read before writing, as most services do: a plain BEGIN would then need a lock upgrade that
                # SQLite refuses at once ("database is locked") when another writer got there first.
                Case.select().count()
                child = record_child(ChildDetails(first_name=f"Child{worker}", last_name=f"Number{n}"), actor=None)
                open_case(
                    child=child,
                    case_type=CaseType.CME,
                    source=CaseSource.PUBLIC,
                    today=date(2026, 11, 25),
                    actor=None,
                )
    except BaseException as error:  # noqa: BLE001 - reported to the test thread
        errors.append(error)
    finally:
        db.close()


def test_concurrent_writers_all_succeed(database: Any) -> None:
    db.close()
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_write_cases, args=(worker, errors)) for worker in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Child.select().count() == WRITERS * CASES_EACH
    assert Case.select().count() == WRITERS * CASES_EACH
