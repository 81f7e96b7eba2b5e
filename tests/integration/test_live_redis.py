"""Two API processes share Redis: a board on each sees every event exactly once, in order."""

import asyncio
import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import aiohttp
import msgspec
import pytest
import redis

from commands.bus import CommandBus
from commands.users import CreateUser, create_user
from oms.auth.passwords import Hasher
from oms.store import open_store
from tests.integration.test_cli import free_port

REDIS = os.environ.get("OMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


async def started(process, port) -> str:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return base
            except aiohttp.ClientError:
                pass
            assert process.poll() is None, "the API process died"
            await asyncio.sleep(0.1)
    raise AssertionError("never served")


async def collect(ws, count, into):
    async with asyncio.timeout(30):
        while len(into) < count:
            into.append(msgspec.json.decode((await ws.receive()).data))


@contextlib.contextmanager
def boss(config, db) -> Iterator[None]:
    """A database with an admin `boss` (password "boss password 1")."""
    store = open_store(db, config)
    bus, hasher = CommandBus(store), Hasher(4)
    try:
        bus.run_sync(create_user, "t", CreateUser(username="boss", password="boss password 1", role="admin"),
                     hasher.hash_sync("boss password 1"))
        yield
    finally:
        hasher.close()
        bus.close()
        store.close()


@contextlib.contextmanager
def running(*commands: tuple[list[str], dict[str, str]]) -> Iterator[list[subprocess.Popen]]:
    """`oms` processes (arguments, environment), stopped at the end."""
    processes = [subprocess.Popen([sys.executable, "-m", "oms", *args], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for args, env in commands]
    try:
        yield processes
    finally:
        for p in processes:
            p.terminate()
            p.wait(timeout=30)


async def login(http: aiohttp.ClientSession, base: str) -> tuple[str, dict[str, str]]:
    """The boss's access token, and the headers that carry it."""
    async with http.post(f"{base}/api/v1/auth/login", json={"username": "boss", "password": "boss password 1"}) as r:
        token = (await r.json())["access_token"]
    return token, {"Authorization": f"Bearer {token}"}


async def rye(http: aiohttp.ClientSession, base: str, auth: dict[str, str]) -> dict:
    async with http.post(f"{base}/api/v1/products", headers=auth, json={
            "sku": "RYE", "name": "Rye", "price": "4.00", "cost": "1.00", "category": "Bread", "stock": 100}) as r:
        assert r.status == 201, await r.text()
        return await r.json()


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
