"""The scheduled sweep: escalates what has become due. Run daily by cron: ``flask --app wsgi sweep``.

Each area of the portal registers its tasks with ``@sweep_task`` in a module listed in SWEEP_MODULES. Every task
must be idempotent: a second run on the same day changes nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

SweepTask = Callable[[date], list[str]]

# Modules whose import registers sweep tasks.
SWEEP_MODULES: list[str] = [
    "portal.services.retention",
    "portal.services.email",
    "portal.services.public_referrals",
    "portal.services.case_sweep",
    "portal.services.school_sweep",
    "portal.services.sessions",
    "portal.services.planner_statistics",
]

_TASKS: dict[str, SweepTask] = {}


def sweep_task(name: str) -> Callable[[SweepTask], SweepTask]:
    def register(task: SweepTask) -> SweepTask:
        _TASKS[name] = task
        return task

    return register


def registered_tasks() -> dict[str, SweepTask]:
    for module in SWEEP_MODULES:
        importlib.import_module(module)
    return dict(_TASKS)


def run_sweep(today: date) -> list[str]:
    """Run every task; returns one line per change made (empty when there was nothing to do)."""
    lines: list[str] = []
    for name, task in registered_tasks().items():
        lines.extend(f"{name}: {line}" for line in task(today))
    return lines
