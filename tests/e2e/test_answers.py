"""Every answer has the shape the OpenAPI document declares (`oms.http.answers`): both
renderings of a shape (Python from an aggregate, SQL from the read tables) decode into
the same Struct, which forbids unknown fields and requires every field it names."""

import msgspec
from openapi_spec_validator import validate

from oms.http import answers
from tests.support.http import ADMIN, API, new_product, post, shift_opened_at


async def decoded(client, path, shape, status=200, **params):
    response = await client.get(API + path, params=params)
    assert response.status == status, await response.text()
    return msgspec.json.decode(await response.read(), type=shape)


async def test_the_openapi_document_is_valid(anon) -> None:
    validate(await (await anon.get(f"{API}/openapi.json")).json())


async def test_products_answer_one_shape_from_the_aggregate_and_from_the_table(client) -> None:
    written = msgspec.convert(await new_product(client, barcode="400123"), answers.Product)
    at = written.position
    table = await decoded(client, f"/products/{written.id}", answers.Product, min_position=at)
    aggregate = await decoded(client, f"/products/{written.id}", answers.Product, version=1)
    assert msgspec.structs.replace(written, position=None) == table == aggregate
    page = await decoded(client, "/products", answers.Page[answers.Product], min_position=at)
    assert page.items == [table]
    assert await decoded(client, "/products/by-barcode/400123", answers.Product) == table


async def test_orders_answer_one_shape_from_the_aggregate_and_from_the_table(client) -> None:
    bread = await new_product(client)
    placed = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 2}], "note": "x"}, 201)
    paid = msgspec.convert(await post(client, f"/orders/{placed['id']}/payments",
                                      {"method": "cash", "amount": placed["total"]}, 201), answers.Order)
    aggregate = await decoded(client, f"/orders/{paid.id}", answers.Order)
    page = await decoded(client, "/orders", answers.Page[answers.Order], min_position=paid.position)
    listed = page.items[0]
    assert listed.item_count == 2 and listed.payment_status == paid.payment_status == "paid"
    assert same_order(listed, aggregate)
    await decoded(client, f"/orders/{paid.id}/history", answers.History)


def same_order(listed: answers.Order, aggregate: answers.Order) -> bool:
    """Every field both renderings carry (payments and refunds are the aggregate's only)."""
    only = ("payments", "refunds", "customer_name", "item_count", "position")
    common = [f for f in answers.Order.__struct_fields__ if f not in only]
    return {f: getattr(listed, f) for f in common} == {f: getattr(aggregate, f) for f in common}


async def test_pos_sales_refunds_and_shifts_answer_one_shape(client) -> None:
    bread = await new_product(client, price="2.50", tax_rate="7")
    shift = msgspec.convert(await shift_opened_at(client, "2026-11-24T07:00:00Z", opening_float="50.00"),
                            answers.Shift)
    items = [{"product_id": bread["id"], "quantity": 3, "discount": {"kind": "percent", "value": "10"}},
             {"name": "Candle", "price": "0.80", "tax_rate": "19", "quantity": 2}]
    sold = msgspec.convert(await post(client, "/pos/sales", {
        "shift_id": str(shift.id), "items": items, "discount": {"kind": "amount", "value": "0.05"},
        "payments": [{"method": "card", "amount": "3.00"}, {"method": "cash", "amount": "20.00"}],
        "sold_at": "2026-11-24T07:59:00Z"}, 201), answers.Order)
    assert (sold.status, sold.invoice_number, sold.register) == ("delivered", sold.number, "front")
    back = await post(client, f"/orders/{sold.id}/refunds", {"lines": [{"line": 2, "quantity": 1}], "reason": "broken",
                                                            "tender": "cash", "shift_id": str(shift.id)}, 201)
    refunded = msgspec.convert(back, answers.Order)
    assert refunded.refunded == refunded.refunds[0].amount
    aggregate = await decoded(client, f"/orders/{sold.id}", answers.Order)
    page = await decoded(client, "/orders", answers.Page[answers.Order], min_position=refunded.position,
                         shift_id=str(shift.id))
    assert [o.id for o in page.items] == [sold.id] and same_order(page.items[0], aggregate)
    one = await decoded(client, f"/shifts/{shift.id}", answers.Shift)
    assert one.report.sales_count == 1 and one.report.refunds_count == 1
    listed = (await decoded(client, "/shifts", answers.Page[answers.Shift], register="front")).items[0]
    assert (listed.sales_total, listed.refunds_total) == (sold.total, refunded.refunded)
    closed = msgspec.convert(await post(client, f"/shifts/{shift.id}/close", {"counted_cash": "60.00"}), answers.Shift)
    assert closed.report.kind == "Z"
    await decoded(client, "/registers/front", answers.Register)


