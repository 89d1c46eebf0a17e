"""The request class: NUL characters are taken out of every query-string and form value on arrival.

PostgreSQL cannot store a NUL in text, and no person types one: removing it at the door keeps every form, search
and filter safe on both stores instead of guarding each query.

It also knows each view's body size limit: MAX_CONTENT_LENGTH, or more for a view marked ``accepts_bodies_up_to``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Request, current_app
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property


def _without_nul(values: Any) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(
        [(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in values.items(multi=True)]
    )


F = TypeVar("F", bound=Callable[..., Any])


def accepts_bodies_up_to(size: int) -> Callable[[F], F]:
    """Let one view take a request body larger than MAX_CONTENT_LENGTH (a file upload)."""

    def mark(view: F) -> F:
        view.max_content_length = size  # type: ignore[attr-defined]
        return view

    return mark


class PortalRequest(Request):
    @property
    def max_content_length(self) -> int | None:
        # Read from the matched view, not set by a hook: the CSRF check reads the form in an earlier hook.
        if self._max_content_length is None and current_app and self.endpoint:
            view = current_app.view_functions.get(self.endpoint)
            if getattr(view, "max_content_length", None) is not None:
                return int(view.max_content_length)  # type: ignore[union-attr]
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    @cached_property
    def args(self) -> ImmutableMultiDict[str, str]:  # type: ignore[override]
        return _without_nul(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _without_nul(self.__dict__["form"])
