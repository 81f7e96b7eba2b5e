"""Read-side helpers: wait for the projectors, compare live tables with a rebuild, fill a shop."""

from __future__ import annotations

import psycopg
from psycopg import sql

from commands.bus import CommandBus
from commands.order_status import ChangeOrderStatus, change_order_status
from commands.orders import OrderItem, PlaceOrder, place_order
from commands.products import AdjustStock, CreateProduct, adjust_stock, create_product
from oms.store import store_env
from projections import registry
from projections.rebuild import SUFFIX, rebuild


def rebuilt_equals_live(store, db) -> bool:
    from tests.conftest import load_config

    env = store_env(db, load_config({}))
    wait_caught_up(store, db)
    for projection, view in registry.READ_MODELS:
        rebuild(store, env, projection, view, replace=False, show_progress=False)
        for table in view.tables:
            assert differences(db, table) == 0, table
    return True


def differences(db, table: str) -> int:
    """Rows in one table and not the other, both ways."""
    query = sql.SQL("SELECT (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT SELECT * FROM {b}) x)"
                    " + (SELECT count(*) FROM (SELECT * FROM {b} EXCEPT SELECT * FROM {a}) y)")
    with psycopg.connect(db.url()) as conn:
        return conn.execute(query.format(a=sql.Identifier(table), b=sql.Identifier(table + SUFFIX))).fetchone()[0]


def count(db, table: str) -> int:
    with psycopg.connect(db.url()) as conn:
        return conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]


def busy_shop(bus: CommandBus, orders: int):
    bread = bus.run_sync(create_product, "t", CreateProduct(sku="B", name="Bread", price="3.00", cost="1.00",
                                                           category="Bread", stock=1000)).value
    bus.run_sync(adjust_stock, "t", bread.id, AdjustStock(delta=5, reason="count"))
    for i in range(orders):
        order = bus.run_sync(place_order, "t", PlaceOrder(items=[OrderItem(product_id=bread.id, quantity=1)]),
                             "B").value
        if i % 3 == 0:
            bus.run_sync(change_order_status, "t", order.id, ChangeOrderStatus(status="cancelled"))
    return bread.id


def wait_caught_up(store, db, seconds=20.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    head = store.recorder.max_notification_id()
    with psycopg.connect(db.url(), autocommit=True) as conn:
        while time.monotonic() < deadline:
            query = sql.SQL("SELECT coalesce(max(notification_id), 0) FROM {} WHERE application_name = 'OMS'")
            tables = registry.tracking_tables()
            positions = [conn.execute(query.format(sql.Identifier(t))).fetchone()[0] for t in tables]
            if min(positions) >= head:
                return
            time.sleep(0.05)
    raise AssertionError("projections did not catch up")


def more_orders(bus: CommandBus, product_id, orders: int) -> None:
    for _ in range(orders):
        bus.run_sync(place_order, "t", PlaceOrder(items=[OrderItem(product_id=product_id, quantity=1)]), "B")
