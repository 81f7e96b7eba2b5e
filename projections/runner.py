"""The one place that knows the eventsourcing projection machinery.

Each projection's view writes its rows and its tracking position in one
transaction (`View.write`), so a crash replays nothing twice and skips nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import Projection, ProjectionRunner
from eventsourcing.utils import Environment
from psycopg import Cursor, sql

from oms.store import OMS


class View(PostgresTrackingRecorder):
    """A read model's writer: rows and tracking record committed together.

    `tables` names the read tables it owns (the first is its main table). A rebuild
    writes the same rows into shadow tables named with `suffix`."""

    tables: ClassVar[tuple[str, ...]]
    key: ClassVar[str] = "id"
    columns: ClassVar[frozenset[str]]
    suffix: str = ""

    @property
    def table(self) -> str:
        return self.tables[0]

    def t(self, table: str | None = None) -> sql.Identifier:
        """The identifier of a read table (the shadow table while rebuilding)."""
        return sql.Identifier((table or self.table) + self.suffix)

    @contextmanager
    def write(self, tracking: Tracking) -> Iterator[Cursor[Any]]:
        with self.datastore.transaction(commit=True) as curs:
            yield curs
            self._insert_tracking(curs, tracking)

    def track(self, tracking: Tracking) -> None:
        with self.write(tracking):
            pass

    def insert(self, tracking: Tracking, **values: Any) -> None:
        with self.write(tracking) as curs:
            self.insert_row(curs, self.table, values)

    def insert_row(self, curs: Cursor[Any], table: str, values: Mapping[str, Any]) -> None:
        statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
            self.t(table), sql.SQL(", ").join(sql.Identifier(c) for c in values),
            sql.SQL(", ").join(sql.Placeholder(c) for c in values),
        )
        curs.execute(statement, values)

    def update(self, tracking: Tracking, key: Any, values: Mapping[str, Any],
               increments: Mapping[str, int] | None = None) -> None:
        """Set `values` and add `increments` on the row `key`; unknown columns are ignored."""
        sets, params = [], {"_key": key}
        for column, value in values.items():
            if column in self.columns:
                sets.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
                params[column] = value
        for column, delta in (increments or {}).items():
            sets.append(sql.SQL("{0} = {0} + {1}").format(sql.Identifier(column), sql.Placeholder(column)))
            params[column] = delta
        statement = sql.SQL("UPDATE {} SET {} WHERE {} = %(_key)s").format(
            self.t(), sql.SQL(", ").join(sets), sql.Identifier(self.key),
        )
        with self.write(tracking) as curs:
            curs.execute(statement, params)


def stamp(event: Any) -> dict[str, Any]:
    """The version and time every row takes from the event that last changed it."""
    return {"version": event.originator_version, "updated_at": event.timestamp}


def tracking_table(projection: type[Projection[Any]]) -> str:
    return f"{projection.name.lower()}_tracking"


def create_tables(projection: type[Projection[Any]], view: type[View], env: dict[str, str]) -> None:
    """Create the view's tracking table, so readers can ask its position before it first runs."""
    factory = InfrastructureFactory[View].construct(env=Environment(projection.name, {**env, "CREATE_TABLE": "y"}))
    factory.tracking_recorder(view).datastore.close()


def start(projection: type[Projection[Any]], view: type[View], env: dict[str, str]) -> ProjectionRunner[Any, Any]:
    runner = ProjectionRunner(application_class=OMS, projection_class=projection, view_class=view, env=env)
    return runner.__enter__()


def stop(runner: ProjectionRunner[Any, Any]) -> None:
    """Stop, join the threads, close the runner's application and the view's pool."""
    try:
        runner.__exit__(None, None, None)
    finally:
        runner.view.datastore.close()
