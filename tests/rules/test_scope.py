from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.rules.register import CaseType
from portal.rules.school_age import is_of_compulsory_school_age
from portal.rules.scope import AgeScope, case_type_for_referral, cme_scope, csa_birth_dates

# Worked examples from the domain brief, section 2.
SCOPES = [
    ("summer-born, in Reception before CSA starts", date(2021, 4, 1), date(2026, 8, 30), AgeScope.BELOW),
    ("summer-born, CSA starts on 31 August", date(2021, 4, 1), date(2026, 8, 31), AgeScope.WITHIN),
    ("Nursery child", date(2022, 1, 10), date(2025, 11, 10), AgeScope.BELOW),
    ("Year 5 pupil", date(2015, 9, 1), date(2025, 11, 10), AgeScope.WITHIN),
    ("16 in July: CSA ends on the school leaving date", date(2010, 7, 15), date(2026, 6, 26), AgeScope.WITHIN),
    ("16 in July: over CSA the day after", date(2010, 7, 15), date(2026, 6, 27), AgeScope.ABOVE),
    ("sixth-former", date(2008, 9, 1), date(2025, 11, 10), AgeScope.ABOVE),
    ("date of birth not known", None, date(2025, 11, 10), AgeScope.UNKNOWN),
]


@pytest.mark.parametrize(("dob", "on", "age"), [case[1:] for case in SCOPES], ids=[case[0] for case in SCOPES])
def test_cme_scope(dob: date | None, on: date, age: AgeScope) -> None:
    scope = cme_scope(dob, on)
    assert scope.age is age
    assert scope.in_scope is (age in (AgeScope.WITHIN, AgeScope.UNKNOWN))
    assert "Education Act 1996 s.436A" in scope.cites
    assert scope.reason


def test_out_of_scope_is_labelled_for_schools() -> None:
    assert cme_scope(date(2022, 1, 10), date(2025, 11, 10)).label == "Not of compulsory school age: not a CME case"
    assert cme_scope(date(2015, 9, 1), date(2025, 11, 10)).label == "Of compulsory school age"
    assert cme_scope(None, date(2025, 11, 10)).label == "Date of birth not known"


REGISTER = [
    ("of CSA: a CME case", date(2015, 9, 1), CaseType.CME),
    ("no date of birth: a CME case until the officer knows", None, CaseType.CME),
    ("below CSA: recorded, not CME (Ealing accepts Nursery referrals)", date(2022, 1, 10), CaseType.NOT_CSA),
    ("over CSA: recorded, not CME (the officer points to Connexions)", date(2008, 9, 1), CaseType.NOT_CSA),
]


@pytest.mark.parametrize(("dob", "case_type"), [case[1:] for case in REGISTER], ids=[case[0] for case in REGISTER])
def test_case_type_for_referral(dob: date | None, case_type: CaseType) -> None:
    assert case_type_for_referral(cme_scope(dob, date(2025, 11, 10))) is case_type


BIRTH_DATES = [
    # On 25 November 2026: the oldest were 16 in July 2026 or later (CSA ended 26 June 2026 for those born by
    # 31 August 2010, so the oldest of CSA were born 1 September 2010); the youngest turned 5 by 31 August 2026.
    ("autumn term", date(2026, 11, 25), date(2010, 9, 1), date(2021, 8, 31)),
    ("on a prescribed day: 31 December", date(2026, 12, 31), date(2010, 9, 1), date(2021, 12, 31)),
    ("on the school leaving date", date(2026, 6, 26), date(2009, 9, 1), date(2021, 3, 31)),
    ("the day after the school leaving date", date(2026, 6, 27), date(2010, 9, 1), date(2021, 3, 31)),
]


@pytest.mark.parametrize(
    ("on", "earliest", "latest"), [case[1:] for case in BIRTH_DATES], ids=[case[0] for case in BIRTH_DATES]
)
def test_csa_birth_dates(on: date, earliest: date, latest: date) -> None:
    assert csa_birth_dates(on) == (earliest, latest)
    assert is_of_compulsory_school_age(earliest, on) and is_of_compulsory_school_age(latest, on)
    assert not is_of_compulsory_school_age(earliest - timedelta(days=1), on)
    assert not is_of_compulsory_school_age(latest + timedelta(days=1), on)


@given(
    dob=st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)),
    on=st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31)),
    term_day=st.sampled_from([(9, 1), (9, 4), (8, 31)]),
)
def test_born_in_the_range_exactly_when_of_compulsory_school_age(
    dob: date, on: date, term_day: tuple[int, int]
) -> None:
    earliest, latest = csa_birth_dates(on, term_day)
    assert (earliest <= dob <= latest) is is_of_compulsory_school_age(dob, on, term_day)
