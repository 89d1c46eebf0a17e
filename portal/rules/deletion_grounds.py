"""Grounds for deleting a pupil from the admission register, and what each ground needs.

Source: School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208) reg 9: paragraph (1)
lists the grounds for pupils of compulsory school age (A to O in DfE and EGfL usage), paragraph (3) those for
other pupils. A name must be deleted if, and only if, a ground applies (Explanatory Note), and never
retrospectively (WTISA). The deletion return is reg 13(4).

Open questions (domain brief section 3, uncertain), marked where they are used:
- the exact 2024 wording of reg 9(1)(f) to (o); only (a) to (e) were checked against the primary text;
- the paragraph number of the special-school consent rule (9(4)?; 8(2) in the 2006 Regs);
- whether H and I allow deletion of a located child on joint school and LA agreement (WTISA suggests yes);
- whether the 4-month minimum survives in the custody ground J, and the exact wording of N;
- the text of reg 9(3) (pupils not of compulsory school age);
- the medical-certification ground of the 2006 Regs appears to have gone in 2024; it is not offered.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from portal.rules import citations
from portal.rules.calendar import SchoolCalendar, format_date

# Statutory counts (not local settings): SI 2024/208 reg 9(1)(h) and (i).
LEAVE_NOT_RETURNED_SCHOOL_DAYS = 10
CONTINUOUS_ABSENCE_SCHOOL_DAYS = 20


@dataclass(frozen=True)
class Condition:
    """Something the school must confirm before it submits a deletion on a ground."""

    key: str
    text: str


@dataclass(frozen=True)
class ReturnField:
    """An item of the deletion return, with the provision that asks for it."""

    key: str
    label: str
    source: str


_SAO = Condition("no_sao_naming_school", "No school attendance order naming this school is in force")
_NOT_MOBILE_MAIN_SCHOOL = Condition(
    "not_mobile_child_main_school",
    "The pupil is not a mobile child (for example a Traveller child) whose main school is this school",
)
_NO_REASONABLE_GROUNDS = Condition(
    "no_grounds_to_expect_attendance",
    "The school has no reasonable grounds to believe the pupil will attend again",
)
_NOT_SICK = Condition(
    "not_sickness_or_unavoidable_cause",
    "The school has no reasonable grounds to believe the pupil cannot attend because of sickness (including "
    "mental health and emotionally based school avoidance) or another unavoidable cause",
)
_JOINT_ENQUIRIES = Condition(
    "joint_enquiries_complete",
    "The school and the local authority have jointly made reasonable enquiries, and the LA has recorded them "
    "as complete",
)
_NOT_LOCATED_OR_AGREED = Condition(
    "not_located_or_agreed_not_returning",
    "Either the pupil has not been found, or the pupil has been found and the school and the local authority "
    "agree there are no reasonable grounds to believe the pupil will attend again",
)

# Reg 13(4): every deletion return, from the admission register.
COMMON_RETURN_FIELDS: tuple[ReturnField, ...] = (
    ReturnField("full_name", "Pupil's full name", "SI 2024/208 reg 13(4)(a)"),
    ReturnField("address", "Pupil's address", "SI 2024/208 reg 13(4)(b)"),
    ReturnField(
        "parents_lived_with",
        "Full name and address of each parent the pupil normally lives with",
        "SI 2024/208 reg 13(4)(c)",
    ),
    ReturnField(
        "parent_emergency_phones",
        "At least one emergency telephone number for each of those parents",
        "SI 2024/208 reg 13(4)(d)",
    ),
    ReturnField(
        "future_address",
        "Future address details, if a parent has given them: the parent the pupil will live with, the new "
        "address and the date from which the pupil will live there",
        "SI 2024/208 reg 13(4)(e) and reg 8(3)",
    ),
    # Open question (domain brief section 3): the items below come from secondary sources mirroring the
    # 2016 rules; check the full 2024 reg 13(4) list.
    ReturnField(
        "new_school",
        "Name of the new school and the pupil's start date there, where known",
        "SI 2024/208 reg 13(4) (secondary sources)",
    ),
    ReturnField("ground", "The ground on which the name is deleted", "SI 2024/208 reg 13(4) (secondary sources)"),
)


@dataclass(frozen=True)
class _Ground:
    letter: str
    title: str
    explanation: str
    conditions: tuple[Condition, ...]
    la_must_agree: bool = False
    risk_of_cme: bool = False
    extra_return_fields: tuple[ReturnField, ...] = ()


class DeletionGround(Enum):
    """The reg 9(1) grounds A to O for deleting a pupil of compulsory school age (SI 2024/208 reg 9(1)).

    The value is the letter, so ``DeletionGround("F")`` finds a ground by its code. There is deliberately no
    medical-certification ground: it appears to have been removed in 2024 (domain brief section 3).
    """

    REGISTERED_ELSEWHERE = "A"
    NURSERY_NOT_CONTINUING = "B"
    DUAL_REGISTRATION_ENDED = "C"
    ATTENDANCE_ORDER_AMENDED = "D"
    ATTENDANCE_ORDER_REVOKED = "E"
    HOME_EDUCATION = "F"
    MOVED_AWAY = "G"
    NOT_RETURNED_FROM_LEAVE = "H"
    CONTINUOUS_ABSENCE = "I"
    IN_CUSTODY = "J"
    DIED = "K"
    CEASING_COMPULSORY_SCHOOL_AGE = "L"
    BOARDING_FEES_UNPAID = "M"
    LEFT_INDEPENDENT_SCHOOL = "N"
    PERMANENTLY_EXCLUDED = "O"

    @property
    def _info(self) -> _Ground:
        return _GROUNDS[self]

    @property
    def code(self) -> str:
        """The ground's letter, "A" to "O" (DfE, WTISA and EGfL usage)."""
        return self.value

    @property
    def regulation(self) -> str:
        """The provision, like "SI 2024/208 reg 9(1)(a)"."""
        return f"{citations.REG_9_1}({self.value.lower()})"

    @property
    def title(self) -> str:
        """A short plain-English name for schools."""
        return self._info.title

    @property
    def explanation(self) -> str:
        """What the ground means, in plain English, for the school choosing it."""
        return self._info.explanation

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """What the school must confirm; the wizard must not submit the deletion until all are confirmed."""
        return self._info.conditions

    @property
    def la_must_agree(self) -> bool:
        """Whether the local authority must take part in the decision (H and I: joint enquiries, agreement).

        For LA-placed special-school pupils see ``special_school_consent_required``.
        """
        return self._info.la_must_agree

    @property
    def risk_of_cme(self) -> bool:
        """Whether the pupil may leave with no known destination, so may become a child missing education."""
        return self._info.risk_of_cme

    @property
    def return_fields(self) -> tuple[ReturnField, ...]:
        """The deletion return's contents (SI 2024/208 reg 13(4)) plus the items this ground adds."""
        return COMMON_RETURN_FIELDS + self._info.extra_return_fields


