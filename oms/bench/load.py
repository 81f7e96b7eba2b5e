"""The load generator, run as its own process: `python -m oms.bench.load PHASE JSON-ARGS`.
Prints one JSON object with the measurements."""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import aiohttp
import msgspec

from oms.bench import pos
from oms.bench.stats import summary

Body = Callable[[], Any]


async def closed(url: str, method: str, body: Body | None, concurrency: int, seconds: float,
                 headers: dict[str, str]) -> dict[str, Any]:
    """`concurrency` clients, each sending its next request when the last one answered."""
    latencies, statuses, elapsed = await closed_loop(url, method, body, concurrency, seconds, headers)
    return summary(latencies, elapsed, statuses=dict(statuses))


async def closed_loop(url: str, method: str, body: Body | None, concurrency: int, seconds: float,
                      headers: dict[str, str]) -> tuple[list[float], Counter[int], float]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                async with session.request(method, url, json=body() if body else None) as response:
                    await response.read()
                    statuses[response.status] += 1
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, statuses, time.perf_counter() - began


async def ready(base: str) -> None:
    """Until /readyz answers 200: the read side has caught up with every write."""
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(f"{base}/readyz") as response:
                if response.status == 200:
                    return
            await asyncio.sleep(0.1)


async def turns(base: str, loads: dict[str, tuple[str, Body]], rounds: int, seconds: float, concurrency: int,
                headers: dict[str, str]) -> dict[str, Any]:
    """Closed loads taken in turns, `rounds` times each for `seconds`, each turn once the
    read side has caught up with the last: this machine's speed drifts over minutes (a
    load measured twice a minute apart differed by a fifth), and taking turns spreads
    the drift over every load alike, so their ratio compares the code."""
    taken: dict[str, tuple[list[float], Counter[int], float]] = {kind: ([], Counter(), 0.0) for kind in loads}
    for _ in range(rounds):
        for kind, (url, body) in loads.items():
            await ready(base)
            latencies, statuses, elapsed = await closed_loop(url, "POST", body, concurrency, seconds, headers)
            before = taken[kind]
            taken[kind] = (before[0] + latencies, before[1] + statuses, before[2] + elapsed)
    return {kind: summary(latencies, elapsed, statuses=dict(statuses), turns=rounds)
            for kind, (latencies, statuses, elapsed) in taken.items()}


WARM_UP = 1.0  # seconds of the same offered rate before measuring: the client opens its connections


async def open_rate(urls: list[str], method: str, body: Body | None, rate: float, seconds: float,
                    headers: dict[str, str]) -> dict[str, Any]:
    """Requests started at a fixed rate whatever the answers (open model): latency under load.
    The first WARM_UP seconds run at the same rate but are not counted: a cold client
    opens a hundred connections in them, which browsers and tills keep open."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    warm = int(rate * WARM_UP)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), headers=headers) as session:

        async def one(i: int, url: str, scheduled: float) -> None:
            async with session.request(method, url, json=body() if body else None) as response:
                await response.read()
                if i >= warm:
                    statuses[response.status] += 1
            if i >= warm:
                latencies.append(time.perf_counter() - scheduled)  # from when it should have started

        tasks, began, total = [], time.perf_counter(), warm + int(rate * seconds)
        for i in range(total):
            scheduled = began + i / rate
            await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
            tasks.append(asyncio.create_task(one(i, urls[i % len(urls)], scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - began - WARM_UP
    return summary(latencies, elapsed, offered_per_second=rate, warm_up_seconds=WARM_UP, statuses=dict(statuses))


async def lag(base: str, headers: dict[str, str], order: Body, count: int) -> dict[str, Any]:
    """Commit → visible: after an order's answer, how long until a read with its position returns."""
    latencies: list[float] = []
    async with aiohttp.ClientSession(headers=headers) as session:
        began = time.perf_counter()
        for _ in range(count):
            async with session.post(f"{base}/api/v1/orders", json=order()) as response:
                position = (await response.json())["position"]
            start = time.perf_counter()
            async with session.get(f"{base}/api/v1/orders",
                                   params={"min_position": str(position), "per_page": "1"}) as response:
                await response.read()
            latencies.append(time.perf_counter() - start)
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - began
    return summary(latencies, elapsed)


PER_LISTENER = 500  # websocket clients per listening process


async def listen(base: str, token: str, clients: int, expected: int) -> list[tuple[str, float]]:
    """`clients` boards; each `order.placed` they receive, with when (perf_counter)."""
    received: list[tuple[str, float]] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        sockets = [await session.ws_connect(f"{base}/api/v1/ws", params={"token": token}, heartbeat=None)
                   for _ in range(clients)]

        async def one(ws: aiohttp.ClientWebSocketResponse) -> None:
            async for message in ws:
                data = msgspec.json.decode(message.data)
                if data["type"] == "order.placed":
                    received.append((data["data"]["number"], time.perf_counter()))

        listeners = [asyncio.create_task(one(ws)) for ws in sockets]
        print("ready", flush=True)
        deadline = time.perf_counter() + 30
        while len(received) < clients * expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
        for task in listeners:
            task.cancel()
        for ws in sockets:
            await ws.close()
    return received


