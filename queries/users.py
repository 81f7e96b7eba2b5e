"""User and role reads from the Directory tables."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from queries.paging import Page, Where, fetch_page, like, paged

COLUMNS = "id, username, role, email, full_name, active, version, created_at, updated_at"


class UserFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: str | None = None
    role: str | None = None
    active: bool | None = None
    min_position: int | None = None


async def list_users(pool: asyncpg.Pool, f: UserFilter) -> dict[str, Any]:
    where = Where()
    if f.q:
        where.add("(username ILIKE {q} OR full_name ILIKE {q} OR email ILIKE {q})", q=like(f.q))
    if f.role:
        where.add("role = {role}", role=f.role)
    if f.active is not None:
        where.add("active = {active}", active=f.active)
    records, total = await fetch_page(pool, f, where, table="users", select=COLUMNS, order_by="lower(username), id")
    return paged([dict(r) for r in records], f, total)


async def get_user(pool: asyncpg.Pool, user_id: UUID) -> dict[str, Any] | None:
    row = await pool.fetchrow(f"SELECT {COLUMNS} FROM users WHERE id = $1", user_id)
    return dict(row) if row else None


async def custom_roles(pool: asyncpg.Pool) -> list[dict[str, Any]]:
    rows = await pool.fetch("SELECT name, permissions FROM roles ORDER BY name")
    return [{"name": r["name"], "permissions": list(r["permissions"]), "builtin": False} for r in rows]
