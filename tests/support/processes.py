"""Helpers for tests that run `oms` processes: ports, start-up, logins, a product."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator

import aiohttp
import msgspec

from commands.bus import CommandBus
from commands.users import CreateUser, create_user
from oms.auth.passwords import Hasher
from oms.store import open_store


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
