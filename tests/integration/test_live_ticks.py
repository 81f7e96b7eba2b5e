"""Every published batch lost (the projector has no Redis, as when Redis drops messages
or a hub reconnects): a board still gets every event once, in order, from the hub's
ticks, which read from the event store what the Feed recorded but no message brought."""

import asyncio
import os
import uuid

import aiohttp

from tests.support.processes import boss, collect, free_port, login, running, rye, started


async def test_a_board_gets_every_event_when_no_message_is_ever_published(config, db) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env |= {"DATABASE_URL": db.url(), "OMS_JWT_SECRET": uuid.uuid4().hex * 2, "OMS_DATA_DIR": config.data_dir,
            "OMS_HUB_TICK_SECONDS": "0.1"}
    port = free_port()
    with boss(config, db), running((["project"], env), (["serve", "--no-projectors", "--port", str(port)], env)) \
            as processes:
        base = await started(processes[1], port)
        async with aiohttp.ClientSession() as http:
            token, auth = await login(http, base)
            board = await http.ws_connect(f"{base}/api/v1/ws", params={"token": token})
            product = await rye(http, base, auth)
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
