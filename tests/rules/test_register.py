"""The register vocabulary in portal/rules/register.py, so the whole rules package is covered by tests/rules."""

import pytest

from portal.rules.register import (
    CaseType,
    ClosureReason,
    RiskFlag,
    RiskLevel,
    closure_requirements,
    ehe_meeting_recommended,
    risk_level_for,
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


def test_labelled_enum_choices() -> None:
    assert CaseType.CME.value == "cme"
    assert CaseType.CME.label == "Child missing education"
    assert CaseType.choices()["pending_admission"] == "Awaiting a school place"
