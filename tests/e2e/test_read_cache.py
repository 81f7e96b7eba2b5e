"""The shop window read from Redis: a second read of the catalog or the store does not
touch PostgreSQL, a client that asks for its own write never gets an older answer, a
change the projector applied replaces the entry, and Redis failing only costs the cache."""

import asyncio
import os

import msgspec
import psycopg
import pytest

from oms.http.cache import ReadCache
from tests.support.http import API, get, new_product

REDIS = os.environ.get("OMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def config(config):
    return msgspec.structs.replace(config, redis_url=REDIS)


GUEST = {"Authorization": ""}  # the test client signs in as an admin: a shopper sends no token


async def shop_window(anon, **params):
    response = await anon.get(f"{API}/products", params={"category": "Viennoiserie", **params}, headers=GUEST)
    assert response.status == 200
    return {p["name"]: p["price"] for p in (await response.json())["items"]}


async def eventually(read, expected) -> None:
    """The projector invalidates after it commits: wait (bounded) for it."""
    for _ in range(100):
        if await read() == expected:
            return
        await asyncio.sleep(0.05)
    assert await read() == expected


async def test_the_catalog_comes_from_redis_and_is_never_older_than_a_write(client, anon, db) -> None:
    croissant = await new_product(client, name="Croissant", price="1.20")
    assert await shop_window(anon, min_position=croissant["position"]) == {"Croissant": "1.20"}
    with psycopg.connect(db.url(), autocommit=True) as conn:  # behind the read model's back
        conn.execute("UPDATE products SET name = 'Tampered' WHERE id = %s", (croissant["id"],))
    assert await shop_window(anon) == {"Croissant": "1.20"}  # served from Redis, not from the table
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("UPDATE products SET name = 'Croissant' WHERE id = %s", (croissant["id"],))

    dearer = await (await client.patch(f"{API}/products/{croissant['id']}", json={"price": "1.40"})).json()
    assert await shop_window(anon, min_position=dearer["position"]) == {"Croissant": "1.40"}  # at once
    pain = await new_product(client, name="Pain au chocolat", price="1.50")
    await eventually(lambda: shop_window(anon), {"Croissant": "1.40", "Pain au chocolat": "1.50"})  # no position asked
    assert pain["position"] > dearer["position"]
    staff = await client.get(f"{API}/products", params={"category": "Viennoiserie"})
    assert all("cost" in p for p in (await staff.json())["items"])  # staff's own entry, with the cost
    guests = await (await anon.get(f"{API}/products", params={"category": "Viennoiserie"}, headers=GUEST)).json()
    assert guests["total"] == 2 and all("cost" not in p for p in guests["items"])


async def test_the_store_follows_its_settings(client, anon) -> None:
    async def name():
        return (await (await anon.get(f"{API}/store", headers=GUEST)).json())["store_name"]

    before = await name()
    assert await name() == before
    renamed = await (await client.patch(f"{API}/settings", json={"store_name": "Le Fournil"})).json()
    assert (await get(anon, "/store", min_position=renamed["position"]))["store_name"] == "Le Fournil"
    await (await client.patch(f"{API}/settings", json={"store_name": "Chez Paul"})).json()
    await eventually(name, "Chez Paul")


async def test_without_redis_the_reads_go_to_postgresql() -> None:
    gone = ReadCache("redis://127.0.0.1:1/0", "oms-test")

    async def basis():
        return 7

    async def compute():
        return b'{"items": []}'

    assert await gone.read("catalog", "page=1", None, basis, compute) == b'{"items": []}'
    await gone.close()
