"""Finding children (for administrators answering a subject access request), and reading their flags in bulk."""

from __future__ import annotations

from flask import abort

from portal.models import Case, Child, ChildFlag


def flag_values_by_child(child_ids: list[int]) -> dict[int, list[str]]:
    """The risk flags (stored values) of several children, read in one query: for list pages, never one a row."""
    found: dict[int, list[str]] = {}
    if child_ids:
        query = ChildFlag.select(ChildFlag.child, ChildFlag.flag).where(ChildFlag.child.in_(child_ids)).tuples()
        for child_id, flag in query:
            found.setdefault(child_id, []).append(flag)
    return found


def get_child_or_404(child_id: int) -> Child:
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        abort(404)
    return child


def find_children(term: str, limit: int = 50) -> list[Child]:
    """By case reference, UPN, or name prefix (first and last name in either order)."""
    term = " ".join(term.split())
    if not term:
        return []
    upper = term.upper()
    if upper.startswith("CME-"):
        return list(Child.select().join(Case).where(Case.reference == upper).distinct().limit(limit))
    words = term.lower().split(" ")
    query = Child.select()
    if len(words) == 1:
        word = words[0]
        query = query.where(
            Child.first_name_key.startswith(word) | Child.last_name_key.startswith(word) | (Child.upn == upper)
        )
    else:
        first, last = words[0], words[-1]
        query = query.where(
            (Child.first_name_key.startswith(first) & Child.last_name_key.startswith(last))
            | (Child.first_name_key.startswith(last) & Child.last_name_key.startswith(first))
        )
    return list(query.order_by(Child.last_name_key, Child.first_name_key).limit(limit))
