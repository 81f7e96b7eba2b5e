"""Counting in moving windows: in Redis when configured (every API process counts together),
in this process's memory otherwise, and also while Redis fails or stalls (`oms.breaker`):
a limit never takes the shop down, nor lets a flood through while Redis is away (each
process then counts on its own).

Signing in follows OWASP ASVS's anti-automation requirements without a lockout that
anyone could cause by naming an account:
- failed sign-ins are counted per client address, and per address and account; past the
  limit that client waits (429 with Retry-After), no other client does;
- failures at one account from every address together, past `ACCOUNT_SLOWDOWN`, make each
  further attempt at that account wait `SLOWDOWN_SECONDS` before its password is checked:
  guessing from many addresses is slowed, the real user still gets in;
- a successful sign-in counts nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter, RateLimiter, SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string
from redis.exceptions import RedisError

from oms.breaker import REDIS_OPTIONS, Breaker

ACCOUNT_SLOWDOWN = "50/15 minutes"  # failures at one account from all addresses before attempts slow down
SLOWDOWN_SECONDS = 2.0
Strategy = Callable[..., RateLimiter]


class Counters:
    """Hits and tests of limits for named clients, shared through Redis when it answers."""

    def __init__(self, redis_url: str | None, strategy: Strategy = MovingWindowRateLimiter) -> None:
        self.local = strategy(storage_from_string("async+memory://"))
        self.shared = strategy(storage_from_string(
            redis_url.replace("redis://", "async+redis://", 1), implementation="redispy",
            **REDIS_OPTIONS)) if redis_url else None
        self.breaker = Breaker("rate limits (counted in this process meanwhile)")

    async def _either(self, use: Callable[[RateLimiter], Awaitable[bool]]) -> bool:
        if self.shared is not None and self.breaker.closed:
            try:
                return await use(self.shared)
            except (RedisError, StorageError, OSError, TimeoutError) as exc:
                self.breaker.failed(exc)
        return await use(self.local)

    async def hit(self, item: RateLimitItem, who: str) -> bool:
        """Count one; True when it was within the limit."""
        return await self._either(lambda limiter: limiter.hit(item, "oms", who))

    async def test(self, item: RateLimitItem, who: str) -> bool:
        """True when one more would be within the limit (counts nothing)."""
        return await self._either(lambda limiter: limiter.test(item, "oms", who))

    async def retry_after(self, item: RateLimitItem, who: str) -> int:
        """Seconds until `who` is within the limit again (at least 1)."""
        reset = [0.0]

        async def stats(limiter: RateLimiter) -> bool:
            reset[0], _ = await limiter.get_window_stats(item, "oms", who)
            return True

        await self._either(stats)
        return max(1, math.ceil(reset[0] - time.time()))

    async def wait(self, item: RateLimitItem, who: str) -> int:
        """Count one request: 0 if allowed, else seconds until one is."""
        return 0 if await self.hit(item, who) else await self.retry_after(item, who)


def sliding(redis_url: str | None) -> Counters:
    """Counters for every request: a sliding-window counter costs one key per client."""
    return Counters(redis_url, SlidingWindowCounterRateLimiter)


class LoginLimiter:
    """Sign-in failures, and attempts at sign-up, refresh and password change."""

    def __init__(self, limit: str, redis_url: str | None = None, refresh_limit: str = "120/15 minutes") -> None:
        self.item, self.refresh = parse(limit), parse(refresh_limit)
        self.account = parse(ACCOUNT_SLOWDOWN)
        self.counters = Counters(redis_url)

    @staticmethod
    def keys(address: str, account: str) -> tuple[str, str]:
        return f"login:ip:{address}", f"login:pair:{address}:{account.casefold()}"

    async def refused(self, address: str, account: str) -> int:
        """0 when this client may try the account now, else seconds until it may."""
        wait = 0
        for key in self.keys(address, account):
            if not await self.counters.test(self.item, key):
                wait = max(wait, await self.counters.retry_after(self.item, key))
        return wait

    async def slowdown(self, account: str) -> float:
        """Seconds an attempt at the account waits: while it is being guessed from everywhere."""
        under_attack = not await self.counters.test(self.account, f"login:account:{account.casefold()}")
        return SLOWDOWN_SECONDS if under_attack else 0.0

    async def failed(self, address: str, account: str) -> None:
        for key in self.keys(address, account):
            await self.counters.hit(self.item, key)
        await self.counters.hit(self.account, f"login:account:{account.casefold()}")

    async def attempt(self, key: str, refresh: bool = False) -> int:
        """Count an attempt (sign-up, refresh, password change): 0 if allowed, else seconds to wait."""
        return await self.counters.wait(self.refresh if refresh else self.item, key)
