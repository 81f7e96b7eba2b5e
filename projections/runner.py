"""The one place that knows the eventsourcing projection machinery (Projection,
PostgresTrackingRecorder, the notification log).

Each projection's view writes its rows and its tracking position in one
transaction (`View.write`), so a crash replays nothing twice and skips nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

import psycopg
from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import Projection
from eventsourcing.utils import Environment
from psycopg import Cursor, sql
from psycopg.conninfo import make_conninfo

from oms.store import OMS

APPLICATION = "OMS"
CHANNEL = "oms_events"  # the library NOTIFYs it on every save
BATCH = 500
IDLE_WAIT = 0.5


class View(PostgresTrackingRecorder):
    """A read model's writer: rows and tracking record committed together.

    `tables` names the read tables it owns (the first is its main table). A rebuild
    writes the same rows into shadow tables named with `suffix`. The runner hands a
    view events in batches: one transaction for the batch's rows and its last position."""

    tables: ClassVar[tuple[str, ...]]
    key: ClassVar[str] = "id"
    columns: ClassVar[frozenset[str]]
    suffix: str = ""
    batch: Cursor[Any] | None = None

    @property
    def table(self) -> str:
        return self.tables[0]

    def t(self, table: str | None = None) -> sql.Identifier:
        """The identifier of a read table (the shadow table while rebuilding)."""
        return sql.Identifier((table or self.table) + self.suffix)

    @contextmanager
    def write(self, tracking: Tracking) -> Iterator[Cursor[Any]]:
        if self.batch is not None:  # inside process_batch: its transaction, its tracking
            yield self.batch
            return
        with self.datastore.transaction(commit=True) as curs:
            yield curs
            self._insert_tracking(curs, tracking)

    def process_batch(self, projection: Projection[Any], pairs: Sequence[tuple[Any, int]]) -> None:
        """Apply events in order and record the last position, in one transaction."""
        with self.datastore.transaction(commit=True) as curs:
            self.batch = curs
            try:
                for event, position in pairs:
                    projection.process_event(event, Tracking(APPLICATION, position))
            finally:
                self.batch = None
            self._insert_tracking(curs, Tracking(APPLICATION, pairs[-1][1]))

    def track(self, tracking: Tracking) -> None:
        with self.write(tracking):
            pass

    def insert(self, tracking: Tracking, **values: Any) -> None:
        with self.write(tracking) as curs:
            self.insert_row(curs, self.table, values)

    def statement(self, curs: Cursor[Any], key: tuple[Any, ...], build: Callable[[], sql.Composable]) -> str:
        """Compose each statement shape once: composing SQL costs more than running it."""
        cache: dict[tuple[Any, ...], str] = self.__dict__.setdefault("_statements", {})
        if key not in cache:
            cache[key] = build().as_string(curs)
        return cache[key]

    def insert_row(self, curs: Cursor[Any], table: str, values: Mapping[str, Any]) -> None:
        statement = self.statement(curs, ("insert", table, self.suffix, *values), lambda: sql.SQL(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
            self.t(table), sql.SQL(", ").join(sql.Identifier(c) for c in values),
            sql.SQL(", ").join(sql.Placeholder(c) for c in values),
        ))
        curs.execute(statement, values)

    def update(self, tracking: Tracking, key: Any, values: Mapping[str, Any],
               increments: Mapping[str, int] | None = None) -> None:
        """Set `values` and add `increments` on the row `key`; unknown columns are ignored."""
        setting = [c for c in values if c in self.columns]
        adding = list(increments or {})
        params = {"_key": key, **{c: values[c] for c in setting}, **(increments or {})}

        def build() -> sql.Composable:
            sets = [sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in setting]
            sets += [sql.SQL("{0} = {0} + {1}").format(sql.Identifier(c), sql.Placeholder(c)) for c in adding]
            return sql.SQL("UPDATE {} SET {} WHERE {} = %(_key)s").format(
                self.t(), sql.SQL(", ").join(sets), sql.Identifier(self.key))

        with self.write(tracking) as curs:
            curs.execute(self.statement(curs, ("update", self.suffix, *setting, "+", *adding), build), params)


def stamp(event: Any) -> dict[str, Any]:
    """The version and time every row takes from the event that last changed it."""
    return {"version": event.originator_version, "updated_at": event.timestamp}


def tracking_table(projection: type[Projection[Any]]) -> str:
    return f"{projection.name.lower()}_tracking"


def create_tables(projection: type[Projection[Any]], view: type[View], env: dict[str, str]) -> None:
    """Create the view's tracking table, so readers can ask its position before it first runs."""
    factory = InfrastructureFactory[View].construct(env=Environment(projection.name, {**env, "CREATE_TABLE": "y"}))
    factory.tracking_recorder(view).datastore.close()


class Runner:
    """Follows the event store and feeds one projection in batches, in its own thread.

    It reads committed notifications after its tracked position (the store commits
    positions in order, so none is skipped), applies up to BATCH of them in one
    transaction with the new position, and sleeps on LISTEN when there is nothing new.
    """

    def __init__(self, projection: type[Projection[Any]], view: type[View], env: dict[str, str]) -> None:
        factory = InfrastructureFactory[View].construct(env=Environment(projection.name, env))
        self.view = factory.tracking_recorder(view)
        self.projection = projection(view=self.view)
        self.store = OMS(env=env)
        self.conninfo = make_conninfo(host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
                                      dbname=env["POSTGRES_DBNAME"], user=env["POSTGRES_USER"],
                                      password=env["POSTGRES_PASSWORD"])
        self.position = self.view.max_tracking_id(APPLICATION) or 0
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name=f"projector-{projection.name}", daemon=True)
        self.thread.start()

    def run(self) -> None:
        try:
            with psycopg.connect(self.conninfo, autocommit=True) as listen:
                listen.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
                while not self.stopping.is_set():
                    if not self.step():
                        for _ in listen.notifies(timeout=IDLE_WAIT, stop_after=1):
                            pass
        except BaseException as exc:  # noqa: BLE001 - reported to the supervisor, which restarts us
            self.error = exc
        finally:
            self.stopped.set()

    def step(self) -> int:
        """Apply the next batch; answer how many events it had."""
        notifications = self.store.recorder.select_notifications(start=self.position + 1, limit=BATCH)
        if not notifications:
            return 0
        pairs = [(self.store.mapper.to_domain_event(n), n.id) for n in notifications]
        process = getattr(self.projection, "process_batch", None)
        if process is not None:
            process(pairs)
        else:
            self.view.process_batch(self.projection, pairs)
        self.position = notifications[-1].id
        return len(pairs)

    def stop(self) -> None:
        self.stopping.set()
        self.wake()
        self.thread.join(timeout=30)
        self.store.close()
        self.view.datastore.close()

    def wake(self) -> None:
        """Interrupt the LISTEN wait (of every runner on this database)."""
        with contextlib.suppress(psycopg.Error), psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("NOTIFY {}").format(sql.Identifier(CHANNEL)))


def start(projection: type[Projection[Any]], view: type[View], env: dict[str, str]) -> Runner:
    return Runner(projection, view, env)


def stop(runner: Runner) -> None:
    runner.stop()
