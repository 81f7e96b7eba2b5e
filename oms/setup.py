"""Everything a fresh database needs before serving: the database, event and read tables."""

from __future__ import annotations

from oms.config import Config
from oms.database import Database, ensure_database, resolve
from oms.migrate import migrate
from oms.store import open_store, store_env
from projections import registry


def prepare(config: Config, db: Database | None = None) -> tuple[Database, list[str]]:
    """Create what is missing; return the database and the migrations applied now."""
    db = db or resolve(config)
    ensure_database(db)
    open_store(db, config).close()  # creates the event tables
    applied = migrate(db)
    registry.create_all_tables(store_env(db, config))
    return db, applied