_GROUNDS: dict[DeletionGround, _Ground] = {
    DeletionGround.REGISTERED_ELSEWHERE: _Ground(
        "A",
        "Registered at another school",
        "The pupil is now on the roll of another school. This does not apply if a school attendance order "
        "names this school, if this is the main school of a mobile child, or if this school has agreed to "
        "dual registration.",
        (
            Condition(
                "registered_at_other_school",
                "The pupil is registered at another school, and you have its name, URN or LA, and the "
                "pupil's confirmed start date",
            ),
            _SAO,
            _NOT_MOBILE_MAIN_SCHOOL,
            Condition("not_dual_registered", "This school has not agreed to, or decided on, dual registration"),
        ),
    ),
    DeletionGround.NURSERY_NOT_CONTINUING: _Ground(
        "B",
        "Nursery pupil not moving up",
        "The pupil came for nursery education and has finished it, and would move up to Reception or a "
        "higher class, but the school has no reasonable grounds to believe the pupil will attend again.",
        (
            Condition("completed_nursery", "The pupil has completed their nursery education at this school"),
            Condition("would_move_up", "The pupil would otherwise move up to Reception or a higher class here"),
            _NO_REASONABLE_GROUNDS,
        ),
        risk_of_cme=True,
    ),
    DeletionGround.DUAL_REGISTRATION_ENDED: _Ground(
        "C",
        "Dual registration ending",
        "The pupil is also on the roll of another school and will stop attending this one, with the "
        "consent of every other school where the pupil is registered.",
        (
            _NO_REASONABLE_GROUNDS,
            Condition("other_schools_consent", "Every other school where the pupil is registered has consented"),
            _SAO,
            _NOT_MOBILE_MAIN_SCHOOL,
        ),
    ),
    DeletionGround.ATTENDANCE_ORDER_AMENDED: _Ground(
        "D",
        "School attendance order now names another school",
        "The local authority has amended the pupil's school attendance order so that it names another school "
        "instead of this one.",
        (
            Condition(
                "sao_amended",
                "The local authority has amended the school attendance order to name another school",
            ),
        ),
    ),
    DeletionGround.ATTENDANCE_ORDER_REVOKED: _Ground(
        "E",
        "School attendance order revoked",
        "The local authority has revoked the school attendance order naming this school because suitable "
        "education has been arranged otherwise than at school.",
        (
            Condition(
                "sao_revoked",
                "The local authority has revoked the school attendance order because suitable education "
                "otherwise than at school has been arranged",
            ),
        ),
    ),
    # Open question: check the exact 2024 sub-conditions of reg 9(1)(f) (domain brief section 3).
    DeletionGround.HOME_EDUCATION: _Ground(
        "F",
        "Elective home education",
        "A parent has told the school in writing that the pupil is, or from a stated date will be, educated "
        "otherwise than at school. Delete once the pupil has stopped attending or the date has passed. The "
        "school cannot insist on a meeting first, and the local authority cannot refuse for a mainstream "
        "pupil.",
        (
            Condition(
                "written_notice",
                "A parent has told the school in writing that the pupil is, or will be, educated otherwise "
                "than at school",
            ),
            Condition(
                "ceased_or_date_passed",
                "The pupil has stopped attending, or the date in the notice has passed",
            ),
            Condition("no_sao_in_force", "No school attendance order is in force for the pupil"),
            Condition(
                "special_school_consent",
                "If a local authority arranged the pupil's place at this special school, that authority has consented",
            ),
        ),
        extra_return_fields=(
            ReturnField(
                "ehe_notice_date",
                "Date of the parent's written notice and the date it takes effect",
                "SI 2024/208 reg 9(1)(f)",
            ),
        ),
    ),
    # Open question: the 2006 Regs excluded boarders from this ground; probably kept in 2024 (check).
    DeletionGround.MOVED_AWAY: _Ground(
        "G",
        "Moved too far away",
        "The pupil has stopped attending and no longer ordinarily lives within a reasonable distance of the "
        "school, including a permanent move abroad confirmed by a parent in writing. If the pupil lives "
        "close enough, do not remove: it is an attendance matter.",
        (
            Condition("ceased_to_attend", "The pupil has stopped attending"),
            Condition(
                "not_within_reasonable_distance",
                "The pupil no longer ordinarily lives within a reasonable distance of the school",
            ),
            Condition("not_boarder", "The pupil is not a boarder"),
        ),
        risk_of_cme=True,
        extra_return_fields=(
            ReturnField("new_address", "The pupil's new address, in the UK or abroad", "SI 2024/208 reg 8(3)"),
        ),
    ),
    # Open question: check the exact limbs of reg 9(1)(h), and deletion of a located child on agreement.
    DeletionGround.NOT_RETURNED_FROM_LEAVE: _Ground(
        "H",
        "Not back after leave of absence",
        "The pupil was given leave of absence, the leave has ended, and the pupil has not attended in the "
        "10 school days after it. The school and the local authority must have made joint enquiries and, if "
        "the pupil is found, agree the pupil will not attend again.",
        (
            Condition("leave_granted_and_ended", "The pupil was granted leave of absence and the leave has ended"),
            Condition(
                "absent_10_school_days_after_leave",
                "The pupil has not attended in the 10 school days immediately after the leave ended",
            ),
            _NOT_SICK,
            _JOINT_ENQUIRIES,
            _NOT_LOCATED_OR_AGREED,
        ),
        la_must_agree=True,
        risk_of_cme=True,
        extra_return_fields=(
            ReturnField("leave_dates", "First and last day of the leave of absence", "SI 2024/208 reg 9(1)(h)"),
        ),
    ),
    DeletionGround.CONTINUOUS_ABSENCE: _Ground(
        "I",
        "20 school days' unauthorised absence",
        "The pupil has been absent for at least 20 school days in a row, with every session recorded as G, N "
        "or O. The school and the local authority must have made joint enquiries and, if the pupil is found, "
        "agree the pupil will not attend again. Sickness, including mental health, stops this ground.",
        (
            Condition(
                "absent_20_school_days",
                "The pupil has been absent for at least 20 school days in a row, every session coded G, N or O",
            ),
            _NOT_SICK,
            _JOINT_ENQUIRIES,
            _NOT_LOCATED_OR_AGREED,
        ),
        la_must_agree=True,
        risk_of_cme=True,
        extra_return_fields=(
            ReturnField("first_day_absent", "First day of the continuous absence", "SI 2024/208 reg 9(1)(i)"),
        ),
    ),
    # Open question: whether the 2006 minimum order length of 4 months survives in 2024.
    DeletionGround.IN_CUSTODY: _Ground(
        "J",
        "In custody",
        "The pupil is detained under a court sentence or order (not on remand) and the school has no "
        "reasonable grounds to believe the pupil will come back afterwards.",
        (
            Condition(
                "detained_under_order",
                "The pupil is detained under a sentence or court order, not on remand (record the order and "
                "its length)",
            ),
            Condition(
                "not_expected_back",
                "The school has no reasonable grounds to believe the pupil will return afterwards",
            ),
        ),
    ),
    DeletionGround.DIED: _Ground(
        "K",
        "Died",
        "The pupil has died. Record the date of death; the school still makes the deletion return.",
        (Condition("death_confirmed", "The pupil's death is confirmed (record the date)"),),
        extra_return_fields=(ReturnField("date_of_death", "Date of death", "SI 2024/208 reg 9(1)(k)"),),
    ),
    DeletionGround.CEASING_COMPULSORY_SCHOOL_AGE: _Ground(
        "L",
        "Reaching the end of compulsory school age",
        "The pupil will stop being of compulsory school age before the school next meets, and either will "
        "not continue (for example in the sixth form) or does not meet the sixth-form entry requirements.",
        (
            Condition(
                "ceases_csa_before_school_meets",
                "The pupil stops being of compulsory school age before the school next meets",
            ),
            Condition(
                "not_continuing",
                "The pupil will not continue at the school, or does not meet its sixth-form entry requirements",
            ),
        ),
    ),
    DeletionGround.BOARDING_FEES_UNPAID: _Ground(
        "M",
        "Boarding charges unpaid",
        "The pupil boards at a maintained school or academy, and boarding charges the parent must pay are "
        "still unpaid at the end of the term they are for.",
        (
            Condition("boarder", "The pupil is a boarder at a maintained school or academy"),
            Condition(
                "charges_unpaid_at_term_end",
                "Boarding charges are still unpaid at the end of the term they are for",
            ),
        ),
        risk_of_cme=True,
    ),
    # Open question: check the exact wording of reg 9(1)(n).
    DeletionGround.LEFT_INDEPENDENT_SCHOOL: _Ground(
        "N",
        "Left an independent or non-maintained special school",
        "The pupil has stopped being a pupil of this independent school or non-maintained special school, "
        "for example because the contract has ended.",
        (
            Condition(
                "ceased_to_be_pupil",
                "The pupil has stopped being a pupil of this independent or non-maintained special school",
            ),
        ),
        risk_of_cme=True,
    ),
    # Open question: check the reg 9 sub-paragraph and the current suspension and exclusion guidance.
    DeletionGround.PERMANENTLY_EXCLUDED: _Ground(
        "O",
        "Permanently excluded",
        "The pupil has been permanently excluded and the process has finished: the governing board upheld "
        "the exclusion, and the 15 school days to apply for an independent review have passed, the parent "
        "has said in writing they will not apply, or the review has ended.",
        (
            Condition("exclusion_upheld", "The governing board has upheld the permanent exclusion (record the date)"),
            Condition(
                "review_route_closed",
                "The time to apply for an independent review has passed, the parent has confirmed in writing "
                "they will not apply, or the review has ended",
            ),
        ),
        risk_of_cme=True,
        extra_return_fields=(
            ReturnField(
                "exclusion_upheld_on",
                "Date the governing board upheld the exclusion",
                "SI 2024/208 reg 9(1)(o)",
            ),
        ),
    ),
}


