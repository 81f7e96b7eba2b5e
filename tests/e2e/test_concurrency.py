"""Real concurrency over HTTP against the real PostgreSQL: no oversell, nothing half-written."""

import asyncio
from collections import Counter

import psycopg

from tests.support.http import API, new_product


def placed_events(db) -> int:
    with psycopg.connect(db.url()) as conn:
        return conn.execute(
            "SELECT count(*) FROM oms_events WHERE topic = 'oms.domain.order:Order.Placed'"
        ).fetchone()[0]


async def order(client, *lines):
    response = await client.post(f"{API}/orders", json={
        "items": [{"product_id": p["id"], "quantity": q} for p, q in lines]})
    body = await response.json()
    return response.status, body


async def test_200_concurrent_orders_for_50_units_sell_exactly_50(client, db) -> None:
    product = await new_product(client, stock=50)
    results = await asyncio.gather(*(order(client, (product, 1)) for _ in range(200)))
    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 50, 409: 150}
    assert {body["error"]["code"] for status, body in results if status == 409} == {"insufficient_stock"}
    last = max(body["position"] for status, body in results if status == 201)
    state = await (await client.get(f"{API}/products/{product['id']}", params={"min_position": last})).json()
    assert (state["stock"], state["reserved"], state["available"]) == (50, 50, 0)
    assert placed_events(db) == 50
    numbers = sorted(body["number"] for status, body in results if status == 201)
    assert numbers == [f"B-{n:06d}" for n in range(1, 51)]


async def test_concurrent_orders_over_two_products_never_oversell_either(client, db) -> None:
    bread, cake = await new_product(client, stock=30), await new_product(client, stock=20)
    baskets = [((bread, 1), (cake, 1)), ((bread, 2),), ((cake, 2),)] * 40
    results = await asyncio.gather(*(order(client, *basket) for basket in baskets))
    won = [basket for basket, (status, _) in zip(baskets, results, strict=True) if status == 201]
    assert all(status in (201, 409) for status, _ in results)
    sold = Counter()
    for basket in won:
        for product, quantity in basket:
            sold[product["id"]] += quantity
    assert sold[bread["id"]] <= 30 and sold[cake["id"]] <= 20
    last = max(body["position"] for status, body in results if status == 201)
    available = {}
    for product, stock in ((bread, 30), (cake, 20)):
        state = await (await client.get(f"{API}/products/{product['id']}", params={"min_position": last})).json()
        assert (state["stock"], state["reserved"]) == (stock, sold[product["id"]])
        available[product["id"]] = state["available"]
    # Stock only went down, so every refused basket must still be short of something now.
    refused = [basket for basket, (status, _) in zip(baskets, results, strict=True) if status == 409]
    assert refused
    for basket in refused:
        assert any(quantity > available[product["id"]] for product, quantity in basket)
    assert placed_events(db) == len(won)
