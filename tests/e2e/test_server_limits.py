"""Requests the server refuses before they reach the app still answer in the API's error shape."""

import asyncio

import msgspec
import pytest
from aiohttp import web

from oms.http.app import create_app
from oms.http.server import ApiRunner


@pytest.fixture
async def served(config, db):
    runner = ApiRunner(create_app(config, db))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield runner.addresses[0][1]
    await runner.cleanup()


async def raw(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, payload = data.partition(b"\r\n\r\n")
    status, *lines = head.decode().split("\r\n")
    return status, {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}, payload


@pytest.mark.parametrize("request_bytes", [
    b"GET /api/v1/products?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
    b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
])
async def test_an_oversized_or_malformed_request_gets_a_json_error_with_a_request_id(served, request_bytes) -> None:
    status, headers, payload = await raw(served, request_bytes)
    assert status.split()[1] == "400"
    assert headers["content-type"].startswith("application/json") and headers["x-request-id"]
    assert headers["x-content-type-options"] == "nosniff"
    error = msgspec.json.decode(payload)["error"]
    assert error["code"] == "bad_request" and error["message"]


async def test_an_ordinary_request_is_served_as_usual(served) -> None:
    request = b"GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    status, _, payload = await raw(served, request)
    assert status.split()[1] == "200" and msgspec.json.decode(payload) == {"status": "ok"}
