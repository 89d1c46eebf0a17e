"""Loading the DfE Get Information About Schools extract."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from flask import Flask

from portal.models import School
from portal.services.school_import import SchoolImportError, import_schools
from tests.pages import parse

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


def _upload(client: Any, data: bytes, **fields: str) -> Any:
    return client.post(
        "/admin/schools/import",
        data={"extract": (io.BytesIO(data), "extract.csv"), **fields},
        content_type="multipart/form-data",
    )


def test_admin_uploads_the_extract_and_gets_only_the_las_own_schools(app: Flask, admin_client: Any) -> None:
    assert app.config["LA_CODE"] == "999"
    response = _upload(admin_client, SAMPLE.read_bytes())
    assert response.status_code == 200
    assert "4 created, 0 updated, 0 unchanged, 1 skipped" in response.get_data(as_text=True)
    assert sorted(school.la_code for school in School.select()) == ["999"] * 4


def test_admin_can_choose_every_las_schools(app: Flask, admin_client: Any) -> None:
    page = parse(admin_client.get("/admin/schools/import").get_data(as_text=True))
    assert page.has_text("only schools with LA code 999")
    response = _upload(admin_client, SAMPLE.read_bytes(), every_la="y")
    assert response.status_code == 200
    assert "5 created, 0 updated, 0 unchanged, 0 skipped" in response.get_data(as_text=True)
    assert School.get(School.urn == 880001).la_code == "888"


def test_admin_is_told_which_line_is_unreadable(app: Flask, admin_client: Any) -> None:
    response = _upload(admin_client, _with_line_changed(3, "Hillcrest Academy", "A" * 131_073))
    assert response.status_code == 422
    page = parse(response.get_data(as_text=True))
    assert page.title.startswith("Error: ")
    assert any("line 3" in message and "131,072 characters" in message for message in page.error_summary)
    assert School.select().count() == 0


def _sample_text() -> str:
    return SAMPLE.read_bytes().decode("cp1252")


def test_utf8_without_a_bom_is_read_as_utf8(database: Any) -> None:
    text = (
        _sample_text()
        .replace("Riverside Primary School", "Ysgol Gymraeg Llundain – Ŵyn")
        .replace("Hillcrest Academy", "Saint Benedict’s Catholic School")
        .replace("Café Lane Special School", "Notre Dame Lycée")
    )
    report = import_schools(text.encode("utf-8"))
    assert report.ok and report.created == 5
    assert School.get(School.urn == 990001).name == "Ysgol Gymraeg Llundain – Ŵyn"
    assert School.get(School.urn == 990002).name == "Saint Benedict’s Catholic School"
    assert School.get(School.urn == 990003).name == "Notre Dame Lycée"


def test_utf8_with_a_bom_is_read_as_utf8(database: Any) -> None:
    text = _sample_text().replace("Hillcrest Academy", "Saint Benedict’s Catholic School")
    import_schools(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert School.get(School.urn == 990002).name == "Saint Benedict’s Catholic School"


def test_windows_1252_with_curly_quotes_is_still_read_as_windows_1252(database: Any) -> None:
    text = _sample_text().replace("Hillcrest Academy", "Saint Benedict’s Catholic School")
    import_schools(text.encode("cp1252"))
    assert School.get(School.urn == 990002).name == "Saint Benedict’s Catholic School"


def test_a_file_in_neither_encoding_is_refused_with_a_message(database: Any) -> None:
    data = _sample_text().encode("cp1252").replace(b"Hillcrest", b"Hill\x81crest")  # 0x81 is not in Windows-1252
    with pytest.raises(SchoolImportError, match="neither UTF-8 nor Windows-1252"):
        import_schools(data)
    assert School.select().count() == 0


def test_nul_characters_are_stripped_from_every_value(database: Any) -> None:
    text = (
        _sample_text()
        .replace("Riverside Primary School", "River\x00side Primary School\x00", 1)
        .replace("1 River Lane", "1 River\x00 Lane", 1)
        .replace("DT1 1AA", "\x00DT1 1AA", 1)
    )
    report = import_schools(text.encode("utf-8"))
    assert report.ok and report.created == 5
    school = School.get(School.urn == 990001)
    assert (school.name, school.street, school.postcode) == ("Riverside Primary School", "1 River Lane", "DT1 1AA")


def test_a_value_too_long_for_the_csv_reader_names_its_line(database: Any) -> None:
    huge = "A" * 131_073
    data = _with_line_changed(3, "Hillcrest Academy", huge)
    with pytest.raises(SchoolImportError, match="line 3 .*longer than 131,072 characters"):
        import_schools(data)
    assert School.select().count() == 0


def test_an_unclosed_quote_that_swallows_the_file_names_its_line(database: Any) -> None:
    lines = SAMPLE.read_bytes().split(b"\n")
    lines[2] = lines[2].split(b'Hillcrest Academy"')[0]  # the name's quote is never closed
    filler = b"\n".join(b"x" * 1000 for _ in range(200))  # so the name runs on past the CSV reader's limit
    data = b"\n".join([*lines[:3], filler, *lines[3:]])
    with pytest.raises(SchoolImportError, match="line 3 "):
        import_schools(data)
