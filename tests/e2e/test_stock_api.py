"""Stock over HTTP: receiving from a vendor raises stock and moves the cost (moving
average), a count sets the level, and the movements list every change with its level."""

from tests.support.http import API, error_of, get, new_product, post


async def test_receiving_raises_stock_and_moves_the_cost_to_the_weighted_average(client) -> None:
    mill = await post(client, "/vendors", {"name": "Mill"}, 201)
    flour = await new_product(client, name="Flour 1 kg", cost="1.00", stock=10)
    salt = await new_product(client, name="Salt", cost="0.30", stock=0)
    entry = await post(client, "/stock-entries", {"vendor_id": mill["id"], "note": "delivery 7", "lines": [
        {"product_id": flour["id"], "quantity": 30, "unit_cost": "1.40"},
        {"product_id": salt["id"], "quantity": 5, "unit_cost": "0.35"}]}, 201)
    assert entry["total"] == "43.75" and len(entry["lines"]) == 2
    after = await get(client, f"/products/{flour['id']}", min_position=entry["position"])
    assert (after["stock"], after["cost"]) == (40, "1.30")  # (10 * 1.00 + 30 * 1.40) / 40
    assert (await get(client, f"/products/{salt['id']}"))["cost"] == "0.35"  # nothing on hand: the new cost
    listed = await get(client, "/stock-entries", vendor_id=mill["id"])
    assert [e["id"] for e in listed["items"]] == [entry["id"]] and listed["items"][0]["vendor_name"] == "Mill"
    assert await get(client, f"/stock-entries/{entry['id']}") == listed["items"][0]
    assert (await client.patch(f"{API}/stock-entries/{entry['id']}", json={"note": "x"})).status == 405


async def test_an_entry_is_all_or_nothing(client) -> None:
    mill = await post(client, "/vendors", {"name": "Mill"}, 201)
    bread = await new_product(client, stock=5)
    archived = await new_product(client, stock=5)
    gone = await (await client.delete(f"{API}/products/{archived['id']}")).json()
    error = await error_of(await client.post(f"{API}/stock-entries", json={"vendor_id": mill["id"], "lines": [
        {"product_id": bread["id"], "quantity": 3, "unit_cost": "1.00"},
        {"product_id": archived["id"], "quantity": 3, "unit_cost": "1.00"}]}), 409)
    assert error["code"] == "product_archived"
    assert (await get(client, f"/products/{bread['id']}", min_position=gone["position"]))["stock"] == 5
    error = await error_of(await client.post(f"{API}/stock-entries", json={"vendor_id": bread["id"], "lines": [
        {"product_id": bread["id"], "quantity": 3, "unit_cost": "1.00"}]}), 404)
    assert error["code"] == "not_found"
    error = await error_of(await client.post(f"{API}/stock-entries", json={"vendor_id": mill["id"], "lines": [
        {"product_id": bread["id"], "quantity": 100_000, "unit_cost": "999999999.99"}]}), 409)
    assert error["code"] == "stock_entry_too_large"  # more than the books hold: refused, never set aside
    assert (await get(client, f"/products/{bread['id']}"))["stock"] == 5


async def test_a_count_sets_the_level_but_not_below_what_orders_hold(client) -> None:
    cake = await new_product(client, stock=10)
    await post(client, "/orders", {"items": [{"product_id": cake["id"], "quantity": 4}]}, 201)
    counted = await post(client, f"/products/{cake['id']}/stock-count", {"counted": 7, "reason": "evening count"}, 201)
    assert (counted["stock"], counted["reserved"], counted["available"]) == (7, 4, 3)
    error = await error_of(await client.post(f"{API}/products/{cake['id']}/stock-count", json={"counted": 3}), 409)
    assert error["code"] == "insufficient_stock" and error["details"]["reserved"] == 4


async def test_the_movements_list_every_change_of_stock_with_cause_actor_and_level(client) -> None:
    mill = await post(client, "/vendors", {"name": "Mill"}, 201)
    bun = await new_product(client, price="1.00", stock=10)
    await post(client, f"/products/{bun['id']}/stock-adjustments", {"delta": -2, "reason": "waste"}, 201)
    entry = await post(client, "/stock-entries", {"vendor_id": mill["id"], "lines": [
        {"product_id": bun["id"], "quantity": 5, "unit_cost": "0.50"}]}, 201)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    sale = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [
        {"product_id": bun["id"], "quantity": 3}], "payments": [{"method": "card", "amount": "3.00"}]}, 201)
    await post(client, f"/orders/{sale['id']}/refunds", {"lines": [{"product_id": bun["id"], "quantity": 1}],
                                                       "reason": "dropped", "restock": True}, 201)
    order = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 2}]}, 201)
    await post(client, f"/orders/{order['id']}/payments", {"method": "card", "amount": order["total"]}, 201)
    for status in ("confirmed", "picked", "shipped"):
        moved = await (await client.patch(f"{API}/orders/{order['id']}/status", json={"status": status})).json()
    last = await post(client, f"/products/{bun['id']}/stock-count", {"counted": 8, "reason": "count"}, 201)
    rows = (await get(client, f"/products/{bun['id']}/stock-movements", min_position=max(
        last["position"], moved["position"])))["items"]
    assert [(r["cause"], r["delta"], r["level"]) for r in reversed(rows)] == [
        ("created", 10, 10), ("adjusted", -2, 8), ("received", 5, 13), ("sold", -3, 10), ("returned", 1, 11),
        ("handed_over", -2, 9), ("counted", -1, 8)]
    by_cause = {r["cause"]: r for r in rows}
    assert by_cause["adjusted"]["reason"] == "waste" and by_cause["received"]["reference"] == entry["id"]
    assert by_cause["sold"]["reference"] == sale["id"] and by_cause["handed_over"]["reference"] == order["id"]
    assert all(r["actor"] for r in rows)
    assert (await get(client, f"/products/{bun['id']}"))["stock"] == rows[0]["level"] == 8
    page = await get(client, f"/products/{bun['id']}/stock-movements", per_page=2, page=2)
    assert page["total"] == 7 and [r["cause"] for r in page["items"]] == ["returned", "sold"]
