"""What a handler decides against (`Aggregates`), and loading aggregates from it: unknown
ids and wrong types are NotFound."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from oms.history import typed
from oms.store import OMS

A = TypeVar("A")


class Repository(Protocol):
    def get(self, aggregate_id: UUID) -> object: ...


class Aggregates(Protocol):
    """What a command handler is given: the application (`oms.store.OMS`), or the writer's
    `Batch` standing in for it, whose loads see the batch's own uncommitted changes.
    Handlers load through `repository` and write with `commands.bus.saved`."""

    @property
    def repository(self) -> Repository: ...

    def save(self, *aggregates: Any) -> Any: ...


def load(app: Aggregates, cls: type[A], aggregate_id: UUID, what: str) -> A:
    return typed(lambda: app.repository.get(aggregate_id), cls, aggregate_id, what)


def find(app: Aggregates | OMS, aggregate_id: UUID) -> object | None:
    """The aggregate, or None (handlers pass their Aggregates; readers may pass the store)."""
    try:
        return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None


def find_or_new(app: Aggregates, cls: type[A], aggregate_id: UUID, new: Callable[[], A]) -> A:
    """The aggregate if it exists (one per system, like a sequence), else a new one."""
    existing = find(app, aggregate_id)
    return existing if isinstance(existing, cls) else new()
