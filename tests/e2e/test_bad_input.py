"""Bad input gets a clear 400/404/413 in the API's error shape, never a 500."""

import pytest

from tests.support.http import API, error_of, new_product

PRODUCT = {"sku": "A-1", "name": "Bun", "price": "1.00", "cost": "0.40", "category": "Bread"}
GOOD_ID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(("body", "field"), [
    ({**PRODUCT, "price": 1.5}, "price"),
    ({**PRODUCT, "price": "-1.00"}, "price"),
    ({**PRODUCT, "price": "1.005"}, "price"),
    ({**PRODUCT, "price": "1e9"}, "price"),
    ({**PRODUCT, "stock": -1}, "stock"),
    ({**PRODUCT, "stock": 10**30}, "stock"),
    ({**PRODUCT, "stock": "5"}, "stock"),
    ({**PRODUCT, "name": ""}, "name"),
    ({**PRODUCT, "sku": "has space"}, "sku"),
    ({**PRODUCT, "tax_rate": "101"}, "tax_rate"),
    ({**PRODUCT, "colour": "red"}, "colour"),
    ({k: v for k, v in PRODUCT.items() if k != "sku"}, "sku"),
])
async def test_bad_product_fields_are_named(client, body, field) -> None:
    error = await error_of(await client.post(f"{API}/products", json=body), 400)
    assert error["code"] == "validation_error" and field in error["details"]["field"] + error["message"]


@pytest.mark.parametrize(("items", "field"), [
    ([{"product_id": GOOD_ID, "quantity": 0}], "items[0].quantity"),
    ([{"product_id": GOOD_ID, "quantity": -3}], "items[0].quantity"),
    ([{"product_id": GOOD_ID, "quantity": 10**20}], "items[0].quantity"),
    ([{"product_id": GOOD_ID, "quantity": 1.5}], "items[0].quantity"),
    ([{"product_id": "not-a-uuid", "quantity": 1}], "items[0].product_id"),
    ([{"product_id": GOOD_ID}], "items[0]"),
    ([], "items"),
])
async def test_bad_order_lines_are_named(client, items, field) -> None:
    error = await error_of(await client.post(f"{API}/orders", json={"items": items}), 400)
    assert error["details"]["field"] == field


@pytest.mark.parametrize("body", [b"{", b"[]", b"null", b"", b"\xff\xfe", b'{"items": "x"}'])
async def test_malformed_bodies_are_400(client, body) -> None:
    response = await client.post(f"{API}/orders", data=body, headers={"Content-Type": "application/json"})
    assert (await error_of(response, 400))["code"] == "validation_error"


async def test_an_unknown_channel_or_status_is_400(client) -> None:
    bad = await client.post(f"{API}/orders", json={"items": [{"product_id": GOOD_ID, "quantity": 1}],
                                                   "channel": "fax"})
    assert (await error_of(bad, 400))["details"]["field"] == "channel"
    status = await client.patch(f"{API}/orders/{GOOD_ID}/status", json={"status": "lost"})
    assert (await error_of(status, 400))["details"]["field"] == "status"


@pytest.mark.parametrize("path", ["/orders/123", "/orders/123/history", "/products/xyz"])
async def test_non_uuid_ids_are_400(client, path) -> None:
    assert (await error_of(await client.get(API + path), 400))["details"]["field"] == "id"


@pytest.mark.parametrize("path", [f"/orders/{GOOD_ID}", f"/products/{GOOD_ID}", f"/orders/{GOOD_ID}/history"])
async def test_unknown_ids_are_404(client, path) -> None:
    assert (await error_of(await client.get(API + path), 404))["code"] == "not_found"


@pytest.mark.parametrize("params", [
    {"per_page": "0"}, {"per_page": "201"}, {"page": "0"}, {"page": "-1"}, {"page": "x"}, {"colour": "red"},
])
async def test_paging_out_of_bounds_is_400(client, params) -> None:
    assert (await error_of(await client.get(f"{API}/products", params=params), 400))["code"] == "validation_error"


async def test_bad_time_travel_parameters_are_400(client) -> None:
    for params in ({"version": "0"}, {"as_of": "yesterday"}, {"min_position": "-1"}):
        await error_of(await client.get(f"{API}/orders/{GOOD_ID}", params=params), 400)


async def test_zero_stock_adjustment_and_missing_reason_are_400(client) -> None:
    product = await new_product(client)
    path = f"{API}/products/{product['id']}/stock-adjustments"
    await error_of(await client.post(path, json={"delta": 0, "reason": "x"}), 400)
    await error_of(await client.post(path, json={"delta": 1, "reason": " "}), 400)
    await error_of(await client.post(path, json={"delta": 1}), 400)


async def test_a_huge_body_is_413(client) -> None:
    response = await client.post(f"{API}/products", data=b"x" * 2_000_000,
                                 headers={"Content-Type": "application/json"})
    assert (await error_of(response, 413))["code"] == "payload_too_large"


async def test_unknown_routes_and_methods_answer_json(client) -> None:
    assert (await error_of(await client.get(f"{API}/nowhere"), 404))["code"] == "not_found"
    assert (await error_of(await client.put(f"{API}/orders"), 405))["code"] == "method_not_allowed"


async def test_the_request_id_is_echoed(client) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "till-7:abc"})
    assert response.headers["X-Request-ID"] == "till-7:abc"


async def test_a_whole_number_written_as_a_float_is_that_integer(client) -> None:
    """JSON Schema, and so the OpenAPI document, counts 2.0 as an integer; 2.5 is not one."""
    bread = await new_product(client)
    order = await client.post(f"{API}/orders", json={"items": [{"product_id": bread["id"], "quantity": 2.0}]})
    assert order.status == 201 and (await order.json())["items"][0]["quantity"] == 2
    half = await client.post(f"{API}/orders", json={"items": [{"product_id": bread["id"], "quantity": 2.5}]})
    assert (await error_of(half, 400))["details"]["field"] == "items[0].quantity"


@pytest.mark.parametrize(("params", "field"), [
    ({"min_position": "null"}, "min_position"), ({"from": "0.5"}, "from"), ({"to": ""}, "to"),
    ({"from": "2026-13-01T00:00:00Z"}, "from"),
])
async def test_query_values_are_read_as_the_document_says(client, params, field) -> None:
    response = await client.get(f"{API}/orders", params=params)
    assert (await error_of(response, 400))["details"]["field"] == field
    assert (await client.get(f"{API}/orders", params={"q": "null", "from": "2026-11-24T08:00:00Z"})).status == 200
