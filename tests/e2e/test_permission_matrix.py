"""Every route by every built-in role (and anonymous): 401, 403 or let through.

The table below is the access specification. A route added without an entry here
fails `test_every_route_has_an_entry`, so no route ships without a decision.
"""

import uuid

import pytest

from oms.domain.roles import BUILTIN_ROLES
from oms.http.permissions import permission_of
from tests.support.http import bearer, user_with_role

EVERYONE = "anyone, signed in or not"
ROLES = tuple(BUILTIN_ROLES)
STAFF = {"admin", "employee", "cashier", "viewer"}
SIGNED_IN = set(ROLES)
BACK_OFFICE = {"admin", "employee"}
ADMIN = {"admin"}
TILL = {"admin", "employee", "cashier"}
READERS = {"admin", "employee", "viewer"}  # the back office, and who reads it

EXPECTED = {
    "GET /healthz": EVERYONE,
    "GET /assets/{name}": EVERYONE,  # the web UI's files
    "GET /{tail}": EVERYONE,  # the web UI's page for any path outside /api/
    "GET /api/v1/healthz": EVERYONE,
    "GET /readyz": EVERYONE,
    "GET /api/v1/readyz": EVERYONE,
    "GET /metrics": EVERYONE,
    "GET /api/v1/openapi.json": EVERYONE,
    "POST /api/v1/auth/login": EVERYONE,
    "POST /api/v1/auth/refresh": EVERYONE,
    "POST /api/v1/auth/logout": EVERYONE,
    "POST /api/v1/auth/signup": EVERYONE,
    "GET /api/v1/auth/session": EVERYONE,
    "GET /api/v1/auth/me": SIGNED_IN,
    "PATCH /api/v1/auth/me": SIGNED_IN,
    "POST /api/v1/auth/me/password": SIGNED_IN,
    "GET /api/v1/users": ADMIN,
    "POST /api/v1/users": ADMIN,
    "GET /api/v1/users/{id}": ADMIN,
    "GET /api/v1/users/{id}/history": ADMIN,
    "PATCH /api/v1/users/{id}": ADMIN,
    "POST /api/v1/users/{id}/deactivate": ADMIN,
    "POST /api/v1/users/{id}/reactivate": ADMIN,
    "POST /api/v1/users/{id}/password": ADMIN,
    "GET /api/v1/roles": ADMIN,
    "POST /api/v1/roles": ADMIN,
    "PATCH /api/v1/roles/{name}": ADMIN,
    "GET /api/v1/permissions": ADMIN,
    "GET /api/v1/products": EVERYONE,  # guests browse the shop
    "POST /api/v1/products": BACK_OFFICE,
    "GET /api/v1/products/by-barcode/{code}": SIGNED_IN,
    "GET /api/v1/products/{id}": SIGNED_IN,
    "PATCH /api/v1/products/{id}": BACK_OFFICE,
    "DELETE /api/v1/products/{id}": BACK_OFFICE,
    "POST /api/v1/products/{id}/stock-adjustments": BACK_OFFICE,
    "POST /api/v1/orders": {"admin", "employee", "cashier", "customer"},
    "GET /api/v1/orders": SIGNED_IN,
    "GET /api/v1/ws": SIGNED_IN,
    "GET /api/v1/orders/{id}": SIGNED_IN,
    "GET /api/v1/orders/{id}/history": SIGNED_IN,
    "PATCH /api/v1/orders/{id}/status": BACK_OFFICE,
    "POST /api/v1/orders/{id}/status/undo": BACK_OFFICE,
    "POST /api/v1/orders/{id}/cancel": {"admin", "employee", "cashier", "customer"},
    "POST /api/v1/orders/{id}/payments": {"admin", "employee", "cashier"},
    "POST /api/v1/orders/{id}/refunds": TILL,
    "GET /api/v1/orders/{id}/receipt": SIGNED_IN,
    "POST /api/v1/pos/sales": TILL,
    "POST /api/v1/pos/discount-approvals": TILL,
    "POST /api/v1/pos/parked": TILL,
    "GET /api/v1/pos/parked": TILL,
    "DELETE /api/v1/pos/parked/{id}": TILL,
    "POST /api/v1/shifts": TILL,
    "GET /api/v1/shifts": STAFF,
    "GET /api/v1/shifts/{id}/report": STAFF,
    "GET /api/v1/shifts/{id}": STAFF,
    "POST /api/v1/shifts/{id}/cash-movements": TILL,
    "POST /api/v1/shifts/{id}/close": TILL,
    "GET /api/v1/registers/{name}": STAFF,
    "PUT /api/v1/registers/{name}": ADMIN,
    "GET /api/v1/stock-discrepancies": BACK_OFFICE,
    "POST /api/v1/stock-entries": BACK_OFFICE,
    "GET /api/v1/stock-entries": READERS,
    "GET /api/v1/stock-entries/{id}": READERS,
    "POST /api/v1/products/{id}/stock-count": BACK_OFFICE,
    "GET /api/v1/products/{id}/stock-movements": READERS,
    "POST /api/v1/customers/{id}/payments": BACK_OFFICE,
    "POST /api/v1/customers/{id}/forget": {"admin"},
    "GET /api/v1/expense-totals": READERS,
    "PUT /api/v1/products/{id}/image": BACK_OFFICE,
    "GET /api/v1/images/{name}": EVERYONE,
    "POST /api/v1/custom-orders": TILL,
    "GET /api/v1/custom-orders": SIGNED_IN,
    "GET /api/v1/settings": ADMIN,
    **{f"GET /api/v1/reports/{name}": READERS for name in (
        "dashboard", "sales", "profit", "stock-valuation", "stock-movements", "commissions", "customer-balances",
        "production")},
    "GET /api/v1/reports/daily": STAFF,  # a cashier reads the day's report too
    "GET /api/v1/audit": {"admin", "viewer"},
    "GET /api/v1/categories": EVERYONE,
    "GET /api/v1/audit/head": {"admin", "viewer"},
    "PATCH /api/v1/settings": ADMIN,
    "GET /api/v1/store": EVERYONE,
    "GET /api/v1/pickup-slots": EVERYONE,
    "GET /api/v1/vendors": READERS,
    "POST /api/v1/vendors": BACK_OFFICE,
    "GET /api/v1/vendors/{id}": READERS,
    "PATCH /api/v1/vendors/{id}": BACK_OFFICE,
    "DELETE /api/v1/vendors/{id}": BACK_OFFICE,
    "GET /api/v1/salesmen": STAFF,
    "POST /api/v1/salesmen": BACK_OFFICE,
    "GET /api/v1/salesmen/{id}": STAFF,
    "PATCH /api/v1/salesmen/{id}": BACK_OFFICE,
    "DELETE /api/v1/salesmen/{id}": BACK_OFFICE,
    "GET /api/v1/customers": STAFF,
    "POST /api/v1/customers": BACK_OFFICE,
    "GET /api/v1/customers/{id}": STAFF,
    "PATCH /api/v1/customers/{id}": BACK_OFFICE,
    "DELETE /api/v1/customers/{id}": BACK_OFFICE,
    "GET /api/v1/expenses": READERS,
    "POST /api/v1/expenses": BACK_OFFICE,
    "GET /api/v1/expenses/{id}": READERS,
    "PATCH /api/v1/expenses/{id}": BACK_OFFICE,
    "DELETE /api/v1/expenses/{id}": BACK_OFFICE,
}


