"""User and role reads from the Directory tables."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from queries.paging import Page, paged
from queries.products import like_escape

COLUMNS = "id, username, role, email, full_name, active, version, created_at, updated_at"


class UserFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: str | None = None
    role: str | None = None
    active: bool | None = None
    min_position: int | None = None


async def list_users(pool: asyncpg.Pool, f: UserFilter) -> dict[str, Any]:
    where, args = ["true"], []
    if f.q:
        args.append("%" + like_escape(f.q) + "%")
        where.append(f"(username ILIKE ${len(args)} OR full_name ILIKE ${len(args)} OR email ILIKE ${len(args)})")
    if f.role:
        args.append(f.role)
        where.append(f"role = ${len(args)}")
    if f.active is not None:
        args.append(f.active)
        where.append(f"active = ${len(args)}")
    condition = " AND ".join(where)
    total = await pool.fetchval(f"SELECT count(*) FROM users WHERE {condition}", *args)
    rows = await pool.fetch(
        f"SELECT {COLUMNS} FROM users WHERE {condition} ORDER BY lower(username), id"
        f" LIMIT {f.per_page} OFFSET {f.offset}", *args,
    )
    return paged([dict(r) for r in rows], f, total)


async def get_user(pool: asyncpg.Pool, user_id: UUID) -> dict[str, Any] | None:
    row = await pool.fetchrow(f"SELECT {COLUMNS} FROM users WHERE id = $1", user_id)
    return dict(row) if row else None


async def custom_roles(pool: asyncpg.Pool) -> list[dict[str, Any]]:
    rows = await pool.fetch("SELECT name, permissions FROM roles ORDER BY name")
    return [{"name": r["name"], "permissions": list(r["permissions"]), "builtin": False} for r in rows]
