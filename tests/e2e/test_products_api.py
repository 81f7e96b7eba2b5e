from tests.support.http import API, new_product, post


async def test_a_created_product_is_listed_with_its_stock(client) -> None:
    created = await new_product(client, name="Sourdough", stock=12, price="6.50", tax_rate="7")
    assert (created["price"], created["stock"], created["available"], created["reserved"]) == ("6.50", 12, 12, 0)
    response = await client.get(f"{API}/products", params={"q": "sourd", "min_position": created["position"]})
    page = await response.json()
    assert page["total"] == 1 and page["items"][0]["id"] == created["id"]
    assert (page["page"], page["per_page"]) == (1, 50)


async def test_editing_a_product_changes_only_the_given_fields(client) -> None:
    created = await new_product(client, name="Baguette", price="3.20")
    response = await client.patch(f"{API}/products/{created['id']}", json={"price": "3.40"})
    updated = await response.json()
    assert response.status == 200 and (updated["price"], updated["name"]) == ("3.40", "Baguette")
    read = await (await client.get(f"{API}/products/{created['id']}",
                                   params={"min_position": updated["position"]})).json()
    assert read["price"] == "3.40" and read["version"] == 2


async def test_archiving_hides_the_product_but_keeps_its_history(client) -> None:
    created = await new_product(client)
    response = await client.delete(f"{API}/products/{created['id']}")
    archived = await response.json()
    assert response.status == 200 and archived["archived"] is True
    page = await (await client.get(f"{API}/products", params={"min_position": archived["position"]})).json()
    assert page["total"] == 0
    old = await (await client.get(f"{API}/products/{created['id']}", params={"version": 1})).json()
    assert old["archived"] is False


async def test_a_duplicate_sku_is_refused(client) -> None:
    await new_product(client, sku="CROI-1")
    error = await post(client, "/products", {"sku": "croi-1", "name": "x", "price": "1.00", "cost": "0.50",
                                             "category": "c"}, 409)
    assert error["error"]["code"] == "duplicate_sku"


async def test_a_sku_can_move_to_a_new_one_and_the_old_one_is_free_again(client) -> None:
    created = await new_product(client, sku="OLD-1")
    response = await client.patch(f"{API}/products/{created['id']}", json={"sku": "NEW-1"})
    assert response.status == 200
    await new_product(client, sku="OLD-1")
    assert (await post(client, "/products", {"sku": "NEW-1", "name": "x", "price": "1.00", "cost": "0.50",
                                             "category": "c"}, 409))["error"]["code"] == "duplicate_sku"


async def test_stock_adjustments_add_and_remove_but_never_below_zero(client) -> None:
    created = await new_product(client, stock=5)
    path = f"/products/{created['id']}/stock-adjustments"
    assert (await post(client, path, {"delta": 7, "reason": "delivery"}, 201))["stock"] == 12
    assert (await post(client, path, {"delta": -2, "reason": "breakage"}, 201))["stock"] == 10
    error = await post(client, path, {"delta": -11, "reason": "count"}, 409)
    assert error["error"]["code"] == "insufficient_stock"


async def test_the_scanner_finds_a_product_by_barcode(client) -> None:
    created = await new_product(client, barcode="4006381333931")
    response = await client.get(f"{API}/products/by-barcode/4006381333931",
                                params={"min_position": created["position"]})
    assert response.status == 200 and (await response.json())["id"] == created["id"]
    missing = await client.get(f"{API}/products/by-barcode/0000")
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "not_found"


async def test_filtering_by_category_pages_in_a_stable_order(client) -> None:
    last = None
    for name in ("Eclair", "Tart", "Macaron"):
        last = await new_product(client, name=name, category="Pastry")
    await new_product(client, name="Rye", category="Bread")
    first = await (await client.get(f"{API}/products", params={
        "category": "Pastry", "per_page": "2", "min_position": last["position"]})).json()
    second = await (await client.get(f"{API}/products", params={"category": "Pastry", "per_page": "2",
                                                                 "page": "2"})).json()
    assert [p["name"] for p in first["items"] + second["items"]] == ["Eclair", "Macaron", "Tart"]
    assert first["total"] == 3


async def test_guests_browse_the_catalog_without_costs(client) -> None:
    bread = await new_product(client, stock=4)
    guest = {"Authorization": ""}
    listed = await client.get(f"{API}/products", params={"q": bread["sku"], "min_position": bread["position"]},
                              headers=guest)
    assert listed.status == 200
    [shown] = (await listed.json())["items"]
    assert shown["id"] == bread["id"] and shown["available"] == 4 and "cost" not in shown
    assert (await client.get(f"{API}/products/{bread['id']}", headers=guest)).status == 401  # the rest is not public
