"""Event-store wiring: the eventsourcing Application on PostgreSQL (psycopg)."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application

from oms.config import Config
from oms.database import Database


class OMS(Application[UUID]):
    """The one event-sourced application. Its name fixes the table `oms_events`: never rename it."""

    name = "OMS"


def store_env(db: Database, config: Config) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": db.dbname,
        "POSTGRES_HOST": db.host,
        "POSTGRES_PORT": str(db.port),
        "POSTGRES_USER": db.user,
        "POSTGRES_PASSWORD": db.password,
        "POSTGRES_LOCK_TIMEOUT": str(config.lock_timeout_seconds),
        "POSTGRES_POOL_SIZE": str(config.command_workers + 1),
        "CREATE_TABLE": "y",
        "AGGREGATE_CACHE_MAXSIZE": "10000",
    }


def open_store(db: Database, config: Config) -> OMS:
    return OMS(env=store_env(db, config))
