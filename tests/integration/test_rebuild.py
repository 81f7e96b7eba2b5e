"""Read tables rebuilt from the events equal the live ones, and a live rebuild loses nothing."""

import asyncio

import psycopg

from commands.bus import CommandBus
from commands.products import CreateProduct, create_product
from oms.store import open_store, store_env
from projections import registry
from projections.rebuild import rebuild
from tests.support.readside import busy_shop, count, differences, more_orders, wait_caught_up


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
