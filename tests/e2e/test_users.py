"""Accounts, roles, the last admin, passwords, and customers seeing only their own orders."""

import asyncio

import pytest

from tests.support.http import API, bearer, customer_token, new_product, post, signup, user_with_role


async def as_user(client, token, method, path, body=None):
    async with client.session.request(method, client.make_url(API + path), json=body,
                                      headers=bearer(token)) as response:
        return response.status, await response.json() if response.status != 204 else None


async def test_signing_up_makes_a_customer(client) -> None:
    token = await customer_token(client, "ann")
    status, me = await as_user(client, token, "GET", "/auth/me")
    assert status == 200 and (me["role"], me["email"]) == ("customer", "ann@example.com")
    assert "orders.place:own" in me["permissions"] and "users.manage" not in me["permissions"]


@pytest.mark.parametrize(("password", "why"), [
    ("short", "8"), ("x" * 129, "8"), ("password123", "common"), ("iloveyou", "common"), ("annabelle", "username"),
])
async def test_weak_passwords_are_refused(anon, password, why) -> None:
    response = await signup(anon, "annabelle", password)
    body = await response.json()
    assert response.status == 400 and body["error"]["details"]["field"].startswith("password")
    assert why in body["error"]["message"] or why == "8"


async def test_a_username_is_taken_once_whatever_its_case(anon) -> None:
    assert (await signup(anon, "Bob")).status == 201
    response = await signup(anon, "bob")
    assert response.status == 409 and (await response.json())["error"]["code"] == "duplicate_username"


async def test_customers_see_and_cancel_only_their_own_orders(client) -> None:
    bread = await new_product(client, stock=10)
    alice, bob = await customer_token(client, "alice"), await customer_token(client, "bob")
    item = {"items": [{"product_id": bread["id"], "quantity": 1}], "channel": "pos",
            "customer_id": "00000000-0000-4000-8000-000000000000"}
    status, order = await as_user(client, alice, "POST", "/orders", item)
    assert status == 201
    status, me = await as_user(client, alice, "GET", "/auth/me")
    assert (order["customer_id"], order["channel"]) == (me["id"], "online")  # forced to self, online
    for method, path, body in [("GET", f"/orders/{order['id']}", None),
                               ("GET", f"/orders/{order['id']}/history", None),
                               ("POST", f"/orders/{order['id']}/cancel", {})]:
        status, error = await as_user(client, bob, method, path, body)
        assert (status, error["error"]["code"]) == (404, "not_found"), path
    assert (await as_user(client, alice, "GET", f"/orders/{order['id']}"))[0] == 200
    status, cancelled = await as_user(client, alice, "POST", f"/orders/{order['id']}/cancel", {})
    assert status == 200 and cancelled["status"] == "cancelled"


async def test_customers_cannot_see_purchase_costs(client) -> None:
    bread = await new_product(client, stock=10, cost="0.99")
    token = await customer_token(client, "carol")
    status, product = await as_user(client, token, "GET", f"/products/{bread['id']}?min_position={bread['position']}")
    assert status == 200 and "cost" not in product and product["price"] == "2.50"
    status, page = await as_user(client, token, "GET", "/products")
    assert all("cost" not in p for p in page["items"])


async def test_the_last_active_admin_cannot_be_demoted_or_deactivated(client) -> None:
    me = await (await client.get(f"{API}/auth/me")).json()
    response = await client.patch(f"{API}/users/{me['id']}", json={"role": "employee"})
    assert response.status == 409 and (await response.json())["error"]["code"] == "last_admin"
    response = await client.post(f"{API}/users/{me['id']}/deactivate")
    assert response.status == 409
    await user_with_role(client, "admin")
    assert (await client.patch(f"{API}/users/{me['id']}", json={"role": "employee"})).status == 200


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(client) -> None:
    me = await (await client.get(f"{API}/auth/me")).json()
    other, other_token = await user_with_role(client, "admin")
    results = await asyncio.gather(
        client.patch(f"{API}/users/{other['id']}", json={"role": "viewer"}),
        as_user(client, other_token, "PATCH", f"/users/{me['id']}", {"role": "viewer"}),
    )
    first = (results[0].status, await results[0].json())
    outcomes = sorted([first, results[1]], key=lambda r: r[0])
    assert [status for status, _ in outcomes] in ([200, 409], [200, 401], [200, 403])  # the loser is refused
    winner = outcomes[0][1]
    page = await (await client.get(f"{API}/users", params={"role": "admin", "min_position": winner["position"]},
                                   headers=bearer(other_token) if results[0].status != 200 else None)).json()
    assert page["total"] == 1


