"""Events a read model cannot apply are set aside, never allowed to stop the others.

An event that cannot be decoded, or whose handler or SQL fails, is recorded in
`set_aside_events` (in the batch's transaction, beside the tracking position) and
logged; every later event is still applied. /readyz and /metrics show them; once the
cause is fixed, `oms projections rebuild NAME` applies them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from eventsourcing.persistence import Notification
from psycopg import Cursor

from oms.store import OMS

log = logging.getLogger("oms.projections")
UNREADABLE = "decode"  # the projection name recorded for an event that could not be decoded
Unreadable = tuple[int, str, BaseException]


def set_aside(curs: Cursor[Any], projection: str, position: int, topic: str, error: BaseException) -> None:
    log.error("%s set aside the event at position %d (%s): %r", projection, position, topic, error)
    curs.execute(
        "INSERT INTO set_aside_events (projection, position, topic, error) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, set_aside_at = now()",
        (projection, position, topic, repr(error)[:2000]))


def decode(store: OMS, notifications: Iterable[Notification], topics: set[str] | None = None,
           ) -> tuple[list[tuple[Any, int]], list[Unreadable]]:
    """(event, position) pairs for the notifications of these topics (all when None),
    and those that could not be decoded."""
    pairs: list[tuple[Any, int]] = []
    unreadable: list[Unreadable] = []
    for n in notifications:
        if topics is None or n.topic in topics:
            try:
                pairs.append((store.mapper.to_domain_event(n), n.id))
            except Exception as exc:  # noqa: BLE001 - a stored event this code cannot read
                unreadable.append((n.id, n.topic, exc))
    return pairs, unreadable


def record_unreadable(curs: Cursor[Any], unreadable: Sequence[Unreadable]) -> None:
    for position, topic, error in unreadable:
        set_aside(curs, UNREADABLE, position, topic, error)
