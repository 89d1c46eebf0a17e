"""One page of a long list (the caseload, the schools' returns): its rows, how many in all, and the page numbers a
pager links to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def last_page(total: int, page_size: int) -> int:
    """The number of the last page of ``total`` rows (1 when there are none)."""
    return max(1, -(-total // page_size))


@dataclass(frozen=True)
class ListPage:
    rows: list[Any]
    total: int
    page: int
    page_size: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", last_page(self.total, self.page_size))

    @property
    def first(self) -> int:
        return 0 if not self.rows else (self.page - 1) * self.page_size + 1

    @property
    def last(self) -> int:
        return (self.page - 1) * self.page_size + len(self.rows)

    @property
    def pager_numbers(self) -> list[int]:
        """The page numbers a pager links to: the first, the last, and two either side of this one."""
        return sorted({1, self.pages, *range(max(1, self.page - 2), min(self.pages, self.page + 2) + 1)})