class NonCsaDeletionGround(Enum):
    """Grounds for deleting a pupil who is not of compulsory school age (SI 2024/208 reg 9(3)).

    For example Nursery and Reception children below CSA, and sixth-formers. These raise no statutory CME
    alert (Education Act 1996 s.436A covers CSA children only); Ealing still expects a CME referral for
    Nursery leavers whose information is missing (see ``portal.rules.leavers``).
    """

    # Open question (domain brief section 3, uncertain): the text of reg 9(3) was not retrieved. These are
    # broad categories, cited to the paragraph only; check them against the regulation and split them into
    # its sub-paragraphs.
    REGISTERED_ELSEWHERE = "registered_elsewhere"
    STOPPED_ATTENDING = "stopped_attending"
    DIED = "died"
    PERMANENTLY_EXCLUDED = "permanently_excluded"

    @property
    def regulation(self) -> str:
        """The provision: reg 9(3), sub-paragraph unconfirmed."""
        return citations.REG_9_3

    @property
    def risk_of_cme(self) -> bool:
        """Always False: a child not of compulsory school age cannot be a child missing education (s.436A)."""
        return False


def grounds_for(compulsory_school_age: bool) -> tuple[DeletionGround, ...] | tuple[NonCsaDeletionGround, ...]:
    """The grounds a school may choose from: reg 9(1) for a CSA pupil, reg 9(3) for any other pupil.

    Source: SI 2024/208 reg 9(1) and 9(3) (Explanatory Note).
    """
    if compulsory_school_age:
        return tuple(DeletionGround)
    return tuple(NonCsaDeletionGround)


