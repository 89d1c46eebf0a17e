"""The vocabulary of the schools' returns to the LA: why a pupil is on a part-time timetable, who arranged an
alternative provision placement, why a pupil on roll is not attending.

One list, read by the schools' questions and the officers' registers, so both say the same thing.

Sources: WTISA (a part-time timetable only in the pupil's best interests, never to manage behaviour); SI 2024/208
reg 10 attendance codes B (off-site provision the school arranged) and K (provision the LA arranged); Ealing EGfL
part-time and alternative provision data return (domain brief sections 7 and 10).
"""

from __future__ import annotations

from portal.rules.register import LabelledEnum


class PartTimeReason(LabelledEnum):
    """Why a pupil is on a part-time timetable (WTISA: exceptional, in the pupil's best interests; never behaviour)."""

    MEDICAL = ("medical", "A medical condition, including mental health")
    REINTEGRATION = ("reintegration", "Returning to school after a long absence or an exclusion")
    SEND = ("send", "Special educational needs, or a move between settings")
    OTHER = ("other", "Another exceptional reason")


class ApArrangedBy(LabelledEnum):
    """Who arranged an alternative provision placement, with its attendance code (SI 2024/208 reg 10)."""

    SCHOOL = ("school", "The school (off-site provision, code B)")
    LA = ("la", "The local authority (section 19 or an EHC plan, code K)")


class NotAttendingReason(LabelledEnum):
    """Why a pupil on roll is not attending (Ealing part-time and AP return: school refusers and long absence)."""

    EBSA = ("ebsa", "Anxiety or emotionally based school avoidance")
    ILLNESS = ("illness", "Long-term illness")
    UNAUTHORISED = ("unauthorised", "Long unauthorised absence")
    OTHER = ("other", "Another reason")
