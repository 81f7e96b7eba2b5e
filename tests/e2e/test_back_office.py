"""Back office over HTTP: records (create, search, edit, archive, time travel), customer
accounts within their credit limit, and expenses with their totals."""

import asyncio
from collections import Counter

from tests.support.http import API, bearer, customer_token, error_of, get, new_product, post


async def open_shift(client, register="front"):
    return await post(client, "/shifts", {"register": register, "opening_float": "50.00"}, 201)


async def test_a_vendor_is_made_found_edited_and_archived_with_its_history(client) -> None:
    mill = await post(client, "/vendors", {"name": "Moulin Dupont", "contact": "Anne", "phone": "+33 1 23 45"}, 201)
    await post(client, "/vendors", {"name": "Dairy Farm"}, 201)
    found = await get(client, "/vendors", q="dupont", min_position=mill["position"])
    assert [v["name"] for v in found["items"]] == ["Moulin Dupont"] and found["total"] == 1
    edited = await (await client.patch(f"{API}/vendors/{mill['id']}", json={"phone": None, "email": "a@m.fr"})).json()
    assert (edited["phone"], edited["email"], edited["version"]) == (None, "a@m.fr", 2)
    gone = await (await client.delete(f"{API}/vendors/{mill['id']}")).json()
    listed = await get(client, "/vendors", min_position=gone["position"])
    assert [v["name"] for v in listed["items"]] == ["Dairy Farm"]
    assert (await get(client, "/vendors", include_archived="true"))["total"] == 2
    was = await get(client, f"/vendors/{mill['id']}", version=1)
    assert (was["phone"], was["email"], was["archived"]) == ("+33 1 23 45", None, False)
    assert (await get(client, f"/vendors/{mill['id']}"))["archived"] is True
    error = await error_of(await client.patch(f"{API}/vendors/{mill['id']}", json={"name": "X"}), 409)
    assert error["code"] == "archived"
    error = await error_of(await client.patch(f"{API}/vendors/{mill['id']}", json={"name": None}), 400)
    assert error["details"]["field"] == "name"


async def test_a_salesman_keeps_the_commission_rate_as_written(client) -> None:
    sam = await post(client, "/salesmen", {"name": "Sam", "commission_rate": "2.50"}, 201)
    assert sam["commission_rate"] == "2.5"
    assert (await get(client, f"/salesmen/{sam['id']}", min_position=sam["position"]))["commission_rate"] == "2.5"


async def test_an_account_sale_within_the_limit_is_owed_and_paid_off(client) -> None:
    cleo = await post(client, "/customers", {"full_name": "Cleo Baker", "credit_limit": "20.00"}, 201)
    bread = await new_product(client, price="4.00", stock=20)
    shift = await open_shift(client)
    sale = {"shift_id": shift["id"], "customer_id": cleo["id"], "items": [{"product_id": bread["id"], "quantity": 3}],
            "payments": [{"method": "account", "amount": "12.00"}]}
    sold = await post(client, "/pos/sales", sale, 201)
    assert sold["payment_status"] == "paid"
    owed = await get(client, f"/customers/{cleo['id']}", min_position=sold["position"])
    assert owed["balance"] == "12.00"
    error = await error_of(await client.post(f"{API}/pos/sales", json=sale), 409)
    assert error["code"] == "credit_limit_exceeded" and error["details"]["balance"] == "12.00"
    error = await error_of(await client.post(f"{API}/pos/sales", json={**sale, "customer_id": None}), 409)
    assert error["code"] == "customer_required"
    paid = await post(client, f"/customers/{cleo['id']}/payments", {"method": "cash", "amount": "5.00"}, 201)
    assert paid["balance"] == "7.00"
    error = await error_of(await client.post(f"{API}/customers/{cleo['id']}/payments",
                                             json={"method": "card", "amount": "7.01"}), 409)
    assert error["code"] == "overpayment"
    refund = await post(client, f"/orders/{sold['id']}/refunds",
                        {"lines": [{"product_id": bread["id"], "quantity": 1}], "reason": "stale"}, 201)
    assert refund["refunds"][0]["tenders"] == {"account": "4.00"}
    after = await get(client, f"/customers/{cleo['id']}", min_position=refund["position"])
    assert after["balance"] == "3.00"
    history = await get(client, "/orders", customer_id=cleo["id"])
    assert [o["id"] for o in history["items"]] == [sold["id"]] and history["items"][0]["customer_name"] == "Cleo Baker"
    owing = await get(client, "/customers", owing="true")
    assert [c["full_name"] for c in owing["items"]] == ["Cleo Baker"]