def special_school_consent_required(placed_by_la: bool, is_special_school: bool) -> bool:
    """Whether the LA must consent before a pupil is deleted: a special-school place the LA arranged.

    If the LA refuses, a direction from the Secretary of State is needed. Mainstream pupils with an EHCP need
    no consent (DfE decided in August 2023 not to extend the rule). Source: SI 2024/208 reg 9, the
    special-school consent paragraph (cited as reg 9(4) by some sources; 2006 Regs reg 8(2)).
    """
    # Open question (domain brief section 3): confirm the paragraph number of the consent rule in reg 9,
    # and which grounds it does not apply to (in 2006 it excluded the SAO, death and custody grounds).
    return placed_by_la and is_special_school


class PlacementAnswer(str, Enum):
    """A parent's answer to "Did the council arrange your child's place at the school?" (special schools only)."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "unknown"


def consent_required_as_answered(placement: str, is_special_school: bool) -> bool:
    """Whether a parent's home-education notice needs the LA's consent before the pupil leaves the roll.

    ``placement`` is a ``PlacementAnswer`` value, or "" when the question was not asked (not a special school).
    A parent who does not know how the special-school place was arranged is answered as if the LA arranged it
    (a precaution of the portal's, not a statutory rule): nearly every special-school place is named in an EHCP
    by the LA, and asking the LA costs a day where a wrong deletion cannot be undone. The school, which knows how
    the place was arranged, answers for itself when it records the leaver. Mainstream pupils never need consent,
    with or without an EHCP. Source: SI 2024/208 reg 9, the special-school consent paragraph (see
    ``special_school_consent_required``; domain brief sections 3 and 6).
    """
    placed_by_la = placement in (PlacementAnswer.YES, PlacementAnswer.NOT_KNOWN)
    return special_school_consent_required(placed_by_la=placed_by_la, is_special_school=is_special_school)


def is_backdated(deletion_date: date, recorded_on: date) -> bool:
    """Whether a deletion is dated before the day it is recorded: never allowed.

    A school cannot delete retrospectively under any circumstances (WTISA, quoted by Shropshire Council,
    Central Bedfordshire and Bradford).
    """
    return deletion_date < recorded_on


def leave_window_ends(leave_last_day: date, calendar: SchoolCalendar) -> date:
    """The last of the 10 school days immediately after leave of absence ended.

    Ground H cannot be met before the end of this day. Source: SI 2024/208 reg 9(1)(h).
    """
    return calendar.add_school_days(leave_last_day, LEAVE_NOT_RETURNED_SCHOOL_DAYS)


def continuous_absence_window_ends(first_day_absent: date, calendar: SchoolCalendar) -> date:
    """The 20th school day of continuous absence, counting ``first_day_absent`` (a school day) as the first.

    Ground I cannot be met before the end of this day; the count restarts if any session is coded other than
    G, N or O. Source: SI 2024/208 reg 9(1)(i).
    """
    if not calendar.is_school_day(first_day_absent):
        raise ValueError(f"{format_date(first_day_absent)} is not a school day, so it cannot be a day of absence")
    return calendar.add_school_days(first_day_absent, CONTINUOUS_ABSENCE_SCHOOL_DAYS - 1)
