"""While the database cannot be reached, reads and writes answer 503 service_unavailable
with Retry-After (not a 500, not a 409); when it is back, the same app serves again."""

import psycopg
from psycopg import sql

from tests.support.http import API, error_of, new_product


def outage(db, on: bool) -> None:
    """Refuse new connections to the test database and end the open ones (or allow them again)."""
    with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(
            sql.Identifier(db.dbname), sql.SQL("false" if on else "true")))
        if on:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                         "pg_backend_pid()", (db.dbname,))


async def test_an_outage_is_503_and_the_app_recovers_by_itself(client, db) -> None:
    bread = await new_product(client)
    outage(db, True)
    try:
        for method, path, body in (("GET", "/orders", None), ("GET", f"/products/{bread['id']}", None),
                                   ("POST", "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}]})):
            response = await client.request(method, API + path, json=body)
            error = await error_of(response, 503)
            assert error["code"] == "service_unavailable" and int(response.headers["Retry-After"]) >= 1
    finally:
        outage(db, False)
    placed = await client.post(f"{API}/orders", json={"items": [{"product_id": bread["id"], "quantity": 1}]})
    assert placed.status == 201, await placed.text()
    listed = await client.get(f"{API}/orders", params={"min_position": (await placed.json())["position"]})
    assert listed.status == 200, await listed.text()
