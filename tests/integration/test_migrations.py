"""Migrations that change data, checked on rows written before them."""

from pathlib import Path

import psycopg

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def test_answers_kept_with_tokens_are_forgotten_and_others_kept(db) -> None:
    with psycopg.connect(db.url(), autocommit=True) as conn:
        insert = "INSERT INTO idempotency_keys (principal, key, request, status, body) VALUES (%s, %s, %s, 200, %s)"
        conn.execute(insert, ("anonymous", "login", b"x", b'{"access_token":"a","refresh_token":"secret"}'))
        conn.execute(insert, ("someone", "sale", b"y", b'{"id":"1","number":"B-000001"}'))
        conn.execute((MIGRATIONS / "008_forget_kept_tokens.sql").read_text())
        kept = [row[0] for row in conn.execute("SELECT key FROM idempotency_keys")]
    assert kept == ["sale"]
