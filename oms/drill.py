"""`oms restore-drill`: prove the backups restore. Dump the database with `pg_dump` (one
consistent snapshot, taken while the shop runs), restore it into a fresh database,
check the audit chain there against the head the dump holds, rebuild every read model
from the restored events and compare each table with its restored copy; then drop the
fresh database (docs/operations.md, "Backups")."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from oms import audit
from oms.config import Config
from oms.database import Database
from oms.store import open_store, store_env
from projections import registry
from projections.rebuild import SUFFIX, rebuild


def tool(name: str) -> str:
    """`pg_dump`/`pg_restore` from OMS_PG_BIN, or the PATH (they must suit the server's version)."""
    folder = os.environ.get("OMS_PG_BIN")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the PostgreSQL client or set OMS_PG_BIN")
    return found


def differences(db: Database, table: str) -> int:
    query = sql.SQL("SELECT (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT SELECT * FROM {b}) x)"
                    " + (SELECT count(*) FROM (SELECT * FROM {b} EXCEPT SELECT * FROM {a}) y)").format(
        a=sql.Identifier(table), b=sql.Identifier(table + SUFFIX))
    with psycopg.connect(db.url()) as conn:
        row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0


def restore_drill(config: Config, db: Database, keep: bool = False, progress: bool = True) -> dict[str, Any]:
    started = time.monotonic()
    fresh = db.with_dbname(f"{db.dbname}_drill_{time.strftime('%Y%m%d%H%M%S')}")
    with tempfile.TemporaryDirectory(prefix="oms-drill-") as folder:
        dump = Path(folder) / "oms.dump"
        subprocess.run([tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", db.url()],  # noqa: S603
                       check=True)
        with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(fresh.dbname)))
        try:
            subprocess.run([tool("pg_restore"), "--no-owner", "--exit-on-error",  # noqa: S603
                            f"--dbname={fresh.url()}", str(dump)], check=True)
            return {**check(config, fresh, progress), "dump_mb": round(dump.stat().st_size / 2**20, 1),
                    "seconds": round(time.monotonic() - started, 1), "database": fresh.dbname if keep else None}
        finally:
            if not keep:
                with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
                    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(fresh.dbname)))


def check(config: Config, fresh: Database, progress: bool) -> dict[str, Any]:
    """The restored chain verified to its head, and every read model rebuilt to the same rows."""
    verdict = audit.verify(fresh, progress=progress)
    env = store_env(fresh, config)
    store = open_store(fresh, config)
    unequal: dict[str, int] = {}
    try:
        for projection, view in registry.READ_MODELS:
            rebuild(store, env, projection, view, replace=False, show_progress=progress)
            for table in view.tables:
                if (count := differences(fresh, table)) != 0:
                    unequal[table] = count
    finally:
        store.close()
    return {"events": verdict.checked, "head": f"{verdict.head}:{verdict.head_hash}", "chain_intact": verdict.intact,
            "broken_at": verdict.broken_at, "rebuilt_unequal": unequal, "ok": verdict.intact and not unequal}
