"""Where the Feed sends messages: Redis pub/sub when configured, else nowhere (ticks).
With Redis, the same round trip moves the read cache's `changed` positions (`oms.http.cache`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec
import redis

from oms.breaker import REDIS_OPTIONS
from oms.hub import channel
from projections.feed import Live, Message, Publish

log = logging.getLogger("oms.publish")
encoder = msgspec.json.Encoder(decimal_format="string")
# Live message types (projections.feed) and the cached namespace each one changes.
CHANGES = {Live.PRODUCT_CREATED: "catalog", Live.PRODUCT_UPDATED: "catalog", Live.PRODUCT_ARCHIVED: "catalog",
           Live.STOCK_CHANGED: "catalog", Live.SETTINGS_CHANGED: "store"}


def cache_prefix(dbname: str) -> str:
    """Where a database's keys live in Redis (several shops' databases may share one Redis)."""
    return f"oms:{dbname}"


def changed_key(prefix: str, namespace: str) -> str:
    return f"{prefix}:cache:{namespace}:changed"


def invalidations(prefix: str, messages: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The `changed` keys a batch of live messages moves, and to which position."""
    newest: dict[str, int] = {}
    for message in messages:
        namespace = CHANGES.get(message["type"])
        if namespace:
            key = changed_key(prefix, namespace)
            newest[key] = max(newest.get(key, 0), message["position"])
    return newest


def redis_publisher(url: str, dbname: str) -> Publish:
    client = redis.Redis.from_url(url, **REDIS_OPTIONS)
    name = channel(dbname)

    def publish(batch: list[Message]) -> None:
        """A batch is one pub/sub message (a JSON array): hubs parse one reply, not hundreds."""
        try:
            pipe = client.pipeline(transaction=False)
            for key, position in invalidations(cache_prefix(dbname), batch).items():
                pipe.set(key, position)
            pipe.publish(name, encoder.encode(batch))
            pipe.execute()
        except (redis.RedisError, OSError):  # hubs fill the gap from the event store on their next tick
            log.warning("could not publish up to position %s to redis", batch[-1]["position"], exc_info=True)

    return publish


def nowhere(batch: list[Message]) -> None:
    """No Redis and no local hub (`oms project` alone): API processes tick."""
