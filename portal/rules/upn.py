"""Unique Pupil Numbers (UPN): format, check letter and LA number, on top of ``stdnum.gb.upn``.

Sources: DfE Unique Pupil Number data standard v2.0; DfE school census validation rules 1510 (check letter)
and 1530 (LA number); python-stdnum ``stdnum/gb/upn.py``.
"""

from collections.abc import Collection

from stdnum.exceptions import InvalidComponent
from stdnum.gb import upn as stdnum_upn

# Letters used for the check letter and for the last character of a temporary UPN: never I, O or S.
# Value = position: A=0 ... Z=22 (DfE UPN data standard v2.0).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_DIGITS = frozenset("0123456789")

# Census default codes meaning "UPN not known" (SSDA903 validator rule 168): not UPNs; leave the field blank.
UNKNOWN_UPN_CODES = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})


def normalise_upn(value: str) -> str:
    """The UPN in canonical form (upper case, no spaces), or ``ValueError`` saying what to fix.

    Checks the DfE format for permanent UPNs (check letter + 12 digits) and temporary UPNs (check letter +
    11 digits + a letter other than I, O or S) and the check letter (modulus 23 of the weighted characters 2
    to 13; DfE UPN data standard v2.0, census rule 1510). An unknown LA number is not an error: see
    ``upn_warnings``.
    """
    upn = stdnum_upn.compact(value)
    if not upn:
        raise ValueError("Enter the UPN, or leave it blank if you do not know it")
    if upn in UNKNOWN_UPN_CODES:
        raise ValueError(f"{upn} is a census code for an unknown UPN: leave the UPN blank instead")
    if len(upn) != 13:
        raise ValueError(f"A UPN must be 13 characters long; this one has {len(upn)}")
    if upn[0] not in UPN_LETTERS:
        raise ValueError("A UPN must start with a letter other than I, O or S")
    if not set(upn[1:12]) <= _DIGITS:
        raise ValueError("Characters 2 to 12 of a UPN must be numbers")
    if upn[12] not in _DIGITS and upn[12] not in UPN_LETTERS:
        raise ValueError("A UPN must end with a number, or for a temporary UPN with a letter other than I, O or S")
    if stdnum_upn.calc_check_digit(upn[1:]) != upn[0]:
        raise ValueError(
            "The first letter of this UPN does not match the rest of it. Check the UPN has been copied "
            "correctly from the school's records"
        )
    return upn


def is_valid_upn(value: str) -> bool:
    """Whether ``value`` is a valid permanent or temporary UPN (see ``normalise_upn``)."""
    try:
        normalise_upn(value)
    except ValueError:
        return False
    return True


def is_temporary_upn(value: str) -> bool:
    """Whether a valid UPN is temporary (ends with a letter). Source: DfE UPN data standard v2.0."""
    return normalise_upn(value)[12] in UPN_LETTERS


def upn_la_number(value: str) -> int:
    """The LA number of the school that issued a valid UPN: characters 2 to 4 (DfE UPN data standard v2.0)."""
    return int(normalise_upn(value)[1:4])


def upn_warnings(value: str, known_la_numbers: Collection[int] | None = None) -> list[str]:
    """Warnings, not errors, for a valid UPN: an LA number that is not on the list of known LA numbers.

    DfE census rule 1530 wants characters 2 to 4 to be a recognised LA or pseudo-LA number, but the list
    changes when authorities are reorganised, so the portal only warns (domain brief section 9).
    ``known_la_numbers`` is the LA's configurable table; by default, python-stdnum's list (which dates from
    2011 and so misses later unitary authorities). Raises ``ValueError`` as ``normalise_upn`` for an invalid
    UPN.
    """
    upn = normalise_upn(value)
    la_number = int(upn[1:4])
    if known_la_numbers is None:
        try:
            stdnum_upn.validate(upn)
            known = True
        except InvalidComponent:  # the only failure left once normalise_upn has passed
            known = False
    else:
        known = la_number in known_la_numbers
    if known:
        return []
    return [
        f"LA number {upn[1:4]} in this UPN is not on the list of known local authority numbers. "
        "Check the UPN with the school; it may come from a new or reorganised authority."
    ]
