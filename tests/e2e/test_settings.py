"""Settings over HTTP: admins change them (each change an event), anyone reads the shop's
public part, and the rules they set hold: discount limits, services, delivery minimum,
opening hours and closed days, pickup slots (also when orders race for a slot's last place)."""

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

from tests.support.http import API, bearer, customer_token, error_of, new_product, post, user_with_role


async def patch(client, body, status=200):
    response = await client.patch(f"{API}/settings", json=body)
    data = await response.json()
    assert response.status == status, data
    return data


async def test_admins_change_settings_part_by_part_and_anyone_reads_the_public_part(client, anon) -> None:
    first = await (await client.get(f"{API}/settings")).json()
    assert (first["store_name"], first["discount_limits"]["cashier"], first["services"]["quick_sell"]) == (
        "OMS", "10", True)
    changed = await patch(client, {"store_name": "Boulangerie Lune", "timezone": "Europe/Paris",
                                   "services": {"delivery": False}, "pickup_slots": {"capacity": 4},
                                   "closed_days": ["2026-12-25", "2026-12-24", "2026-12-25"],
                                   "store_hours": {"sat": [{"opens": "07:00", "closes": "13:00"}]}})
    assert changed["services"] == {**first["services"], "delivery": False}
    assert changed["pickup_slots"] == {"minutes": 30, "capacity": 4}
    assert changed["closed_days"] == ["2026-12-24", "2026-12-25"] and changed["version"] == first["version"] + 1
    again = await patch(client, {"store_name": "Boulangerie Lune"})
    assert again["version"] == changed["version"]  # nothing changed, nothing recorded
    public = await (await anon.get(f"{API}/store")).json()
    assert public["store_name"] == "Boulangerie Lune" and public["store_hours"]["sat"][0]["opens"] == "07:00"
    assert "discount_limits" not in public and "receipt_footer" not in public
    backwards = {"store_hours": {"mon": [{"opens": "25:00", "closes": "07:00"}]}}
    for body, field in (({"timezone": "Mars/Olympus"}, "$"), (backwards, "store_hours"),
                        ({"pickup_slots": {"minutes": 1}}, "pickup_slots.minutes")):
        error = await error_of(await client.patch(f"{API}/settings", json=body), 400)
        assert error["details"]["field"].startswith(field)


async def test_the_receipt_carries_the_shop_from_the_settings(client) -> None:
    await patch(client, {"store_name": "Boulangerie Lune", "receipt_footer": "Merci et a bientot"})
    bun = await new_product(client, price="1.00")
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    items = [{"product_id": bun["id"], "quantity": 1}]
    sale = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": items,
                                             "payments": [{"method": "cash", "amount": "1.00"}]}, 201)
    page = await (await client.get(f"{API}/orders/{sale['id']}/receipt")).text()
    assert "Boulangerie Lune" in page and "Merci et a bientot" in page


async def test_discount_limits_and_quick_sell_follow_the_settings(client) -> None:
    _, token = await user_with_role(client, "cashier")
    cashier = bearer(token)
    bun = await new_product(client, price="10.00")
    shift = await post(client, "/shifts", {"register": "till", "opening_float": "0"}, 201, headers=cashier)
    sale = {"shift_id": shift["id"], "items": [{"product_id": bun["id"], "quantity": 1}],
            "discount": {"kind": "percent", "value": "8"}, "payments": [{"method": "cash", "amount": "9.20"}]}
    await patch(client, {"discount_limits": {"cashier": "5"}})
    error = await error_of(await client.post(f"{API}/pos/sales", json=sale, headers=cashier), 409)
    assert error["code"] == "discount_limit" and error["details"]["limit_percent"] == "5"
    await patch(client, {"discount_limits": {"cashier": "8"}})
    await post(client, "/pos/sales", sale, 201, headers=cashier)
    await patch(client, {"services": {"quick_sell": False}})
    quick = {"shift_id": shift["id"], "items": [{"name": "Candle", "price": "1.00", "tax_rate": "0", "quantity": 1}],
             "payments": [{"method": "cash", "amount": "1.00"}]}
    error = await error_of(await client.post(f"{API}/pos/sales", json=quick, headers=cashier), 409)
    assert (error["code"], error["details"]["service"]) == ("service_disabled", "quick_sell")


async def test_online_orders_follow_the_services_and_the_delivery_minimum(client) -> None:
    token = bearer(await customer_token(client, "gus"))
    bun = await new_product(client, price="2.00")
    one = {"items": [{"product_id": bun["id"], "quantity": 1}]}
    await patch(client, {"delivery_minimum": "5.00"})
    error = await error_of(await client.post(f"{API}/orders", json={**one, "fulfilment": "delivery"},
                                             headers=token), 409)
    assert (error["code"], error["details"]["minimum"]) == ("below_delivery_minimum", "5.00")
    await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 3}], "fulfilment": "delivery"},
               201, headers=token)
    await patch(client, {"services": {"online_orders": False}})
    error = await error_of(await client.post(f"{API}/orders", json=one, headers=token), 409)
    assert (error["code"], error["details"]["service"]) == ("service_disabled", "online_orders")
    await post(client, "/orders", {**one, "channel": "pos"}, 201)  # the counter is not the online shop


