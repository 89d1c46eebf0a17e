"""Schools' journeys in progress: answers kept on the server, owned by the school, gone after completion or 30 days.

The answers live in the database, not in the signed cookie, so a journey survives a change of worker and a school
can leave it and come back from its home page. A draft is found only through the school that owns it.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import peewee

from portal.db import db
from portal.models import School, User
from portal.models.school_records import SchoolDraft
from portal.services.audit import audit

# Drafts hold personal data that nobody has submitted: keep them only as long as a school plausibly needs to
# come back (the 30 days, counted from the last change).
DRAFT_LIFETIME = timedelta(days=30)
REFERENCE_DIGITS = 6


def _now() -> datetime:
    return datetime.now(UTC)


def start_draft(
    school: School,
    actor: User,
    journey: str,
    *,
    answers: dict[str, Any] | None = None,
    subject_id: int | None = None,
    pupil_name: str = "",
) -> SchoolDraft:
    if not pupil_name and answers:
        names = answers.get("pupil-name") or {}
        pupil_name = " ".join(part for part in (names.get("first_name"), names.get("last_name")) if part)
    with db.atomic():
        draft = SchoolDraft.create(
            school=school,
            created_by=actor,
            journey=journey,
            answers=json.dumps(answers or {}),
            subject_id=subject_id,
            pupil_name=pupil_name[:300],
        )
        audit(actor, "create", "school_draft", draft.id, changes={"journey": [None, journey]})
    return draft


def get_draft(school: School | None, draft_id: int, journey: str | None = None) -> SchoolDraft | None:
    """The school's own draft, if it has not expired; None for another school's draft or an unknown id."""
    if school is None:
        return None
    query = SchoolDraft.select().where(
        SchoolDraft.id == draft_id,
        SchoolDraft.school == school,
        SchoolDraft.updated_at >= _now() - DRAFT_LIFETIME,
    )
    if journey is not None:
        query = query.where(SchoolDraft.journey == journey)
    return query.first()


# What a school typed on a page and saved for later without finishing it, by step: kept beside the answers, never
# among them, so nothing that reads the answers (the rules, the submitted record) sees input that failed its checks.
UNFINISHED = "_unfinished"
UNFINISHED_VALUE_LIMIT = 10_000  # characters per box: far above any question's own limit
UNFINISHED_VALUES_LIMIT = 200  # values per page


def _stored(draft: SchoolDraft) -> dict[str, Any]:
    try:
        value = json.loads(draft.answers or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def draft_answers(draft: SchoolDraft) -> dict[str, dict[str, Any]]:
    return {step: answer for step, answer in _stored(draft).items() if step != UNFINISHED}


def unfinished_input(draft: SchoolDraft) -> dict[str, list[tuple[str, str]]]:
    """Each step's unfinished input, as the (name, value) pairs the browser sent."""
    value = _stored(draft).get(UNFINISHED)
    if not isinstance(value, dict):
        return {}
    return {
        str(step): [(str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2]
        for step, pairs in value.items()
        if isinstance(pairs, list)
    }


def _write(draft: SchoolDraft, answers: dict[str, Any], unfinished: dict[str, list[tuple[str, str]]]) -> None:
    stored = {**answers, UNFINISHED: unfinished} if unfinished else dict(answers)
    draft.answers = json.dumps(stored, sort_keys=True)
    draft.updated_at = _now()
    draft.save()


def save_answers(draft: SchoolDraft, answers: dict[str, Any], *, pupil_name: str = "", step: str | None = None) -> None:
    """Save the answers; ``step``, just answered, has no unfinished input any more."""
    unfinished = unfinished_input(draft)
    unfinished.pop(step or "", None)
    draft.pupil_name = pupil_name[:300] or draft.pupil_name
    _write(draft, {key: value for key, value in answers.items() if key != UNFINISHED}, unfinished)


def save_unfinished(draft: SchoolDraft, step: str, typed: list[tuple[str, str]]) -> None:
    """Keep what was typed on ``step`` as it is, to show again when the school comes back; the answers stay as they
    were. Input with nothing in it replaces nothing worth keeping, so it clears the step's unfinished input."""
    unfinished = unfinished_input(draft)
    kept = [(name, value[:UNFINISHED_VALUE_LIMIT]) for name, value in typed[:UNFINISHED_VALUES_LIMIT]]
    if any(value.strip() for _name, value in kept):
        unfinished[step] = kept
    else:
        unfinished.pop(step, None)
    _write(draft, draft_answers(draft), unfinished)


class DraftGoneError(RuntimeError):
    """Another request submitted (or deleted) this draft first: a double click, or a second tab."""


def claim_draft(draft: SchoolDraft) -> None:
    """The first write of a submission's transaction: delete the draft, or refuse if it has already gone.

    Two identical final POSTs cannot both create a record: the second finds nothing to delete (on PostgreSQL it
    waits for the first's row lock) and rolls back.
    """
    if SchoolDraft.delete().where(SchoolDraft.id == draft.id).execute() != 1:
        raise DraftGoneError(f"draft {draft.id} has already been submitted or deleted")


def expires_on(draft: SchoolDraft) -> datetime:
    return draft.updated_at + DRAFT_LIFETIME


def delete_draft(draft: SchoolDraft, *, actor: User | None) -> None:
    with db.atomic():
        audit(actor, "delete", "school_draft", draft.id, changes={"journey": [draft.journey, None]})
        draft.delete_instance()


def delete_expired_drafts(now: datetime | None = None) -> int:
    """Delete drafts not changed for 30 days; returns how many went."""
    cutoff = (now or _now()) - DRAFT_LIFETIME
    with db.atomic():
        return int(SchoolDraft.delete().where(SchoolDraft.updated_at < cutoff).execute())


def new_reference(prefix: str, model: type[peewee.Model], year: int) -> str:
    """A random reference like LVR-2026-482913: one school's reference tells nothing about another's."""
    for _attempt in range(20):
        candidate = f"{prefix}-{year}-{secrets.randbelow(10**REFERENCE_DIGITS):0{REFERENCE_DIGITS}d}"
        if not model.select().where(model.reference == candidate).exists():
            return candidate
    raise RuntimeError("could not find a free reference")  # pragma: no cover - a million a year
