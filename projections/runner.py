"""The one place that knows the eventsourcing projection machinery (Projection,
PostgresTrackingRecorder, the notification log).

One `Runner` thread follows the event store for every read model: it reads each batch
of notifications once, decodes only the events some projection handles, and applies
the batch to every view in one transaction, each view with its tracking record, so a
crash replays nothing twice and skips nothing. Then it hands the batch to the live
`Feed`, whose messages therefore always describe committed read tables.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Protocol

import psycopg
from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.projection import Projection
from eventsourcing.utils import Environment, get_topic
from psycopg import Cursor, sql
from psycopg.conninfo import make_conninfo

from oms.store import OMS

APPLICATION = "OMS"
CHANNEL = "oms_events"  # the library NOTIFYs it on every save
BATCH = 500
IDLE_WAIT = 0.5
STAMP = frozenset({"version", "updated_at"})


class View(PostgresTrackingRecorder):
    """A read model's writer. It is handed events a batch at a time, inside a transaction
    (`begin` .. `end`), and writes in as few statements as the batch allows: inserts are
    buffered and sent together, and updates that only add to counters (stock, reserved)
    are summed per row, so a hundred orders for one product make one UPDATE. Any other
    statement first sends what is buffered, so the database sees the events' order.

    `tables` names the read tables it owns (the first is its main table). A rebuild
    writes the same rows into shadow tables named with `suffix`."""

    tables: ClassVar[tuple[str, ...]]
    key: ClassVar[str] = "id"
    columns: ClassVar[frozenset[str]]
    suffix: str = ""
    curs: Cursor[Any] | None = None

    @property
    def table(self) -> str:
        return self.tables[0]

    def t(self, table: str | None = None) -> sql.Identifier:
        """The identifier of a read table (the shadow table while rebuilding)."""
        return sql.Identifier((table or self.table) + self.suffix)

    # -- the batch ------------------------------------------------------------------
    def begin(self, curs: Cursor[Any]) -> None:
        self.curs = curs
        self.inserts: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        self.sums: dict[Any, dict[str, Any]] = {}

    def end(self, position: int) -> None:
        """Send what is buffered and record `position`, in the batch's transaction."""
        assert self.curs is not None
        self.flush()
        self._insert_tracking(self.curs, Tracking(APPLICATION, position))
        self.curs = None

    def process_batch(self, projection: Projection[Any], pairs: Sequence[tuple[Any, int]]) -> None:
        """Apply (event, position) pairs in order and record the last, in a transaction of its own."""
        with self.datastore.transaction(commit=True) as curs:
            self.apply(curs, projection, pairs, pairs[-1][1])

    def apply(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
              position: int) -> None:
        """Apply the pairs in order and record `position` (the batch may end with events
        this view does not handle)."""
        self.begin(curs)
        for event, at in pairs:
            projection.process_event(event, Tracking(APPLICATION, at))
        self.end(position)

    # -- writing ----------------------------------------------------------------------
    def cursor(self) -> Cursor[Any]:
        """The batch's cursor, for a statement of the view's own; what is buffered goes first."""
        assert self.curs is not None, "views write inside a batch"
        self.flush()
        return self.curs

    def statement(self, key: tuple[Any, ...], build: Callable[[], sql.Composable]) -> str:
        """Compose each statement shape once: composing SQL costs more than running it."""
        cache: dict[tuple[Any, ...], str] = self.__dict__.setdefault("_statements", {})
        if key not in cache:
            assert self.curs is not None
            cache[key] = build().as_string(self.curs)
        return cache[key]

    def insert(self, table: str | None = None, **values: Any) -> None:
        """Buffer a row (rows of one table and shape go in one statement). Scalar columns
        only: the rows travel as one array per column."""
        self.inserts.setdefault((table or self.table, tuple(values)), []).append(tuple(values.values()))

    def update(self, key: Any, values: Mapping[str, Any], increments: Mapping[str, int] | None = None) -> None:
        """Set `values` and add `increments` on the row `key`; unknown columns are ignored."""
        if STAMP.issuperset(values):
            summed = self.sums.setdefault(key, {})
            summed.update(values)
            for column, amount in (increments or {}).items():
                summed[column] = summed.get(column, 0) + amount
            return
        setting = [c for c in values if c in self.columns]
        self.cursor().execute(self.update_statement(setting, list(increments or {})),
                              {"_key": key, **{c: values[c] for c in setting}, **(increments or {})})

    def update_statement(self, setting: list[str], adding: list[str]) -> str:
        def build() -> sql.Composable:
            sets = [sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in setting]
            sets += [sql.SQL("{0} = {0} + {1}").format(sql.Identifier(c), sql.Placeholder(c)) for c in adding]
            return sql.SQL("UPDATE {} SET {} WHERE {} = %(_key)s").format(
                self.t(), sql.SQL(", ").join(sets), sql.Identifier(self.key))

        return self.statement(("update", self.suffix, *setting, "+", *adding), build)

    def flush(self) -> None:
        """Inserts first (a row is inserted before anything adds to it), then the sums.
        Each goes as one statement over arrays (`unnest`), whatever the number of rows:
        per-row statements cost the projector more than everything else it does."""
        assert self.curs is not None
        inserts, self.inserts = self.inserts, {}
        for (table, names), rows in inserts.items():
            self.curs.execute(self.insert_statement(table, names), list(map(list, zip(*rows, strict=True))))
        sums, self.sums = self.sums, {}
        shapes: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for key, summed in sums.items():
            shapes.setdefault(tuple(summed), []).append((key, *summed.values()))
        for shape, updates in shapes.items():
            self.curs.execute(self.sums_statement(shape), list(map(list, zip(*updates, strict=True))))

    def arrays(self, table: str, names: Sequence[str]) -> sql.Composable:
        """`unnest(%s::type[], ...)` for these columns of `table`, typed from the catalog."""
        types: dict[str, dict[str, str]] = self.__dict__.setdefault("_types", {})
        if table not in types:
            assert self.curs is not None
            self.curs.execute("SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute"
                              " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (table,))
            types[table] = {row["attname"]: row["type"] for row in self.curs.fetchall()}
        return sql.SQL("unnest({})").format(sql.SQL(", ").join(
            sql.SQL("%b::{}[]").format(sql.SQL(types[table][name])) for name in names))

    def insert_statement(self, table: str, names: tuple[str, ...]) -> str:
        return self.statement(("insert", table, self.suffix, *names), lambda: sql.SQL(
            "INSERT INTO {} ({}) SELECT * FROM {} ON CONFLICT DO NOTHING").format(
            self.t(table), sql.SQL(", ").join(map(sql.Identifier, names)), self.arrays(table, names)))

    def sums_statement(self, shape: tuple[str, ...]) -> str:
        def build() -> sql.Composable:
            sets = [sql.SQL("{0} = d.{0}").format(sql.Identifier(c)) if c in STAMP
                    else sql.SQL("{0} = t.{0} + d.{0}").format(sql.Identifier(c)) for c in shape]
            return sql.SQL("UPDATE {} AS t SET {} FROM {} AS d({}) WHERE t.{} = d.{}").format(
                self.t(), sql.SQL(", ").join(sets), self.arrays(self.table, (self.key, *shape)),
                sql.SQL(", ").join(map(sql.Identifier, (self.key, *shape))),
                sql.Identifier(self.key), sql.Identifier(self.key))

        return self.statement(("sums", self.suffix, *shape), build)


def stamp(event: Any) -> dict[str, Any]:
    """The version and time every row takes from the event that last changed it."""
    return {"version": event.originator_version, "updated_at": event.timestamp}


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

    def prepare(self, curs: Cursor[Any], pairs: Sequence[tuple[Any, int]]) -> Any:
        """Inside the batch's transaction, after the views wrote."""

    def send(self, prepared: Any, position: int) -> None:
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
        notifications = self.store.recorder.select_notifications(start=self.position + 1, limit=BATCH)
        if not notifications:
            return 0
        last = notifications[-1].id
        pairs = [(self.store.mapper.to_domain_event(n), n.id) for n in notifications if n.topic in self.topics]
        prepared = None
        with self.datastore.transaction(commit=True) as curs:
            for projection, view, done in zip(self.projections, self.views, self.positions, strict=True):
                if done < last:
                    view.apply(curs, projection, [(e, p) for e, p in pairs if p > done], last)
            if self.live is not None and self.live_position is not None and self.live_position < last:
                prepared = self.live.prepare(curs, [(e, p) for e, p in pairs if p > self.live_position])
        self.positions = [max(p, last) for p in self.positions]
        if self.live is not None and prepared is not None:
            self.live.send(prepared, last)
            self.live_position = last
        return len(notifications)

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
