"""A customer who asks to be forgotten: their personal data is gone from every read, export
and table of the store (the event store keeps it only sealed with a key that no longer
exists), while what they bought, every total and the audit chain stay as they were."""

import uuid

import psycopg

from oms import audit
from oms.http.keys import STORE
from tests.support.http import API, error_of, get, new_product, post
from tests.support.readside import rebuilt_equals_live


def tables_holding(db, marker: str) -> list[str]:
    """Every table of the database with a row that holds `marker`, as text or as bytes."""
    found = []
    with psycopg.connect(db.url()) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_type = 'BASE TABLE'")]
        for table in tables:
            hit = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {} t WHERE t::text ILIKE %s OR t::text ILIKE %s")
                               .format(psycopg.sql.Identifier(table)),
                               (f"%{marker}%", f"%{marker.encode().hex()}%")).fetchone()[0]
            if hit:
                found.append(table)
    return found


async def test_a_forgotten_customer_is_gone_from_the_store_and_the_totals_stay(client, anon, db) -> None:
    marker = f"zq{uuid.uuid4().hex[:10]}"  # in every personal field: found wherever it is kept
    username, password = f"{marker}-user", "a long enough passphrase"
    signed = await anon.post(f"{API}/auth/signup", json={
        "username": username, "password": password, "email": f"{marker}@example.com", "full_name": f"Ann {marker}"})
    user_id = (await signed.json())["id"]
    token = (await (await anon.post(f"{API}/auth/login", json={"username": username, "password": password}))
             .json())["access_token"]
    mine = {"Authorization": f"Bearer {token}"}
    bread = await new_product(client, price="4.00", stock=20, tax_rate="0")
    own = await post(anon, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}],
                                       "note": f"for {marker}'s party"}, 201, headers=mine)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    await post(client, "/pos/sales", {"shift_id": shift["id"], "customer_id": user_id, "items": [
        {"product_id": bread["id"], "quantity": 2}], "payments": [{"method": "card", "amount": "8.00"}]}, 201)
    staff_made = await post(client, "/customers", {"full_name": f"Bea {marker}", "email": f"bea.{marker}@x.fr",
                                                   "billing_address": f"1 rue {marker}", "credit_limit": "50"}, 201)
    owed = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}],
                                          "customer_id": staff_made["id"], "note": f"cake for {marker}"}, 201)

    found = await get(client, "/customers", q=marker, min_position=owed["position"])
    assert found["total"] == 2  # readable while they are customers
    assert (await get(client, f"/orders/{own['id']}"))["note"] == f"for {marker}'s party"

    kept = tables_holding(db, marker)  # the read tables hold it in clear; the event store sealed
    assert {"customers", "users", "orders"} <= set(kept) and "oms_events" not in kept

    charged = await post(client, "/pos/sales", {"shift_id": shift["id"], "customer_id": staff_made["id"], "items": [
        {"product_id": bread["id"], "quantity": 1}], "payments": [{"method": "account", "amount": "4.00"}]}, 201)
    refused = await error_of(await client.post(f"{API}/customers/{staff_made['id']}/forget"), 409)
    assert refused["code"] == "balance_outstanding"
    paid = await post(client, f"/customers/{staff_made['id']}/payments", {"method": "cash", "amount": "4.00"}, 201)
    sales = await get(client, "/reports/sales", group_by="product", min_position=paid["position"])
    await post(client, f"/customers/{charged['id']}/forget", None, 404)  # an order is not a customer
    forgotten = await post(client, f"/customers/{user_id}/forget", None, 200)
    assert (forgotten["full_name"], forgotten["email"], forgotten["phone"], forgotten["archived"]) == (
        "[erased]", None, None, True)
    again = await post(client, f"/customers/{staff_made['id']}/forget", None, 200)
    await post(client, f"/customers/{staff_made['id']}/forget", None, 200)  # a retry finishes, writes nothing

    assert (await get(client, "/customers", q=marker, include_archived="true", min_position=again["position"])
            )["total"] == 0
    assert (await get(client, f"/customers/{staff_made['id']}", version=1))["full_name"] == "[erased]"
    assert (await get(client, f"/orders/{own['id']}"))["note"] is None
    csv = await (await client.get(f"{API}/customers", params={"format": "csv", "include_archived": "true"})).text()
    assert marker not in csv and "[erased]" in csv
    assert (await anon.post(f"{API}/auth/login", json={"username": username, "password": password})).status == 401
    assert (await anon.get(f"{API}/orders", headers=mine)).status == 401
    assert (await get(client, "/reports/sales", group_by="product")) == sales

    assert tables_holding(db, marker) == []
    assert audit.verify(db, progress=False).intact
    assert rebuilt_equals_live(anon.app[STORE], db)
    assert tables_holding(db, marker) == []
