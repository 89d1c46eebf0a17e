"""Text bound for a spreadsheet: every CSV the portal sends, the officers' registers and a school's own returns."""

from __future__ import annotations


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
