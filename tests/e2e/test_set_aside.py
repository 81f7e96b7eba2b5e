"""No event in the store can stop the read models: text PostgreSQL refuses is written in a
form it accepts, and an event a read model cannot apply is set aside, visibly, while
every later event is still applied."""

import asyncio
import uuid
from decimal import Decimal

import msgspec
import psycopg
import pytest

from oms.domain.order import Order
from oms.domain.product import Product
from oms.domain.user import User
from oms.http.keys import STORE
from tests.support.http import API, new_product
from tests.support.readside import rebuilt_equals_live


def stored_before_the_fix(store) -> None:
    """What the edge let through before it refused control characters: NUL in text."""
    product = Product(sku="NUL-1", name="Pain\x00 au chocolat", price=Decimal("2.00"), cost=Decimal("0.50"),
                      category="Vienn\x00oiserie", barcode=None, brand="\x00", tax_rate=Decimal(7), stock=5,
                      actor="before")
    user = User(username="nul", password_hash="x", role="customer", email="a\x00@b.cc", full_name="a\x00b",
                actor="self-signup")
    store.save(product, user)


async def test_events_stored_with_nul_are_projected_and_every_later_event_too(client, db) -> None:
    store = client.app[STORE]
    await asyncio.to_thread(stored_before_the_fix, store)
    later = await new_product(client, name="Baguette")
    page = await (await client.get(f"{API}/products", params={"min_position": later["position"]})).json()
    assert sorted(p["name"] for p in page["items"]) == ["Baguette", "Pain\ufffd au chocolat"]
    assert page["items"][1]["category"] == "Vienn\ufffdoiserie"
    users = await (await client.get(f"{API}/users", params={"q": "nul"})).json()
    assert users["items"][0]["full_name"] == "a\ufffdb"
    ready = await (await client.get("/readyz")).json()
    assert (ready["status"], ready["set_aside"]) == ("ready", 0)
    assert await asyncio.to_thread(rebuilt_equals_live, store, db)


def unusable_order() -> Order:
    """An order whose line names no valid product id: no read model can list its line."""
    line = {"product_id": "not-a-uuid", "sku": "X", "name": "X", "quantity": 1, "unit_price": Decimal("1.00"),
            "tax_rate": Decimal(0), "net": Decimal("1.00"), "tax": Decimal("0.00")}
    return Order(number="X-000001", channel="pos", lines=[line], customer_id=None, fulfilment=None, note=None,
                 actor="elsewhere", sale=None, payments=None, pickup_at=None)


def corrupt_row(db, topic: str) -> int:
    """A row written into the events table by hand, whose state is not an event."""
    with psycopg.connect(db.url(), autocommit=True) as conn:
        return conn.execute(
            "INSERT INTO oms_events (originator_id, originator_version, topic, state)"
            " VALUES (gen_random_uuid(), 1, %s, 'not json') RETURNING notification_id", (topic,)).fetchone()[0]


async def test_an_event_no_read_model_can_apply_is_set_aside_and_later_events_are_applied(client, db) -> None:
    store = client.app[STORE]
    before = await new_product(client, name="Bun")
    bad = await asyncio.to_thread(store.save, unusable_order())
    unreadable = await asyncio.to_thread(corrupt_row, db, "oms.domain.product:Product.Created")
    after = await new_product(client, name="Brioche")
    page = await (await client.get(f"{API}/products", params={"min_position": after["position"]})).json()
    assert {p["name"] for p in page["items"]} == {"Bun", "Brioche"} and before["position"] < bad[-1].notification.id
    orders = await (await client.get(f"{API}/orders")).json()
    assert orders["total"] == 0
    response = await client.get("/readyz")
    ready = await response.json()
    assert response.status == 200 and ready["lag"] == 0 and ready["set_aside"] == 3
    assert {(s["projection"], s["position"]) for s in ready["set_aside_latest"]} == {
        ("OrderList", bad[-1].notification.id), ("Reports", bad[-1].notification.id), ("decode", unreadable)}
    metrics = (await (await client.get("/metrics")).text()).splitlines()
    assert "oms_projection_set_aside_events 3.0" in metrics and "oms_projection_lag_events 0.0" in metrics


@pytest.mark.parametrize("text", ["\x00", "\ud800", "a\x00\ud83d"])
def test_text_is_written_in_a_form_postgresql_accepts(db, text) -> None:
    from projections.statements import PgText, PgTextBinary

    with psycopg.connect(db.url()) as conn:
        cur = conn.cursor()
        cur.adapters.register_dumper(str, PgText)
        cur.adapters.register_dumper(str, PgTextBinary)
        row = cur.execute("SELECT %s::text, %b::text[]", (text, [text])).fetchone()
    assert "\x00" not in row[0] and row[1] == [row[0]] and len(row[0]) == len(text)
    assert msgspec.json.decode(msgspec.json.encode(row[0])) == row[0]


def sample(text: str, series: str) -> float:
    """A series' value in Prometheus text (0 when absent)."""
    return next((float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(series + " ")), 0.0)


async def test_metrics_count_requests_by_route_and_the_writers_work(client) -> None:
    ok = 'oms_http_requests_total{method="GET",route="/api/v1/products/{id}",status="200"}'
    missing = 'oms_http_requests_total{method="GET",route="/api/v1/products/{id}",status="404"}'
    before = await (await client.get("/metrics")).text()  # counters are the process's: compare
    bread = await new_product(client, stock=5)
    for _ in range(3):
        await client.get(f"{API}/products/{bread['id']}", params={"min_position": bread["position"]})
    await client.get(f"{API}/products/{uuid.uuid4()}")  # a 404, on the same route
    text = await (await client.get("/metrics")).text()
    assert sample(text, ok) - sample(before, ok) == 3 and sample(text, missing) - sample(before, missing) == 1
    assert 'oms_http_request_seconds_count{method="GET",route="/api/v1/products/{id}"}' in text
    assert bread["id"] not in text  # templates, never paths
    assert sample(text, "oms_writer_batches_total") > sample(before, "oms_writer_batches_total")  # the product
    for name in ("oms_websocket_clients", "oms_command_conflicts_total", "oms_command_retries_total",
                 'oms_projection_model_lag_events{table="'):
        assert name in text, name
