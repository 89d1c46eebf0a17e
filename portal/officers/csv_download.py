"""CSV downloads of the officers' registers: streamed, never cached, and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from flask import Response, stream_with_context

from portal.spreadsheets import csv_cell

FLUSH_AT = 64_000  # characters buffered before a chunk is sent


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Iterable[object]]) -> Response:
    """``rows`` streamed as a CSV attachment: read as they are sent, so a large register never sits in memory."""

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(csv_cell(value) for value in row)
            if buffer.tell() > FLUSH_AT:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = Response(stream_with_context(generate()), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
