import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.rules.upn import (
    UPN_LETTERS,
    is_temporary_upn,
    is_valid_upn,
    normalise_upn,
    upn_la_number,
    upn_warnings,
)

PROPERTIES = settings(max_examples=200, deadline=None)


def reference_check_letter(body12: str) -> str:
    """The algorithm as the domain brief gives it (section 9), independent of python-stdnum."""
    value = {**{str(d): d for d in range(10)}, **{c: i for i, c in enumerate(UPN_LETTERS)}}
    return UPN_LETTERS[sum(w * value[c] for w, c in zip(range(2, 14), body12, strict=True)) % 23]


# Domain brief section 9, "Verified examples" and "Pitfalls found".
@pytest.mark.parametrize(
    ("upn", "valid"),
    [
        ("H801200001001", True),
        ("G80120000101A", True),
        ("B801200005001", True),
        ("A950000178301", True),
        ("H243278544154", True),
        ("C307200025123", True),
        ("K30720002512A", True),
        ("Z801200001001", False),
        ("P207000016049", True),
        ("B207000016049", False),
        ("Q207000016049", False),
    ],
    ids=[
        "DfE guidance example",
        "DfE guidance temporary UPN",
        "python-stdnum doctest",
        "CIN validator example 1",
        "CIN validator example 2",
        "synthetic Ealing permanent UPN",
        "synthetic Ealing temporary UPN",
        "wrong check letter",
        "vendor pitfall: P is the right letter (266 mod 23 = 13)",
        "vendor pitfall: the mistyped B",
        "vendor pitfall: the vendors' wrong Q",
    ],
)
def test_domain_examples(upn: str, valid: bool) -> None:
    assert is_valid_upn(upn) is valid


# One UPN for each remainder mod 23, so every check letter (including Y and Z) is exercised.
REMAINDERS = [
    "A307200025002",
    "B307200025022",
    "C307200025013",
    "D307200025004",
    "E307200025024",
    "F307200025015",
    "G307200025006",
    "H307200025026",
    "J307200025017",
    "K307200025008",
    "L307200025001",
    "M307200025019",
    "N307200025012",
    "P307200025003",
    "Q307200025023",
    "R307200025014",
    "T307200025005",
    "U307200025025",
    "V307200025016",
    "W307200025007",
    "X307200025000",
    "Y307200025018",
    "Z307200025009",
]


@pytest.mark.parametrize("upn", REMAINDERS, ids=[f"remainder {i} is {upn[0]}" for i, upn in enumerate(REMAINDERS)])
def test_every_check_letter_remainder(upn: str) -> None:
    assert reference_check_letter(upn[1:]) == upn[0]
    assert normalise_upn(upn) == upn
    for letter in UPN_LETTERS.replace(upn[0], ""):
        assert not is_valid_upn(letter + upn[1:])


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("h801200001001", "H801200001001"),
        ("  H801 2000 01001 ", "H801200001001"),
        ("g80120000101a", "G80120000101A"),
    ],
    ids=["lower case", "spaces", "temporary, lower case"],
)
def test_normalise(raw: str, canonical: str) -> None:
    assert normalise_upn(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "leave it blank"),
        ("   ", "leave it blank"),
        ("UN1", "unknown UPN"),
        ("un5", "unknown UPN"),
        ("H80120000100", "13 characters long; this one has 12"),
        ("H8012000010011", "this one has 14"),
        ("1801200001001", "start with a letter"),
        ("I801200001001", "start with a letter other than I, O or S"),
        ("H8012000A1001", "Characters 2 to 12"),
        ("H80120000100I", "end with a number"),
        ("H80120000100-", "end with a number"),
        ("Z801200001001", "does not match"),
    ],
    ids=[
        "empty",
        "only spaces",
        "census code UN1",
        "census code UN5",
        "too short",
        "too long",
        "starts with a digit",
        "starts with I",
        "letter in the middle",
        "temporary UPN ending in I",
        "ends with punctuation",
        "wrong check letter",
    ],
)
def test_errors_say_what_to_fix(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_upn(raw)
    assert not is_valid_upn(raw)


@pytest.mark.parametrize(
    ("upn", "temporary"),
    [("H801200001001", False), ("G80120000101A", True)],
    ids=["permanent", "temporary"],
)
def test_is_temporary(upn: str, temporary: bool) -> None:
    assert is_temporary_upn(upn) is temporary


def test_la_number() -> None:
    assert upn_la_number("C307200025123") == 307


@pytest.mark.parametrize(
    ("upn", "known", "warns"),
    [
        ("C307200025123", None, False),
        ("H801200001001", None, False),
        ("A950000178301", None, True),
        ("H243278544154", None, True),
        ("A950000178301", frozenset({950}), False),
        ("C307200025123", frozenset({801}), True),
    ],
    ids=[
        "Ealing 307 is known",
        "801 is known",
        "950 is not on the 2011 list",
        "243 is not an LA number",
        "the LA's own table knows 950",
        "the LA's own table lacks 307",
    ],
)
def test_unknown_la_number_is_a_warning(upn: str, known: frozenset[int] | None, warns: bool) -> None:
    warnings = upn_warnings(upn, known)
    assert is_valid_upn(upn)
    assert bool(warnings) is warns
    if warns:
        assert f"LA number {upn[1:4]}" in warnings[0]


def test_warnings_need_a_valid_upn() -> None:
    with pytest.raises(ValueError, match="does not match"):
        upn_warnings("Z801200001001")


@PROPERTIES
@given(
    digits=st.text(alphabet="0123456789", min_size=11, max_size=11),
    last=st.sampled_from("0123456789" + UPN_LETTERS),
)
def test_check_letter_agrees_with_the_published_algorithm(digits: str, last: str) -> None:
    body = digits + last
    letter = reference_check_letter(body)
    assert normalise_upn(letter + body) == letter + body
    assert [c for c in UPN_LETTERS if is_valid_upn(c + body)] == [letter]
