"""Hostile input: one request must never stop the shop; each finding, as a client sees it."""

import pytest

from oms.http.keys import POOL
from tests.support.http import ADMIN, API, error_of, new_product, post

NUL = "a\u0000b"
SIGNUP = {"username": "nelly", "password": "a long enough passphrase", "email": "n@example.com",
          "full_name": "Nelly"}


async def test_a_nul_in_a_signup_is_refused_naming_the_field_and_nothing_is_stored(anon) -> None:
    before = (await (await anon.get("/readyz")).json())["head"]  # the shop's first settings
    error = await error_of(await anon.post(f"{API}/auth/signup", json={**SIGNUP, "full_name": NUL}), 400)
    assert (error["code"], error["details"]["field"]) == ("validation_error", "full_name")
    refused = await anon.post(f"{API}/auth/login", json={"username": "nelly", "password": SIGNUP["password"]})
    assert refused.status == 401
    assert (await (await anon.get("/readyz")).json())["head"] == before


@pytest.mark.parametrize("text", [NUL, "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b", "line\nbreak", "tab\there",
                                  "trailing\n"])
@pytest.mark.parametrize(("path", "body", "field"), [
    ("/products", {"sku": "S-1", "price": "1.00", "cost": "0.50", "category": "Bread", "name": "{}"}, "name"),
    ("/products", {"sku": "S-1", "price": "1.00", "cost": "0.50", "name": "Bun", "category": "{}"}, "category"),
])
async def test_one_line_fields_refuse_control_characters(client, path, body, field, text) -> None:
    body = {k: (text if v == "{}" else v) for k, v in body.items()}
    error = await error_of(await client.post(API + path, json=body), 400)
    assert error["details"]["field"] == field


async def test_every_text_field_named_in_the_issue_refuses_nul(client) -> None:
    bread = await new_product(client)
    for method, path, body, field in [
        ("POST", "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}], "note": NUL}, "note"),
        ("PATCH", "/auth/me", {"full_name": NUL}, "full_name"),
        ("PATCH", "/auth/me", {"email": f"{NUL}@example.com"}, "email"),
        ("POST", f"/products/{bread['id']}/stock-adjustments", {"delta": 1, "reason": NUL}, "reason"),
        ("PATCH", f"/products/{bread['id']}", {"brand": NUL}, "brand"),
    ]:
        response = await client.request(method, API + path, json=body)
        assert (await error_of(response, 400))["details"]["field"] == field, (path, field)
    stored = await client.get(f"{API}/products/{bread['id']}", params={"min_position": bread["position"]})
    assert (await stored.json())["version"] == bread["version"]


async def test_notes_may_span_lines_and_hold_tabs(client) -> None:
    bread = await new_product(client)
    order = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}],
                                           "note": "no nuts\n\tplease"}, 201)
    assert order["note"] == "no nuts\n\tplease"


@pytest.mark.parametrize("password", ["é" * 40, "é" * 128, "🥐" * 30, "ü" * 8])
async def test_multi_byte_passwords_up_to_128_characters_sign_up_and_log_in(anon, password) -> None:
    await post(anon, "/auth/signup", {**SIGNUP, "password": password}, 201)
    response = await anon.post(f"{API}/auth/login", json={"username": "nelly", "password": password})
    assert response.status == 200, await response.text()


async def test_every_character_of_a_long_password_counts(anon) -> None:
    """bcrypt alone reads 72 bytes: two passwords alike in their first 72 bytes must differ."""
    await post(anon, "/auth/signup", {**SIGNUP, "password": "é" * 40}, 201)
    response = await anon.post(f"{API}/auth/login", json={"username": "nelly", "password": "é" * 39 + "e"})
    assert response.status == 401


