"""The one place that knows the eventsourcing projection machinery.

Each projection's view writes its rows and its tracking position in one
transaction (`write`), so a crash replays nothing twice and skips nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import Projection, ProjectionRunner
from eventsourcing.utils import Environment
from psycopg import Cursor

from oms.store import OMS


class View(PostgresTrackingRecorder):
    """A read model's writer: SQL statements and the tracking record, committed together."""

    @contextmanager
    def write(self, tracking: Tracking) -> Iterator[Cursor[Any]]:
        with self.datastore.transaction(commit=True) as curs:
            yield curs
            self._insert_tracking(curs, tracking)


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
