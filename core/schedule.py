"""The product's time-based jobs, run by one command: ``manage.py run_schedule``.

Each app declares its jobs in a ``schedule`` module (``projects/schedule.py``…) with the
``job`` decorator. A job receives the current time and returns how many things it did (e-mails
sent, records purged). Every job must be idempotent: it decides from the database what is due
at ``now``, so that running the command twice in a row does nothing the second time, and a
missed run is caught up by the next one. One cron line runs them all, e.g. every 15 minutes.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

JobFunction = Callable[[datetime.datetime], int]


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    run: JobFunction


_registry: dict[str, Job] = {}


def job(name: str, description: str) -> Callable[[JobFunction], JobFunction]:
    """Register ``function(now) -> int`` as the scheduled job ``name``."""

    def register(function: JobFunction) -> JobFunction:
        if name in _registry and _registry[name].run is not function:
            raise ValueError(f"A scheduled job named {name!r} already exists.")
        _registry[name] = Job(name=name, description=description, run=function)
        return function

    return register


def jobs() -> list[Job]:
    """Every registered job, in name order (apps' ``schedule`` modules imported first)."""
    autodiscover_modules("schedule")
    return sorted(_registry.values(), key=lambda item: item.name)
