"""Refresh rotation and reuse detection, logout, browser cookie sessions, login limits."""

import asyncio

import pytest

from tests.support.http import ADMIN, API, bearer, bootstrap_admin


@pytest.fixture
async def admin_login(anon):
    await bootstrap_admin(anon.app)

    async def fresh(**extra):
        response = await anon.post(f"{API}/auth/login", json={"username": ADMIN[0], "password": ADMIN[1], **extra})
        assert response.status == 200
        return await response.json()

    return fresh


async def refresh(anon, token):
    response = await anon.post(f"{API}/auth/refresh", json={"refresh_token": token})
    return response.status, await response.json()


async def test_login_answers_the_documented_shape(admin_login) -> None:
    body = await admin_login()
    assert (body["token_type"], body["expires_in"]) == ("bearer", 900)
    assert body["user"]["username"] == ADMIN[0] and body["user"]["role"] == "admin"
    assert "users.manage" in body["user"]["permissions"]


async def test_refreshing_rotates_and_the_old_token_dies(anon, admin_login) -> None:
    first = await admin_login()
    status, second = await refresh(anon, first["refresh_token"])
    assert status == 200 and second["refresh_token"] != first["refresh_token"]
    assert (await anon.get(f"{API}/auth/me", headers=bearer(second["access_token"]))).status == 200
    status, _ = await refresh(anon, second["refresh_token"])
    assert status == 200


async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(anon, admin_login) -> None:
    first = await admin_login()
    _, second = await refresh(anon, first["refresh_token"])
    status, body = await refresh(anon, first["refresh_token"])  # replayed by a thief
    assert status == 401 and body["error"]["code"] == "unauthenticated"
    assert (await refresh(anon, second["refresh_token"]))[0] == 401  # the newer one died too
    assert (await anon.get(f"{API}/auth/me", headers=bearer(second["access_token"]))).status == 401
    other = await admin_login()  # another login (family) is untouched
    assert (await refresh(anon, other["refresh_token"]))[0] == 200


async def test_concurrent_double_refresh_lets_at_most_one_through(anon, admin_login) -> None:
    for _ in range(5):
        token = (await admin_login())["refresh_token"]
        results = await asyncio.gather(*(refresh(anon, token) for _ in range(4)))
        assert sum(1 for status, _ in results if status == 200) <= 1


async def test_logout_ends_the_family(anon, admin_login) -> None:
    tokens = await admin_login()
    response = await anon.post(f"{API}/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert response.status == 204
    assert (await refresh(anon, tokens["refresh_token"]))[0] == 401
    assert (await anon.get(f"{API}/auth/me", headers=bearer(tokens["access_token"]))).status == 401


async def test_unknown_user_and_wrong_password_fail_alike(anon, admin_login) -> None:
    await admin_login()
    wrong = await anon.post(f"{API}/auth/login", json={"username": ADMIN[0], "password": "not the password"})
    unknown = await anon.post(f"{API}/auth/login", json={"username": "nobody", "password": "not the password"})
    assert wrong.status == unknown.status == 401
    assert (await wrong.json()) == (await unknown.json())


async def test_a_browser_session_is_an_httponly_strict_cookie_without_max_age(anon, admin_login) -> None:
    await admin_login(session=True)
    cookie = next(c for c in anon.session.cookie_jar if c.key == "oms_session")
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert not cookie["max-age"] and not cookie["expires"]
    me = await anon.get(f"{API}/auth/me")
    assert me.status == 200 and (await me.json())["username"] == ADMIN[0]


async def test_cookie_writes_need_the_csrf_header(anon, admin_login) -> None:
    await admin_login(session=True)
    body = {"sku": "CSRF-1", "name": "Bun", "price": "1.00", "cost": "0.30", "category": "Bread"}
    forged = await anon.post(f"{API}/products", json=body)
    assert forged.status == 403 and (await forged.json())["error"]["code"] == "csrf_failed"
    allowed = await anon.post(f"{API}/products", json=body, headers={"X-Requested-With": "fetch"})
    assert allowed.status == 201


async def test_logging_out_ends_the_cookie_session(anon, admin_login) -> None:
    await admin_login(session=True)
    assert (await anon.post(f"{API}/auth/logout", headers={"X-Requested-With": "fetch"})).status == 204
    assert (await anon.get(f"{API}/auth/me")).status == 401


async def test_failed_logins_from_one_client_are_rate_limited(config, db, aiohttp_client) -> None:
    import msgspec

    from oms.http.app import create_app

    limited = msgspec.structs.replace(config, login_limit="3/15 minutes")
    client = await aiohttp_client(create_app(limited, db))
    statuses = []
    for _ in range(4):
        response = await client.post(f"{API}/auth/login", json={"username": "victim", "password": "guess guess"})
        statuses.append(response.status)
    assert statuses == [401, 401, 401, 429]
    assert int(response.headers["Retry-After"]) > 0
    assert (await response.json())["error"]["code"] == "rate_limited"
