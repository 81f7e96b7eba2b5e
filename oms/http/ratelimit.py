"""Request rate limits: per signed-in user, and per client address for requests without
a signed-in user (sliding window counters). Over the limit: 429 `rate_limited` with
`Retry-After`. The client's address is the socket's, or the one a trusted proxy names
(`oms.http.remote`).

- Guests are counted in Redis when configured, so every API process counts together
  (`oms.auth.ratelimit.Counters`: in memory while Redis does not answer). The limit is
  sized for a person browsing the shop, pictures included, and stops a script.
- Signed-in users are counted in each process's memory: a Redis round trip per
  request cost ~0.3 ms (measured), a fifth of a core at a busy till's rates, for a
  limit (3000 a minute) that stops a runaway terminal rather than an attacker. With N
  API processes a user may make up to N times the limit.
- Sign-in, refresh and sign-up have limits of their own (`oms.auth.ratelimit.LoginLimiter`)
  and never spend the guests' budget, nor guests theirs. Health, readiness and metrics
  are not counted.
"""

from __future__ import annotations

from aiohttp import web
from limits import RateLimitItem, parse

from oms.auth.ratelimit import sliding
from oms.http.errors import ApiError
from oms.http.middlewares import Handler
from oms.http.permissions import PRINCIPAL

UNCOUNTED = frozenset({"/healthz", "/readyz", "/metrics", "/api/v1/healthz", "/api/v1/readyz",
                       "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/signup"})


class RateLimits:
    def __init__(self, anonymous: str, user: str, redis_url: str | None = None) -> None:
        self.anonymous, self.user = parse(anonymous), parse(user)
        self.shared, self.local = sliding(redis_url), sliding(None)

    async def wait(self, item: RateLimitItem, who: str) -> int:
        """Count one request for `who`: 0 if allowed, else seconds until one is."""
        return await (self.local if item is self.user else self.shared).wait(item, who)


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