async def test_users_tokens_roles_and_health_answer_their_declared_shapes(client) -> None:
    login = await client.post(f"{API}/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]},
                              headers={"Authorization": ""})
    tokens = msgspec.json.decode(await login.read(), type=answers.Tokens)
    me = await decoded(client, "/auth/me", answers.Me)
    assert tokens.user.id == me.id
    user = msgspec.convert(await post(client, "/users", {"username": "nora", "password": "a long passphrase",
                                                         "role": "cashier"}, 201), answers.User)
    table = await decoded(client, f"/users/{user.id}", answers.User, min_position=user.position)
    assert msgspec.structs.replace(user, position=None) == table
    await decoded(client, "/users", answers.Page[answers.User])
    role = msgspec.convert(await post(client, "/roles", {"name": "baker", "permissions": ["orders.read"]}, 201),
                           answers.Role)
    roles = await decoded(client, "/roles", answers.Page[answers.Role], min_position=role.position)
    assert roles.items[-1].name == "baker"
    await decoded(client, "/permissions", answers.Page[str])
    await decoded(client, "/healthz", answers.Health)
    await decoded(client, "/readyz", answers.Ready)


async def test_back_office_records_answer_one_shape_from_the_aggregate_and_from_the_table(client) -> None:
    mill = await post(client, "/vendors", {"name": "Mill", "email": "m@m.cc"}, 201)
    bodies = {
        "vendors": (answers.Vendor, mill),
        "salesmen": (answers.Salesman, await post(client, "/salesmen", {"name": "Sam", "commission_rate": "2.50"},
                                                  201)),
        "customers": (answers.Customer, await post(client, "/customers", {"full_name": "Cleo", "credit_limit": "9"},
                                                   201)),
        "expenses": (answers.Expense, await post(client, "/expenses", {"category": "Rent", "amount": "9.5",
                                                                       "date": "2026-11-01", "vendor_id": mill["id"]},
                                                 201)),
    }
    for area, (shape, body) in bodies.items():
        written = msgspec.convert(body, shape)
        table = await decoded(client, f"/{area}/{written.id}", shape, min_position=written.position)
        aggregate = await decoded(client, f"/{area}/{written.id}", shape, version=1)
        assert msgspec.structs.replace(written, position=None) == table == aggregate, area
        assert (await decoded(client, f"/{area}", answers.Page[shape])).items == [table]
    bun = await new_product(client)
    entry = msgspec.convert(await post(client, "/stock-entries", {"vendor_id": mill["id"], "lines": [
        {"product_id": bun["id"], "quantity": 2, "unit_cost": "0.5"}]}, 201), answers.StockEntry)
    table = await decoded(client, f"/stock-entries/{entry.id}", answers.StockEntry, min_position=entry.position)
    assert msgspec.structs.replace(entry, position=None) == table
    await decoded(client, f"/products/{bun['id']}/stock-movements", answers.Page[answers.StockMovement])
    await decoded(client, "/expense-totals", answers.ExpenseTotals)
