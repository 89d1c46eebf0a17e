"""Whole numbers sent by people: the digits 0 to 9 and nothing else.

``str.isdigit()`` is also true for "²", which ``int()`` refuses (an error page), and for "٣", which ``int()`` reads as
3. Ids, page numbers, URNs, ages and codes are only ever written with 0 to 9, so anything else is not a number here.
"""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """``text`` is one or more of the digits 0 to 9, so ``int(text)`` reads it as written."""
    return text.isascii() and text.isdigit()
