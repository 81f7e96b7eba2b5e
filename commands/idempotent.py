"""A write done under an Idempotency-Key leaves a marker in the same transaction as its
events (`idempotent_writes`), naming the aggregates it answered with and the events it
wrote. The marker, not a claim a process left behind, says whether the write happened:
a request resent after a crash finds it and answers the committed write again, rebuilt
from the store at the versions it had; without it the write never happened and runs now.
Two attempts that both decide write two markers for one key: the second transaction is
refused by the key's primary key, and the second attempt finds the first one's marker.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import Aggregate
from psycopg import sql

from oms.store import OMS


@dataclass(frozen=True)
class Key:
    """The request's key as the writer sees it; `earlier` when another attempt may have written."""

    principal: str
    key: str
    earlier: bool


REQUEST_KEY: ContextVar[Key | None] = ContextVar("request_key", default=None)


class Marker(msgspec.Struct, array_like=True):
    value: list[tuple[UUID, int]]  # the aggregates answered, at their versions
    several: bool  # the value was a tuple of them
    events: list[tuple[UUID, int]]  # every event written: the answer's position is the last of them


def marker(value: Any, events: tuple[tuple[UUID, int], ...]) -> bytes | None:
    """The marker of a write, or None when it wrote nothing (running it again changes nothing)."""
    if not events:
        return None
    several = isinstance(value, tuple)
    parts = value if several else (value,)
    if not all(isinstance(part, Aggregate) for part in parts):
        raise TypeError(f"an idempotent write answers with aggregates, not {type(value).__name__}")
    return msgspec.json.encode(Marker([(p.id, p.version) for p in parts], several, list(events)))


def committed(app: OMS, key: Key) -> tuple[Any, int] | None:
    """The value and position of the write committed under `key`, or None."""
    with app.recorder.datastore.get_connection() as conn, conn.cursor() as curs:  # type: ignore[attr-defined]
        curs.execute("SELECT written FROM idempotent_writes WHERE principal = %s AND key = %s",
                     (key.principal, key.key))
        row = curs.fetchone()
        if row is None:
            return None
        mark = msgspec.json.decode(row["written"], type=Marker)
        curs.execute(sql.SQL("SELECT max(notification_id) AS position FROM {} e"
                             " JOIN unnest(%s::uuid[], %s::int8[]) w (id, version)"
                             " ON e.originator_id = w.id AND e.originator_version = w.version").format(
                         sql.Identifier(app.recorder.events_table_name)),  # type: ignore[attr-defined]
                     ([i for i, _ in mark.events], [v for _, v in mark.events]))
        position = curs.fetchone()["position"]
    parts: tuple[Any, ...] = tuple(app.repository.get(i, version=v) for i, v in mark.value)
    return (parts if mark.several else parts[0]), position
