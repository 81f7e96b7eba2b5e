"""Custom orders: taken with a deposit and a due time, listed by due time, through the
normal lifecycle to pickup with the balance paid; cancelled with the deposit kept or
given back, as the settings say."""

from datetime import UTC, datetime, timedelta

from tests.support.http import API, bearer, customer_token, error_of, get, post

SATURDAY = (datetime.now(UTC) + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)


async def cake(client, customer, status=201, **fields):
    body = {"customer_id": customer["id"], "specification": "Chocolate cake, 24 cm\n'Happy birthday Lea'",
            "price": "40.00", "tax_rate": "7", "due_at": SATURDAY.isoformat(), "deposit": "15.00",
            "deposit_method": "card", **fields}
    return await post(client, "/custom-orders", body, status)


async def test_a_cake_is_taken_with_a_deposit_and_collected_with_the_balance(client) -> None:
    lea = await post(client, "/customers", {"full_name": "Lea Martin"}, 201)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "50.00"}, 201)
    order = await cake(client, lea)
    assert (order["channel"], order["status"], order["total"], order["paid"], order["balance_due"]) == (
        "custom", "placed", "42.80", "15.00", "27.80")
    assert order["items"][0]["name"] == "Chocolate cake, 24 cm" and order["note"].endswith("Lea'")
    assert order["pickup_at"].startswith(SATURDAY.strftime("%Y-%m-%dT10:00"))
    sooner = await cake(client, lea, due_at=(SATURDAY - timedelta(days=1)).isoformat(), deposit="0")
    listed = await get(client, "/custom-orders", min_position=sooner["position"])
    assert [o["id"] for o in listed["items"]] == [sooner["id"], order["id"]]
    for status in ("confirmed", "picked"):
        moved = await (await client.patch(f"{API}/orders/{order['id']}/status", json={"status": status})).json()
        assert moved["status"] == status
    unpaid = await client.patch(f"{API}/orders/{order['id']}/status", json={"status": "delivered"})
    assert (await error_of(unpaid, 409))["details"]["balance_due"] == "27.80"  # the balance first
    paid = await (await client.patch(f"{API}/orders/{order['id']}/status", json={
        "status": "delivered", "payment": {"method": "cash", "amount": "27.80"}, "shift_id": shift["id"]})).json()
    assert (paid["status"], paid["payment_status"], paid["balance_due"]) == ("delivered", "paid", "0.00")
    drawer = await get(client, f"/shifts/{shift['id']}")
    assert drawer["report"]["expected_cash"] == "77.80"  # the float and the balance taken in cash


async def test_a_cash_deposit_goes_into_an_open_drawer(client) -> None:
    lea = await post(client, "/customers", {"full_name": "Lea"}, 201)
    error = await error_of(await client.post(f"{API}/custom-orders", json={
        "customer_id": lea["id"], "specification": "Tart", "price": "20.00", "due_at": SATURDAY.isoformat(),
        "deposit": "5.00"}), 409)
    assert error["code"] == "shift_required"
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "10.00"}, 201)
    await cake(client, lea, deposit="5.00", deposit_method="cash", shift_id=shift["id"])
    drawer = await get(client, f"/shifts/{shift['id']}")
    assert drawer["report"]["expected_cash"] == "15.00"
    assert [m["reason"] for m in drawer["movements"]] == ["deposit B-000001"]


async def test_a_custom_order_is_refused_in_the_past_when_closed_or_turned_off(client) -> None:
    lea = await post(client, "/customers", {"full_name": "Lea"}, 201)
    assert (await cake(client, lea, 409, due_at=(datetime.now(UTC) - timedelta(hours=1)).isoformat()))[
        "error"]["code"] == "due_in_the_past"
    await client.patch(f"{API}/settings", json={"closed_days": [SATURDAY.date().isoformat()]})
    assert (await cake(client, lea, 409))["error"]["code"] == "store_closed"
    await client.patch(f"{API}/settings", json={"closed_days": []})
    assert (await cake(client, lea, 409, deposit="50.00"))["error"]["code"] == "overpayment"
    await client.patch(f"{API}/settings", json={"services": {"custom_orders": False}})
    assert (await cake(client, lea, 409))["error"]["code"] == "service_disabled"


async def test_cancelling_keeps_the_deposit_or_gives_it_back_as_the_settings_say(client) -> None:
    lea = await post(client, "/customers", {"full_name": "Lea"}, 201)
    kept = await cake(client, lea)
    cancelled = await post(client, f"/orders/{kept['id']}/cancel", {"reason": "changed plans"})
    assert (cancelled["status"], cancelled["paid"], cancelled["refunded"]) == ("cancelled", "15.00", "0.00")
    await client.patch(f"{API}/settings", json={"deposit_on_cancel": "refund"})
    back = await cake(client, lea)
    cancelled = await post(client, f"/orders/{back['id']}/cancel", {"reason": "changed plans"})
    assert (cancelled["refunded"], cancelled["refunds"][0]["tenders"]) == ("15.00", {"card": "15.00"})
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    in_cash = await cake(client, lea, deposit_method="cash", shift_id=shift["id"])
    error = await error_of(await client.post(f"{API}/orders/{in_cash['id']}/cancel", json={"reason": "x"}), 409)
    assert error["code"] == "shift_required"
    cancelled = await post(client, f"/orders/{in_cash['id']}/cancel", {"reason": "x", "shift_id": shift["id"]})
    assert cancelled["refunds"][0]["tenders"] == {"cash": "15.00"}
    report = (await get(client, f"/shifts/{shift['id']}"))["report"]
    assert (report["expected_cash"], report["refunds_total"]) == ("0.00", "15.00")


async def test_a_customer_sees_their_own_custom_orders_only(client) -> None:
    token = bearer(await customer_token(client, "ivy"))
    me = await (await client.get(f"{API}/auth/me", headers=token)).json()
    mine = await cake(client, {"id": me["id"]})  # staff name the customer by their user
    other = await cake(client, await post(client, "/customers", {"full_name": "Someone Else"}, 201))
    seen = await (await client.get(f"{API}/custom-orders", params={"min_position": other["position"]},
                                   headers=token)).json()
    assert [o["id"] for o in seen["items"]] == [mine["id"]]
    assert (await client.get(f"{API}/orders/{mine['id']}", headers=token)).status == 200
    assert (await client.get(f"{API}/orders/{other['id']}", headers=token)).status == 404
