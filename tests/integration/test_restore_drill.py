"""The restore drill: a dump of a running shop restores into a fresh database whose audit
chain verifies and whose read models rebuild to the same rows; a broken chain fails it."""

import psycopg

from commands.bus import CommandBus
from oms.drill import restore_drill
from oms.store import open_store, store_env
from projections import registry
from tests.support.readside import busy_shop, wait_caught_up


def test_a_dump_restores_verifies_and_rebuilds(config, db) -> None:
    store = open_store(db, config)
    bus = CommandBus(store)
    supervisor = registry.Supervisor(store_env(db, config), lambda message: None)
    supervisor.start()
    try:
        busy_shop(bus, 20)
        wait_caught_up(store, db)
    finally:
        supervisor.stop()
        store.close()
    result = restore_drill(config, db, progress=False)
    assert result["ok"], result
    assert result["events"] > 20 and result["rebuilt_unequal"] == {}
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("UPDATE oms_events SET state = state || ' '::bytea WHERE notification_id = 3")
    broken = restore_drill(config, db, progress=False)
    assert not broken["ok"] and broken["broken_at"] == 3
