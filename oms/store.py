"""Event-store wiring: the eventsourcing Application on PostgreSQL (psycopg)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from uuid import UUID

import eventsourcing.domain as library
from eventsourcing.application import Application, LRUCache, ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Mapper, Recording, StoredEvent, Transcoder, Transcoding
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import get_topic
from psycopg import Cursor
from psycopg.sql import SQL, Identifier

from oms.config import Config
from oms.database import Database
from oms.domain.order import Order
from oms.names import APPLICATION
from oms.personal import Keys, MemoryKeys, PersonalMapper
from oms.transcoder import FastTranscoder


class Recorder(PostgresApplicationRecorder):
    """The library's recorder (table lock, NOTIFY, same table and rows), but it sends a
    batch's events as four binary arrays instead of one array of a composite type:
    psycopg quotes composites in Python, which cost ~8 ms per 200 events, against
    under 1 ms in binary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.insert_events_statement = SQL(
            "INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state)"
            " SELECT * FROM unnest(%b::uuid[], %b::int8[], %b::text[], %b::bytea[])"
            " RETURNING notification_id"
        ).format(schema=Identifier(self.datastore.schema), table=Identifier(self.events_table_name))

    def _insert_events(self, curs: Cursor[Any], stored_events: Sequence[StoredEvent],
                       idempotent: Sequence[tuple[str, str, bytes]] = (), **_: Any) -> None:
        """In the events' own transaction: the markers of the writes done under an
        Idempotency-Key (`commands.idempotent`); a key marked twice fails the whole save."""
        if idempotent:
            curs.execute("INSERT INTO idempotent_writes (principal, key, written)"
                         " SELECT * FROM unnest(%s::text[], %s::text[], %s::bytea[])",
                         ([p for p, _, _ in idempotent], [k for _, k, _ in idempotent],
                          [w for _, _, w in idempotent]))

    def _insert_stored_events(self, curs: Cursor[Any], stored_events: Sequence[StoredEvent], **_: Any) -> None:
        self._lock_table(curs)
        self._notify_channel(curs)
        curs.execute(self.insert_events_statement, (
            [e.originator_id for e in stored_events], [e.originator_version for e in stored_events],
            [e.topic for e in stored_events], [e.state for e in stored_events],
        ))


class DateAsISO(Transcoding):
    """A calendar day in an event (an expense's date), stored as 2026-11-24."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class AggregateCache(LRUCache[UUID, Any]):
    """The library's LRU cache, for the aggregates many commands touch: products, the order
    numbers, users. Orders are many and rarely touched after placement; caching them
    filled the heap, and the garbage collector's full passes over it (50-100 ms each,
    several a minute under load) became the tail of every request's latency."""

    def put(self, key: UUID, value: Any) -> Any:
        if isinstance(value, Order):
            return None
        return super().put(key, value)


class OMS(Application[UUID]):
    """The one event-sourced application. Its name fixes the table `oms_events`: never rename it."""

    name = APPLICATION

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drop_cache()
        assert isinstance(self.mapper, PersonalMapper)
        datastore = getattr(self.recorder, "datastore", None)  # none in memory (POPO: unit tests)
        self.mapper.keys = Keys(datastore) if datastore else MemoryKeys()

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=PersonalMapper)

    def construct_transcoder(self) -> Transcoder:
        transcoder = FastTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def save(self, *aggregates: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """The library's save for aggregates only: it skips two runtime Protocol checks per
        object (slow on Python 3.11), which cost more than the rest for a batch of orders.
        `idempotent=` markers are written in the same transaction (`Recorder`)."""
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        processing.saved_kwargs.update(kwargs)
        for aggregate in aggregates:
            if isinstance(aggregate, Aggregate):
                processing.events.extend(aggregate.collect_events())
                processing.aggregates[aggregate.id] = aggregate
            else:
                processing.collect_events(aggregate)
        recordings = self._record(processing)
        self._notify(recordings)
        return recordings

    def drop_cache(self) -> None:
        """Forget every cached aggregate (after a version conflict: another process wrote).
        A new cache, since the library's LRUCache.clear() leaves its entries behind."""
        cache = self.repository.cache
        if isinstance(cache, LRUCache):
            self.repository.cache = AggregateCache(maxsize=cache.maxsize)


POOL_WAIT_SECONDS = 1


def store_env(db: Database, config: Config, create: bool = False) -> dict[str, str]:
    """`create` only in `prepare`, under its lock: processes starting together would race
    on CREATE TABLE IF NOT EXISTS ("tuple concurrently updated")."""
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": db.dbname,
        "POSTGRES_HOST": db.host,
        "POSTGRES_PORT": str(db.port),
        "POSTGRES_USER": db.user,
        "POSTGRES_PASSWORD": db.password,
        "POSTGRES_LOCK_TIMEOUT": str(config.lock_timeout_seconds),
        "POSTGRES_POOL_SIZE": "2",
        # Waiting for a pooled connection: past this the database is taken as gone (503).
        "POSTGRES_CONNECT_TIMEOUT": str(POOL_WAIT_SECONDS),
        "CREATE_TABLE": "y" if create else "n",
        "APPLICATION_RECORDER_TOPIC": get_topic(Recorder),
        "AGGREGATE_CACHE_MAXSIZE": "100000",
        # Commands trust the cache: a stale aggregate fails its save (version conflict),
        # and the command bus then drops the cache and decides again on fresh state.
        "AGGREGATE_CACHE_FASTFORWARD": "n",
    }


def open_store(db: Database, config: Config, create: bool = False) -> OMS:
    return OMS(env=store_env(db, config, create))


def projector_env(db: Database, config: Config) -> dict[str, str]:
    """Projectors write one transaction at a time: two connections each are plenty."""
    return {**store_env(db, config), "POSTGRES_POOL_SIZE": "1", "POSTGRES_MAX_OVERFLOW": "1"}


@contextmanager
def clock_at(now: list[datetime]) -> Iterator[None]:
    """Events created inside are stamped `now[0]`, which the caller moves: the demo's and
    the bench's past (every thread's events: run nothing else meanwhile)."""
    real = library.datetime_now_with_tzinfo
    library.datetime_now_with_tzinfo = lambda: now[0]
    try:
        yield
    finally:
        library.datetime_now_with_tzinfo = real
