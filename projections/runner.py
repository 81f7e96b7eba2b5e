"""The one place that knows the eventsourcing projection machinery (Projection,
PostgresTrackingRecorder, the notification log).

One `Runner` thread follows the event store for every read model: it reads each batch
of notifications once, decodes only the events some projection handles, and applies
the batch to every view in one transaction, each view with its tracking record, so a
crash replays nothing twice and skips nothing. Then it hands the batch to the live
`Feed`, whose messages therefore always describe committed read tables.

A batch that fails for any reason but the connection is applied again event by event
(`View.apply_each`): the events that fail are set aside (`projections.set_aside`) and
every other one is applied, so no event in the store can stop the read models.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import psycopg
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.projection import Projection
from eventsourcing.utils import Environment, get_topic
from psycopg import Cursor, sql
from psycopg.conninfo import make_conninfo

from oms.names import APPLICATION, CHANNEL
from oms.store import OMS
from projections.set_aside import Unreadable, decode, record_unreadable, set_aside
from projections.view import TRANSIENT, View

log = logging.getLogger("oms.projections")
BATCH = 500
IDLE_WAIT = 0.5
Message = dict[str, Any]


def tracking_table(projection: type[Projection[Any]]) -> str:
    return f"{projection.name.lower()}_tracking"


def handled_topics(projection: type[Projection[Any]]) -> set[str]:
    """The topics of the event classes a projection has a handler for. Handlers are
    registered for concrete event classes: events of other classes are not even decoded."""
    registry = vars(projection)["process_event"].dispatcher.registry
    return {get_topic(cls) for cls in registry if cls is not object}


def create_tracking_table(name: str, env: dict[str, str]) -> None:
    """Create `<name>_tracking`, so readers can ask its position before it first runs."""
    env = {**env, "CREATE_TABLE": "y"}
    factory = InfrastructureFactory[PostgresTrackingRecorder].construct(env=Environment(name, env))
    factory.tracking_recorder(PostgresTrackingRecorder).datastore.close()


class Live(Protocol):
    """What follows the read models (the Feed): it sees each batch once the views wrote it."""

    topics: set[str]

    def position(self) -> int: ...

    def prepare(self, curs: Cursor[Any], pairs: Sequence[tuple[Any, int]]) -> list[Message]:
        """Inside the batch's transaction, after the views wrote."""

    def send(self, prepared: list[Message], position: int) -> None:
        """After the commit."""


class Runner:
    """Follows the event store and feeds every read model, then the live feed, in one thread.

    It reads committed notifications after the lowest tracked position (the store
    commits positions in order, so none is skipped), gives each view the events past
    its own position (after a crash or a rebuild they differ), applies up to BATCH in
    one transaction, and sleeps on LISTEN when there is nothing new.
    """

    def __init__(self, models: Sequence[tuple[type[Projection[Any]], type[View]]], env: dict[str, str],
                 live: Callable[[PostgresDatastore], Live] | None = None) -> None:
        self.datastore = InfrastructureFactory.construct(env=Environment("Projectors", env)).datastore  # type: ignore[attr-defined]
        self.views = [view(datastore=self.datastore, tracking_table_name=tracking_table(projection))
                      for projection, view in models]
        self.projections = [projection(view=view) for (projection, _), view in zip(models, self.views, strict=True)]
        self.positions = [view.max_tracking_id(APPLICATION) or 0 for view in self.views]
        self.live = live(self.datastore) if live else None
        self.topics = set().union(*(handled_topics(p) for p, _ in models), self.live.topics if self.live else ())
        self.live_position = self.live.position() if self.live else None
        self.store = OMS(env=env)
        self.conninfo = make_conninfo(host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
                                      dbname=env["POSTGRES_DBNAME"], user=env["POSTGRES_USER"],
                                      password=env["POSTGRES_PASSWORD"])
        self.stopping = threading.Event()
        self.stopped = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="projector", daemon=True)
        self.thread.start()

    @property
    def position(self) -> int:
        return min([*self.positions, *([self.live_position] if self.live_position is not None else [])])

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
        """Apply the next batch; answer how many notifications it had."""
        start = self.position + 1
        notifications = self.store.recorder.select_notifications(start=start, limit=BATCH)
        if not notifications:
            return 0
        for view in self.views:
            view.stored = (start, notifications)
        last = notifications[-1].id
        pairs, unreadable = decode(self.store, notifications, self.topics)
        try:
            prepared = self.write(pairs, unreadable, last, careful=False)
        except TRANSIENT:
            raise
        except Exception as exc:  # noqa: BLE001 - some event of the batch cannot be applied: find it
            log.warning("the batch up to position %d failed (%r); applying its events one by one", last, exc)
            prepared = self.write(pairs, unreadable, last, careful=True)
        self.positions = [max(p, last) for p in self.positions]
        if self.live is not None and prepared is not None:
            self.live.send(prepared, last)
            self.live_position = last
        return len(notifications)

    def write(self, pairs: list[tuple[Any, int]], unreadable: list[Unreadable], last: int, careful: bool,
              ) -> list[Message] | None:
        """Apply the batch to every view and prepare the live messages, in one transaction;
        `careful`: event by event, setting aside those that fail."""
        prepared = None
        with self.datastore.transaction(commit=True) as curs:
            record_unreadable(curs, unreadable)
            for projection, view, done in zip(self.projections, self.views, self.positions, strict=True):
                if done < last:
                    todo = [(e, p) for e, p in pairs if p > done]
                    if careful:
                        view.apply_each(curs, projection, todo, last, set_aside)
                    else:
                        view.apply(curs, projection, todo, last)
            if self.live is not None and self.live_position is not None and self.live_position < last:
                todo = [(e, p) for e, p in pairs if p > self.live_position]
                prepared = self.prepare_each(curs, todo) if careful else self.live.prepare(curs, todo)
        return prepared

    def prepare_each(self, curs: Cursor[Any], pairs: list[tuple[Any, int]]) -> list[Message]:
        assert self.live is not None
        prepared: list[Message] = []
        for event, position in pairs:
            try:
                with curs.connection.transaction():
                    prepared += self.live.prepare(curs, [(event, position)])
            except TRANSIENT:
                raise
            except Exception as exc:  # noqa: BLE001 - no message for this event; the others go out
                set_aside(curs, "Feed", position, type(event).__qualname__, exc)
        return prepared

    def stop(self) -> None:
        self.stopping.set()
        self.wake()
        self.thread.join(timeout=30)
        self.store.close()
        self.datastore.close()

    def wake(self) -> None:
        """Interrupt the LISTEN wait."""
        with contextlib.suppress(psycopg.Error), psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("NOTIFY {}").format(sql.Identifier(CHANNEL)))
