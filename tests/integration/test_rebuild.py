"""Read tables rebuilt from the events equal the live ones, and a live rebuild loses nothing."""

import asyncio

import psycopg
from psycopg import sql

from commands.bus import CommandBus
from commands.orders import ChangeOrderStatus, OrderItem, PlaceOrder, change_order_status, place_order
from commands.products import AdjustStock, CreateProduct, adjust_stock, create_product
from oms.store import open_store, store_env
from projections import registry
from projections.rebuild import SUFFIX, rebuild


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


def test_a_rebuild_equals_the_live_tables_and_replaces_them_while_orders_flow(config, db) -> None:
    env = store_env(db, config)
    store = open_store(db, config)
    bus = CommandBus(store)
    supervisor = registry.Supervisor(env, lambda message: None)
    supervisor.start()
    try:
        bread = busy_shop(bus, 40)
        wait_caught_up(store, db)
        for projection, view in registry.READ_MODELS:
            rebuild(store, env, projection, view, replace=False, show_progress=False)
            for table in view.tables:
                assert differences(db, table) == 0, table
        # Rebuild the orders while more orders arrive; nothing is lost or doubled.
        async def during() -> None:
            loop = asyncio.get_running_loop()
            writing = loop.run_in_executor(None, more_orders, bus, bread, 30)
            await asyncio.to_thread(rebuild, store, env, *registry.find("OrderList"), show_progress=False)
            await writing

        asyncio.run(during())
        for _ in range(3):
            supervisor.check()
        wait_caught_up(store, db)
        assert count(db, "orders") == 40 + 30
        projection, view = registry.find("OrderList")
        rebuild(store, env, projection, view, replace=False, show_progress=False)
        assert differences(db, "orders") == 0 and differences(db, "order_lines") == 0
    finally:
        supervisor.stop()
        bus.close()
        store.close()


def more_orders(bus: CommandBus, product_id, orders: int) -> None:
    for _ in range(orders):
        bus.run_sync(place_order, "t", PlaceOrder(items=[OrderItem(product_id=product_id, quantity=1)]), "B")


def test_a_failed_batch_answers_its_callers_and_the_writer_keeps_going(config, db) -> None:
    """If the database refuses a batch outright, each caller gets the error; later commands still run."""
    from eventsourcing.persistence import PersistenceError

    store = open_store(db, config)
    bus = CommandBus(store)
    bun = CreateProduct(sku="BUN", name="Bun", price="1.00", cost="0.50", category="Bread")
    try:
        with psycopg.connect(db.url(), autocommit=True) as conn:
            conn.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql"
                         " AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$")
            conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON oms_events FOR EACH ROW EXECUTE FUNCTION refuse()")
        try:
            bus.run_sync(create_product, "t", bun)
            raise AssertionError("the refused write was acknowledged")
        except PersistenceError as error:
            assert "disk full" in str(error)
        with psycopg.connect(db.url(), autocommit=True) as conn:
            conn.execute("DROP TRIGGER refuse ON oms_events")
        assert bus.run_sync(create_product, "t", bun).value.sku == "BUN"
    finally:
        bus.close()
        store.close()
