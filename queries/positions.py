"""Read-your-writes: wait until every read model has caught up to a store position."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

import asyncpg

POLL_SECONDS = 0.01


def positions_sql(tables: Sequence[str]) -> str:
    """SQL for the lowest position that every given tracking table records (0 before any)."""
    selects = " UNION ALL ".join(
        f"SELECT coalesce((SELECT notification_id FROM \"{t}\" WHERE application_name = 'OMS'), 0) AS n"
        for t in tables
    )
    return f"SELECT min(n) AS n FROM ({selects}) AS positions"


async def caught_up(pool: asyncpg.Pool, tables: Sequence[str]) -> int:
    """The lowest position that every projection has processed (0 before any)."""
    return int(await pool.fetchval(positions_sql(tables))) if tables else 0


async def wait_for(pool: asyncpg.Pool, tables: list[str], position: int, timeout: float = 5.0) -> bool:
    """True once all read models reached `position`; False when the bounded wait ran out."""
    deadline = time.monotonic() + timeout
    while True:
        if await caught_up(pool, tables) >= position:
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)
