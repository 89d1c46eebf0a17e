"""Passwords: hashing with argon2id (argon2-cffi's defaults: m=64 MiB, t=3, p=4) and the rules a new one must meet.

The rules follow the NCSC's password guidance: length over complexity (at least 12 characters, any characters,
no rules about mixing cases, digits or symbols, no expiry) and a deny-list of the passwords people commonly choose,
so that "Password2026!" is refused while a long passphrase of ordinary words is welcome.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200  # long enough for any passphrase; bounds the work of hashing
DENY_LIST = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"

_hasher = PasswordHasher()
# Verifying against this when the account does not exist keeps the timing of a failed sign-in the same either way.
_DUMMY_HASH = _hasher.hash("not a real password")

# Keyboard rows and counting: "qwertyuiopas", "123456789012", "zyxwvutsrqpo" are as guessable as any listed password.
_SEQUENCES = (
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1q2w3e4r5t6y7u8i9o0p",
    "q1w2e3r4t5y6u7i8o9p0",
)
_LEET = str.maketrans(
    {"@": "a", "4": "a", "8": "b", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"}
)
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")  # digits and symbols before or after the word
_SEPARATORS = re.compile(r"[\s\-_.]+")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def common_passwords() -> frozenset[str]:
    with DENY_LIST.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def _is_repetition(text: str) -> bool:
    """One short run said again and again: "aaaaaaaaaaaa", "abcabcabcabc", "2026202620262026"."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in range(1, 5))


def _is_sequence(text: str) -> bool:
    return any(text in run or text in run[::-1] for run in _SEQUENCES)


def _guessable_forms(password: str) -> set[str]:
    lowered = password.lower().strip()
    forms = {lowered}
    for text in list(forms):
        core = _EDGES.sub("", text)
        forms |= {core, _SEPARATORS.sub("", core)}
        leet_core = _EDGES.sub("", text.translate(_LEET))
        forms |= {leet_core, _SEPARATORS.sub("", leet_core)}
    return {form for form in forms if form}


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why this would be a poor new password, in words for the person choosing it; None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Your password must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Your password must be {MAX_PASSWORD_LENGTH} characters or fewer"
    lowered = password.lower()
    compact = _SEPARATORS.sub("", lowered)
    if _is_repetition(compact) or _is_sequence(compact):
        return "Your password must not be a sequence or a repeated pattern, like 123456789012 or abcabcabcabc"
    forms = _guessable_forms(password)
    address = email.strip().lower()
    if address and (address in forms or address.split("@")[0] in forms):
        return "Your password must not be your email address"
    if forms & common_passwords():
        return "Your password is too easy to guess because it is based on a common password: choose a different one"
    return None
