"""Time travel: a product with its stock, a shift, a customer and the settings as they were
at several instants (`?as_of=`, the times the audit trail gives each event) and at each
version (`?version=`), against states worked out by hand."""

from tests.support.http import API, get, new_product, post


async def instants(client, entity_id, position) -> list[str]:
    """The time of each of the entity's events, oldest first (from the audit trail)."""
    trail = await get(client, "/audit", entity_id=entity_id, min_position=position, per_page=200)
    return [e["at"] for e in reversed(trail["items"])]


async def as_of(client, path, at):
    return await get(client, path, as_of=at)


async def test_a_product_and_its_stock_as_they_were(client) -> None:
    bun = await new_product(client, price="2.50", stock=10, tax_rate="0")
    await post(client, f"/products/{bun['id']}/stock-adjustments", {"delta": 5, "reason": "delivery"}, 201)
    await client.patch(f"{API}/products/{bun['id']}", json={"price": "3.00"})
    order = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 4}], "channel": "pos"},
                       201)
    at = await instants(client, bun["id"], order["position"])
    expected = [("2.50", 10, 0), ("2.50", 15, 0), ("3.00", 15, 0), ("3.00", 15, 4)]  # price, stock, reserved
    assert len(at) == len(expected)
    for when, version, state in zip(at, range(1, 5), expected, strict=True):
        then = await as_of(client, f"/products/{bun['id']}", when)
        assert (then["price"], then["stock"], then["reserved"], then["version"]) == (*state, version)
        assert await get(client, f"/products/{bun['id']}", version=version) == then


async def test_a_shift_as_it_was(client) -> None:
    bun = await new_product(client, price="3.00", stock=10, tax_rate="0")
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "50.00"}, 201)
    await post(client, f"/shifts/{shift['id']}/cash-movements", {"kind": "in", "amount": "20.00", "reason": "change"},
               201)
    await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [{"product_id": bun["id"], "quantity": 3}],
                                      "payments": [{"method": "cash", "amount": "10.00"}]}, 201)
    closed = await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "78.50"})
    at = await instants(client, shift["id"], closed["position"])
    expected = [("open", "50.00", 0, None), ("open", "70.00", 0, None), ("open", "79.00", 1, None),
                ("closed", "79.00", 1, "-0.50")]  # status, expected cash, sales, variance
    assert len(at) == len(expected)
    for when, version, state in zip(at, range(1, 5), expected, strict=True):
        then = await as_of(client, f"/shifts/{shift['id']}", when)
        report = then["report"]
        assert (then["status"], report["expected_cash"], report["sales_count"], report["variance"]) == state
        assert (await get(client, f"/shifts/{shift['id']}", version=version))["report"] == report


async def test_a_customer_and_their_account_as_they_were(client) -> None:
    bun = await new_product(client, price="4.00", stock=10, tax_rate="0")
    cleo = await post(client, "/customers", {"full_name": "Cleo Baker", "credit_limit": "50.00"}, 201)
    await client.patch(f"{API}/customers/{cleo['id']}", json={"phone": "+33 6 12 34 56 78"})
    shift = await post(client, "/shifts", {"register": "back", "opening_float": "0"}, 201)
    await post(client, "/pos/sales", {"shift_id": shift["id"], "customer_id": cleo["id"], "items": [
        {"product_id": bun["id"], "quantity": 3}], "payments": [{"method": "account", "amount": "12.00"}]}, 201)
    paid = await post(client, f"/customers/{cleo['id']}/payments", {"method": "cash", "amount": "5.00"}, 201)
    at = await instants(client, cleo["id"], paid["position"])
    expected = [(None, "0.00"), ("+33 6 12 34 56 78", "0.00"), ("+33 6 12 34 56 78", "12.00"),
                ("+33 6 12 34 56 78", "7.00")]  # phone, balance
    assert len(at) == len(expected)
    for when, version, state in zip(at, range(1, 5), expected, strict=True):
        then = await as_of(client, f"/customers/{cleo['id']}", when)
        assert (then["phone"], then["balance"], then["version"]) == (*state, version)


async def test_the_settings_as_they_were(client) -> None:
    first = await (await client.patch(f"{API}/settings", json={"store_name": "Le Fournil"})).json()
    second = await (await client.patch(f"{API}/settings", json={"store_name": "Chez Paul",
                                                                 "delivery_fee": "2.00"})).json()
    trail = await get(client, "/audit", entity="settings", min_position=second["position"])
    at = {e["version"]: e["at"] for e in trail["items"]}
    then = await as_of(client, "/settings", at[first["version"]])
    assert (then["store_name"], then["delivery_fee"], then["version"]) == ("Le Fournil", "0.00", first["version"])
    now = await as_of(client, "/settings", at[second["version"]])
    assert (now["store_name"], now["delivery_fee"]) == ("Chez Paul", "2.00")
