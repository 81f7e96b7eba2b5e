"""Property: whatever text arrives in any text field of any command, the answer is 2xx or
4xx, never 5xx; afterwards /readyz is 200 and the read models equal a fresh rebuild.

Text fields are found from the command Structs the routes declare, so a new command's
fields are fuzzed without touching this file; a new write route needs a base body in
BODIES (the test says so)."""

from __future__ import annotations

import asyncio
import json

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oms.http.app import create_app
from oms.http.keys import STORE
from tests.support.http import ADMIN, API, bootstrap_admin
from tests.support.readside import rebuilt_equals_live
from tests.support.served import Server

PRODUCT = {"sku": "S-1", "name": "Bun", "price": "1.00", "cost": "0.40", "category": "Bread", "barcode": "123",
           "brand": "Ours", "tax_rate": "7"}
VENDOR = {"name": "Mill", "contact": "Ann", "email": "a@mill.cc", "phone": "+1 555 0100", "address": "Road 1"}
CUSTOMER = {"full_name": "Cleo", "email": "c@e.cc", "phone": "555 0101", "billing_address": "Street 2",
            "delivery_address": "Street 3", "credit_limit": "100.00"}
EXPENSE = {"category": "Rent", "amount": "900.00", "date": "2026-11-01", "note": "November"}
BODIES: dict[tuple[str, str], dict[str, object]] = {
    ("POST", "/api/v1/auth/login"): {"username": "someone", "password": "a long passphrase"},
    ("POST", "/api/v1/auth/refresh"): {"refresh_token": "not-a-token"},
    ("POST", "/api/v1/auth/logout"): {"refresh_token": "not-a-token"},
    ("POST", "/api/v1/auth/signup"): {"username": "new", "password": "a long passphrase", "email": "n@e.cc",
                                      "full_name": "New"},
    ("PATCH", "/api/v1/auth/me"): {"email": "me@e.cc", "full_name": "Me"},
    ("POST", "/api/v1/auth/me/password"): {"current_password": "wrong guess", "new_password": "a long passphrase"},
    ("POST", "/api/v1/products"): PRODUCT,
    ("PATCH", "/api/v1/products/{id}"): PRODUCT,
    ("POST", "/api/v1/products/{id}/stock-adjustments"): {"delta": 1, "reason": "count"},
    ("POST", "/api/v1/orders"): {"items": [{"product_id": "{product}", "quantity": 1}], "note": "n",
                                 "channel": "pos", "fulfilment": "pickup"},
    ("PATCH", "/api/v1/orders/{id}/status"): {"status": "confirmed", "note": "n"},
    ("POST", "/api/v1/orders/{id}/status/undo"): {"reason": "r"},
    ("POST", "/api/v1/orders/{id}/cancel"): {"reason": "r"},
    ("POST", "/api/v1/orders/{id}/payments"): {"method": "cash", "amount": "0.01"},
    ("POST", "/api/v1/users"): {"username": "nora", "password": "a long passphrase", "role": "cashier",
                                "email": "n@e.cc", "full_name": "Nora"},
    ("PATCH", "/api/v1/users/{id}"): {"role": "cashier", "email": "n@e.cc", "full_name": "Nora"},
    ("POST", "/api/v1/users/{id}/password"): {"new_password": "a long passphrase"},
    ("POST", "/api/v1/roles"): {"name": "baker", "permissions": ["orders.read"]},
    ("PATCH", "/api/v1/roles/{name}"): {"permissions": ["orders.read"]},
    ("POST", "/api/v1/shifts"): {"register": "front", "opening_float": "10.00"},
    ("POST", "/api/v1/shifts/{id}/cash-movements"): {"kind": "in", "amount": "1.00", "reason": "float"},
    ("POST", "/api/v1/shifts/{id}/close"): {"counted_cash": "10.00"},
    ("PUT", "/api/v1/registers/{name}"): {"invoice_series": "R2"},
    ("POST", "/api/v1/pos/parked"): {"register": "front", "items": [], "note": "table 4"},
    ("POST", "/api/v1/pos/sales"): {"items": [], "payments": [{"method": "cash", "amount": "5.00"}]},
    ("POST", "/api/v1/pos/discount-approvals"): {"username": "u", "password": "p"},
    ("POST", "/api/v1/orders/{id}/refunds"): {"lines": [{"line": 1, "quantity": 1}], "reason": "r", "tender": "cash"},
    ("POST", "/api/v1/vendors"): VENDOR,
    ("PATCH", "/api/v1/vendors/{id}"): VENDOR,
    ("POST", "/api/v1/salesmen"): {"name": "Sam", "commission_rate": "2.5"},
    ("PATCH", "/api/v1/salesmen/{id}"): {"name": "Sam", "commission_rate": "3"},
    ("POST", "/api/v1/customers"): CUSTOMER,
    ("PATCH", "/api/v1/customers/{id}"): CUSTOMER,
    ("POST", "/api/v1/customers/{id}/payments"): {"method": "cash", "amount": "0.01"},
    ("POST", "/api/v1/expenses"): EXPENSE,
    ("PATCH", "/api/v1/expenses/{id}"): EXPENSE,
    ("POST", "/api/v1/stock-entries"): {"vendor_id": "{vendor}", "lines": [], "note": "delivery 42"},
    ("POST", "/api/v1/products/{id}/stock-count"): {"counted": 5, "reason": "count"},
    ("POST", "/api/v1/custom-orders"): {"customer_id": "{customer}", "specification": "Cake", "price": "30.00",
                                        "due_at": "2099-06-01T10:00:00Z", "deposit": "10.00",
                                        "deposit_method": "card"},
    ("PATCH", "/api/v1/settings"): {"store_name": "Bakery", "address": "Road 1", "timezone": "Europe/Paris",
                                    "receipt_header": "Hello", "receipt_footer": "Bye", "default_theme": "dark"},
}
ANY_TEXT = st.one_of(
    st.text(st.characters(codec=None), max_size=40),  # any code point: controls, lone surrogates, ...
    st.text(st.characters(codec=None), min_size=1, max_size=5).map(lambda s: s * 2000),  # very long
    st.sampled_from(["\x00", "a\x00b", "\ud800", "4.50\n", "٤.50", "NL1\n", "\u202e", "é" * 60, "é" * 129]),
)


