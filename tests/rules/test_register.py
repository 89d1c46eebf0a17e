"""The register vocabulary in portal/rules/register.py, so the whole rules package is covered by tests/rules."""

import pytest

from portal.rules.register import (
    CaseType,
    ClosureReason,
    RiskFlag,
    RiskLevel,
    closure_enquiries_missing,
    closure_requirements,
    ehe_meeting_recommended,
    risk_level_for,
    risk_level_on_arrival,
)


@pytest.mark.parametrize(
    ("flags", "level"),
    [
        ((), RiskLevel.STANDARD),
        ((RiskFlag.EAL, RiskFlag.GRT), RiskLevel.STANDARD),
        ((RiskFlag.EAL, RiskFlag.CP_PLAN), RiskLevel.HIGH),
        ((RiskFlag.FGM,), RiskLevel.HIGH),
        ((RiskFlag.LAC,), RiskLevel.HIGH),
    ],
    ids=["no flags", "no safeguarding flag", "child protection plan", "FGM risk", "looked after"],
)
def test_risk_level(flags: tuple[RiskFlag, ...], level: RiskLevel) -> None:
    assert risk_level_for(flags) is level


@pytest.mark.parametrize(
    ("flags", "immediate_risk", "level"),
    [
        ((), True, RiskLevel.HIGH),
        ((RiskFlag.EAL,), True, RiskLevel.HIGH),
        ((), False, RiskLevel.STANDARD),
        ((RiskFlag.EAL,), False, RiskLevel.STANDARD),
        ((RiskFlag.CP_PLAN,), False, RiskLevel.HIGH),
    ],
    ids=[
        "immediate risk, no flags",
        "immediate risk, no safeguarding flag",
        "no immediate risk, no flags",
        "no immediate risk, no safeguarding flag",
        "no immediate risk, child protection plan",
    ],
)
def test_risk_level_on_arrival(flags: tuple[RiskFlag, ...], immediate_risk: bool, level: RiskLevel) -> None:
    assert risk_level_on_arrival(flags, immediate_risk=immediate_risk) is level


@pytest.mark.parametrize(
    ("flags", "recommended"),
    [((), False), ((RiskFlag.EAL,), False), ((RiskFlag.EHCP,), True), ((RiskFlag.SOCIAL_WORKER,), True)],
    ids=["no flags", "EAL only", "EHCP", "social worker"],
)
def test_ehe_meeting_recommended(flags: tuple[RiskFlag, ...], recommended: bool) -> None:
    assert ehe_meeting_recommended(flags) is recommended


def test_every_closure_reason_has_requirements() -> None:
    assert closure_requirements(ClosureReason.MOVED_LA) == ("other_la", "other_la_notified")
    assert closure_requirements(ClosureReason.NOT_CSA) == ()
    assert all(isinstance(closure_requirements(reason), tuple) for reason in ClosureReason)


CLOSURE_ENQUIRY_CASES = [
    ("moved LA, other LA not asked", ClosureReason.MOVED_LA, (), ("other_la",)),
    ("moved LA, other LA asked", ClosureReason.MOVED_LA, ("phone_calls", "other_la"), ()),
    ("left the country, nothing recorded", ClosureReason.LEFT_COUNTRY, (), ("home_office", "s2s")),
    ("left the country, only a home visit", ClosureReason.LEFT_COUNTRY, ("home_visit",), ("home_office", "s2s")),
    ("left the country, Home Office check", ClosureReason.LEFT_COUNTRY, ("home_office",), ()),
    ("left the country, Lost Pupil Database", ClosureReason.LEFT_COUNTRY, ("s2s",), ()),
    ("on roll: no enquiry needed", ClosureReason.ON_ROLL, (), ()),
    ("died: no enquiry needed", ClosureReason.DIED, ("home_visit",), ()),
]


@pytest.mark.parametrize(
    ("reason", "recorded", "missing"),
    [case[1:] for case in CLOSURE_ENQUIRY_CASES],
    ids=[case[0] for case in CLOSURE_ENQUIRY_CASES],
)
def test_closure_enquiries_missing(reason: ClosureReason, recorded: tuple[str, ...], missing: tuple[str, ...]) -> None:
    assert closure_enquiries_missing(reason, recorded) == missing


def test_labelled_enum_choices() -> None:
    assert CaseType.CME.value == "cme"
    assert CaseType.CME.label == "Child missing education"
    assert CaseType.choices()["pending_admission"] == "Awaiting a school place"
