"""Every response carries the request id and the security headers (errors and websocket
handshakes too); CORS answers only the configured origins, never an echo of any other."""

import msgspec
import pytest

from oms.http.app import create_app
from oms.http.headers import CONTENT_SECURITY_POLICY
from tests.support.http import ADMIN, API, bootstrap_admin, login

ORIGIN = "https://till.example"
ID = "00000000-0000-4000-8000-000000000000"


def path_of(canonical: str) -> str:
    return canonical.replace("{id}", ID).replace("{code}", "123").replace("{name}", "baker")


def assert_secured(response, where) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, where
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and "unsafe-inline" not in \
        headers["Content-Security-Policy"], where
    assert (headers.get("X-Content-Type-Options"), headers.get("Referrer-Policy")) == ("nosniff", "no-referrer"), where
    assert headers.get("X-Request-ID"), where
    assert "Strict-Transport-Security" not in headers, where  # plain HTTP: HSTS only behind TLS


async def test_every_route_answers_with_the_security_headers(client) -> None:
    routes = {(r.method, r.resource.canonical) for r in client.app.router.routes() if r.method != "HEAD"}
    for method, canonical in sorted(routes):
        response = await client.request(method, path_of(canonical), json={} if method != "GET" else None)
        assert_secured(response, (method, canonical, response.status))
    for path in ("/no/such/page", f"{API}/orders/not-a-uuid"):  # errors too
        assert_secured(await client.get(path), path)


async def test_a_websocket_handshake_carries_them_too(client) -> None:
    ws = await client.ws_connect(f"{API}/ws")
    assert_secured(ws._response, "ws")
    await ws.close()


async def test_hsts_is_sent_when_the_request_came_over_tls() -> None:
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    from oms.http.headers import HSTS, secure

    for scheme, expected in (("https", HSTS), ("http", None)):
        response = web.Response()
        await secure(make_mocked_request("GET", "/").clone(scheme=scheme), response)
        assert response.headers.get("Strict-Transport-Security") == expected


@pytest.fixture
async def cors_client(config, db, aiohttp_client):
    app = create_app(msgspec.structs.replace(config, allowed_origins=ORIGIN), db)
    client = await aiohttp_client(app)
    await bootstrap_admin(app)
    client.session.headers["Authorization"] = f"Bearer {await login(client, *ADMIN)}"
    return client


async def test_cors_answers_only_the_allowed_origin(cors_client) -> None:
    allowed = await cors_client.get(f"{API}/products", headers={"Origin": ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in allowed.headers["Access-Control-Expose-Headers"]
    foreign = await cors_client.get(f"{API}/products", headers={"Origin": "https://evil.example"})
    assert foreign.status == 200 and "Access-Control-Allow-Origin" not in foreign.headers
    preflight = await cors_client.options(f"{API}/orders", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization, Content-Type, Idempotency-Key"})
    assert preflight.status == 200 and preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    refused = await cors_client.options(f"{API}/orders", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert refused.status == 403 and "Access-Control-Allow-Origin" not in refused.headers


async def test_metrics_are_for_this_machine_or_the_configured_token(config, db, aiohttp_client) -> None:
    from aiohttp.test_utils import make_mocked_request

    from oms.http.errors import ApiError
    from oms.http.keys import CONFIG
    from oms.http.routes.health import check_scraper

    local = await aiohttp_client(create_app(config, db))
    assert (await local.get("/metrics")).status == 200  # the test client is on this machine
    app = create_app(config, db)
    with pytest.raises(ApiError) as far:
        check_scraper(make_mocked_request("GET", "/metrics", app=app).clone(remote="203.0.113.9"))
    assert far.value.status == 403
    guarded = await aiohttp_client(create_app(msgspec.structs.replace(config, metrics_token="s3cret-scrape"), db))
    assert (await guarded.get("/metrics")).status == 401
    assert (await guarded.get("/metrics", headers={"Authorization": "Bearer wrong"})).status == 401
    scraped = await guarded.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})
    assert scraped.status == 200 and "oms_projection_lag_events" in await scraped.text()
    assert app[CONFIG].metrics_token is None


async def test_sizeable_answers_are_gzipped_for_clients_that_accept_it(client) -> None:
    big = await client.get(f"{API}/openapi.json", headers={"Accept-Encoding": "gzip, deflate"})
    assert big.headers.get("Content-Encoding") == "gzip" and (await big.json())["openapi"].startswith("3.")
    assert "Accept-Encoding" in big.headers.get("Vary", "")
    small = await client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers
    for refused in ("identity", "gzip;q=0", "br"):
        plain = await client.get(f"{API}/openapi.json", headers={"Accept-Encoding": refused})
        assert "Content-Encoding" not in plain.headers and (await plain.json())["openapi"]