async def websockets(base: str, token: str, headers: dict[str, str], order: Body, clients: int,
                     orders: int, rate: float) -> dict[str, Any]:
    """Commit -> delivered to each of `clients` websocket boards. The boards live in
    processes of PER_LISTENER each: one Python process needs tens of milliseconds just to
    read a message on 2,000 sockets, which would be counted as delivery time.
    perf_counter is CLOCK_MONOTONIC, the same clock in every process of the machine."""
    shares = [min(PER_LISTENER, clients - i) for i in range(0, clients, PER_LISTENER)]
    listeners = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "oms.bench.load", "listen",
        msgspec.json.encode({"base": base, "token": token, "clients": n, "expected": orders}).decode(),
        stdout=asyncio.subprocess.PIPE) for n in shares]
    for process in listeners:
        assert process.stdout is not None
        await process.stdout.readline()  # "ready": all its boards are connected
    await asyncio.sleep(1.0)
    answered: dict[str, float] = {}
    async with aiohttp.ClientSession() as session:
        for _ in range(orders):
            async with session.post(f"{base}/api/v1/orders", json=order(), headers=headers) as response:
                answered[(await response.json())["number"]] = time.perf_counter()
            await asyncio.sleep(1 / rate)
    received = []
    for process in listeners:
        out, _ = await process.communicate()
        received += msgspec.json.decode(out)
    latencies = [at - answered[number] for number, at in received if number in answered]
    return summary(latencies, 1.0, clients=clients, expected=clients * orders, delivered=len(latencies),
                   listening_processes=len(listeners))


def order_body(products: list[str], lines: int) -> Body:
    def body() -> dict[str, Any]:
        chosen = random.sample(products, lines) if len(products) >= lines else [products[0]] * lines
        return {"items": [{"product_id": p, "quantity": 1} for p in chosen], "channel": "pos"}

    return body


def main() -> None:
    phase, args = sys.argv[1], msgspec.json.decode(sys.argv[2])
    headers = {"Authorization": f"Bearer {args['token']}"}
    base = args["base"]
    result: Any
    if phase == "healthz":
        result = closed(f"{base}/healthz", "GET", None, args["concurrency"], args["seconds"], {})
    elif phase == "orders":
        body = order_body(args["products"], args["lines"])
        result = closed(f"{base}/api/v1/orders", "POST", body, args["concurrency"], args["seconds"], headers)
    elif phase == "orders_and_sales":  # place-order and POS sales in turns: their ratio
        products, shifts, lines = args["products"], args["shifts"], args["lines"]
        loads = {"orders": (f"{base}/api/v1/orders", order_body(products, lines)),
                 "sales": (f"{base}/api/v1/pos/sales", lambda: pos.sale(products, random.choice(shifts), lines))}
        result = turns(base, loads, args["rounds"], args["seconds"], args["concurrency"], headers)
    elif phase == "sync":
        result = pos.sync(base, headers, args["products"], args["shifts"], args["per_till"])
    elif phase == "receipts":
        result = closed(f"{base}/api/v1/orders/{args['order']}/receipt?format=pdf", "GET", None, args["clients"],
                        args["seconds"], headers)
    elif phase == "orders_open":
        body = order_body(args["products"], args["lines"])
        result = open_rate([f"{base}/api/v1/orders"], "POST", body, args["rate"], args["seconds"], headers)
    elif phase == "reads":
        urls = [f"{base}/api/v1/orders?per_page=20", f"{base}/api/v1/products?q=bread",
                f"{base}/api/v1/products/{args['products'][0]}"]
        result = open_rate(urls, "GET", None, args["rate"], args["seconds"], headers)
    elif phase == "shop":  # the shop window, read by guests (no token): from the Redis cache when configured
        urls = [f"{base}/api/v1/products?category=Bread", f"{base}/api/v1/products?page=2",
                f"{base}/api/v1/categories", f"{base}/api/v1/store"]
        result = open_rate(urls, "GET", None, args["rate"], args["seconds"], {})
    elif phase == "search":
        customers = ["dubois", "martin", "customer4242", "06 1234", "example.com", "zzq", "lea"]
        products = ["eclair", "croissant 12", "sku-77", "zzq", "bread"]
        urls = [f"{base}/api/v1/customers?q={q}" for q in customers] + [f"{base}/api/v1/products?q={q}"
                                                                        for q in products]
        result = open_rate(urls, "GET", None, args["rate"], args["seconds"], headers)
    elif phase == "report":
        result = open_rate([base + path for path in args["paths"]], "GET", None, args["rate"], args["seconds"],
                           headers)
    elif phase == "lag":
        result = lag(base, headers, order_body(args["products"], 1), args["count"])
    elif phase == "listen":
        result = listen(base, args["token"], args["clients"], args["expected"])
    elif phase == "websockets":
        result = websockets(base, args["token"], headers, order_body(args["products"], 1), args["clients"],
                            args["orders"], args["rate"])
    else:
        raise SystemExit(f"unknown phase {phase}")
    print(msgspec.json.encode(asyncio.run(result)).decode())


if __name__ == "__main__":
    main()
