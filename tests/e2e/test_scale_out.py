"""Two API processes on one database: optimistic concurrency still sells each unit once."""

import asyncio
from collections import Counter

from oms.http.app import create_app
from tests.support.http import API, new_product


async def test_two_api_instances_racing_for_one_product_never_oversell(config, db, aiohttp_client, client) -> None:
    first = client
    second = await aiohttp_client(create_app(config, db, run_projectors=False))
    second.session.headers.update({"Authorization": client.session.headers["Authorization"]})
    product = await new_product(first, stock=40)

    async def order(client):
        response = await client.post(f"{API}/orders", json={"items": [{"product_id": product["id"],
                                                                        "quantity": 1}]})
        return response.status, await response.json()

    results = await asyncio.gather(*(order(first if i % 2 else second) for i in range(120)))
    assert Counter(status for status, _ in results) == {201: 40, 409: 80}
    assert {body["error"]["code"] for status, body in results if status == 409} == {"insufficient_stock"}
    numbers = sorted(body["number"] for status, body in results if status == 201)
    assert numbers == [f"B-{n:06d}" for n in range(1, 41)]
    last = max(body["position"] for status, body in results if status == 201)
    state = await (await second.get(f"{API}/products/{product['id']}", params={"min_position": last})).json()
    assert (state["stock"], state["reserved"], state["available"]) == (40, 40, 0)
