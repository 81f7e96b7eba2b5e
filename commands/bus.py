"""Runs commands on one writer thread, deciding many per transaction (group commit).

Handlers are written as if alone: load aggregates, let them decide, `saved(app, ...)`.
The writer gives each handler a `Batch` in place of the application: loads see the
batch's own uncommitted changes (so two orders for one product in a batch see each
other's reservations), each handler works on copies (a refused command leaves no
trace), and the whole batch is written with one `app.save(...)`: one transaction,
one table lock, instead of one per command.

If that save meets a version conflict (another process wrote one of the aggregates),
nothing was written: the cache is dropped and each command runs again on its own,
on fresh state, a bounded number of times.
"""

from __future__ import annotations

import asyncio
import queue
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError, OperationalError

from commands.idempotent import REQUEST_KEY, Key, committed, marker
from commands.load import Aggregates
from oms.database import unreachable
from oms.domain.errors import ConcurrentUpdate
from oms.store import OMS

T = TypeVar("T")
P = ParamSpec("P")
MAX_BATCH = 200
SYNC_TIMEOUT = 120.0  # seconds a CLI or test caller waits before giving up


class Written(Generic[T]):
    """A handler's answer: its value and the store position of its last event."""

    __slots__ = ("events", "marker", "position", "value")

    def __init__(self, value: T, position: int | None, events: tuple[tuple[UUID, int], ...] = ()) -> None:
        self.value = value
        self.position = position
        self.events = events  # (aggregate id, version) written, when the position comes later
        self.marker: bytes | None = None  # under an Idempotency-Key: what `commands.idempotent` keeps


def saved(app: Aggregates, value: T, *aggregates: Any) -> Written[T]:
    """Save the aggregates (alone, or staged in the writer's batch)."""
    if isinstance(app, Batch):
        return Written(value, None, app.save(*aggregates))
    recordings = app.save(*aggregates)
    return Written(value, recordings[-1].notification.id if recordings else None)


class Batch:
    """Stands in for the application while the writer decides a batch of commands."""

    def __init__(self, app: OMS) -> None:
        self.app = app
        self.staged: dict[UUID, Any] = {}
        self.repository = self  # handlers call app.repository.get(...)

    def get(self, aggregate_id: UUID, **_: Any) -> Any:
        if aggregate_id in self.staged:
            return deepcopy(self.staged[aggregate_id])
        return self.app.repository.get(aggregate_id)

    def save(self, *aggregates: Any) -> tuple[tuple[UUID, int], ...]:
        """Stage the aggregates for the batch's one save; answer the events staged."""
        events = []
        for aggregate in aggregates:
            pending = aggregate._pending_events
            events += [(e.originator_id, e.originator_version) for e in pending]
            if pending or aggregate.id in self.staged:
                self.staged[aggregate.id] = aggregate
        return tuple(events)


Decision = Callable[["Batch"], "Written[Any]"]  # a command with its arguments, to decide on a batch
Job = tuple[Decision, "Future[Any]", Key | None]


@dataclass
class Stats:
    """What the writer has done (for /metrics); written by the writer thread only."""

    batches: int = 0  # transactions the writer committed for batches
    batched_commands: int = 0  # commands those batches decided (the mean batch size: / batches)
    conflicts: int = 0  # batches refused by the store (another process wrote first): decided again alone
    retries: int = 0  # commands decided again after a conflict
    gave_up: int = 0  # commands answered 409 concurrent_update after every retry


