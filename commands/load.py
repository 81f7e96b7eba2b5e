"""Loading aggregates for a decision: unknown ids and wrong types are NotFound."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from oms.history import typed
from oms.store import OMS

A = TypeVar("A")


def load(app: OMS, cls: type[A], aggregate_id: UUID, what: str) -> A:
    return typed(lambda: app.repository.get(aggregate_id), cls, aggregate_id, what)


def find(app: OMS, aggregate_id: UUID) -> object | None:
    try:
        return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None


def find_or_new(app: OMS, cls: type[A], aggregate_id: UUID, new: Callable[[], A]) -> A:
    """The aggregate if it exists (one per system, like a sequence), else a new one."""
    existing = find(app, aggregate_id)
    return existing if isinstance(existing, cls) else new()
