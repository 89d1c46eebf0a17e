"""Names of the sources the rules cite, so results and docstrings spell them the same way.

Cite section headings, not paragraph numbers, for guidance whose paragraph numbers change between editions
(WTISA, KCSIE).
"""

from typing import Final

EA_1996_S8: Final = "Education Act 1996 s.8"
EA_1996_S8_2: Final = "Education Act 1996 s.8(2)"
EA_1996_S8_3: Final = "Education Act 1996 s.8(3)"
EA_1996_S436A: Final = "Education Act 1996 s.436A"
EA_1996_S579: Final = "Education Act 1996 s.579(1)"
START_OF_CSA_ORDER: Final = "Education (Start of Compulsory School Age) Order 1998 (SI 1998/1607)"
SCHOOL_LEAVING_DATE_ORDER: Final = "Education (School Leaving Date) Order 1997 (SI 1997/1970)"

REGS_2024: Final = "SI 2024/208"
REG_9_1: Final = "SI 2024/208 reg 9(1)"
REG_9_3: Final = "SI 2024/208 reg 9(3)"
REG_9_SPECIAL_SCHOOL_CONSENT: Final = "SI 2024/208 reg 9 (special-school consent; paragraph number unconfirmed)"
REG_8_3: Final = "SI 2024/208 reg 8(3)"
REG_13_4: Final = "SI 2024/208 reg 13(4)"
REG_13_5: Final = "SI 2024/208 reg 13(5)"

CME_GUIDANCE: Final = "DfE Children missing education statutory guidance (updated 19 Aug 2024)"
WTISA: Final = "DfE Working together to improve school attendance"
UPN_STANDARD: Final = "DfE Unique Pupil Number data standard v2.0"
POSTCODE_STANDARD: Final = "UK Government Data Standards: Bulk Data Transfer postcode validation"

EALING_CME_SERVICE: Final = "Ealing EGfL CME service page"
EALING_LEAVERS_CHECKLIST: Final = "Ealing EGfL leaver's folder checklist"
EALING_CME_REFERRAL: Final = "Ealing EGfL CME referral page"
EALING_REMOVE_FROM_ROLL: Final = "Ealing EGfL When to remove a pupil from roll"
EALING_JOURNEY_TIME: Final = "Ealing EGfL Reasonable journey time"
EALING_LEAVE_ABROAD: Final = "Ealing EGfL extended leave abroad guidance (Letters 1, 1a and 2)"
EALING_PART_TIME_RETURN: Final = "Ealing EGfL part-time and alternative provision data return"
