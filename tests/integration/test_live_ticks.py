"""Every published batch lost (the projector has no Redis, as when Redis drops messages
or a hub reconnects): a board still gets every event once, in order, from the hub's
ticks, which read from the event store what the Feed recorded but no message brought."""

import asyncio
import os
import subprocess
import sys
import uuid

import aiohttp

from commands.bus import CommandBus
from commands.users import CreateUser, create_user
from oms.auth.passwords import Hasher
from oms.store import open_store
from tests.integration.test_cli import free_port
from tests.integration.test_live_redis import collect, started


async def test_a_board_gets_every_event_when_no_message_is_ever_published(config, db) -> None:
    store = open_store(db, config)
    bus, hasher = CommandBus(store), Hasher(4)
    bus.run_sync(create_user, "t", CreateUser(username="boss", password="boss password 1", role="admin"),
                 hasher.hash_sync("boss password 1"))
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env |= {"DATABASE_URL": db.url(), "OMS_JWT_SECRET": uuid.uuid4().hex * 2, "OMS_DATA_DIR": config.data_dir,
            "OMS_HUB_TICK_SECONDS": "0.1"}
    port = free_port()
    processes = [
        subprocess.Popen([sys.executable, "-m", "oms", "project"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([sys.executable, "-m", "oms", "serve", "--no-projectors", "--port", str(port)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        base = await started(processes[1], port)
        async with aiohttp.ClientSession() as http:
            login = {"username": "boss", "password": "boss password 1"}
            async with http.post(f"{base}/api/v1/auth/login", json=login) as r:
                token = (await r.json())["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            board = await http.ws_connect(f"{base}/api/v1/ws", params={"token": token})
            async with http.post(f"{base}/api/v1/products", headers=auth, json={
                    "sku": "RYE", "name": "Rye", "price": "4.00", "cost": "1.00", "category": "Bread",
                    "stock": 100}) as r:
                assert r.status == 201
                product = await r.json()
            for _ in range(15):
                async with http.post(f"{base}/api/v1/orders", headers=auth, json={
                        "items": [{"product_id": product["id"], "quantity": 1}]}) as r:
                    assert r.status == 201, await r.text()
                await asyncio.sleep(0.02)
            seen: list[dict] = []
            await collect(board, 31, seen)  # product.created, then order.placed + stock.changed per order
            positions = [m["position"] for m in seen]
            assert positions == sorted(set(positions))
            assert [m["type"] for m in seen].count("order.placed") == 15
            assert seen[0]["type"] == "product.created"
            await board.close()
    finally:
        for p in processes:
            p.terminate()
            p.wait(timeout=30)
        hasher.close()
        bus.close()
        store.close()
