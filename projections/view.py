"""The view-writing contract every read model follows.

A read model is a `Projection` (its `process_event` handlers, one per event class it
shows) and a `View` subclass that owns its tables (`tables`, the main one first, keyed
by `key`; `columns` that `update` may set). Handlers write only through the view:
- `insert(table, **row)` buffers a row; rows of one table go as one statement;
- `update(key, values, increments, returning=...)` sets columns of the main table's
  row and adds to its counters; an update that only adds (and stamps version and
  time) is summed per row and sent with the batch;
- `add(table, key, amounts)` adds to columns of a counter table's row (created at 0):
  totals that lists and reports read instead of counting rows (`count` adds to `n`);
- `cursor()` gives the batch's cursor for anything else. What is buffered goes
  first, so the database always sees the events' order.
The runner hands the view a batch of events inside one transaction (`apply`) and
records the tracking position in it, so a crash replays nothing twice and skips nothing.

Two promises hold for whatever is in the event store:
- text reaches PostgreSQL in a form it accepts: NUL becomes U+FFFD and a lone
  surrogate "?" (`PgText`); nothing else about a string changes;
- an event the view cannot apply (its handler or its SQL fails) is set aside with
  its position and the error (`set_aside_events`) and every other event of the batch
  is still applied (`apply_each`, used when a whole batch failed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar
from uuid import UUID

import psycopg
from eventsourcing.persistence import Notification, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic
from psycopg import Cursor

from oms.names import APPLICATION
from projections.statements import STAMP, PgText, PgTextBinary, Statements

SetAside = Callable[[Cursor[Any], str, int, str, BaseException], None]
TRANSIENT = (psycopg.OperationalError, psycopg.InterfaceError)  # the connection, not the event: retry


class View(Statements, PostgresTrackingRecorder):
    """A read model's writer. It is handed events a batch at a time, inside a transaction
    (`begin` .. `end`), and writes in as few statements as the batch allows: inserts are
    buffered and sent together, and updates that only add to counters (stock, reserved)
    are summed per row, so a hundred orders for one product make one UPDATE. Any other
    statement first sends what is buffered, so the database sees the events' order.

    `tables` names the read tables it owns (the first is its main table). A rebuild
    writes the same rows into shadow tables named with `suffix`."""

    columns: ClassVar[frozenset[str]]
    # The batch's stored rows as the runner read them: (the first position it asked for, rows).
    stored: tuple[int, Sequence[Notification]] = (0, ())

    # -- the batch ------------------------------------------------------------------
    def begin(self, curs: Cursor[Any]) -> None:
        self.curs = curs
        curs.adapters.register_dumper(str, PgText)
        curs.adapters.register_dumper(str, PgTextBinary)
        self.inserts: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        self.sums: dict[Any, dict[str, Any]] = {}
        self.added: dict[tuple[str, tuple[str, ...], tuple[str, ...]], dict[tuple[Any, ...], list[Any]]] = {}

    def end(self, position: int) -> None:
        """Send what is buffered and record `position`, in the batch's transaction."""
        assert self.curs is not None
        self.flush()
        self._insert_tracking(self.curs, Tracking(APPLICATION, position))
        self.curs = None

    def process_batch(self, projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
                      set_aside: SetAside) -> None:
        """Apply (event, position) pairs in order and record the last, in a transaction of its
        own; if that fails, again event by event, setting aside those that fail."""
        try:
            with self.datastore.transaction(commit=True) as curs:
                self.apply(curs, projection, pairs, pairs[-1][1])
        except TRANSIENT:
            raise
        except Exception:  # noqa: BLE001 - some event of the batch cannot be applied
            with self.datastore.transaction(commit=True) as curs:
                self.apply_each(curs, projection, pairs, pairs[-1][1], set_aside)

    def apply(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
              position: int) -> None:
        """Apply the pairs in order and record `position` (the batch may end with events
        this view does not handle)."""
        self.begin(curs)
        for event, at in pairs:
            projection.process_event(event, Tracking(APPLICATION, at))
        self.end(position)

    def apply_each(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
                   position: int, set_aside: SetAside) -> None:
        """`apply`, one event at a time, each in a savepoint: an event that fails is
        rolled back alone and set aside, and the others are applied."""
        self.begin(curs)
        for event, at in pairs:
            try:
                with curs.connection.transaction():
                    projection.process_event(event, Tracking(APPLICATION, at))
                    self.flush()
            except TRANSIENT:
                raise
            except Exception as exc:  # noqa: BLE001 - whatever the handler raised: set aside, go on
                self.begin(curs)  # drop what the failed event buffered
                set_aside(curs, projection.name, at, get_topic(type(event)), exc)
        self.end(position)

    # -- writing ----------------------------------------------------------------------
    def cursor(self) -> Cursor[Any]:
        """The batch's cursor, for a statement of the view's own; what is buffered goes first."""
        assert self.curs is not None, "views write inside a batch"
        self.flush()
        return self.curs

    def insert(self, table: str | None = None, **values: Any) -> None:
        """Buffer a row (rows of one table and shape go in one statement). Scalar columns
        only: the rows travel as one array per column."""
        self.inserts.setdefault((table or self.table, tuple(values)), []).append(tuple(values.values()))

    def update(self, key: Any, values: Mapping[str, Any], increments: Mapping[str, Any] | None = None,
               returning: tuple[str, ...] = (), table: str | None = None) -> dict[str, Any] | None:
        """Set `values` and add `increments` on the row `key` of the main table (or of
        `table`: sent at once); unknown columns are ignored. With `returning`, the update
        is sent at once and answers those columns of the row."""
        if STAMP.issuperset(values) and not returning and table is None:
            summed = self.sums.setdefault(key, {})
            summed.update(values)
            for column, amount in (increments or {}).items():
                summed[column] = summed.get(column, 0) + amount
            return None
        setting = [c for c in values if c in self.columns]
        params = {"_key": key, **{c: values[c] for c in setting}, **(increments or {})}
        done = self.cursor().execute(self.update_statement(setting, list(increments or {}), returning, table), params)
        return done.fetchone() if returning else None

    def count(self, table: str, key: Mapping[str, Any], amount: int = 1) -> None:
        """Add `amount` to column `n` of the row `key` of a counter table."""
        self.add(table, key, {"n": amount})

    def add(self, table: str, key: Mapping[str, Any], amounts: Mapping[str, Any]) -> None:
        """Add `amounts` to columns of the row `key` (its primary key) of a counter table,
        creating it at 0; sent with the batch, one upsert per table and shape."""
        rows = self.added.setdefault((table, tuple(key), tuple(amounts)), {})
        values = tuple(key.values())
        if values in rows:
            rows[values] = [a + b for a, b in zip(rows[values], amounts.values(), strict=True)]
        else:
            rows[values] = list(amounts.values())

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
        added, self.added = self.added, {}
        for (table, names, measures), amounts in added.items():
            rows = [(*values, *sums) for values, sums in amounts.items() if any(sums)]
            if rows:
                self.curs.execute(self.add_statement(table, names, measures),
                                  list(map(list, zip(*rows, strict=True))))






def stamp(event: Any) -> dict[str, Any]:
    """The version and time every row takes from the event that last changed it."""
    return {"version": event.originator_version, "updated_at": event.timestamp}


ID_COLUMNS = ("vendor_id", "user_id")  # ids the events carry as text, uuid columns in the tables


def row_values(fields: dict[str, Any]) -> dict[str, Any]:
    """An event's fields as a row takes them: ids carried as text become uuids."""
    return {k: UUID(v) if k in ID_COLUMNS and v is not None else v for k, v in fields.items()}
