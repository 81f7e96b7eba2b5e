"""What every read shares: `?min_position=` read-your-writes and `?version=`/`?as_of=` time travel."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, TypeVar
from uuid import UUID

import msgspec
from aiohttp import web

from oms.history import state_at
from oms.http.keys import POOL, READ_MODELS, STORE
from queries.positions import wait_for

A = TypeVar("A")
Position = Annotated[int, msgspec.Meta(ge=0)]


class Fresh(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    min_position: Position | None = None


class ReadAt(Fresh, frozen=True, forbid_unknown_fields=True):
    version: Annotated[int, msgspec.Meta(ge=1)] | None = None
    as_of: datetime | None = None


async def caught_up(request: web.Request, min_position: int | None) -> None:
    if min_position:
        await wait_for(request.app[POOL], request.app[READ_MODELS], min_position)


async def aggregate_at(request: web.Request, cls: type[A], aggregate_id: UUID, what: str, at: ReadAt) -> A:
    return await asyncio.to_thread(
        state_at, request.app[STORE], cls, aggregate_id, what, at.version, at.as_of
    )


