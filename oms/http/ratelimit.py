"""Request rate limits: per signed-in user, and per client address for anonymous
requests (sliding window counters). Over the limit: 429 `rate_limited` with `Retry-After`.

- Anonymous requests are counted in Redis when configured, so every API process
  counts together: that limit is strict (100 per 10 minutes) and guards sign-up and
  login pages against scripts.
- Signed-in users are counted in each process's memory: a Redis round trip per
  request cost ~0.3 ms (measured), a fifth of a core at a busy till's rates, for a
  limit (3000 a minute) that stops a runaway terminal rather than an attacker. With N
  API processes a user may make up to N times the limit.
- If Redis fails, requests are let through (and logged): a limit must not take the
  shop down.

Health, readiness and metrics are not counted. Behind a load balancer every client
has the balancer's address: set the anonymous limit for that (or let the balancer
limit per client).
"""

from __future__ import annotations

import logging
import math
import time

from aiohttp import web
from limits import RateLimitItem, parse
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string
from redis.exceptions import RedisError

from oms.http.errors import ApiError
from oms.http.middlewares import Handler
from oms.http.permissions import PRINCIPAL

log = logging.getLogger("oms.ratelimit")
WARN_EVERY_SECONDS = 10
UNCOUNTED = frozenset({"/healthz", "/readyz", "/metrics", "/api/v1/healthz", "/api/v1/readyz"})


class RateLimits:
    def __init__(self, anonymous: str, user: str, redis_url: str | None = None) -> None:
        self.anonymous, self.user = parse(anonymous), parse(user)
        uri = redis_url.replace("redis://", "async+redis://", 1) if redis_url else "async+memory://"
        options = {"implementation": "redispy"} if redis_url else {}
        self.shared = SlidingWindowCounterRateLimiter(storage_from_string(uri, **options))
        self.local = SlidingWindowCounterRateLimiter(storage_from_string("async+memory://"))
        self.warned_at = -math.inf

    async def wait(self, item: RateLimitItem, who: str) -> int:
        """Count one request for `who`: 0 if allowed, else seconds until one is."""
        limiter = self.local if item is self.user else self.shared
        try:
            if await limiter.hit(item, "requests", who):
                return 0
            reset, _ = await limiter.get_window_stats(item, "requests", who)
        except (RedisError, StorageError, OSError) as exc:
            if time.monotonic() - self.warned_at > WARN_EVERY_SECONDS:
                self.warned_at = time.monotonic()
                log.warning("rate limits not checked (%r): requests let through until Redis answers", exc)
            return 0
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
