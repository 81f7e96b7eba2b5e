"""Helpers for HTTP tests: the API base, the admin every test signs in as, requests, products,
customers, and the API error shape. Fixtures stay in the conftest files."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from commands.users import CreateUser, create_user
from oms.http.keys import BUS, HASHER

API = "/api/v1"
ADMIN = ("root", "correct horse battery")


async def bootstrap_admin(app: web.Application) -> None:
    cmd = CreateUser(username=ADMIN[0], password=ADMIN[1], role="admin")
    await app[BUS].run(create_user, "test", cmd, await app[HASHER].hash(cmd.password))


async def login(client: TestClient, username: str, password: str) -> str:
    response = await client.post(f"{API}/auth/login", json={"username": username, "password": password})
    body = await response.json()
    assert response.status == 200, body
    return body["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def user_with_role(admin: TestClient, role: str) -> tuple[dict[str, Any], str]:
    """Create a user with `role` through the API; answer the user and an access token."""
    username, password = f"{role}-{uuid.uuid4().hex[:8]}", "a long enough passphrase"
    user = await post(admin, "/users", {"username": username, "password": password, "role": role}, 201)
    async with admin.session.post(admin.make_url(f"{API}/auth/login"),
                                  json={"username": username, "password": password},
                                  headers={"Authorization": ""}) as response:
        assert response.status == 200, await response.text()
        return user, (await response.json())["access_token"]


async def post(client: TestClient, path: str, body: Any, status: int | None = None, **kwargs: Any) -> dict[str, Any]:
    response = await client.post(API + path, json=body, **kwargs)
    data = await response.json()
    if status is not None:
        assert response.status == status, data
    return data


async def get(client: TestClient, path: str, **params: Any) -> Any:
    """A read that must succeed: its JSON."""
    response = await client.get(API + path, params=params)
    body = await response.json()
    assert response.status == 200, body
    return body


async def new_product(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"sku": f"SKU-{uuid.uuid4().hex[:10]}", "name": "Croissant", "price": "2.50", "cost": "0.70",
            "category": "Viennoiserie", "stock": 10, **fields}
    return await post(client, "/products", body, 201)


async def signup(anon, username, password="a long enough passphrase"):
    return await anon.post(f"{API}/auth/signup", json={
        "username": username, "password": password, "email": f"{username}@example.com", "full_name": "Ann Example"})


async def customer_token(client, username):
    response = await signup(client, username)
    assert response.status == 201, await response.json()
    async with client.session.post(client.make_url(f"{API}/auth/login"), headers={"Authorization": ""},
                                   json={"username": username, "password": "a long enough passphrase"}) as r:
        return (await r.json())["access_token"]


async def error_of(response, status):
    body = await response.json()
    assert response.status == status, body
    assert set(body) == {"error"} and {"code", "message", "details"} <= set(body["error"])
    assert response.headers["X-Request-ID"]
    return body["error"]


async def shift_opened_at(client: TestClient, when: str, register: str = "front", opening_float: str = "0"
                          ) -> dict[str, Any]:
    """A shift opened at `when` (its event stamped then): sales made offline during it since."""
    from datetime import datetime

    from oms.store import clock_at

    with clock_at([datetime.fromisoformat(when.replace("Z", "+00:00"))]):
        return await post(client, "/shifts", {"register": register, "opening_float": opening_float}, 201)