@pytest.mark.parametrize("password", ["é" * 129, "é" * 300])
async def test_a_password_over_128_characters_is_a_400_everywhere(client, password) -> None:
    signup = await anon_post(client, "/auth/signup", {**SIGNUP, "password": password})
    assert (await error_of(signup, 400))["details"]["field"] == "password"
    login = await anon_post(client, "/auth/login", {"username": "nelly", "password": password})
    assert (await error_of(login, 400))["details"]["field"] == "password"
    create = await client.post(f"{API}/users", json={"username": "nora", "password": password, "role": "cashier"})
    assert (await error_of(create, 400))["details"]["field"] == "password"
    me = (await (await client.get(f"{API}/auth/me")).json())["id"]
    reset = await client.post(f"{API}/users/{me}/password", json={"new_password": password})
    assert (await error_of(reset, 400))["details"]["field"] == "new_password"
    own = await client.post(f"{API}/auth/me/password", json={"current_password": ADMIN[1], "new_password": password})
    assert (await error_of(own, 400))["details"]["field"] == "new_password"


async def test_long_multi_byte_passwords_work_for_every_password_route(client) -> None:
    user = await post(client, "/users", {"username": "nora", "password": "ß" * 90, "role": "cashier"}, 201)
    assert (await anon_post(client, "/auth/login", {"username": "nora", "password": "ß" * 90})).status == 200
    await post(client, f"/users/{user['id']}/password", {"new_password": "é" * 100}, 200)
    assert (await anon_post(client, "/auth/login", {"username": "nora", "password": "é" * 100})).status == 200
    changed = await client.post(f"{API}/auth/me/password", json={"current_password": ADMIN[1],
                                                                 "new_password": "ö" * 128})
    assert changed.status == 200, await changed.text()
    assert (await anon_post(client, "/auth/login", {"username": ADMIN[0], "password": "ö" * 128})).status == 200


async def anon_post(client, path, body):
    return await client.post(API + path, json=body, headers={"Authorization": ""})


@pytest.mark.parametrize("path", ["/auth/login", "/auth/signup", "/orders", "/products", "/auth/refresh"])
async def test_a_body_that_is_not_utf8_is_a_400(client, path) -> None:
    body = b'{"username": "\xff\xfe", "password": "x"}'
    response = await client.post(API + path, data=body, headers={"Content-Type": "application/json"})
    assert (await error_of(response, 400))["code"] == "validation_error"


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/products", {"q": NUL}, "q"),
    ("/products", {"category": NUL}, "category"),
    ("/orders", {"q": NUL}, "q"),
    ("/users", {"q": NUL}, "q"),
    ("/products", {"low_stock": "3000000000"}, "low_stock"),
    ("/products", {"min_position": str(2**64)}, "min_position"),
    ("/products/by-barcode/%00", {}, "code"),
    ("/products/by-barcode/123%0A", {}, "code"),
])
async def test_hostile_query_and_path_values_are_400(client, path, params, field) -> None:
    response = await client.get(API + path, params=params)
    assert (await error_of(response, 400))["details"]["field"] == field


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%80"])
async def test_query_bytes_that_are_not_utf8_never_reach_a_query_as_surrogates(client, raw) -> None:
    response = await client.get(f"{API}/products?q={raw}")
    assert response.status == 200 and (await response.json())["total"] == 0


@pytest.mark.parametrize(("field", "value"), [
    ("price", "4.50\n"), ("price", "٤.50"), ("cost", "1.00\n"), ("tax_rate", "7\n"), ("tax_rate", "\u0667"),
    ("sku", "NL1\n"), ("barcode", "123\n"), ("barcode", "١٢٣"),
])
async def test_patterns_match_the_whole_value_in_ascii_digits(client, field, value) -> None:
    body = {"sku": "S-1", "name": "Bun", "price": "1.00", "cost": "0.50", "category": "Bread", field: value}
    assert (await error_of(await client.post(f"{API}/products", json=body), 400))["details"]["field"] == field


async def test_changing_ones_password_takes_current_password_as_api_md_says(client) -> None:
    old = await client.post(f"{API}/auth/me/password", json={"old_password": ADMIN[1], "new_password": "x" * 20})
    error = await error_of(old, 400)
    assert "old_password" in error["message"] and error["code"] == "validation_error"


