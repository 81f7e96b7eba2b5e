"""Rebuild read tables from the events while the system keeps serving.

The projection replays every event into shadow tables (`<table>__rebuild`) with a
tracking record of its own. Then, in one short transaction holding the live tables'
locks, the shadow catches up to the live position and its rows replace the live rows.
A live projector blocked meanwhile finds its next write already done, fails that
transaction whole (rows and tracking are one) and is restarted by its supervisor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import psycopg
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.projection import Projection
from eventsourcing.utils import Environment
from psycopg import sql
from tqdm import tqdm

from oms.names import APPLICATION
from oms.store import OMS
from projections.runner import tracking_table
from projections.set_aside import decode, set_aside
from projections.view import View

SUFFIX = "__rebuild"
BATCH = 500
Progress = Callable[[int], None]


def shadow_view(projection: type[Projection[Any]], view_class: type[View], env: dict[str, str]) -> View:
    name = projection.name + "Rebuild"
    factory = InfrastructureFactory[View].construct(env=Environment(name, {**env, "CREATE_TABLE": "y"}))
    view = factory.tracking_recorder(view_class)
    view.suffix = SUFFIX
    with view.datastore.transaction(commit=True) as curs:
        for table in view_class.tables:
            curs.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table + SUFFIX)))
            curs.execute(sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL)").format(
                sql.Identifier(table + SUFFIX), sql.Identifier(table)))
        curs.execute(sql.SQL("DELETE FROM {} WHERE application_name = %s").format(
            sql.Identifier(view.tracking_table_name)), (APPLICATION,))
    return view


def replay(store: OMS, projection: Projection[Any], start: int, stop: int, progress: Progress | None = None) -> int:
    """Feed events start..stop (inclusive) to the projection; answer the last position seen."""
    last = start - 1
    while last < stop:
        notifications = store.recorder.select_notifications(start=last + 1, limit=BATCH, stop=stop)
        if not notifications:
            break
        pairs, _ = decode(store, notifications)  # the live runner records those it cannot read
        if pairs:
            projection.view.process_batch(projection, pairs, set_aside)
        if progress:
            progress(notifications[-1].id - last)
        last = notifications[-1].id
    return max(last, stop)


def head(store: OMS) -> int:
    return store.recorder.max_notification_id() or 0


def live_position(view: View, table: str) -> int:
    with view.datastore.transaction(commit=False) as curs:
        curs.execute(sql.SQL("SELECT notification_id FROM {} WHERE application_name = %s").format(
            sql.Identifier(table)), (APPLICATION,))
        row = curs.fetchone()
    return int(row["notification_id"]) if row else 0


def swap(store: OMS, projection: Projection[Any], view: View, built: int, wait: float = 10.0) -> None:
    """Replace the live rows by the shadow rows, at one consistent position."""
    live_tracking = tracking_table(type(projection))
    deadline = time.monotonic() + wait
    while live_position(view, live_tracking) < built and time.monotonic() < deadline:
        time.sleep(0.05)  # let a running projector reach the rebuilt position first
    with view.datastore.get_connection() as conn, conn.transaction():
        for table in view.tables:
            conn.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(sql.Identifier(table)))
        conn.execute(sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(sql.Identifier(live_tracking)))
        row = conn.execute(sql.SQL("SELECT notification_id FROM {} WHERE application_name = %s").format(
            sql.Identifier(live_tracking)), (APPLICATION,)).fetchone()
        live = int(row["notification_id"]) if row else 0
        position = replay(store, projection, built + 1, live) if live > built else built
        for table in view.tables:
            columns = sql.SQL(", ").join(map(sql.Identifier, stored_columns(conn, table)))
            conn.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(table)))
            conn.execute(sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
                sql.Identifier(table), columns, columns, sql.Identifier(table + SUFFIX)))
            conn.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(table + SUFFIX)))
        conn.execute(sql.SQL(
            "INSERT INTO {0} (application_name, notification_id) VALUES (%s, %s)"
            " ON CONFLICT (application_name) DO UPDATE SET notification_id = excluded.notification_id"
        ).format(sql.Identifier(live_tracking)), (APPLICATION, position))


def stored_columns(conn: psycopg.Connection[Any], table: str) -> list[str]:
    """A table's columns but the generated ones (PostgreSQL computes those itself)."""
    rows = conn.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
                        " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum", (table,)).fetchall()
    return [row["attname"] for row in rows]


def rebuild(store: OMS, env: dict[str, str], projection_class: type[Projection[Any]], view_class: type[View],
            *, replace: bool = True, show_progress: bool = True) -> int:
    """Rebuild one read model; with replace=False leave the shadow tables for comparison."""
    view = shadow_view(projection_class, view_class, env)
    try:
        projection = projection_class(view=view)
        target = head(store)
        with tqdm(total=target, desc=projection_class.name, unit="ev", disable=not show_progress) as bar:
            built = replay(store, projection, 1, target, bar.update)
        if replace:
            swap(store, projection, view, built)
        return built
    finally:
        view.datastore.close()
