"""Login attempts per account and per IP (moving window), in Redis when configured."""

from __future__ import annotations

import time

from limits import parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string


class LoginLimiter:
    def __init__(self, limit: str, redis_url: str | None = None) -> None:
        self.item = parse(limit)
        uri = redis_url.replace("redis://", "async+redis://", 1) if redis_url else "async+memory://"
        options = {"implementation": "redispy"} if redis_url else {}
        self.limiter = MovingWindowRateLimiter(storage_from_string(uri, **options))

    async def hit(self, *keys: str) -> int:
        """Count one attempt against every key; 0 if allowed, else seconds until one is allowed."""
        wait = 0
        for key in keys:
            if not await self.limiter.hit(self.item, "login", key):
                reset, _ = await self.limiter.get_window_stats(self.item, "login", key)
                wait = max(wait, int(reset - time.time()) + 1)
        return wait
