"""`oms serve --workers 2`: two API processes on one port and a projector process. Orders
placed through either worker reach a board connected to one of them, once each, in order."""

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter

import aiohttp

from tests.support.processes import boss, collect, free_port, login, rye, started

REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


async def test_two_workers_share_one_port_and_one_live_feed(config, db) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db.url(), "REDIS_URL": REDIS, "OMS_DATA_DIR": config.data_dir,
           "OMS_RATE_LIMIT_USER": "100000/minute", "OMS_JWT_SECRET": uuid.uuid4().hex * 2}
    with boss(config, db):
        parent = subprocess.Popen([sys.executable, "-m", "oms", "serve", "--workers", "2", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = await started(parent, port)
            await both_serving(base)
            async with aiohttp.ClientSession() as http:
                token, auth = await login(http, base)
                product = await rye(http, base, auth)
                board = await http.ws_connect(f"{base}/api/v1/ws", params={"token": token,
                                                                        "after": str(product["position"])})
                workers: Counter[str] = Counter()
                placed = []
                for _ in range(30):  # a new connection each time: the kernel picks a worker for each
                    async with aiohttp.ClientSession() as fresh, fresh.post(
                            f"{base}/api/v1/orders", headers=auth,
                            json={"items": [{"product_id": product["id"], "quantity": 1}]}) as r:
                        assert r.status == 201, await r.text()
                        workers[r.headers["X-OMS-Worker"]] += 1
                        placed.append((await r.json())["number"])
                assert set(workers) == {"1", "2"}, workers  # both workers took orders
                seen: list[dict] = []
                await collect(board, 60, seen)  # order.placed + stock.changed per order
                numbers = [m["data"]["number"] for m in seen if m["type"] == "order.placed"]
                assert numbers == placed  # every order once, in order, whichever worker took it
                await board.close()
        finally:
            parent.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(parent.wait, 30) == 0


async def both_serving(base: str) -> None:
    """`started` sees the first worker answer; the second may still be starting up."""
    answered: set[str] = set()
    async with asyncio.timeout(60):
        while answered != {"1", "2"}:
            async with aiohttp.ClientSession() as fresh, fresh.get(f"{base}/healthz") as r:
                answered.add(r.headers["X-OMS-Worker"])
            await asyncio.sleep(0.05)


async def test_more_than_one_worker_needs_redis(config, db) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | {"DATABASE_URL": db.url(),
                                                                        "OMS_DATA_DIR": config.data_dir}
    done = subprocess.run([sys.executable, "-m", "oms", "serve", "--workers", "2", "--port", str(free_port())],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "--workers needs REDIS_URL" in done.stderr
