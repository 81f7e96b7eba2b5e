"""Refresh tokens: opaque, 30 days, rotated on every use, grouped in families.

A family is one login (an API client or a browser session). Presenting a refresh
token that was already used revokes its whole family: whoever stole it and whoever
holds the newer one are both logged out.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from uuid import UUID

import asyncpg

from oms.domain.user import TOKEN_REUSED

REFRESH_TTL = timedelta(days=30)


class RefreshRefused(Exception):
    """`revoked`: the (user, family) that a reused token just ended, for the audit trail."""

    def __init__(self, message: str, revoked: tuple[UUID, UUID] | None = None) -> None:
        super().__init__(message)
        self.revoked = revoked


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def start_family(pool: asyncpg.Pool, user_id: UUID, kind: str) -> UUID:
    family_id = uuid.uuid4()
    await pool.execute("INSERT INTO token_families (id, user_id, kind) VALUES ($1, $2, $3)", family_id, user_id, kind)
    return family_id


async def issue(conn: asyncpg.Pool | asyncpg.Connection, family_id: UUID) -> str:
    token = secrets.token_urlsafe(32)
    await conn.execute(
        "INSERT INTO refresh_tokens (token_hash, family_id, expires_at) VALUES ($1, $2, now() + $3::interval)",
        digest(token), family_id, REFRESH_TTL,
    )
    return token


async def rotate(pool: asyncpg.Pool, token: str) -> tuple[UUID, UUID, str]:
    """Spend `token`, answer (user_id, family_id, new token); reuse revokes the family."""
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            "SELECT t.family_id, t.used_at, t.expires_at < now() AS expired, f.user_id, f.revoked_at"
            " FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id"
            " WHERE t.token_hash = $1 FOR UPDATE OF t, f",
            digest(token),
        )
        revoked = None
        if row is None or row["revoked_at"] is not None or row["expired"]:
            outcome = None
        elif row["used_at"] is not None:
            await revoke_family(conn, row["family_id"], TOKEN_REUSED)
            outcome, revoked = None, (row["user_id"], row["family_id"])
        else:
            await conn.execute("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1", digest(token))
            outcome = (row["user_id"], row["family_id"], await issue(conn, row["family_id"]))
    if outcome is None:
        raise RefreshRefused("refresh token is not valid", revoked)
    return outcome


async def family_of(pool: asyncpg.Pool, token: str) -> UUID | None:
    family: UUID | None = await pool.fetchval("SELECT family_id FROM refresh_tokens WHERE token_hash = $1",
                                              digest(token))
    return family


async def revoke_family(conn: asyncpg.Pool | asyncpg.Connection, family_id: UUID, reason: str) -> None:
    await conn.execute(
        "UPDATE token_families SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL",
        family_id, reason,
    )


async def revoke_user(pool: asyncpg.Pool, user_id: UUID, reason: str, keep: UUID | None = None) -> None:
    """Log the user out everywhere (but for the family `keep`, the caller's own)."""
    await pool.execute(
        "UPDATE token_families SET revoked_at = now(), revoked_reason = $2"
        " WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3",
        user_id, reason, keep,
    )
