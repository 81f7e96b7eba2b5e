"""Order lists and search read the OrderList tables: filters, text search, paging, own orders only."""

from tests.support.http import API, bearer, customer_token, new_product, post


async def orders(client, token=None, **params):
    headers = bearer(token) if token else None
    response = await client.get(f"{API}/orders", params={k: str(v) for k, v in params.items()}, headers=headers)
    body = await response.json()
    assert response.status == 200, body
    return body


async def place(client, product, quantity=1, token=None, **extra):
    headers = bearer(token) if token else None
    return await post(client, "/orders", {"items": [{"product_id": product["id"], "quantity": quantity}], **extra},
                      201, headers=headers)


async def test_lists_are_newest_first_with_lines_and_totals(client) -> None:
    bread = await new_product(client, name="Rye loaf", price="5.00", tax_rate="0", stock=50)
    first = await place(client, bread, 2)
    second = await place(client, bread, 1, channel="pos")
    page = await orders(client, min_position=second["position"])
    assert [o["number"] for o in page["items"]] == [second["number"], first["number"]]
    top = page["items"][1]
    assert (top["total"], top["item_count"], top["items"][0]["name"]) == ("10.00", 2, "Rye loaf")
    assert (await orders(client, channel="pos"))["total"] == 1


async def test_filters_by_status_and_date(client) -> None:
    bread = await new_product(client, stock=50)
    kept, cancelled = await place(client, bread), await place(client, bread)
    done = await post(client, f"/orders/{cancelled['id']}/cancel", {}, 200)
    page = await orders(client, status="cancelled", min_position=done["position"])
    assert [o["id"] for o in page["items"]] == [cancelled["id"]]
    assert (await orders(client, **{"from": kept["created_at"]}))["total"] == 2
    assert (await orders(client, to=kept["created_at"]))["total"] == 0


async def test_search_finds_by_number_product_and_customer_name(client) -> None:
    eclair = await new_product(client, name="Chocolate eclair", stock=50)
    token = await customer_token(client, "dora")
    mine = await place(client, eclair, token=token)
    other = await place(client, await new_product(client, name="Sourdough", stock=5))
    await orders(client, min_position=other["position"])
    assert [o["id"] for o in (await orders(client, q="ECLAIR"))["items"]] == [mine["id"]]
    assert [o["id"] for o in (await orders(client, q=other["number"]))["items"]] == [other["id"]]
    assert [o["id"] for o in (await orders(client, q="Exampel"))["items"]] == []
    assert [o["id"] for o in (await orders(client, q="Ann Example"))["items"]] == [mine["id"]]
    assert (await orders(client, q="%"))["total"] == 0


async def test_a_customers_list_never_contains_others_orders(client) -> None:
    bread = await new_product(client, stock=50)
    ann, ben = await customer_token(client, "ann2"), await customer_token(client, "ben2")
    mine = [await place(client, bread, token=ann) for _ in range(3)]
    theirs = await place(client, bread, token=ben)
    await place(client, bread)
    page = await orders(client, token=ann, min_position=theirs["position"])
    assert sorted(o["id"] for o in page["items"]) == sorted(o["id"] for o in mine)
    spoof = await orders(client, token=ann, customer_id=theirs["customer_id"])
    assert spoof["total"] == 0


async def test_paging_walks_every_order_once(client) -> None:
    bread = await new_product(client, stock=50)
    placed = [await place(client, bread) for _ in range(7)]
    seen = []
    for page_number in (1, 2, 3):
        page = await orders(client, per_page=3, page=page_number, min_position=placed[-1]["position"])
        seen += [o["id"] for o in page["items"]]
        assert page["total"] == 7
    assert sorted(seen) == sorted(o["id"] for o in placed)


async def confirm(client, order):
    response = await client.patch(f"{API}/orders/{order['id']}/status", json={"status": "confirmed"})
    assert response.status == 200
    return await response.json()


async def test_totals_follow_every_status_change_per_channel(client) -> None:
    """Unfiltered and status/channel totals come from kept counts: they must match the orders listed."""
    bread = await new_product(client, stock=50)
    online = [await place(client, bread) for _ in range(3)]
    pos = [await place(client, bread, channel="pos") for _ in range(2)]
    await confirm(client, online[0])
    await post(client, f"/orders/{online[1]['id']}/cancel", {}, 200)
    last = await confirm(client, pos[0])
    everything = await orders(client, min_position=last["position"], per_page=200)
    assert everything["total"] == len(everything["items"]) == 5
    for status in ("placed", "confirmed", "cancelled"):
        for channel in ("online", "pos"):
            listed = [o for o in everything["items"] if o["status"] == status and o["channel"] == channel]
            assert (await orders(client, status=status, channel=channel))["total"] == len(listed)
        assert (await orders(client, status=status))["total"] == sum(o["status"] == status for o in everything["items"])
    assert [(await orders(client, status=s))["total"] for s in ("placed", "confirmed", "cancelled")] == [2, 2, 1]
    assert (await orders(client, channel="pos"))["total"] == 2


async def test_lists_render_exactly_what_the_single_reads_render(client) -> None:
    """Lists are rendered as JSON by PostgreSQL, single reads from the aggregates by the API:
    every field a list shows must read the same, money, tax rates and times included."""
    bread = await new_product(client, price="3.35", tax_rate="7.5", stock=50, barcode="4006381333931")
    order = await place(client, bread, 3, channel="pos", note="Käse \"extra\" — ok\n")
    paid = await post(client, f"/orders/{order['id']}/payments", {"method": "cash", "amount": "1.10"}, 201)
    listed = (await orders(client, min_position=paid["position"]))["items"][0]
    single = await (await client.get(f"{API}/orders/{order['id']}")).json()
    shared = listed.keys() & single.keys()
    assert shared >= {"id", "number", "total", "paid", "balance_due", "created_at", "updated_at", "items"}
    assert {k: single[k] for k in shared} == {k: listed[k] for k in shared}
    products = await (await client.get(f"{API}/products", params={"q": bread["sku"]})).json()
    by_version = await (await client.get(f"{API}/products/{bread['id']}", params={"version": "2"})).json()
    assert {k: by_version[k] for k in products["items"][0]} == products["items"][0]
    assert products["items"][0]["tax_rate"] == "7.5"
