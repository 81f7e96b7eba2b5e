"""Apply the numbered SQL files in migrations/ once each, recorded in schema_migrations."""

from __future__ import annotations

from pathlib import Path

import psycopg

from oms.database import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
LOCK_KEY = 7_262_001  # advisory lock: two processes never migrate at once


def pending(conn: psycopg.Connection) -> list[Path]:
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    return [p for p in sorted(MIGRATIONS.glob("*.sql")) if p.name.split("_", 1)[0] not in done]


def migrate(db: Database) -> list[str]:
    """Apply what is pending, each file in its own transaction; return the names applied."""
    applied: list[str] = []
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version text PRIMARY KEY, name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            for path in pending(conn):
                with conn.transaction():
                    conn.execute(path.read_text())
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                        (path.name.split("_", 1)[0], path.name),
                    )
                applied.append(path.name)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    return applied