async def test_two_concurrent_charges_that_together_pass_the_limit_one_is_refused(client) -> None:
    dan = await post(client, "/customers", {"full_name": "Dan", "credit_limit": "10.00"}, 201)
    orders = [await post(client, "/orders", {"customer_id": dan["id"], "items": [
        {"product_id": (await new_product(client, price="6.00"))["id"], "quantity": 1}]}, 201) for _ in range(2)]
    responses = await asyncio.gather(*(client.post(f"{API}/orders/{o['id']}/payments",
                                                   json={"method": "account", "amount": "6.00"}) for o in orders))
    assert Counter(r.status for r in responses) == {201: 1, 409: 1}
    refused = next(r for r in responses if r.status == 409)
    assert (await refused.json())["error"]["code"] == "credit_limit_exceeded"
    accepted = await next(r for r in responses if r.status == 201).json()
    assert (await get(client, f"/customers/{dan['id']}", min_position=accepted["position"]))["balance"] == "6.00"


async def test_a_customer_who_signs_up_has_a_record_and_staff_see_their_orders(client) -> None:
    token = await customer_token(client, "erin")
    bun = await new_product(client, price="1.50")
    mine = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 2}]}, 201,
                      headers={"Authorization": f"Bearer {token}"})
    found = await get(client, "/customers", q="Ann Example", min_position=mine["position"])
    assert found["total"] == 1
    record = found["items"][0]
    assert record["email"] == "erin@example.com" and record["user_id"] is not None
    history = await get(client, "/orders", customer_id=record["id"])
    assert [o["id"] for o in history["items"]] == [mine["id"]]
    assert history["items"][0]["customer_name"] == "Ann Example"


