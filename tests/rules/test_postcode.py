import pytest

from portal.rules.postcode import is_valid_postcode, normalise_postcode


@pytest.mark.parametrize(
    "postcode",
    [
        "M1 1AA",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "W1A 1HQ",
        "EC1A 1BB",
        "GIR 0AA",
        "SW1A 2AA",
        "W5 2HL",
        "W13 9AB",
        "W3 6LL",
        "UB1 1AA",
        "UB6 8AA",
        "UB18 7AB",
        "QA1 1AA",
        "W5 2CI",
    ],
    ids=[
        "A9 9AA",
        "A99 9AA",
        "AA9 9AA",
        "AA99 9AA",
        "A9A 9AA",
        "AA9A 9AA",
        "GIR 0AA",
        "SW1A 2AA",
        "Ealing W5",
        "Ealing W13",
        "Ealing W3",
        "Ealing UB1",
        "Ealing UB6",
        "UB18 (format only)",
        "lenient: QA1 1AA accepted",
        "lenient: W5 2CI accepted",
    ],
)
def test_valid_formats(postcode: str) -> None:
    assert normalise_postcode(postcode) == postcode
    assert is_valid_postcode(postcode)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("w52hl", "W5 2HL"),
        ("  ec1a   1bb ", "EC1A 1BB"),
        ("SW1A2AA", "SW1A 2AA"),
        ("ub18\t7ab", "UB18 7AB"),
        ("gir0aa", "GIR 0AA"),
    ],
    ids=["lower case, no space", "extra spaces", "no space", "tab", "GIR lower case"],
)
def test_normalise(raw: str, canonical: str) -> None:
    assert normalise_postcode(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Enter a postcode"),
        ("   ", "Enter a postcode"),
        ("W5", "Enter a real postcode"),
        ("W5 2H", "Enter a real postcode"),
        ("W5 2HLL", "Enter a real postcode"),
        ("12345", "Enter a real postcode"),
        ("WI5 2HL", "Enter a real postcode"),
        ("W5 A2H", "Enter a real postcode"),
        ("ABC1 1AA", "Enter a real postcode"),
        ("BFPO 1234", "address fields"),
        ("bfpo57", "address fields"),
    ],
    ids=[
        "empty",
        "only spaces",
        "outward code only",
        "inward code too short",
        "inward code too long",
        "digits only",
        "second letter I",
        "inward code starts with a letter",
        "three letters",
        "BFPO refused",
        "BFPO lower case, no space, refused",
    ],
)
def test_refused(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_postcode(raw)
    assert not is_valid_postcode(raw)
