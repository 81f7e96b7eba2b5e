"""Hot public reads kept in Redis (when configured): the catalog (`GET /products`,
`/categories`) and the shop's public settings (`GET /store`), read by every shopper's
page and every till.

An entry is the answer's bytes with the store position its data reflects at least (taken
before reading). The projector, after committing a batch, records per namespace the
position of the newest change to it (`changed`, from the batch's live messages: see
`oms.publish`). An entry answers only if its position is at or past both that change and
the `min_position` the client asked for, so it is never older than a write the client
was told about, nor than a change the projector has applied; else the read goes to
PostgreSQL and the entry is replaced. Entries also expire (`TTL_SECONDS`), which bounds
what a missed invalidation (Redis down while the projector wrote) could serve.

Redis failing costs the cache, never the answer: reads then go to PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

import redis.asyncio as aioredis
from aiohttp import web
from prometheus_client import Counter
from redis.exceptions import RedisError

from oms.breaker import REDIS_OPTIONS, Breaker
from oms.http.codec import encoder
from oms.http.keys import POOL, READ_MODELS
from oms.http.metrics import REGISTRY
from oms.publish import changed_key
from queries.positions import projected

log = logging.getLogger("oms.cache")
TTL_SECONDS = 300
READS = Counter("oms_read_cache", "cached public reads, by namespace and result (hit, miss, error)",
                ["namespace", "result"], registry=REGISTRY)


class ReadCache:
    def __init__(self, url: str, prefix: str) -> None:
        self.redis: aioredis.Redis = aioredis.Redis.from_url(url, **REDIS_OPTIONS)  # replies as bytes
        self.prefix = prefix
        self.breaker = Breaker("read cache")

    async def read(self, namespace: str, variant: str, min_position: int | None,
                   basis: Callable[[], Awaitable[int]], compute: Callable[[], Awaitable[bytes]]) -> bytes:
        """The answer for `variant` (the query, and what the caller may see): from the entry
        if it is fresh enough, else computed (the position taken by `basis` first) and kept."""
        key = f"{self.prefix}:cache:{namespace}:{variant}"
        if not self.breaker.closed:
            READS.labels(namespace, "error").inc()
            return await compute()
        try:
            entry, changed = cast("list[bytes | None]", await self.redis.mget(key, changed_key(self.prefix, namespace)))
        except (RedisError, OSError) as exc:
            self.breaker.failed(exc)
            READS.labels(namespace, "error").inc()
            return await compute()
        if entry:
            kept_at, _, kept = entry.partition(b"|")
            if int(kept_at) >= max(int(changed or 0), min_position or 0):
                READS.labels(namespace, "hit").inc()
                return kept
        READS.labels(namespace, "miss").inc()
        at = await basis()
        body = await compute()
        try:
            await self.redis.set(key, str(at).encode() + b"|" + body, ex=TTL_SECONDS)
        except (RedisError, OSError) as exc:
            self.breaker.failed(exc)
        return body

    async def close(self) -> None:
        await self.redis.aclose()


READ_CACHE = web.AppKey("read_cache", ReadCache)


async def cached(request: web.Request, namespace: str, variant: str, min_position: int | None,
                 compute: Callable[[], Awaitable[Any]], basis: Callable[[], Awaitable[int]] | None = None
                 ) -> web.Response:
    """The JSON answer `compute` gives, through the cache when there is one. `basis`: the
    position the answer will reflect at least (default: what every read model reached)."""
    cache = request.app.get(READ_CACHE)

    async def encoded() -> bytes:
        return encoder.encode(await compute())

    async def projected_now() -> int:
        tables: list[str] = request.app[READ_MODELS]
        return await projected(request.app[POOL], tables)

    body = await (cache.read(namespace, variant, min_position, basis or projected_now, encoded) if cache
                  else encoded())
    return web.Response(body=body, content_type="application/json")
