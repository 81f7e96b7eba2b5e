"""Where the Feed sends messages: Redis pub/sub when configured, else nowhere (ticks)."""

from __future__ import annotations

import logging

import msgspec
import redis

from oms.hub import channel
from projections.feed import Message, Publish

log = logging.getLogger("oms.publish")
encoder = msgspec.json.Encoder(decimal_format="string")


def redis_publisher(url: str, dbname: str) -> Publish:
    client = redis.Redis.from_url(url)
    name = channel(dbname)

    def publish(batch: list[Message]) -> None:
        """A batch is one pub/sub message (a JSON array): hubs parse one reply, not hundreds."""
        try:
            client.publish(name, encoder.encode(batch))
        except redis.RedisError:  # hubs fill the gap from the event store on their next tick
            log.warning("could not publish up to position %s to redis", batch[-1]["position"], exc_info=True)

    return publish


def nowhere(batch: list[Message]) -> None:
    """No Redis and no local hub (`oms project` alone): API processes tick."""
