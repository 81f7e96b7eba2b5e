"""SIGKILL the projector process at random moments while orders are placed; once restarted,
every read table equals a fresh rebuild from the events: nothing skipped, nothing twice."""

import os
import random
import signal
import subprocess
import sys
import threading
import time

from commands.bus import CommandBus
from oms.store import open_store, store_env
from projections import registry
from projections.rebuild import rebuild
from tests.support.readside import busy_shop, differences, more_orders, wait_caught_up


def projector(db) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db.url()}
    env.pop("REDIS_URL", None)
    return subprocess.Popen([sys.executable, "-m", "oms", "project"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_projectors_resume_exactly_where_they_were(config, db) -> None:
    store = open_store(db, config)
    bus = CommandBus(store)
    process = projector(db)
    try:
        bread = busy_shop(bus, 10)
        writer = threading.Thread(target=more_orders, args=(bus, bread, 150))
        writer.start()
        rng = random.Random(7)
        for _ in range(4):
            time.sleep(rng.uniform(0.3, 1.2))
            process.send_signal(signal.SIGKILL)
            process.wait()
            process = projector(db)
        writer.join()
        wait_caught_up(store, db, seconds=60)
        env = store_env(db, config)
        for projection, view in registry.READ_MODELS:
            rebuild(store, env, projection, view, replace=False, show_progress=False)
            for table in view.tables:
                assert differences(db, table) == 0, table
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        bus.close()
        store.close()
