"""Event-store wiring: the eventsourcing Application on PostgreSQL (psycopg)."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application, LRUCache

from oms.config import Config
from oms.database import Database


class OMS(Application[UUID]):
    """The one event-sourced application. Its name fixes the table `oms_events`: never rename it."""

    name = "OMS"

    def drop_cache(self) -> None:
        """Forget every cached aggregate (after a version conflict: another process wrote).
        A new cache, since the library's LRUCache.clear() leaves its entries behind."""
        cache = self.repository.cache
        if isinstance(cache, LRUCache):
            self.repository.cache = LRUCache(maxsize=cache.maxsize)


def store_env(db: Database, config: Config) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": db.dbname,
        "POSTGRES_HOST": db.host,
        "POSTGRES_PORT": str(db.port),
        "POSTGRES_USER": db.user,
        "POSTGRES_PASSWORD": db.password,
        "POSTGRES_LOCK_TIMEOUT": str(config.lock_timeout_seconds),
        "POSTGRES_POOL_SIZE": "2",
        "CREATE_TABLE": "y",
        "AGGREGATE_CACHE_MAXSIZE": "100000",
        # Commands trust the cache: a stale aggregate fails its save (version conflict),
        # and the command bus then drops the cache and decides again on fresh state.
        "AGGREGATE_CACHE_FASTFORWARD": "n",
    }


def open_store(db: Database, config: Config) -> OMS:
    return OMS(env=store_env(db, config))


def projector_env(db: Database, config: Config) -> dict[str, str]:
    """Projectors write one transaction at a time: two connections each are plenty."""
    return {**store_env(db, config), "POSTGRES_POOL_SIZE": "1", "POSTGRES_MAX_OVERFLOW": "1"}
