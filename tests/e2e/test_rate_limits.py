"""Rate limits: anonymous clients per address, signed-in users each on their own; over
the limit a 429 says when to come back."""

import msgspec
import pytest

from oms.http.app import create_app
from tests.support.http import API, bearer, error_of, user_with_role


@pytest.fixture
async def limited(config, db, aiohttp_client):
    app = create_app(msgspec.structs.replace(config, rate_limit_anonymous="3/minute", rate_limit_user="5/minute"), db)
    return await aiohttp_client(app)


async def test_anonymous_clients_get_their_share_then_429_with_retry_after(limited) -> None:
    for _ in range(3):
        assert (await limited.get(f"{API}/openapi.json")).status == 200
    refused = await limited.get(f"{API}/products")
    error = await error_of(refused, 429)
    assert error["code"] == "rate_limited" and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert (await limited.get("/healthz")).status == 200  # health and readiness are never limited


async def test_each_signed_in_user_has_a_limit_of_their_own(limited, client) -> None:
    _, anna = await user_with_role(client, "cashier")  # through the unlimited app
    _, ben = await user_with_role(client, "cashier")
    for _ in range(5):
        assert (await limited.get(f"{API}/products", headers=bearer(anna))).status == 200
    refused = await limited.get(f"{API}/products", headers=bearer(anna))
    assert (await error_of(refused, 429))["code"] == "rate_limited" and int(refused.headers["Retry-After"]) >= 1
    assert (await limited.get(f"{API}/products", headers=bearer(ben))).status == 200
