"""The live hub of one API process: receives Feed messages (Redis pub/sub, or in-process),
fills any gap from the event store, and fans out to its websocket clients.

Exactly once, in order: the hub keeps `delivered`, the last store position it has
passed on. A message at or below it is a duplicate. A message whose `prev` is above
it means something was missed (Redis drops messages when a subscriber lags or
reconnects): the hub reads the missing stretch from the event store first. A tick
compares `delivered` with the Feed's tracking position, so a dropped last message is
delivered too, and with no Redis at all the hub still works (by ticks alone).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg
import msgspec
import redis.asyncio as aioredis

from oms.store import OMS
from projections.feed import TRACKING, Message, messages
from queries.positions import projected

log = logging.getLogger("oms.hub")
OVERFLOW: Message = {"type": "overflow"}
CATCH_UP_LIMIT = 10_000
FEED = [TRACKING]


def channel(dbname: str) -> str:
    return f"oms:{dbname}:feed"


class Client:
    """One websocket: a bounded queue and the filter of what it may see."""

    def __init__(self, accepts: Callable[[Message], bool], size: int) -> None:
        self.accepts = accepts
        self.queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=size)

    def offer(self, message: Message) -> None:
        if not self.accepts(message):
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:  # a slow client is cut off, never slows the others
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(OVERFLOW)


class Hub:
    def __init__(self, store: OMS, pool: asyncpg.Pool, dbname: str, redis_url: str | None = None,
                 queue_size: int = 1000, tick: float = 0.5) -> None:
        self.store, self.pool, self.channel = store, pool, channel(dbname)
        self.redis_url, self.queue_size, self.tick = redis_url, queue_size, tick
        self.clients: set[Client] = set()
        self.inbox: asyncio.Queue[Message | None] = asyncio.Queue()
        self.delivered = 0
        self.tasks: list[asyncio.Task[None]] = []
        self.loop: asyncio.AbstractEventLoop | None = None

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.delivered = await projected(self.pool, FEED)
        self.tasks = [asyncio.create_task(self.run()), asyncio.create_task(self.ticker())]
        if self.redis_url:
            self.tasks.append(asyncio.create_task(self.listen()))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- input ------------------------------------------------------------------
    def publish_local(self, batch: list[Message]) -> None:
        """Called from the projector thread of this process."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.receive, batch)

    def receive(self, batch: list[Message]) -> None:
        for message in batch:
            self.inbox.put_nowait(message)

    async def listen(self) -> None:
        assert self.redis_url
        while True:
            try:
                client = aioredis.from_url(self.redis_url)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    await self.inbox.put(None)  # catch up on anything sent before we listened
                    async for item in pubsub.listen():
                        if item["type"] == "message":
                            self.receive(msgspec.json.decode(item["data"]))
            except (OSError, aioredis.RedisError):
                log.warning("redis subscription lost; ticks keep the feed going", exc_info=True)
                await asyncio.sleep(1)

    async def ticker(self) -> None:
        while True:
            await asyncio.sleep(self.tick)
            await self.inbox.put(None)

    # -- ordering and fan-out -----------------------------------------------------
    async def run(self) -> None:
        while True:
            message = await self.inbox.get()
            try:
                if message is None:
                    head = await projected(self.pool, FEED)
                    if head > self.delivered:
                        self.fan_out(await self.read(self.delivered, head), head)
                elif message["position"] > self.delivered:
                    if message.get("prev", 0) > self.delivered:
                        self.fan_out(await self.read(self.delivered, message["position"] - 1))
                    self.fan_out([message], message["position"])
            except Exception:
                log.exception("hub failed to deliver; the next tick retries")

    def fan_out(self, batch: list[Message], upto: int | None = None) -> None:
        for message in batch:
            if message["position"] > self.delivered:
                for client in list(self.clients):
                    client.offer(message)
                self.delivered = message["position"]
        if upto is not None:
            self.delivered = max(self.delivered, upto)

    async def read(self, after: int, upto: int) -> list[Message]:
        return await asyncio.to_thread(read_store, self.store, after, upto)

    # -- clients ----------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def connect(
        self, accepts: Callable[[Message], bool], after: int | None,
    ) -> AsyncIterator[tuple[Client, list[Message]]]:
        """Register a client and answer what it missed since `after` (read from the store).
        Everything queued for it later lies beyond that backlog: no gap, no duplicate."""
        client = Client(accepts, self.queue_size)
        self.clients.add(client)
        snapshot = self.delivered  # no await since registering: later messages are all beyond it
        try:
            backlog: list[Message] = []
            if after is not None and after < snapshot:
                if snapshot - after > CATCH_UP_LIMIT:
                    backlog = [{"type": "resync_required", "position": snapshot, "at": None, "data": {}}]
                else:
                    backlog = [m for m in await self.read(after, snapshot) if accepts(m)]
            yield client, backlog
        finally:
            self.clients.discard(client)


def read_store(store: OMS, after: int, upto: int, batch: int = 500) -> list[Message]:
    """Messages for store positions after..upto, read from the event store itself."""
    out: list[Message] = []
    start = after + 1
    while start <= upto:
        notifications = store.recorder.select_notifications(start=start, limit=batch, stop=upto)
        if not notifications:
            break
        pairs = [(store.mapper.to_domain_event(n), n.id) for n in notifications]
        with store.recorder.datastore.transaction(commit=False) as curs:  # type: ignore[attr-defined]
            out.extend(messages(pairs, curs))
        start = notifications[-1].id + 1
    return out


def wire(message: Message) -> dict[str, Any]:
    """What a websocket client receives."""
    return {k: message[k] for k in ("type", "position", "at", "data") if k in message}