def text_fields(struct: type) -> list[str]:
    """The fields of a command Struct that hold text (or lists of text)."""
    names = []
    for field in msgspec.inspect.type_info(struct).fields:
        types = field.type.types if isinstance(field.type, msgspec.inspect.UnionType) else (field.type,)
        for t in types:
            t = t.type if isinstance(t, msgspec.inspect.Metadata) else t
            if isinstance(t, msgspec.inspect.StrType | msgspec.inspect.LiteralType):
                names.append(field.encode_name)
            elif isinstance(t, msgspec.inspect.ListType) and isinstance(t.item_type, msgspec.inspect.StrType):
                names.append(field.encode_name + "[]")
    return sorted(set(names))


@pytest.fixture
def served(config, db):
    running = Server(create_app(msgspec.structs.replace(config, login_limit="100000/minute"), db))
    yield running
    running.close()


def test_any_text_in_any_command_field_is_never_a_5xx_and_the_read_models_stay_right(served, db) -> None:
    server = served
    routes = {(r.method, r.resource.canonical): r.handler for r in server.app.router.routes()
              if isinstance(getattr(r.handler, "body_type", None), type)}  # JSON commands (not image uploads)
    assert set(routes) == set(BODIES), "a new write route needs a base body in BODIES"
    server.call(bootstrap_admin(server.app))
    token = server.request("POST", f"{API}/auth/login", json.dumps(dict(zip(("username", "password"), ADMIN,
                                                                              strict=True))).encode())[1]
    token = token["access_token"]
    product = server.request("POST", f"{API}/products", json.dumps({**PRODUCT, "sku": "BASE", "barcode": None,
                                                                    "stock": 1000}).encode(), token)[1]
    order = server.request("POST", f"{API}/orders", json.dumps(
        {"items": [{"product_id": product["id"], "quantity": 1}]}).encode(), token)[1]
    user = server.request("POST", f"{API}/users", json.dumps(BODIES[("POST", "/api/v1/users")]).encode(), token)[1]
    server.request("POST", f"{API}/roles", json.dumps(BODIES[("POST", "/api/v1/roles")]).encode(), token)
    shift = server.request("POST", f"{API}/shifts", json.dumps({"register": "base", "opening_float": "9"}).encode(),
                           token)[1]
    records = {area: server.request("POST", f"{API}/{area}", json.dumps(BODIES[("POST", f"/api/v1/{area}")]).encode(),
                                    token)[1]["id"] for area in ("vendors", "salesmen", "customers", "expenses")}
    ids = {**{f"/{area}/": records[area] for area in records}, "/products/": product["id"], "/orders/": order["id"],
           "/users/": user["id"], "/roles/": "baker", "/shifts/": shift["id"], "/registers/": "base"}
    cases = [(key, field) for key, handler in sorted(routes.items()) for field in text_fields(handler.body_type)]
    seen: set[int] = set()

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=st.sampled_from(cases), text=ANY_TEXT, unique=st.uuids())
    def any_text(case, text, unique) -> None:
        (method, path), field = case
        for prefix, value in ids.items():
            path = path.replace(prefix + "{id}", prefix + value).replace(prefix + "{name}", prefix + value)
        body = {**BODIES[(method, case[0][1])]}
        body = {k: (v.replace("new", f"n{unique.hex[:8]}") if k == "username" and isinstance(v, str) else v)
                for k, v in body.items()}
        if "customer_id" in body:
            body["customer_id"] = records["customers"]
        if "vendor_id" in body:
            body["vendor_id"] = records["vendors"]
        if "lines" in body and "vendor_id" in body:
            body["lines"] = [{"product_id": product["id"], "quantity": 1, "unit_cost": "0.40"}]
        if "items" in body:
            body["items"] = [{"product_id": product["id"], "quantity": 1}]
        if "payments" in body:
            body["shift_id"] = shift["id"]
        if method == "POST" and path.endswith("/products"):
            body["sku"], body["barcode"] = f"S-{unique.hex[:10]}", unique.hex[:12]
        body[field.removesuffix("[]")] = [text] if field.endswith("[]") else text
        raw = json.dumps(body).encode()  # lone surrogates travel as \\ud800 escapes, as a client may send them
        status, answer = server.request(method, path, raw, None if "/auth/login" in path else token)
        seen.add(status)
        assert status < 500, (method, path, field, text[:80], answer)

    any_text()
    assert any(s < 300 for s in seen) and any(400 <= s < 500 for s in seen), seen
    store = server.app[STORE]
    status, ready = 503, {}
    for _ in range(100):
        status, ready = server.request("GET", "/readyz")
        if status == 200:
            break
        server.call(asyncio.sleep(0.1))
    assert status == 200 and ready["set_aside"] == 0, ready
    assert rebuilt_equals_live(store, db)
