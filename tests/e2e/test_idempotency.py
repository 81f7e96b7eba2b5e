"""Idempotency-Key: a retried write answers the first response and runs once."""

import asyncio

from oms.http import idempotency
from oms.http.idempotency import prune
from oms.http.keys import POOL
from tests.support.http import API, new_product


async def order(client, product, key, quantity=1):
    response = await client.post(f"{API}/orders", json={"items": [{"product_id": product["id"], "quantity": quantity}]},
                                 headers={"Idempotency-Key": key})
    return response.status, await response.json(), response.headers


async def stock_of(client, product, position):
    p = await (await client.get(f"{API}/products/{product['id']}", params={"min_position": position})).json()
    return p["reserved"]


async def test_a_retried_order_is_placed_once_and_answered_the_same(client) -> None:
    bread = await new_product(client, stock=10)
    first = await order(client, bread, "till-1-0001")
    again = await order(client, bread, "till-1-0001")
    assert first[0] == again[0] == 201 and first[1] == again[1]
    assert again[2]["Idempotent-Replayed"] == "true"
    assert await stock_of(client, bread, first[1]["position"]) == 1


async def test_the_same_key_for_another_request_is_refused(client) -> None:
    bread = await new_product(client, stock=10)
    await order(client, bread, "till-1-0002")
    status, body, _ = await order(client, bread, "till-1-0002", quantity=2)
    assert status == 409 and body["error"]["code"] == "idempotency_key_reused"


async def test_a_refusal_is_replayed_too(client) -> None:
    bread = await new_product(client, stock=1)
    refused = await order(client, bread, "till-1-0003", quantity=5)
    await client.post(f"{API}/products/{bread['id']}/stock-adjustments", json={"delta": 10, "reason": "delivery"})
    again = await order(client, bread, "till-1-0003", quantity=5)
    assert refused[0] == again[0] == 409 and again[1]["error"]["code"] == "insufficient_stock"


async def test_concurrent_retries_with_one_key_run_the_command_once(client) -> None:
    bread = await new_product(client, stock=50)
    results = await asyncio.gather(*(order(client, bread, "till-1-0004") for _ in range(10)))
    assert {status for status, _, _ in results} == {201}
    assert len({body["id"] for _, body, _ in results}) == 1
    assert await stock_of(client, bread, results[0][1]["position"]) == 1


async def test_keys_belong_to_their_user(client, anon) -> None:
    bread = await new_product(client, stock=10)
    await order(client, bread, "shared-key")
    status, body, _ = await order(client, bread, "shared-key")
    assert status == 201 and body["number"] == "B-000001"
    response = await anon.post(f"{API}/auth/signup", headers={"Idempotency-Key": "shared-key", "Authorization": ""},
                               json={"username": "zed", "password": "a long enough passphrase",
                                     "email": "zed@example.com", "full_name": "Zed"})
    assert response.status == 201


async def test_keys_are_kept_48_hours_then_pruned(client) -> None:
    product = await new_product(client, stock=5)
    pool = client.app[POOL]
    for key in ("old", "young"):
        assert (await order(client, product, key))[0] == 201
    await pool.execute("UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = 'old'")
    await pool.execute("UPDATE idempotency_keys SET created_at = now() - interval '47 hours' WHERE key = 'young'")
    assert await prune(pool, 48) == 1
    assert (await order(client, product, "young"))[2].get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in (await order(client, product, "old"))[2]  # forgotten: a new order


async def test_a_write_committed_by_a_dead_attempt_is_answered_not_run_again(client) -> None:
    bread = await new_product(client, stock=10)
    first = await order(client, bread, "till-1-0005")
    pool = client.app[POOL]  # as a process killed after its commit, before it kept the answer, leaves it:
    await pool.execute("UPDATE idempotency_keys SET status = NULL, body = NULL, holder = gen_random_uuid(),"
                       " lease_until = now() - interval '1 second' WHERE key = 'till-1-0005'")
    again = await order(client, bread, "till-1-0005")
    assert again[0] == 201 and again[1] == first[1]
    assert await stock_of(client, bread, again[1]["position"]) == 1


async def test_a_claim_whose_attempt_died_before_writing_runs_now(client) -> None:
    bread = await new_product(client, stock=10)
    pool = client.app[POOL]
    first = await order(client, bread, "till-1-0006")
    await pool.execute("DELETE FROM idempotent_writes WHERE key = 'till-1-0006'")
    await pool.execute("UPDATE idempotency_keys SET status = NULL, body = NULL, lease_until = now() - interval"
                       " '1 second' WHERE key = 'till-1-0006'")  # a claim that lapsed and wrote nothing
    again = await order(client, bread, "till-1-0006")
    assert again[0] == 201 and again[1]["id"] != first[1]["id"]  # it was never written: it runs now


async def test_a_live_attempt_holds_its_key_and_a_resend_hears_when_to_retry(client, monkeypatch) -> None:
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.2)
    bread = await new_product(client, stock=10)
    pool = client.app[POOL]
    first = await order(client, bread, "till-1-0007")
    await pool.execute("UPDATE idempotency_keys SET status = NULL, lease_until = now() + interval '1 hour'"
                       " WHERE key = 'till-1-0007'")  # held by a live attempt that keeps renewing
    status, body, headers = await order(client, bread, "till-1-0007")
    assert first[0] == 201 and status == 409 and body["error"]["code"] == "idempotency_key_in_progress"
    assert int(headers["Retry-After"]) > 0
