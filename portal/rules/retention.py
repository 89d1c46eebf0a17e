"""How long a closed case's personal data is kept before it is anonymised.

No national retention period for LA CME case records exists (domain brief section 9, uncertain). The defaults
follow local precedent: 7 years after closure (Barnet CME), and for children who were ever looked after or had an
EHCP, until a later age if that is later (Lancashire Access to Education: 75 and 45). School registers themselves
are kept at least 6 years (SI 2024/208 reg 7), so a case is never anonymised sooner than that.
Open question: Ealing's own retention schedule (ask its information governance team).
"""

from datetime import date

from portal.rules.school_age import anniversary
from portal.rules.thresholds import LocalSettings

REGISTER_MINIMUM_YEARS = 6


def _years_after(d: date, years: int) -> date:
    return anniversary(d, years)


def retention_ends(
    *,
    last_closed_on: date,
    date_of_birth: date | None,
    looked_after: bool,
    ehcp: bool,
    settings: LocalSettings,
) -> date:
    """The first day on which the child's personal data may be anonymised.

    ``last_closed_on`` is the day the child's last open case closed; a child with an open case is never due.
    """
    ends = _years_after(last_closed_on, max(settings.retention_years_after_closure, REGISTER_MINIMUM_YEARS))
    if date_of_birth is not None:
        if looked_after:
            ends = max(ends, _years_after(date_of_birth, settings.retention_until_age_looked_after))
        if ehcp:
            ends = max(ends, _years_after(date_of_birth, settings.retention_until_age_ehcp))
    elif looked_after or ehcp:
        # Without a date of birth the age-based period cannot be worked out: keep to the longest the
        # settings allow counted from closure, rather than delete too soon.
        longest = max(
            settings.retention_until_age_looked_after if looked_after else 0, settings.retention_until_age_ehcp
        )
        ends = max(ends, _years_after(last_closed_on, longest))
    return ends


def is_due_for_anonymising(
    today: date,
    *,
    last_closed_on: date,
    date_of_birth: date | None,
    looked_after: bool,
    ehcp: bool,
    settings: LocalSettings,
) -> bool:
    """True on and after the day ``retention_ends`` gives."""
    return today >= retention_ends(
        last_closed_on=last_closed_on,
        date_of_birth=date_of_birth,
        looked_after=looked_after,
        ehcp=ehcp,
        settings=settings,
    )