async def test_a_delivered_order_pays_the_delivery_fee_with_its_tax(client, anon) -> None:
    token = bearer(await customer_token(client, "ida"))
    bun = await new_product(client, price="4.00", tax_rate="7")
    await patch(client, {"tax_rates": [{"name": "reduced", "rate": "7"}, {"name": "standard", "rate": "19"}]})
    taxed_at_20 = {"delivery_fee": "3.50", "delivery_tax_rate": "20"}
    error = await error_of(await client.patch(f"{API}/settings", json=taxed_at_20), 409)
    assert error["code"] == "tax_rate_not_offered"  # the fee is taxed at a rate the shop has
    await patch(client, {"delivery_fee": "3.50", "delivery_tax_rate": "19", "delivery_minimum": "6.00"})
    store = await (await anon.get(f"{API}/store", headers={"Authorization": ""})).json()
    assert (store["delivery_fee"], store["delivery_tax_rate"], store["out_of_hours"]) == ("3.50", "19", "refuse")
    two = {"items": [{"product_id": bun["id"], "quantity": 2}], "fulfilment": "delivery"}
    delivered = await post(client, "/orders", two, 201, headers=token)
    assert [(line["sku"], line["net"], line["tax"]) for line in delivered["items"]] == [
        (bun["sku"], "8.00", "0.56"), ("DELIVERY", "3.50", "0.67")]
    assert (delivered["subtotal"], delivered["tax"], delivered["total"]) == ("11.50", "1.23", "12.73")
    picked_up = await post(client, "/orders", {**two, "fulfilment": "pickup"}, 201, headers=token)
    assert picked_up["total"] == "8.56"  # no fee when they collect it
    error = await error_of(await client.post(f"{API}/orders", json={**two, "items": [
        {"product_id": bun["id"], "quantity": 1}]}, headers=token), 409)
    assert error["code"] == "below_delivery_minimum"  # the goods must reach it, the fee does not count
    await post(client, f"/orders/{delivered['id']}/payments", {"method": "card", "amount": delivered["total"]}, 201)
    for status in ("confirmed", "picked", "shipped"):  # the fee line moves no stock
        moved = await client.patch(f"{API}/orders/{delivered['id']}/status", json={"status": status})
        assert moved.status == 200, await moved.text()
    left = await client.get(f"{API}/products/{bun['id']}", params={"min_position": (await moved.json())["position"]})
    assert (await left.json())["stock"] == 8  # the delivered two left the shop, nothing for the fee


async def test_out_of_hours_orders_are_taken_for_the_next_opening_when_the_shop_says_so(client) -> None:
    token = bearer(await customer_token(client, "joan"))
    bun = await new_product(client, price="2.00")
    one = {"items": [{"product_id": bun["id"], "quantity": 1}]}
    today = datetime.now(UTC).date()
    every_day = {day: [{"opens": "08:00", "closes": "09:00"}] for day in ("mon", "tue", "wed", "thu", "fri",
                                                                           "sat", "sun")}
    await patch(client, {"closed_days": [today.isoformat()], "store_hours": every_day,
                         "pickup_slots": {"minutes": 30, "capacity": 1}})
    error = await error_of(await client.post(f"{API}/orders", json=one, headers=token), 409)
    assert error["code"] == "store_closed"  # refused, as long as the shop says so
    await patch(client, {"out_of_hours": "next_opening"})
    tomorrow = (today + timedelta(days=1)).isoformat()
    first = await post(client, "/orders", one, 201, headers=token)
    assert first["pickup_at"] == f"{tomorrow}T08:00:00Z"  # closed today: the next opening
    second = await post(client, "/orders", {**one, "pickup_at": f"{tomorrow}T08:10:00Z"}, 201, headers=token)
    assert second["pickup_at"] == f"{tomorrow}T08:30:00Z"  # that slot is full: the next one with room
    late = await post(client, "/orders", {**one, "pickup_at": f"{tomorrow}T17:00:00Z"}, 201, headers=token)
    assert late["pickup_at"] == f"{(today + timedelta(days=2)).isoformat()}T08:00:00Z"  # after closing time
    fine = await post(client, "/orders", {**one, "pickup_at": f"{tomorrow}T17:00:00Z"}, 201, headers=token)
    assert fine["pickup_at"] == f"{(today + timedelta(days=2)).isoformat()}T08:30:00Z"