async def test_customers_read_only_what_is_theirs(client) -> None:
    token = await customer_token(client, "fay")
    response = await client.get(f"{API}/customers", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 403


async def test_expenses_are_filtered_and_totalled_per_category(client) -> None:
    mill = await post(client, "/vendors", {"name": "Mill"}, 201)
    for category, amount, day in (("Rent", "900.00", "2026-11-01"), ("Flour", "120.50", "2026-11-03"),
                                  ("Flour", "80.25", "2026-11-20"), ("Flour", "99.00", "2026-12-01")):
        last = await post(client, "/expenses", {"category": category, "amount": amount, "date": day,
                                                "vendor_id": mill["id"] if category == "Flour" else None}, 201)
    november = {"from": "2026-11-01", "to": "2026-11-30", "min_position": last["position"]}
    listed = await get(client, "/expenses", **november)
    assert [e["date"] for e in listed["items"]] == ["2026-11-20", "2026-11-03", "2026-11-01"]
    totals = await get(client, "/expense-totals", **november)
    assert totals == {"total": "1100.75", "categories": [{"category": "Flour", "total": "200.75", "count": 2},
                                                         {"category": "Rent", "total": "900.00", "count": 1}]}
    error = await error_of(await client.post(f"{API}/expenses", json={
        "category": "Flour", "amount": "1.00", "date": "2026-11-02", "vendor_id": listed["items"][2]["id"]}), 404)
    assert error["code"] == "not_found"
    error = await error_of(await client.post(f"{API}/expenses", json={
        "category": "Flour", "amount": "1.00", "date": "2026-02-30"}), 400)
    assert error["details"]["field"] == "date"


async def test_a_sale_names_its_salesman_and_the_orders_list_filters_by_them(client) -> None:
    sam = await post(client, "/salesmen", {"name": "Sam", "commission_rate": "3"}, 201)
    gone = await post(client, "/salesmen", {"name": "Gone"}, 201)
    await client.delete(f"{API}/salesmen/{gone['id']}")
    bun = await new_product(client, price="2.00")
    shift = await open_shift(client)
    sale = {"shift_id": shift["id"], "salesman_id": sam["id"], "items": [{"product_id": bun["id"], "quantity": 1}],
            "payments": [{"method": "cash", "amount": "2.00"}]}
    sold = await post(client, "/pos/sales", sale, 201)
    await post(client, "/pos/sales", {**sale, "salesman_id": None}, 201)
    assert sold["salesman_id"] == sam["id"]
    credited = await get(client, "/orders", salesman_id=sam["id"], min_position=sold["position"])
    assert [o["id"] for o in credited["items"]] == [sold["id"]] and credited["items"][0]["salesman_id"] == sam["id"]
    error = await error_of(await client.post(f"{API}/pos/sales", json={**sale, "salesman_id": gone["id"]}), 409)
    assert error["code"] == "archived"


async def test_a_product_names_its_vendor_for_those_who_see_its_cost(client) -> None:
    mill = await post(client, "/vendors", {"name": "Moulin"}, 201)
    flour = await post(client, "/products", {"sku": "FL-1", "name": "Flour", "price": "2.00", "cost": "1.00",
                                             "category": "Dry", "vendor_id": mill["id"]}, 201)
    assert flour["vendor_id"] == mill["id"]
    listed = await get(client, "/products", q="flour", min_position=flour["position"])
    assert listed["items"][0]["vendor_id"] == mill["id"]
    shopper = bearer(await customer_token(client, "vera"))
    public = await (await client.get(f"{API}/products/{flour['id']}", headers=shopper)).json()
    assert "vendor_id" not in public and "cost" not in public  # purchase details stay in the back office
    miller = await post(client, "/vendors", {"name": "Mühle Nord"}, 201)
    moved = await (await client.patch(f"{API}/products/{flour['id']}", json={"vendor_id": miller["id"]})).json()
    listed = await get(client, "/products", q="flour", min_position=moved["position"])
    assert listed["items"][0]["vendor_id"] == miller["id"]  # the list follows a change of vendor
    gone = await (await client.delete(f"{API}/vendors/{mill['id']}")).json()
    refused = await client.patch(f"{API}/products/{flour['id']}", json={"vendor_id": mill["id"]},
                                 params={"min_position": str(gone["position"])})
    assert refused.status == 409 and (await refused.json())["error"]["code"] == "archived"
    unknown = await client.post(f"{API}/products", json={"sku": "FL-2", "name": "Rye flour", "price": "2.00",
                                                         "cost": "1.00", "category": "Dry",
                                                         "vendor_id": "00000000-0000-4000-8000-000000000000"})
    assert unknown.status == 404
    cleared = await (await client.patch(f"{API}/products/{flour['id']}", json={"vendor_id": None})).json()
    assert cleared["vendor_id"] is None


async def test_a_search_matching_thousands_counts_up_to_a_thousand_then_estimates(client, db) -> None:
    import psycopg

    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("INSERT INTO customers (id, full_name, email, credit_limit, balance, version, created_at,"
                     " updated_at) SELECT gen_random_uuid(), 'Many ' || i, 'many' || i || '@example.com', 0, 0, 1,"
                     " now(), now() FROM generate_series(1, 3000) i")
        conn.execute("ANALYZE customers")
    many = await get(client, "/customers", q="example.com", per_page=10)
    assert many["total_estimated"] is True and many["total"] > 1_000 and len(many["items"]) == 10
    few = await get(client, "/customers", q="many299")
    assert (few["total"], few["total_estimated"]) == (11, False)  # many299 and many2990..2999, counted
