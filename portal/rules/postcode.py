"""UK postcodes: normalise to the canonical form and validate the format.

Sources: UK Government Data Standards, Bulk Data Transfer additional validation (postcode regular expression,
with its anchoring corrected: domain brief section 9). The lenient expression is used on purpose: the strict
letter-position one rejects some real-looking codes, and existence is a job for an address lookup.
"""

import re

# The Bulk Data Transfer expression, anchored as a whole, applied after upper-casing: outward codes A9, A99,
# AA9, AA99, A9A and AA9A (second letter never I or Z), one space, inward code 9AA; plus GIR 0AA.
_POSTCODE = re.compile(
    r"(GIR 0AA)"
    r"|(([A-Z][0-9]{1,2})|([A-Z][A-HJ-Y][0-9]{1,2})|([A-Z][0-9][A-Z])|([A-Z][A-HJ-Y][0-9]?[A-Z]))"
    r" [0-9][A-Z]{2}"
)


def normalise_postcode(value: str) -> str:
    """The postcode in canonical form (upper case, one space before the inward code), or ``ValueError``.

    British Forces (BFPO) numbers are refused: they are not postcodes, and belong in the address fields.
    Source: UK Government Data Standards postcode format (domain brief section 9).
    """
    compact = "".join(value.split()).upper()
    if not compact:
        raise ValueError("Enter a postcode")
    if compact.startswith("BFPO"):
        raise ValueError(
            "BFPO numbers are not postcodes. Leave the postcode blank and enter the BFPO number in the address fields"
        )
    canonical = f"{compact[:-3]} {compact[-3:]}"
    if not _POSTCODE.fullmatch(canonical):
        raise ValueError("Enter a real postcode, like W5 2HL")
    return canonical


def is_valid_postcode(value: str) -> bool:
    """Whether ``value`` is a UK postcode in any spacing or case (see ``normalise_postcode``)."""
    try:
        normalise_postcode(value)
    except ValueError:
        return False
    return True