def routes_of(app):
    return {f"{r.method} {r.resource.canonical}": r for r in app.router.routes() if r.method != "HEAD"}


def test_every_route_has_an_entry(app) -> None:
    routes = routes_of(app)
    assert sorted(set(routes) - set(EXPECTED)) == [], "new routes need an entry in EXPECTED"
    assert sorted(set(EXPECTED) - set(routes)) == [], "EXPECTED names routes that do not exist"
    assert all(permission_of(route.handler) for route in routes.values())


def concrete(path: str) -> str:
    return (path.replace("{id}", str(uuid.uuid4())).replace("{name}", "no-such-role")
            .replace("{code}", "0000000000000"))


@pytest.fixture
async def tokens(client):
    return {role: (await user_with_role(client, role))[1] for role in ROLES}


async def test_every_role_gets_exactly_its_routes(client, tokens) -> None:
    failures = []
    for key, allowed in EXPECTED.items():
        method, path = key.split(" ")
        for role in (None, *ROLES):
            headers = bearer(tokens[role]) if role else {"Authorization": ""}
            body = {} if method in ("POST", "PATCH") else None
            async with client.session.request(method, client.make_url(concrete(path)), json=body,
                                              headers=headers) as response:
                status = response.status
            if allowed == EVERYONE:
                ok = status not in (401, 403)
            elif role is None:
                ok = status == 401
            elif role in allowed:
                ok = status not in (401, 403)
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{key} as {role or 'anonymous'}: {status}")
    assert failures == []


def test_built_in_roles_are_the_documented_ones() -> None:
    assert set(ROLES) == {"admin", "employee", "cashier", "viewer", "customer"}
    assert STAFF <= SIGNED_IN
