"""The request class: NUL characters are taken out of every query-string and form value on arrival.

PostgreSQL cannot store a NUL in text, and no person types one: removing it at the door keeps every form, search
and filter safe on both stores instead of guarding each query.
"""

from __future__ import annotations

from typing import Any

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property


def _without_nul(values: Any) -> ImmutableMultiDict[str, str]:
    return ImmutableMultiDict(
        [(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in values.items(multi=True)]
    )


class PortalRequest(Request):
    @cached_property
    def args(self) -> ImmutableMultiDict[str, str]:  # type: ignore[override]
        return _without_nul(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _without_nul(self.__dict__["form"])
