"""Load for the till: sales with split tender, a day's offline queues synced at once."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from typing import Any

import aiohttp

from oms.bench.stats import summary

Body = dict[str, Any]
PAYMENTS = [{"method": "card", "amount": "4.00"}, {"method": "cash", "amount": "10.00"}]  # 9.00 due: 5.00 change


def sale(products: list[str], shift: str, lines: int) -> Body:
    """A 3-line POS sale (3.00 each, no tax: 9.00) paid by card and cash, with change."""
    return {"shift_id": shift, "items": [{"product_id": p, "quantity": 1} for p in random.sample(products, lines)],
            "payments": PAYMENTS}


async def sync(base: str, headers: dict[str, str], products: list[str], shifts: list[str], per_till: int,
               ) -> dict[str, Any]:
    """Each till sends its queue of offline sales in order (as a till does), every till at
    once; then the whole queue again, as after a lost answer: all must be replays."""
    queues = {shift: [({**sale(products, shift, 3), "sold_at": "2026-11-24T08:00:00Z"}, str(uuid.uuid4()))
                      for _ in range(per_till)] for shift in shifts}
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    async with aiohttp.ClientSession(headers=headers) as session:

        async def till(queue: list[tuple[Body, str]]) -> None:
            for body, key in queue:
                start = time.perf_counter()
                async with session.post(f"{base}/api/v1/pos/sales", json=body,
                                        headers={"Idempotency-Key": key}) as response:
                    await response.read()
                    replayed = response.headers.get("Idempotent-Replayed") == "true"
                    statuses[f"{response.status}{' replayed' if replayed else ''}"] += 1
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(till(queue) for queue in queues.values()))
        elapsed = time.perf_counter() - began
        first = summary(latencies, elapsed)
        await asyncio.gather(*(till(queue) for queue in queues.values()))
        recorded = 0
        for shift in shifts:
            async with session.get(f"{base}/api/v1/shifts/{shift}") as response:
                recorded += (await response.json())["report"]["sales_count"]
    return {**first, "statuses": dict(statuses), "sent": 2 * len(shifts) * per_till, "recorded": recorded}
