"""Request rate limits: per signed-in user, and per client address for anonymous
requests (sliding window counters; in Redis when configured, so every API process
counts together). Over the limit: 429 `rate_limited` with `Retry-After`.

Health, readiness and metrics are not counted. Behind a load balancer every client
has the balancer's address: set the anonymous limit for that (or let the balancer
limit per client).
"""

from __future__ import annotations

import math
import time

from aiohttp import web
from limits import RateLimitItem, parse
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string

from oms.http.errors import ApiError
from oms.http.middlewares import Handler
from oms.http.permissions import PRINCIPAL

UNCOUNTED = frozenset({"/healthz", "/readyz", "/metrics", "/api/v1/healthz", "/api/v1/readyz"})


class RateLimits:
    def __init__(self, anonymous: str, user: str, redis_url: str | None = None) -> None:
        self.anonymous, self.user = parse(anonymous), parse(user)
        uri = redis_url.replace("redis://", "async+redis://", 1) if redis_url else "async+memory://"
        options = {"implementation": "redispy"} if redis_url else {}
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(uri, **options))

    async def wait(self, item: RateLimitItem, who: str) -> int:
        """Count one request for `who`: 0 if allowed, else seconds until one is."""
        if await self.limiter.hit(item, "requests", who):
            return 0
        reset, _ = await self.limiter.get_window_stats(item, "requests", who)
        return max(1, math.ceil(reset - time.time()))


RATE_LIMITS = web.AppKey("rate_limits", RateLimits)


@web.middleware
async def rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """After `authorize`: the principal, if any, is known."""
    if request.path in UNCOUNTED or not request.path.startswith("/api/"):  # the web app's files are not counted
        return await handler(request)
    limits, principal = request.app[RATE_LIMITS], request.get(PRINCIPAL)
    item, who = ((limits.user, f"user:{principal.user_id}") if principal
                 else (limits.anonymous, f"ip:{request.remote}"))
    wait = await limits.wait(item, who)
    if wait:
        raise ApiError(429, "rate_limited", f"too many requests: at most {item}", headers={"Retry-After": str(wait)},
                       retry_after=wait)
    return await handler(request)
