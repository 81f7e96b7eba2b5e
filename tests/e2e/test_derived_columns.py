"""What an order and a product derive from their amounts is defined once in the tables
(generated columns, migrations/018) and follows the domain's rules: the answers of writes,
worked out by the aggregates, and the lists, read from the tables, agree."""

from tests.support.http import get, new_product, post


async def test_balance_due_and_payment_status_read_as_the_domain_works_them_out(client) -> None:
    bread = await new_product(client, price="2.50", stock=20)
    unpaid = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 2}]}, 201)
    part = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 3}]}, 201)
    part = await post(client, f"/orders/{part['id']}/payments", {"method": "card", "amount": "1.00"}, 201)
    paid = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}]}, 201)
    paid = await post(client, f"/orders/{paid['id']}/payments", {"method": "card", "amount": paid["total"]}, 201)
    listed = await get(client, "/orders", per_page=100, min_position=paid["position"])
    by_id = {o["id"]: o for o in listed["items"]}
    for written in (unpaid, part, paid):
        row = by_id[written["id"]]
        assert (row["balance_due"], row["payment_status"]) == (written["balance_due"], written["payment_status"])
    assert [by_id[o["id"]]["payment_status"] for o in (unpaid, part, paid)] == ["pending", "pending", "paid"]
    assert by_id[part["id"]]["balance_due"] == "6.50"


async def test_available_is_stock_less_what_orders_hold_and_the_low_stock_list_reads_it(client) -> None:
    cake = await new_product(client, stock=4)
    order = await post(client, "/orders", {"items": [{"product_id": cake["id"], "quantity": 3}]}, 201)
    product = await get(client, f"/products/{cake['id']}", min_position=order["position"])
    assert (product["stock"], product["reserved"], product["available"]) == (4, 3, 1)
    low = await get(client, "/products", low_stock=1, q=cake["name"], per_page=100)
    assert cake["id"] in [p["id"] for p in low["items"]]
    dashboard = await get(client, "/reports/dashboard")
    assert {"id": cake["id"], "available": 1}.items() <= next(
        p for p in dashboard["low_stock"] if p["id"] == cake["id"]).items()
