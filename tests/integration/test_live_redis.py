"""Two API processes share Redis: a board on each sees every event exactly once, in order."""

import asyncio
import os
import uuid

import aiohttp
import pytest
import redis

from tests.support.processes import boss, collect, free_port, login, running, rye, started

REDIS = os.environ.get("OMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


async def test_boards_on_two_processes_see_every_event_once(config, db) -> None:
    if not redis_up():
        pytest.fail(f"Redis is needed for this test and does not answer at {REDIS}")
    env = {**os.environ, "DATABASE_URL": db.url(), "REDIS_URL": REDIS, "OMS_JWT_SECRET": uuid.uuid4().hex * 2,
           "OMS_SESSION_KEY": "", "OMS_DATA_DIR": config.data_dir}
    ports = free_port(), free_port()
    with boss(config, db), running(
        (["serve", "--port", str(ports[0])], env),
        # No projectors and (almost) no ticks here: its board can only be fed through Redis.
        (["serve", "--no-projectors", "--port", str(ports[1])], {**env, "OMS_HUB_TICK_SECONDS": "600"}),
    ) as processes:
        a, b = [await started(p, port) for p, port in zip(processes, ports, strict=True)]
        async with aiohttp.ClientSession() as http:
            token, auth = await login(http, a)
            boards = [await http.ws_connect(f"{base}/api/v1/ws", params={"token": token}) for base in (a, b)]
            product = await rye(http, b, auth)
            for i in range(20):
                async with http.post(f"{(a, b)[i % 2]}/api/v1/orders", headers=auth, json={
                        "items": [{"product_id": product["id"], "quantity": 1}]}) as r:
                    assert r.status == 201, await r.text()
            seen = [[], []]
            await asyncio.gather(*(collect(ws, 41, into) for ws, into in zip(boards, seen, strict=True)))
            for messages in seen:
                positions = [m["position"] for m in messages]
                assert positions == sorted(set(positions))  # in order, no duplicates
                assert [m["type"] for m in messages].count("order.placed") == 20
            assert seen[0] == seen[1]
            for ws in boards:
                await ws.close()
