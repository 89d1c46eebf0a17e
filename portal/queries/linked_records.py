"""The records that created or belong to a case (a school leaver, an abroad record, a referral, an EHE notice).

Each area registers a provider with ``@linked_record_provider`` in a module listed in PROVIDER_MODULES, so the
case page shows every linked record without the officers' code knowing every table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LinkedRecord:
    kind: str  # e.g. "School leaver", "Public referral"
    title: str  # e.g. the record's reference
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value) for a GOV.UK summary list
    url: str | None = None  # a page with the whole record, if there is one


Provider = Callable[[Any], list[LinkedRecord]]

PROVIDER_MODULES: list[str] = ["portal.queries.notices", "portal.queries.school_linked_records"]

_PROVIDERS: list[Provider] = []


def linked_record_provider(provider: Provider) -> Provider:
    _PROVIDERS.append(provider)
    return provider


def linked_records(case: Any) -> list[LinkedRecord]:
    for module in PROVIDER_MODULES:
        importlib.import_module(module)
    records: list[LinkedRecord] = []
    for provider in _PROVIDERS:
        records.extend(provider(case))
    return records
