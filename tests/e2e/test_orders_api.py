from tests.support.http import API, new_product, post


async def product_state(client, product_id: str, position: int) -> tuple[int, int, int]:
    p = await (await client.get(f"{API}/products/{product_id}", params={"min_position": position})).json()
    return p["stock"], p["reserved"], p["available"]


async def place(client, *lines, status=201, **extra):
    items = [{"product_id": p["id"], "quantity": q} for p, q in lines]
    return await post(client, "/orders", {"items": items, "channel": "online", **extra}, status)


async def set_status(client, order, status, expect=200):
    response = await client.patch(f"{API}/orders/{order['id']}/status", json={"status": status})
    body = await response.json()
    assert response.status == expect, body
    return body


async def test_placing_an_order_reserves_stock_and_prices_it(client) -> None:
    bread = await new_product(client, price="6.50", tax_rate="7", stock=10)
    order = await place(client, (bread, 2))
    assert (order["status"], order["payment_status"], order["number"]) == ("placed", "pending", "B-000001")
    assert (order["subtotal"], order["tax"], order["total"]) == ("13.00", "0.91", "13.91")
    assert await product_state(client, bread["id"], order["position"]) == (10, 2, 8)


async def test_order_numbers_are_gap_free_even_when_an_order_is_refused(client) -> None:
    bread = await new_product(client, stock=2)
    first = await place(client, (bread, 1))
    await place(client, (bread, 5), status=409)
    second = await place(client, (bread, 1))
    assert (first["number"], second["number"]) == ("B-000001", "B-000002")


async def test_an_order_short_on_one_line_is_refused_whole(client) -> None:
    bread, cake = await new_product(client, stock=5), await new_product(client, stock=1)
    error = await place(client, (bread, 2), (cake, 2), status=409)
    assert error["error"]["code"] == "insufficient_stock"
    assert error["error"]["details"]["lines"] == [{"product_id": cake["id"], "requested": 2, "available": 1}]
    later = await new_product(client)
    assert await product_state(client, bread["id"], later["position"]) == (5, 0, 5)


async def test_shipping_takes_goods_out_of_stock(client) -> None:
    bread = await new_product(client, stock=10)
    order = await place(client, (bread, 3))
    await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": order["total"]}, 201)
    for status in ("confirmed", "picked", "shipped"):
        changed = await set_status(client, order, status)
    assert await product_state(client, bread["id"], changed["position"]) == (7, 0, 7)
    delivered = await set_status(client, order, "delivered")
    assert delivered["status"] == "delivered"


async def test_cancelling_returns_the_stock(client) -> None:
    bread = await new_product(client, stock=4)
    order = await place(client, (bread, 4))
    cancelled = await post(client, f"/orders/{order['id']}/cancel", {"reason": "customer called"}, 200)
    assert cancelled["status"] == "cancelled"
    assert await product_state(client, bread["id"], cancelled["position"]) == (4, 0, 4)


async def test_cancelling_a_shipped_order_is_refused(client) -> None:
    bread = await new_product(client, stock=4)
    order = await place(client, (bread, 1))
    await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": order["total"]}, 201)
    for status in ("confirmed", "picked", "shipped"):
        await set_status(client, order, status)
    error = await set_status(client, order, "cancelled", expect=409)
    assert error["error"]["code"] == "invalid_transition"
    response = await client.post(f"{API}/orders/{order['id']}/cancel")
    assert response.status == 409


async def test_skipping_a_step_is_an_invalid_transition(client) -> None:
    order = await place(client, (await new_product(client), 1))
    error = await set_status(client, order, "shipped", expect=409)
    assert error["error"]["code"] == "invalid_transition"
    assert error["error"]["details"]["allowed"] == ["confirmed", "cancelled"]


async def test_paying_in_full_marks_the_order_paid(client) -> None:
    order = await place(client, (await new_product(client, price="5.00", tax_rate="0"), 2))
    part = await post(client, f"/orders/{order['id']}/payments", {"method": "cash", "amount": "4.00"}, 201)
    assert (part["payment_status"], part["balance_due"]) == ("pending", "6.00")
    full = await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": "6.00"}, 201)
    assert (full["payment_status"], full["paid"]) == ("paid", "10.00")
    error = await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": "0.01"}, 409)
    assert error["error"]["code"] == "overpayment"


async def test_history_lists_every_event_and_versions_replay(client) -> None:
    order = await place(client, (await new_product(client), 1))
    await set_status(client, order, "confirmed")
    await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": order["total"]}, 201)
    history = (await (await client.get(f"{API}/orders/{order['id']}/history")).json())["items"]
    assert [e["type"] for e in history] == ["OrderPlaced", "OrderStatusChanged", "OrderPaymentRecorded"]
    assert [e["version"] for e in history] == [1, 2, 3]
    me = await (await client.get(f"{API}/auth/me")).json()
    assert history[1]["data"]["status"] == "confirmed" and history[0]["actor"] == me["id"]
    then = await (await client.get(f"{API}/orders/{order['id']}", params={"version": "1"})).json()
    assert (then["status"], then["payment_status"], then["version"]) == ("placed", "pending", 1)
    at = await (await client.get(f"{API}/orders/{order['id']}", params={"as_of": history[1]["at"]})).json()
    assert (at["status"], at["version"]) == ("confirmed", 2)


