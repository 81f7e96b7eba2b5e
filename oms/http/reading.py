"""What every read shares: `?min_position=` read-your-writes and `?version=`/`?as_of=` time travel."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

import msgspec
from aiohttp import web

from oms.domain.errors import NotFound
from oms.fields import Instant, Version
from oms.history import read_state
from oms.http.codec import ok
from oms.http.errors import ApiError
from oms.http.keys import POOL, READ_MODELS, STORE
from queries.paging import Fresh
from queries.positions import head, projected, wait_for

A = TypeVar("A")


class ReadAt(Fresh, frozen=True, forbid_unknown_fields=True):
    version: Version | None = None
    as_of: Instant | None = None


async def caught_up(request: web.Request, min_position: int | None) -> None:
    """Wait (bounded) until the read models reached `min_position`. A position no write
    has reached is a 400; read models still behind after the wait are a 503, never
    an answer that silently misses the caller's write."""
    if not min_position:
        return
    pool, tables = request.app[POOL], request.app[READ_MODELS]
    if await projected(pool, tables) >= min_position:
        return
    newest = await head(pool)
    if min_position > newest:
        raise ApiError(409, "position_not_reached", f"min_position {min_position} is beyond the newest position"
                       f" {newest}: no write has reached it", min_position=min_position, newest=newest)
    if await wait_for(pool, tables, min_position):
        return
    raise ApiError(503, "service_unavailable", "the read models have not caught up yet; retry",
                   headers={"Retry-After": "1"}, min_position=min_position)


def found(row: msgspec.Raw | None, what: str) -> web.Response:
    """The answer of a read of one object: it, or a 404 naming `what`."""
    if row is None:
        raise NotFound(f"{what} not found")
    return ok(row)


async def aggregate_at(request: web.Request, cls: type[A], aggregate_id: UUID, what: str, at: ReadAt) -> A:
    return await read_state(request.app[STORE], cls, aggregate_id, what, at.version, at.as_of)
