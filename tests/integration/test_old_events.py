"""Events written by earlier code still load and project: the topics and states stored in
`oms_events` are a contract with every database in use (tests/fixtures holds events
written before the domain's modules and event classes were reorganised)."""

import json
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import psycopg

from oms.domain.order import Order
from oms.domain.product import Product
from oms.domain.user import User
from oms.store import open_store, store_env
from projections import registry
from projections.rebuild import rebuild

FIXTURE = json.loads((Path(__file__).parents[1] / "fixtures" / "events-before-house.json").read_text())


def test_a_database_written_before_the_reorganisation_loads_and_projects(config, db) -> None:
    with psycopg.connect(db.url(), autocommit=True) as conn:
        for e in FIXTURE["events"]:
            conn.execute("INSERT INTO oms_events (originator_id, originator_version, topic, state)"
                         " VALUES (%s, %s, %s, %s)",
                         (e["originator_id"], e["originator_version"], e["topic"], e["state"].encode()))
    store = open_store(db, config)
    try:
        ids = FIXTURE["ids"]
        bun = store.repository.get(UUID(ids["bun"]))
        assert isinstance(bun, Product)
        assert (bun.name, bun.barcode, bun.stock, bun.reserved) == ("Sesame bun", "4002", 13, 0)
        delivered, cancelled = (store.repository.get(UUID(i)) for i in ids["orders"])
        assert isinstance(delivered, Order) and (delivered.status, delivered.paid) == ("delivered", Decimal("1.00"))
        assert cancelled.status == "cancelled" and cancelled.total == Decimal("1.00")
        placed = [store.mapper.to_domain_event(n) for n in store.recorder.select_notifications(0, 1000)
                  if n.topic.endswith(("Order.Placed", "Product.Created"))]
        assert placed and all(getattr(e, "sale", "") is None and e.payments is None and e.pickup_at is None
                              for e in placed if isinstance(e, Order.Placed))  # upcast: every field, None
        assert all(e.vendor_id is None for e in placed if isinstance(e, Product.Created))
        cora = store.repository.get(UUID(ids["cora"]))
        assert isinstance(cora, User) and (cora.role, cora.full_name, cora.active) == ("baker", "Cora B", True)
        env = store_env(db, config)
        for projection, view in registry.READ_MODELS:
            rebuild(store, env, projection, view, replace=False, show_progress=False)  # into shadow tables
        with psycopg.connect(db.url()) as conn:
            bun_row = conn.execute("SELECT name, stock FROM products__rebuild WHERE sku = 'BUN'").fetchone()
            assert bun_row == ("Sesame bun", 13)
            assert conn.execute("SELECT count(*) FROM orders__rebuild").fetchone() == (2,)
            assert conn.execute("SELECT role FROM users__rebuild WHERE username = 'cora'").fetchone() == ("baker",)
            assert conn.execute("SELECT count(*) FROM set_aside_events").fetchone() == (0,)
    finally:
        store.close()
