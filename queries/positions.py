"""Read-your-writes: wait until every read model has caught up to a store position."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import asyncpg

from oms.names import APPLICATION, EVENTS_TABLE

POLL_SECONDS = 0.01


def positions_sql(tables: Sequence[str]) -> str:
    """SQL for the lowest position that every given tracking table records (0 before any)."""
    selects = " UNION ALL ".join(
        f"SELECT coalesce((SELECT notification_id FROM \"{t}\" WHERE application_name = '{APPLICATION}'), 0) AS n"
        for t in tables
    )
    return f"SELECT min(n) AS n FROM ({selects}) AS positions"


async def head(pool: asyncpg.Pool) -> int:
    """The newest position in the event store (0 when empty)."""
    return int(await pool.fetchval(f"SELECT coalesce(max(notification_id), 0) FROM {EVENTS_TABLE}"))


async def projected(pool: asyncpg.Pool, tables: Sequence[str]) -> int:
    """The lowest position that every projection has processed (0 before any)."""
    return int(await pool.fetchval(positions_sql(tables))) if tables else 0


async def each_projected(pool: asyncpg.Pool, tables: list[str]) -> dict[str, int]:
    """Each tracking table's position (the read model's name is its table's, less `_tracking`)."""
    row = await pool.fetchrow("SELECT " + ", ".join(
        f"coalesce((SELECT notification_id FROM \"{t}\" WHERE application_name = '{APPLICATION}'), 0)"
        for t in tables)) if tables else None
    return dict(zip(tables, (int(n) for n in row), strict=True)) if row else {}


async def wait_for(pool: asyncpg.Pool, tables: list[str], position: int, timeout: float = 5.0) -> bool:
    """True once all read models reached `position`; False when the bounded wait ran out."""
    deadline = time.monotonic() + timeout
    while True:
        if await projected(pool, tables) >= position:
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)


async def progress(pool: asyncpg.Pool, tables: list[str], latest: int = 20) -> dict[str, Any]:
    """How far the read models are: the store's head, the position all reached, the lag,
    how many events they set aside, and the `latest` of those."""
    newest, position = await head(pool), await projected(pool, tables)
    total = int(await pool.fetchval("SELECT count(*) FROM set_aside_events"))
    rows = await pool.fetch("SELECT projection, position, topic, error, set_aside_at FROM set_aside_events"
                            " ORDER BY position DESC, projection LIMIT $1", latest) if total and latest else []
    return {"head": newest, "projected": position, "lag": newest - position, "set_aside": total,
            "set_aside_latest": [dict(row) for row in rows]}