async def test_orders_are_taken_for_opening_hours_only_and_never_on_closed_days(client) -> None:
    token = bearer(await customer_token(client, "hal"))
    bun = await new_product(client, price="2.00")
    one = {"items": [{"product_id": bun["id"], "quantity": 1}]}
    today = datetime.now(UTC).date()
    await patch(client, {"closed_days": [today.isoformat()]})
    error = await error_of(await client.post(f"{API}/orders", json=one, headers=token), 409)
    assert error["code"] == "store_closed"
    tomorrow_nine = datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=9)
    placed = await post(client, "/orders", {**one, "pickup_at": tomorrow_nine.isoformat()}, 201, headers=token)
    assert placed["pickup_at"].startswith(tomorrow_nine.strftime("%Y-%m-%dT09:00"))
    every_day = {day: [{"opens": "08:00", "closes": "12:00"}] for day in ("mon", "tue", "wed", "thu", "fri",
                                                                           "sat", "sun")}
    await patch(client, {"closed_days": [], "store_hours": every_day})
    error = await error_of(await client.post(f"{API}/orders", json={
        **one, "pickup_at": (tomorrow_nine + timedelta(hours=4)).isoformat()}, headers=token), 409)
    assert error["code"] == "store_closed"
    error = await error_of(await client.post(f"{API}/orders", json={
        **one, "pickup_at": (tomorrow_nine - timedelta(days=2)).isoformat()}, headers=token), 409)
    assert error["code"] == "slot_past"


async def test_a_pickup_slot_takes_its_capacity_even_when_orders_race_for_it(client) -> None:
    await patch(client, {"pickup_slots": {"minutes": 30, "capacity": 2}})
    bun = await new_product(client, price="2.00", stock=100)
    slot = datetime.combine(datetime.now(UTC).date() + timedelta(days=2), datetime.min.time(), UTC)
    body = {"items": [{"product_id": bun["id"], "quantity": 1}], "channel": "online"}
    responses = await asyncio.gather(*(client.post(f"{API}/orders", json={
        **body, "pickup_at": (slot + timedelta(hours=10, minutes=m)).isoformat()}) for m in (0, 5, 10, 29)))
    assert Counter(r.status for r in responses) == {201: 2, 409: 2}
    assert {(await r.json())["error"]["code"] for r in responses if r.status == 409} == {"slot_full"}
    other = await post(client, "/orders", {**body, "pickup_at": (slot + timedelta(hours=10, minutes=30)).isoformat()},
                       201)
    assert other["pickup_at"]
    booked = next(r for r in responses if r.status == 201)
    await post(client, f"/orders/{(await booked.json())['id']}/cancel", {"reason": "plans changed"})
    await post(client, "/orders", {**body, "pickup_at": (slot + timedelta(hours=10, minutes=15)).isoformat()}, 201)


async def test_the_coming_pickup_slots_follow_the_hours_and_count_the_places_left(client, anon) -> None:
    every_day = {day: [{"opens": "08:00", "closes": "09:00"}] for day in ("mon", "tue", "wed", "thu", "fri",
                                                                           "sat", "sun")}
    await patch(client, {"store_hours": every_day, "pickup_slots": {"minutes": 30, "capacity": 2}})
    slots = await (await anon.get(f"{API}/pickup-slots", params={"days": 3})).json()
    assert {s["starts"][11:16] for s in slots} == {"08:00", "08:30"} and 5 <= len(slots) <= 6
    assert all(s["free"] == 2 for s in slots)
    bun = await new_product(client, price="2.00")
    placed = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 1}], "channel": "online",
                                            "pickup_at": (datetime.fromisoformat(slots[-1]["starts"])
                                                          + timedelta(minutes=10)).isoformat()}, 201)
    after = await (await anon.get(f"{API}/pickup-slots", params={"days": 3, "min_position": placed["position"]})).json()
    assert [s["free"] for s in after] == [2] * (len(slots) - 1) + [1]


async def test_only_the_tax_rates_the_shop_offers_and_its_currency(client) -> None:
    response = await client.patch(f"{API}/settings", json={
        "currency": "CHF", "tax_rates": [{"name": "reduced", "rate": "2.6"}, {"name": "standard", "rate": "8.1"}]})
    assert response.status == 200 and (await response.json())["currency"] == "CHF"
    refused = await client.post(f"{API}/products", json={"sku": "T-1", "name": "Tart", "price": "4.00", "cost": "1",
                                                         "category": "Pastry", "tax_rate": "7", "stock": 1})
    error = (await refused.json())["error"]
    assert refused.status == 409 and error["code"] == "tax_rate_not_offered" and error["details"]["offered"] == [
        "2.6", "8.1"]
    tart = await post(client, "/products", {"sku": "T-2", "name": "Tart", "price": "4.00", "cost": "1",
                                            "category": "Pastry", "tax_rate": "2.6", "stock": 5}, 201)
    edit = await client.patch(f"{API}/products/{tart['id']}", json={"tax_rate": "5"})
    assert edit.status == 409
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    quick = await client.post(f"{API}/pos/sales", json={"shift_id": shift["id"], "items": [
        {"name": "Gift box", "price": "2.00", "tax_rate": "19", "quantity": 1}],
        "payments": [{"method": "cash", "amount": "5.00"}]})
    assert quick.status == 409 and (await quick.json())["error"]["code"] == "tax_rate_not_offered"
    sale = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [
        {"product_id": tart["id"], "quantity": 1}], "payments": [{"method": "cash", "amount": "5.00"}]}, 201)
    receipt = await (await client.get(f"{API}/orders/{sale['id']}/receipt")).text()
    assert "TOTAL CHF" in receipt
    bad = await client.patch(f"{API}/settings", json={"currency": "euro"})
    assert bad.status == 400