async def test_a_deactivated_user_is_logged_out_and_cannot_log_in(client) -> None:
    cashier, token = await user_with_role(client, "cashier")
    assert (await as_user(client, token, "GET", "/auth/me"))[0] == 200
    assert (await client.post(f"{API}/users/{cashier['id']}/deactivate")).status == 200
    assert (await as_user(client, token, "GET", "/auth/me"))[0] == 401
    async with client.session.post(client.make_url(f"{API}/auth/login"), headers={"Authorization": ""},
                                   json={"username": cashier["username"], "password": "a long enough passphrase"}) as r:
        assert r.status == 401
    assert (await client.post(f"{API}/users/{cashier['id']}/reactivate")).status == 200


async def test_role_changes_are_in_the_audit_trail(client) -> None:
    user, _ = await user_with_role(client, "cashier")
    await client.patch(f"{API}/users/{user['id']}", json={"role": "employee"})
    history = (await (await client.get(f"{API}/users/{user['id']}/history")).json())["items"]
    me = await (await client.get(f"{API}/auth/me")).json()
    change = history[-1]
    assert change["type"] == "UserRoleAssigned" and change["actor"] == me["id"]
    assert (change["data"]["previous"], change["data"]["role"]) == ("cashier", "employee")
    assert all("password_hash" not in event["data"] for event in history)


async def test_changing_ones_password_needs_the_old_one(client) -> None:
    user, token = await user_with_role(client, "viewer")
    status, error = await as_user(client, token, "POST", "/auth/me/password",
                                  {"current_password": "wrong one", "new_password": "another long passphrase"})
    assert status == 403 and error["error"]["code"] == "wrong_password"
    status, _ = await as_user(client, token, "POST", "/auth/me/password",
                              {"current_password": "a long enough passphrase",
                               "new_password": "another long passphrase"})
    assert status == 200
    async with client.session.post(client.make_url(f"{API}/auth/login"), headers={"Authorization": ""},
                                   json={"username": user["username"], "password": "another long passphrase"}) as r:
        assert r.status == 200


async def test_a_custom_role_grants_exactly_its_permissions(client) -> None:
    role = await post(client, "/roles", {"name": "stocker", "permissions": ["products.read", "stock.adjust"]}, 201)
    assert role["permissions"] == ["products.read", "stock.adjust"]
    bad = await post(client, "/roles", {"name": "hacker", "permissions": ["everything"]}, 409)
    assert bad["error"]["code"] == "unknown_permission"
    assert (await post(client, "/roles", {"name": "admin", "permissions": []}, 409))["error"]["code"] == \
        "builtin_role"
    _, token = await user_with_role(client, "stocker")
    bread = await new_product(client, stock=1)
    assert (await as_user(client, token, "POST", f"/products/{bread['id']}/stock-adjustments",
                          {"delta": 5, "reason": "delivery"}))[0] == 201
    assert (await as_user(client, token, "POST", "/products", {}))[0] == 403
    changed = await (await client.patch(f"{API}/roles/stocker", json={"permissions": ["products.read"]})).json()
    await client.get(f"{API}/roles", params={"min_position": changed["position"]})
    assert (await as_user(client, token, "POST", f"/products/{bread['id']}/stock-adjustments",
                          {"delta": 5, "reason": "delivery"}))[0] == 403
    roles = (await (await client.get(f"{API}/roles")).json())["items"]
    assert {r["name"] for r in roles} >= {"admin", "customer", "stocker"}
