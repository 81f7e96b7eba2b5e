"""Everything a fresh database needs before serving: the database, event and read tables."""

from __future__ import annotations

import psycopg

from oms.config import Config
from oms.database import Database, ensure_database, resolve
from oms.migrate import migrate
from oms.store import open_store, store_env
from projections import registry

PREPARE_LOCK = 7_262_000


def prepare(config: Config, db: Database | None = None) -> tuple[Database, list[str]]:
    """Create what is missing; return the database and the migrations applied now."""
    db = db or resolve(config)
    ensure_database(db)
    # Processes starting together (API replicas, projectors) prepare one at a time.
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (PREPARE_LOCK,))
        try:
            open_store(db, config).close()  # creates the event tables
            applied = migrate(db)
            registry.create_all_tables(store_env(db, config))
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (PREPARE_LOCK,))
    return db, applied
