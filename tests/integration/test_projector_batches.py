"""The projector writes a batch with buffered inserts and summed counters. Here a whole
shop's history reaches it as one batch, interleaving creations, stock counts, orders,
renames, cancellations, shipments, payments and an archive on the same rows; every
read row must then equal the aggregate it shows, read from the event store (the other
tests compare read tables with a rebuild, which shares the projector's code)."""

import random
from collections import Counter
from decimal import Decimal

import psycopg
from psycopg.rows import dict_row

from commands.bus import CommandBus
from commands.order_status import ChangeOrderStatus, change_order_status
from commands.orders import OrderItem, PlaceOrder, place_order
from commands.payments import RecordPayment, record_payment
from commands.products import (
    AdjustStock,
    CreateProduct,
    UpdateProduct,
    adjust_stock,
    archive_product,
    create_product,
    update_product,
)
from oms.domain.order import Order
from oms.domain.product import Product
from oms.history import current
from oms.publish import nowhere
from oms.store import open_store, projector_env
from projections import registry
from tests.support.readside import wait_caught_up


def shop_history(bus: CommandBus, rng: random.Random) -> tuple[list, list]:
    run = bus.run_sync
    products = [run(create_product, "t", CreateProduct(sku=f"P{i}", name=f"Loaf {i}", price="2.50", cost="1.00",
                                                      category="Bread", tax_rate="7", stock=40)).value.id
                for i in range(4)]
    orders = []
    for step in range(60):
        if step % 9 == 4:
            run(adjust_stock, "t", rng.choice(products), AdjustStock(delta=rng.randint(1, 5), reason="count"))
        if step % 13 == 6:
            run(update_product, "t", rng.choice(products), UpdateProduct(name=f"Loaf v{step}", price="2.75"))
        chosen = rng.sample(products, rng.randint(1, 3))
        items = [OrderItem(product_id=p, quantity=rng.randint(1, 2)) for p in chosen]
        order = run(place_order, "t", PlaceOrder(items=items, channel=rng.choice(["pos", "online"])), "B").value
        orders.append(order.id)
        if step % 4 == 1:
            run(change_order_status, "t", order.id, ChangeOrderStatus(status="cancelled"))
        elif step % 4 == 2:
            run(record_payment, "t", order.id, RecordPayment(method="card", amount=str(order.balance_due)))
            for status in ("confirmed", "picked", "shipped"):
                run(change_order_status, "t", order.id, ChangeOrderStatus(status=status))
        elif step % 4 == 3:
            run(record_payment, "t", order.id, RecordPayment(method="cash", amount="1.00"))
    run(archive_product, "t", products[3])
    return products, orders


def test_one_batch_of_a_whole_history_shows_every_aggregate_exactly(config, db) -> None:
    store = open_store(db, config)
    bus = CommandBus(store)
    try:
        products, orders = shop_history(bus, random.Random(11))
        assert store.recorder.max_notification_id() < 500  # one projector batch
        supervisor = registry.Supervisor(projector_env(db, config), nowhere)
        supervisor.start()
        try:
            wait_caught_up(store, db)
        finally:
            supervisor.stop()
        with psycopg.connect(db.url(), row_factory=dict_row) as conn:
            for product_id in products:
                p = current(store, product_id)
                assert isinstance(p, Product)
                row = conn.execute("SELECT * FROM products WHERE id = %s", (product_id,)).fetchone()
                assert (row["name"], row["price"], row["stock"], row["reserved"], row["archived"], row["version"]) == (
                    p.name, p.price, p.stock, p.reserved, p.archived, p.version)
            statuses: Counter[tuple[str, str]] = Counter()
            for order_id in orders:
                o = current(store, order_id)
                assert isinstance(o, Order)
                statuses[(o.status, o.channel)] += 1
                row = conn.execute("SELECT * FROM orders WHERE id = %s", (order_id,)).fetchone()
                assert (row["status"], row["total"], row["paid"], row["version"]) == (
                    o.status, o.total, o.paid, o.version)
            counts = {(r["status"], r["channel"]): r["n"] for r in conn.execute("SELECT * FROM order_counts")}
            assert {k: n for k, n in counts.items() if n} == dict(statuses)
            listed = conn.execute("SELECT count(*) AS n FROM orders").fetchone()["n"]
            assert sum(statuses.values()) == len(orders) == listed
            assert Decimal(0) < sum(current(store, o).paid for o in orders)  # payments were part of it
    finally:
        bus.close()
        store.close()
