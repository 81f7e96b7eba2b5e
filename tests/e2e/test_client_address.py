"""Who the client is, for every limit: the socket, or the client a trusted proxy names.
Failed sign-ins lock out the client that failed, never the account's real user; guests
behind one balancer each have their own budget; a client cannot name itself someone else;
and with Redis gone or stalled the limits still count, and reads are not held up."""

import asyncio

import msgspec
import pytest
from multidict import CIMultiDict

from oms.auth import ratelimit
from oms.http.app import create_app
from oms.http.keys import LIMITER
from oms.http.remote import client_of, forwarded_chain, networks
from tests.support.http import API, user_with_role

PROXY = "127.0.0.1"  # the test client's socket: the balancer


def via(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": f"{address}, 10.9.0.2", "Authorization": ""}


@pytest.fixture
async def shop(config, db, aiohttp_client):
    """An app behind a trusted proxy (the test client) and a relay 10.9.0.2 behind it."""
    limited = msgspec.structs.replace(config, trusted_proxies=f"{PROXY}, 10.9.0.0/24",
                                      rate_limit_anonymous="30/minute", login_limit="20/15 minutes")
    return await aiohttp_client(create_app(limited, db))


async def login(client, username, password, address):
    return await client.post(f"{API}/auth/login", json={"username": username, "password": password},
                             headers=via(address))


async def test_a_flood_of_wrong_passwords_never_locks_the_real_user_out(shop, client) -> None:
    cashier, _ = await user_with_role(client, "cashier")
    statuses = [(await login(shop, cashier["username"], "wrong wrong wrong", "203.0.113.7")).status
                for _ in range(25)]
    assert statuses[:20] == [401] * 20 and set(statuses[20:]) == {429}
    refused = await login(shop, cashier["username"], "a long enough passphrase", "203.0.113.7")
    assert refused.status == 429 and int(refused.headers["Retry-After"]) > 0  # the guesser stays out
    assert (await login(shop, cashier["username"], "a long enough passphrase", "198.51.100.4")).status == 200


async def test_guessing_one_account_from_many_addresses_slows_down_but_lets_the_user_in(
        shop, client, monkeypatch) -> None:
    monkeypatch.setattr(ratelimit, "SLOWDOWN_SECONDS", 0.01)
    admin, _ = await user_with_role(client, "admin")
    assert await shop.app[LIMITER].slowdown(admin["username"]) == 0
    for n in range(55):
        await login(shop, admin["username"], "guess guess guess", f"192.0.2.{n}")
    assert await shop.app[LIMITER].slowdown(admin["username"]) == 0.01
    assert (await login(shop, admin["username"], "a long enough passphrase", "198.51.100.9")).status == 200


async def test_guests_behind_the_balancer_each_have_their_own_budget(shop) -> None:
    for _ in range(30):
        assert (await shop.get(f"{API}/store", headers=via("203.0.113.20"))).status == 200
    assert (await shop.get(f"{API}/store", headers=via("203.0.113.20"))).status == 429  # one client hammering
    assert (await shop.get(f"{API}/store", headers=via("203.0.113.21"))).status == 200  # everyone else shops on
    assert (await login(shop, "nobody", "wrong wrong wrong", "203.0.113.20")).status == 401  # sign-in: its own


async def test_a_client_that_is_no_trusted_proxy_cannot_name_another_client(config, db, aiohttp_client) -> None:
    app = create_app(msgspec.structs.replace(config, trusted_proxies="10.0.0.1", rate_limit_anonymous="5/minute"), db)
    direct = await aiohttp_client(app)
    statuses = [(await direct.get(f"{API}/store", headers=via(f"203.0.113.{n}"))).status for n in range(6)]
    assert statuses == [200] * 5 + [429]  # every request counted against the socket's own address


def test_the_nearest_address_no_trusted_proxy_wrote_is_the_client() -> None:
    proxies = networks("127.0.0.1, 10.9.0.0/24")

    def client(headers, peer="127.0.0.1"):
        return client_of(peer, forwarded_chain(CIMultiDict(headers)), proxies)

    assert client({"X-Forwarded-For": "1.2.3.4, 203.0.113.5, 10.9.0.2"}) == "203.0.113.5"  # 1.2.3.4: a claim
    assert client({"X-Forwarded-For": "1.2.3.4", "x-forwarded-for": "10.9.0.3"}) == "1.2.3.4"
    assert client({"Forwarded": 'for="[2001:db8::1]:4711";proto=https, for=10.9.0.2'}) == "2001:db8::1"
    assert client({"X-Forwarded-For": "unknown"}) is None
    assert client({"X-Forwarded-For": "203.0.113.5"}, peer="198.51.100.1") is None  # not from a proxy


async def blackhole() -> tuple[asyncio.AbstractServer, int]:
    """A Redis that accepts connections and never answers (a paused server)."""
    held = []

    async def hold(reader, writer):
        held.append(writer)
        await asyncio.sleep(3600)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


@pytest.mark.parametrize("stalled", [False, True], ids=["redis gone", "redis stalled"])
async def test_without_redis_logins_count_in_the_process_and_reads_are_served(
        config, db, aiohttp_client, client, stalled) -> None:
    cashier, _ = await user_with_role(client, "cashier")
    server, port = await blackhole() if stalled else (None, 1)
    app = create_app(msgspec.structs.replace(config, redis_url=f"redis://127.0.0.1:{port}/0",
                                             login_limit="3/15 minutes"), db)
    try:
        shop = await aiohttp_client(app)
        ok = await shop.post(f"{API}/auth/login", json={"username": cashier["username"],
                                                         "password": "a long enough passphrase"})
        assert ok.status == 200
        statuses = [(await shop.post(f"{API}/auth/login", json={"username": cashier["username"],
                                                                 "password": "wrong wrong"})).status for _ in range(4)]
        assert statuses == [401, 401, 401, 429]
        for path in ("/store", "/products", "/categories"):
            response = await shop.get(API + path, timeout=10)
            assert response.status == 200, path
    finally:
        if server is not None:
            server.close()