class CommandBus:
    def __init__(self, app: OMS, retries: int = 30) -> None:
        self.app = app
        self.retries = retries
        self.stats = Stats()
        self.jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self.writer = threading.Thread(target=self.write_forever, name="command-writer", daemon=True)
        self.writer.start()

    async def run(self, handler: Callable[Concatenate[Aggregates, P], Written[T]], *args: P.args,
                  **kwargs: P.kwargs) -> Written[T]:
        """Run the command; under a request's Idempotency-Key (`REQUEST_KEY`, taken by the
        request's first command) it is done at most once, whatever crashed before."""
        future: Future[Written[T]] = Future()
        key = REQUEST_KEY.get()
        REQUEST_KEY.set(None)
        self.jobs.put((lambda batch: handler(batch, *args, **kwargs), future, key))
        return await asyncio.wrap_future(future)

    def run_sync(self, handler: Callable[Concatenate[Aggregates, P], Written[T]], *args: P.args,
                 **kwargs: P.kwargs) -> Written[T]:
        future: Future[Written[T]] = Future()
        self.jobs.put((lambda batch: handler(batch, *args, **kwargs), future, None))
        return future.result(timeout=SYNC_TIMEOUT)

    def close(self) -> None:
        self.jobs.put(None)
        self.writer.join(timeout=30)

    # -- the writer thread ------------------------------------------------------------
    def write_forever(self) -> None:
        while True:
            first = self.jobs.get()
            if first is None:
                return
            jobs = [first]
            while len(jobs) < MAX_BATCH:
                try:
                    job = self.jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self.jobs.put(None)
                    break
                jobs.append(job)
            self.write_batch(jobs)

    def write_batch(self, jobs: list[Job]) -> None:
        batch = Batch(self.app)
        decided: list[tuple[Job, Written[Any]]] = []
        for job in jobs:
            try:
                written = self.decide(batch, job)
            except Exception as exc:  # noqa: BLE001 - the command's own answer (a domain error, a bad id)
                job[1].set_exception(exc)
                continue
            if written.position is not None or not written.events:
                job[1].set_result(written)  # done before, or nothing to write
            else:
                decided.append((job, written))
        if not decided:
            return
        try:
            self.commit(batch, decided)
        except (IntegrityError, OperationalError) as exc:
            self.app.drop_cache()  # someone else wrote: decide each again, alone (unless the database is gone)
            if unreachable(exc):
                for (_, future, _), _ in decided:
                    future.set_exception(exc)
                return
            self.stats.conflicts += 1
            for job, _ in decided:
                self.settle(job)
            return
        except Exception as exc:  # noqa: BLE001 - e.g. the database is gone: every caller hears it
            self.app.drop_cache()
            for (_, future, _), _ in decided:
                future.set_exception(exc)
            return
        self.stats.batches += 1
        self.stats.batched_commands += len(decided)
        for (_, future, _), written in decided:
            future.set_result(written)

    def decide(self, batch: Batch, job: Job, earlier: bool = False) -> Written[Any]:
        """The job's decision staged in `batch`; a write already committed under its key
        is answered as it was (its position set), without deciding again."""
        decision, _, key = job
        if key is not None and (key.earlier or earlier):
            done = committed(self.app, key)
            if done is not None:
                return Written(done[0], done[1])
        written: Written[Any] = decision(batch)
        if key is not None:
            written.marker = marker(written.value, written.events)
        return written

    def commit(self, batch: Batch, decided: list[tuple[Job, Written[Any]]]) -> None:
        """One transaction for the batch's aggregates and the markers of its keyed writes;
        each write's position is then the store position of its last event."""
        markers = [(key.principal, key.key, written.marker) for (_, _, key), written in decided
                   if key is not None and written.marker is not None]
        recordings = self.app.save(*batch.staged.values(), idempotent=markers)
        positions = {(r.domain_event.originator_id, r.domain_event.originator_version): r.notification.id
                     for r in recordings}
        for _, written in decided:
            ids = [positions[event] for event in written.events if event in positions]
            written.position = max(ids) if ids else None

    def settle(self, job: Job) -> None:
        try:
            job[1].set_result(self.alone(job))
        except Exception as exc:  # noqa: BLE001 - the command's own answer
            job[1].set_exception(exc)

    def alone(self, job: Job) -> Written[Any]:
        """One command, its own transaction, re-decided on fresh state after a conflict
        (and, under a key, first looked for: the conflict may have been its own marker)."""
        for attempt in range(self.retries):
            batch = Batch(self.app)
            try:
                written = self.decide(batch, job, earlier=True)
                if written.position is None and written.events:
                    self.commit(batch, [(job, written)])
                return written
            except (IntegrityError, OperationalError) as exc:
                self.app.drop_cache()
                if unreachable(exc):
                    raise  # not a conflict: deciding again will not help (the API answers 503)
                self.stats.retries += 1
                time.sleep(random.uniform(0, min(0.002 * 2**attempt, 0.05)))
        self.stats.gave_up += 1
        raise ConcurrentUpdate("too many concurrent updates, please retry", attempts=self.retries)
