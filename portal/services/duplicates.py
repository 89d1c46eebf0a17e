"""An officer's decision about a possible duplicate child: the same child, or a different one. Never a merge."""

from __future__ import annotations

from portal.db import db
from portal.models import Case, Child, ChildLink, User
from portal.services.audit import audit
from portal.services.cases import add_event


class DuplicateError(ValueError):
    pass


def decide_duplicate(case_id: int, *, other_child_id: int, same_child: bool, note: str, actor: User) -> ChildLink:
    """Record whether the case's child and another child record are the same child.

    Both records stay as they are: an officer closes the duplicate case (reason "duplicate") once satisfied.
    Source: names are spelt many ways in CME work, so matching is a person's decision (domain brief section 9).
    """
    with db.atomic():
        case = Case.get_by_id(case_id)
        other = Child.get_or_none(Child.id == other_child_id)
        if other is None or other.id == case.child_id:
            raise DuplicateError("Choose another child record")
        low, high = sorted((case.child_id, other.id))
        link = ChildLink.get_or_none(ChildLink.child == low, ChildLink.other == high)
        if link is None:
            link = ChildLink.create(child=low, other=high, same_child=same_child, note=note.strip(), decided_by=actor)
        else:
            ChildLink.update(same_child=same_child, note=note.strip(), decided_by=actor.id).where(
                ChildLink.id == link.id
            ).execute()
        words = "the same child as" if same_child else "a different child from"
        add_event(
            case,
            "duplicate",
            f"Recorded as {words} {other.first_name} {other.last_name} (child record {other.id})",
            actor=actor,
            detail=note.strip(),
        )
        audit(
            actor,
            "link" if same_child else "unlink",
            "child",
            case.child_id,
            child_id=case.child_id,
            changes={"same_child_as" if same_child else "different_from": [None, other.id]},
        )
    return ChildLink.get_by_id(link.id)