async def test_an_order_before_it_existed_is_not_found(client) -> None:
    order = await place(client, (await new_product(client), 1))
    response = await client.get(f"{API}/orders/{order['id']}", params={"as_of": "2000-01-01T00:00:00Z"})
    assert response.status == 404


async def test_an_archived_product_cannot_be_ordered(client) -> None:
    bread = await new_product(client)
    await client.delete(f"{API}/products/{bread['id']}")
    error = await place(client, (bread, 1), status=409)
    assert error["error"]["code"] == "product_archived"


async def test_an_unknown_product_is_not_found(client) -> None:
    error = await post(client, "/orders", {"items": [
        {"product_id": "00000000-0000-4000-8000-000000000000", "quantity": 1}]}, 404)
    assert error["error"]["code"] == "not_found"


async def test_a_product_id_is_not_an_order(client) -> None:
    bread = await new_product(client)
    assert (await client.get(f"{API}/orders/{bread['id']}")).status == 404
    assert (await client.get(f"{API}/orders/{bread['id']}/history")).status == 404


async def test_an_unpaid_order_is_not_handed_over_until_its_money_is_taken(client) -> None:
    bread = await new_product(client, stock=10, price="3.53", tax_rate="0")
    shift = await post(client, "/shifts", {"register": "counter", "opening_float": "20.00"}, 201)
    order = await place(client, (bread, 2))
    for status in ("confirmed", "picked"):
        await set_status(client, order, status)
    refused = await set_status(client, order, "delivered", expect=409)
    assert refused["error"]["code"] == "payment_due" and refused["error"]["details"]["balance_due"] == "7.06"
    collected = await client.patch(f"{API}/orders/{order['id']}/status", json={
        "status": "delivered", "payment": {"method": "cash", "amount": "7.06"}, "shift_id": shift["id"]})
    body = await collected.json()
    assert (body["status"], body["payment_status"], body["balance_due"]) == ("delivered", "paid", "0.00")
    drawer = await (await client.get(f"{API}/shifts/{shift['id']}")).json()
    assert drawer["report"]["expected_cash"] == "27.06"  # into the counter's drawer
    assert await product_state(client, bread["id"], body["position"]) == (8, 0, 8)  # collected: out of stock


async def test_an_account_customer_takes_the_order_on_credit(client) -> None:
    bread = await new_product(client, stock=10, price="5.00", tax_rate="0")
    cafe = await post(client, "/customers", {"full_name": "Café", "credit_limit": "20.00"}, 201)
    order = await place(client, (bread, 3), customer_id=cafe["id"])
    for status in ("confirmed", "picked"):
        await set_status(client, order, status)
    over = await client.patch(f"{API}/orders/{order['id']}/status", json={
        "status": "delivered", "payment": {"method": "account", "amount": "15.00"}})
    assert over.status == 200
    second = await place(client, (bread, 2), customer_id=cafe["id"])
    for status in ("confirmed", "picked"):
        await set_status(client, second, status)
    refused = await client.patch(f"{API}/orders/{second['id']}/status", json={
        "status": "delivered", "payment": {"method": "account", "amount": "10.00"}})
    assert (await refused.json())["error"]["code"] == "credit_limit_exceeded"
    assert (await (await client.get(f"{API}/orders/{second['id']}")).json())["status"] == "picked"  # nothing half done


async def test_a_mistaken_tap_is_taken_back_and_kept_in_the_history(client) -> None:
    bread = await new_product(client, stock=10)
    order = await place(client, (bread, 2))
    await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": order["total"]}, 201)
    for status in ("confirmed", "picked", "delivered"):
        collected = await set_status(client, order, status)

    async def sold(position):
        report = await client.get(f"{API}/reports/sales", params={"min_position": str(position)})
        return (await report.json())["totals"]["orders"]

    assert await sold(collected["position"]) == 1
    back = await post(client, f"/orders/{order['id']}/status/undo", {"reason": "wrong ticket"}, 200)
    assert await sold(back["position"]) == 0  # not a sale until it is collected again
    assert back["status"] == "picked"
    assert await product_state(client, bread["id"], back["position"]) == (10, 2, 8)  # held for it again
    history = await (await client.get(f"{API}/orders/{order['id']}/history")).json()
    undone = history["items"][-1]
    assert (undone["type"], undone["data"]["undone"], undone["data"]["reason"]) == (
        "OrderStatusChangeUndone", "delivered", "wrong ticket")
    audit = await (await client.get(f"{API}/audit", params={"entity_id": order["id"],
                                                            "min_position": str(back["position"])})).json()
    assert any(row["type"].endswith("StatusChangeUndone") for row in audit["items"])
    cancelled = await place(client, (bread, 1))
    await set_status(client, cancelled, "cancelled")
    refused = await client.post(f"{API}/orders/{cancelled['id']}/status/undo", json={})
    assert (await refused.json())["error"]["code"] == "nothing_to_undo"
