"""Loading the DfE Get Information About Schools extract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from flask import Flask

from portal.models import School
from portal.services.school_import import SchoolImportError, import_schools

SAMPLE = Path(__file__).parent.parent / "data" / "gias-sample.csv"


def _with_line_changed(line_number: int, old: str, new: str) -> bytes:
    lines = SAMPLE.read_bytes().split(b"\n")
    assert old.encode() in lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old.encode(), new.encode(), 1)
    return b"\n".join(lines)


def test_sample_imports_five_schools_and_twice_is_the_same(database: Any) -> None:
    first = import_schools(SAMPLE.read_bytes())
    assert (first.created, first.updated, first.errors) == (5, 0, [])
    second = import_schools(SAMPLE.read_bytes())
    assert (second.created, second.updated, second.unchanged) == (0, 0, 5)
    assert School.select().count() == 5


def test_cp1252_names_survive(database: Any) -> None:
    import_schools(SAMPLE.read_bytes())
    assert School.get(School.urn == 990003).name == "Café Lane Special School"


def test_closed_school_stays_closed(database: Any) -> None:
    import_schools(SAMPLE.read_bytes())
    closed = School.get(School.urn == 990004)
    assert closed.is_open is False
    assert closed.closed_on.isoformat() == "2019-08-31"


def test_special_school_is_flagged(database: Any) -> None:
    import_schools(SAMPLE.read_bytes())
    assert School.get(School.urn == 990003).is_special is True
    assert School.get(School.urn == 990001).is_special is False


def test_a_malformed_urn_names_the_line_and_imports_nothing(database: Any) -> None:
    data = _with_line_changed(3, '"990002"', '"99O002"')
    report = import_schools(data)
    assert report.imported is False
    assert report.errors == [(3, "URN '99O002' is not a 6-digit number")]
    assert School.select().count() == 0


def test_skip_bad_imports_the_good_rows(database: Any) -> None:
    report = import_schools(_with_line_changed(3, '"990002"', '"99O002"'), skip_bad=True)
    assert (report.created, report.skipped) == (4, 1)


def test_updates_are_reported(database: Any) -> None:
    import_schools(SAMPLE.read_bytes())
    report = import_schools(_with_line_changed(2, "Riverside Primary School", "Riverside Primary Academy"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    assert School.get(School.urn == 990001).name == "Riverside Primary Academy"


def test_only_one_la(database: Any) -> None:
    report = import_schools(_with_line_changed(2, '"999"', '"307"'), la_code="307")
    assert (report.created, report.skipped) == (1, 4)


def test_not_an_extract_is_refused(database: Any) -> None:
    with pytest.raises(SchoolImportError, match="not a GIAS establishment extract"):
        import_schools(b"name,address\nA,B\n")


def _cli(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=list(args))


def test_cli_reports_counts_and_bad_lines(app: Flask, tmp_path: Path) -> None:
    result = _cli(app, "schools", "import", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "created 5, updated 0, unchanged 0, skipped 0" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_with_line_changed(4, '"990003"', '"abc"'))
    result = _cli(app, "schools", "import", str(bad))
    assert result.exit_code != 0
    assert "line 4: URN 'abc' is not a 6-digit number" in result.output
    assert "nothing imported" in result.output


def test_admin_uploads_the_extract(app: Flask, admin_client: Any) -> None:
    response = admin_client.post(
        "/admin/schools/import",
        data={"extract": (SAMPLE.open("rb"), "extract.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "5 created, 0 updated, 0 unchanged, 0 skipped" in response.get_data(as_text=True)
