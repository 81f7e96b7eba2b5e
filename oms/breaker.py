"""Redis is a cache and a courier, never on the critical path. A call to it gives up after
`REDIS_TIMEOUT_SECONDS`; after a failure it is not called again for `PAUSE_SECONDS`, so
while Redis is away or stalled a request costs what it costs without it (the caller reads
PostgreSQL, counts in memory, or the hub catches up from the event store)."""

from __future__ import annotations

import logging
import math
import time
from typing import Any

REDIS_TIMEOUT_SECONDS = 0.25
PAUSE_SECONDS = 5.0
REDIS_OPTIONS: dict[str, Any] = {"socket_timeout": REDIS_TIMEOUT_SECONDS,
                                 "socket_connect_timeout": REDIS_TIMEOUT_SECONDS}


class Breaker:
    def __init__(self, what: str, pause: float = PAUSE_SECONDS) -> None:
        self.log, self.what, self.pause = logging.getLogger("oms.redis"), what, pause
        self.until = -math.inf

    @property
    def closed(self) -> bool:
        """True when Redis may be called."""
        return time.monotonic() >= self.until

    def failed(self, exc: BaseException) -> None:
        self.log.warning("%s: Redis failed (%r); not asked again for %.0f s", self.what, exc, self.pause)
        self.until = time.monotonic() + self.pause
