"""Runs command handlers off the event loop and retries them on version conflicts.

A handler loads aggregates, lets them decide, and saves every changed aggregate
with one `app.save(...)` (one transaction). If another writer saved first, the
store raises IntegrityError and nothing was written: the handler runs again on
fresh state, a bounded number of times.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from eventsourcing.persistence import IntegrityError, OperationalError

from oms.domain.errors import ConcurrentUpdate
from oms.store import OMS

T = TypeVar("T")


class Written(Generic[T]):
    """A handler's answer: its value and the store position of the last event written."""

    __slots__ = ("position", "value")

    def __init__(self, value: T, position: int | None) -> None:
        self.value = value
        self.position = position


def saved(app: OMS, value: T, *aggregates: Any) -> Written[T]:
    recordings = app.save(*aggregates)
    position = recordings[-1].notification.id if recordings else None
    return Written(value, position)


class CommandBus:
    def __init__(self, app: OMS, workers: int = 4, retries: int = 30) -> None:
        self.app = app
        self.retries = retries
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="command")

    async def run(self, handler: Callable[..., Written[T]], *args: Any) -> Written[T]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self.run_sync, handler, *args)

    def run_sync(self, handler: Callable[..., Written[T]], *args: Any) -> Written[T]:
        for attempt in range(self.retries):
            try:
                return handler(self.app, *args)
            except (IntegrityError, OperationalError):
                # Someone else saved first (or held the lock too long): back off, decide again.
                time.sleep(random.uniform(0, min(0.002 * 2**attempt, 0.05)))
        raise ConcurrentUpdate("too many concurrent updates, please retry", attempts=self.retries)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