async def test_a_staff_order_for_a_customer_that_does_not_exist_is_404(client) -> None:
    bread = await new_product(client)
    body = {"items": [{"product_id": bread["id"], "quantity": 1}],
            "customer_id": "00000000-0000-4000-8000-000000000001"}
    assert (await error_of(await client.post(f"{API}/orders", json=body), 404))["code"] == "not_found"
    stored = await client.get(f"{API}/products/{bread['id']}", params={"min_position": bread["position"]})
    assert (await stored.json())["reserved"] == 0


@pytest.mark.parametrize("path", ["/auth/login", "/auth/refresh"])
async def test_token_routes_refuse_an_idempotency_key_and_keep_no_tokens(client, path) -> None:
    login = await anon_post(client, "/auth/login", {"username": ADMIN[0], "password": ADMIN[1]})
    refresh_token = (await login.json())["refresh_token"]
    body = {"username": ADMIN[0], "password": ADMIN[1]} if path == "/auth/login" else {"refresh_token": refresh_token}
    response = await client.post(API + path, json=body, headers={"Idempotency-Key": "k-1", "Authorization": ""})
    assert (await error_of(response, 400))["details"]["field"] == "Idempotency-Key"
    async with client.app[POOL].acquire() as conn:
        kept = await conn.fetch("SELECT body FROM idempotency_keys")
    assert not any(refresh_token.encode() in (row["body"] or b"") for row in kept) and not kept


async def test_the_websocket_refuses_a_foreign_origin(client) -> None:
    token = client.session.headers["Authorization"].split(" ", 1)[1]
    foreign = await client.get(f"{API}/ws", params={"token": token},
                               headers={"Origin": "https://evil.example", "Upgrade": "websocket",
                                        "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                                        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert (await error_of(foreign, 403))["code"] == "forbidden"
    own = f"http://{client.host}:{client.port}"
    ws = await client.ws_connect(f"{API}/ws", params={"token": token}, headers={"Origin": own})
    await ws.close()


async def test_a_configured_origin_may_open_the_websocket(config, db, aiohttp_client) -> None:
    import msgspec

    from oms.http.app import create_app
    from tests.support.http import bootstrap_admin, login

    app = create_app(msgspec.structs.replace(config, allowed_origins="https://till.example, https://b.example/"), db)
    client = await aiohttp_client(app)
    await bootstrap_admin(app)
    token = await login(client, *ADMIN)
    ws = await client.ws_connect(f"{API}/ws", params={"token": token}, headers={"Origin": "https://b.example"})
    await ws.close()


async def test_a_version_the_order_never_had_is_404(client) -> None:
    bread = await new_product(client)
    order = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}]}, 201)
    assert (await client.get(f"{API}/orders/{order['id']}", params={"version": "1"})).status == 200
    missing = await client.get(f"{API}/orders/{order['id']}", params={"version": "99999"})
    assert (await error_of(missing, 404))["code"] == "not_found"
    product = await client.get(f"{API}/products/{bread['id']}", params={"version": "3"})
    assert (await error_of(product, 404))["code"] == "not_found"


async def test_a_min_position_beyond_the_store_is_a_409_at_once(client) -> None:
    bread = await new_product(client)
    response = await client.get(f"{API}/products", params={"min_position": str(bread["position"] + 1000)})
    error = await error_of(response, 409)
    assert error["code"] == "position_not_reached" and error["details"]["newest"] == bread["position"]


async def test_the_openapi_document_has_unique_operation_ids_and_success_schemas(anon) -> None:
    document = await (await anon.get(f"{API}/openapi.json")).json()
    operations = [(path, method, op) for path, ops in document["paths"].items() for method, op in ops.items()]
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    for path, method, op in operations:
        success = [r for status, r in op["responses"].items() if status.startswith("2") or status == "101"]
        assert success, (method, path)
        assert all("content" in r or r["description"] != "OK" for r in success), (method, path)
