"""Live boards over the websocket: every event once, in order, and nothing missed on reconnect."""

import asyncio

import msgspec

from oms.http.keys import HUB
from tests.support.http import API, customer_token, new_product, post


async def receive(ws, count, timeout=10.0):
    got = []
    async with asyncio.timeout(timeout):
        while len(got) < count:
            got.append(msgspec.json.decode((await ws.receive()).data))
    return got


async def token_of(client):
    return client.session.headers["Authorization"].split(" ", 1)[1]


async def place(client, product, quantity=1, **kwargs):
    return await post(client, "/orders", {"items": [{"product_id": product["id"], "quantity": quantity}]}, 201,
                      **kwargs)


async def test_a_board_sees_each_order_and_stock_change_once_in_order(client) -> None:
    ws = await client.ws_connect(f"{API}/ws")
    bread = await new_product(client, stock=20)
    orders = [await place(client, bread) for _ in range(3)]
    created, *messages = await receive(ws, 7)
    assert (created["type"], created["data"]["product_id"]) == ("product.created", bread["id"])
    assert [m["type"] for m in messages] == ["order.placed", "stock.changed"] * 3
    positions = [m["position"] for m in messages]
    assert positions == sorted(set(positions))
    assert [m["data"]["number"] for m in messages[::2]] == [o["number"] for o in orders]
    assert messages[-1]["data"]["reserved"] == 3 and messages[-1]["data"]["available"] == 17
    await ws.close()


async def test_a_message_means_the_read_tables_already_show_it(client) -> None:
    bread = await new_product(client, stock=5)
    await client.get(f"{API}/products", params={"min_position": bread["position"]})
    ws = await client.ws_connect(f"{API}/ws", params={"after": str(bread["position"])})
    order = await place(client, bread)
    message = (await receive(ws, 1))[0]
    listed = await (await client.get(f"{API}/orders", params={"q": order["number"]})).json()
    assert message["data"]["id"] == order["id"] and listed["total"] == 1  # no min_position needed
    await ws.close()


async def test_a_customer_sees_only_their_own_orders(client) -> None:
    bread = await new_product(client, stock=20)
    token = await customer_token(client, "erin")
    ws = await client.ws_connect(f"{API}/ws", params={"token": token}, headers={"Authorization": ""})
    await place(client, bread)  # someone else's
    mine = await place(client, bread, headers={"Authorization": f"Bearer {token}"})
    await post(client, f"/orders/{mine['id']}/cancel", {}, 200)
    await place(client, bread)  # someone else's again
    last = await place(client, bread, headers={"Authorization": f"Bearer {token}"})
    messages = [m for m in await receive(ws, 3 + 5) if m["type"] != "stock.changed"]  # + 5 availability changes
    assert [(m["type"], m["data"]["id"]) for m in messages] == [
        ("order.placed", mine["id"]), ("order.status_changed", mine["id"]), ("order.placed", last["id"])]
    await ws.close()


async def test_a_customer_hears_what_is_available_and_nothing_more_of_stock(client) -> None:
    bread = await new_product(client, stock=20)
    token = await customer_token(client, "fay")
    ws = await client.ws_connect(f"{API}/ws", params={"token": token, "after": str(bread["position"])},
                                 headers={"Authorization": ""})
    await place(client, bread, 3)  # someone else's order: its units are no longer available
    messages = await receive(ws, 1)  # (a message carries the row as its batch left it: one batch each)
    await post(client, f"/products/{bread['id']}/stock-adjustments", {"delta": -2, "reason": "burnt"}, 201)
    messages += await receive(ws, 1)
    assert [m["type"] for m in messages] == ["stock.changed"] * 2
    assert [m["data"] for m in messages] == [
        {"product_id": bread["id"], "available": 17, "archived": False},
        {"product_id": bread["id"], "available": 15, "archived": False}]  # no reserved, reason, order or cost
    await ws.close()


async def test_reconnecting_with_after_gets_exactly_what_was_missed(client) -> None:
    bread = await new_product(client, stock=500)
    ws = await client.ws_connect(f"{API}/ws", params={"after": str(bread["position"])})
    await place(client, bread)
    seen = await receive(ws, 2)
    await ws.close()
    missed = [await place(client, bread) for _ in range(50)]  # 100 events: placed + stock each
    again = await client.ws_connect(f"{API}/ws", params={"after": str(seen[-1]["position"])})
    backlog = await receive(again, 100)
    assert [m["data"]["number"] for m in backlog if m["type"] == "order.placed"] == [o["number"] for o in missed]
    positions = [m["position"] for m in backlog]
    assert positions == sorted(set(positions)) and positions[0] > seen[-1]["position"]
    live = await place(client, bread)
    nxt = await receive(again, 1)
    assert nxt[0]["data"]["number"] == live["number"] and nxt[0]["position"] > positions[-1]
    await again.close()


async def test_a_slow_client_is_cut_off_and_others_keep_up(client) -> None:
    hub = client.app[HUB]
    hub.queue_size = 3
    everyone = lambda message: True
    async with hub.connect(everyone, None) as (slow, _), hub.connect(everyone, None) as (fast, _):
        got = []
        for position in range(hub.delivered + 1, hub.delivered + 11):
            hub.fan_out([{"type": "order.placed", "position": position, "at": None, "data": {}}])
            got.append(fast.queue.get_nowait())
        assert [m["position"] for m in got] == list(range(got[0]["position"], got[0]["position"] + 10))
        assert slow.queue.qsize() == 1 and slow.queue.get_nowait()["type"] == "overflow"


async def test_the_server_closes_an_overflowed_socket_with_4008(client) -> None:
    hub = client.app[HUB]
    ws = await client.ws_connect(f"{API}/ws")
    async with asyncio.timeout(5):
        while not hub.clients:
            await asyncio.sleep(0.01)
    for connected in list(hub.clients):
        for _ in range(hub.queue_size + 1):
            connected.offer({"type": "order.placed", "position": 10**9, "at": None, "data": {}})
    closing = await ws.receive()
    assert closing.type.name == "CLOSE" and ws.close_code == 4008


async def test_a_board_hears_the_till_day_shifts_sales_and_refunds(client) -> None:
    ws = await client.ws_connect(f"{API}/ws")
    bread = await new_product(client, stock=5)
    shift = await post(client, "/shifts", {"register": "live", "opening_float": "20.00"}, 201)
    sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [{"product_id": bread["id"],
                                                                                  "quantity": 2}],
                                             "payments": [{"method": "cash", "amount": "10.00"}]}, 201)
    await post(client, f"/orders/{sold['id']}/refunds", {"lines": [{"product_id": bread["id"], "quantity": 1}],
                                                         "reason": "dropped", "restock": True,
                                                         "shift_id": shift["id"]}, 201)
    await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "22.50"}, 200)
    _, *messages = await receive(ws, 7)
    assert [m["type"] for m in messages] == ["shift.opened", "order.sold", "stock.changed",
                                             "order.refunded", "stock.changed", "shift.closed"]
    assert messages[1]["data"]["invoice_number"] == sold["invoice_number"]
    assert (messages[1]["data"]["status"], messages[1]["data"]["change_due"]) == ("delivered", "5.00")
    changes = [m["data"] for m in messages if m["type"] == "stock.changed"]
    assert [(c["cause"], c["quantity"]) for c in changes] == [("StockSold", 2), ("StockReturned", 1)]
    assert changes[-1]["stock"] == 4  # levels are read when sent: both may show the later one
    assert messages[3]["data"]["amount"] == "2.50" and messages[5]["data"]["counted_cash"] == "22.50"
    await ws.close()
