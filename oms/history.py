"""The event-store read path: an aggregate as it is now or as it was (a version, an
instant), its event history, a user by name. (Current state for lists and searches is
the other read path: read tables through `queries/`.) Routes use the `read_*`
coroutines, which run the synchronous library in a thread; commands use the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from oms.domain.claim import Claim, claim_id
from oms.domain.errors import NotFound
from oms.domain.user import User
from oms.store import OMS

A = TypeVar("A")
HIDDEN = ("originator_id", "originator_version", "originator_topic", "timestamp", "actor")


LATEST = 2**62  # a version beyond any: read the store itself, not the command cache


def typed(get: Callable[[], object], cls: type[A], aggregate_id: UUID, what: str) -> A:
    """The aggregate `get` returns if it is a `cls`; unknown ids and other types are NotFound."""
    try:
        aggregate = get()
    except AggregateNotFoundError:
        raise NotFound(f"{what} not found", id=str(aggregate_id)) from None
    if not isinstance(aggregate, cls):
        raise NotFound(f"{what} not found", id=str(aggregate_id))
    return aggregate


def current(app: OMS, aggregate_id: UUID) -> object:
    """The aggregate as stored now (the cache may lag writes made by other processes)."""
    return app.repository.get(aggregate_id, version=LATEST)


def state_at(
    app: OMS, cls: type[A], aggregate_id: UUID, what: str,
    version: int | None = None, as_of: datetime | None = None,
) -> A:
    """The aggregate as it was at `version`, or at time `as_of`, or now."""
    if as_of is not None:
        versions = [e.originator_version for e in events_of(app, aggregate_id) if e.timestamp <= as_of]
        if not versions:
            raise NotFound(f"{what} not found", id=str(aggregate_id))
        version = max(versions)
    aggregate = typed(lambda: app.repository.get(aggregate_id, version=version or LATEST), cls, aggregate_id, what)
    if version is not None and getattr(aggregate, "version", version) < version:
        raise NotFound(f"{what} has no version {version}", id=str(aggregate_id))
    return aggregate


def events_of(app: OMS, aggregate_id: UUID) -> list[Any]:
    return list(app.events.get(aggregate_id))


def event_type(event: object) -> str:
    """`Order.Placed` → `OrderPlaced`: the one name used in history, audit and websocket."""
    return type(event).__qualname__.replace(".", "")


def history(app: OMS, cls: type[Any], aggregate_id: UUID, what: str) -> list[dict[str, Any]]:
    events = events_of(app, aggregate_id)
    if not events or events[0].originator_topic.rsplit(":", 1)[-1] != cls.__qualname__:
        raise NotFound(f"{what} not found", id=str(aggregate_id))
    return [
        {
            "type": event_type(e),
            "at": e.timestamp,
            "actor": getattr(e, "actor", None),
            "version": e.originator_version,
            "data": {k: v for k, v in e.__dict__.items() if k not in HIDDEN},
        }
        for e in events
    ]


def user_by_name(app: OMS, username: str) -> User | None:
    """Consistent look-up through the username claim, read from the store itself
    (no read-model lag, no cache that another process's password change could outdate)."""
    try:
        name_claim = current(app, claim_id("username", username))
        if not isinstance(name_claim, Claim) or name_claim.owner_id is None:
            return None
        user = current(app, name_claim.owner_id)
    except AggregateNotFoundError:
        return None
    return user if isinstance(user, User) else None


async def read_state(app: OMS, cls: type[A], aggregate_id: UUID, what: str,
                     version: int | None = None, as_of: datetime | None = None) -> A:
    return await asyncio.to_thread(state_at, app, cls, aggregate_id, what, version, as_of)


async def read_current(app: OMS, aggregate_id: UUID) -> object:
    return await asyncio.to_thread(current, app, aggregate_id)


async def read_history(app: OMS, cls: type[Any], aggregate_id: UUID, what: str) -> list[dict[str, Any]]:
    return await asyncio.to_thread(history, app, cls, aggregate_id, what)


async def read_user_named(app: OMS, username: str) -> User | None:
    return await asyncio.to_thread(user_by_name, app, username)
