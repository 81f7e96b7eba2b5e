"""Everything a fresh database needs before serving: the database, event and read tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from commands.bus import CommandBus
from commands.load import find
from commands.users import CreateUser, create_user
from oms.auth.passwords import Hasher
from oms.config import Config
from oms.database import Database, ensure_database, resolve
from oms.domain.settings import Settings
from oms.domain.user import User
from oms.migrate import migrate
from oms.names import SETTINGS_ID
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
            open_store(db, config, create=True).close()  # creates the event tables
            applied = migrate(db)
            registry.create_all_tables(store_env(db, config))
            first_settings(db, config)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (PREPARE_LOCK,))
    return db, applied


def first_settings(db: Database, config: Config) -> None:
    """On the first start, the shop's details from the environment become its settings;
    from then on admins change them (`PATCH /settings`), and the environment no longer counts."""
    store = open_store(db, config)
    try:
        if not isinstance(find(store, SETTINGS_ID), Settings):
            store.save(Settings(actor="setup", values={
                "store_name": config.store_name, "address": config.store_address, "timezone": config.timezone,
                "receipt_header": config.receipt_header, "receipt_footer": config.receipt_footer}))
    finally:
        store.close()


@contextmanager
def writer(config: Config, db: Database, bcrypt_rounds: int | None = None) -> Iterator[tuple[CommandBus, Hasher]]:
    """A command bus and a password hasher for work outside the server (CLI, seed, bench)."""
    store = open_store(db, config)
    bus = CommandBus(store, retries=config.command_retries)
    hasher = Hasher(bcrypt_rounds or config.bcrypt_rounds)
    try:
        yield bus, hasher
    finally:
        hasher.close()
        bus.close()
        store.close()


def add_admin(bus: CommandBus, hasher: Hasher, username: str, password: str, actor: str) -> User:
    cmd = CreateUser(username=username, password=password, role="admin")
    return bus.run_sync(create_user, actor, cmd, hasher.hash_sync(password)).value
