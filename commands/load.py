"""Loading aggregates for a decision: unknown ids and wrong types are NotFound."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from oms.domain.errors import NotFound
from oms.store import OMS

A = TypeVar("A")


def load(app: OMS, cls: type[A], aggregate_id: UUID, what: str) -> A:
    try:
        aggregate: object = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        raise NotFound(f"{what} not found", id=str(aggregate_id)) from None
    if not isinstance(aggregate, cls):
        raise NotFound(f"{what} not found", id=str(aggregate_id))
    return aggregate


def find(app: OMS, aggregate_id: UUID) -> object | None:
    try:
        return app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None
