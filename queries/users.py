"""User and role reads from the Directory tables."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from oms.fields import Line
from queries.paging import Page, Where, as_id, fetch_one, fetch_page, like, paged

COLUMNS = ("id, username, role, email, full_name, active, version,"
           " api_time(created_at) AS created_at, api_time(updated_at) AS updated_at")


class UserFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: Line | None = None
    role: Line | None = None
    active: bool | None = None


async def list_users(pool: asyncpg.Pool, f: UserFilter) -> dict[str, Any]:
    where = Where()
    if f.q:
        where.add("(username ILIKE {q} OR full_name ILIKE {q} OR email ILIKE {q})", q=like(f.q))
    if f.role:
        where.add("role = {role}", role=f.role)
    if f.active is not None:
        where.add("active = {active}", active=f.active)
    items, total = await fetch_page(pool, f, where, table="users", select=COLUMNS, order_by="lower(username), id")
    return paged(items, f, total)


async def get_user(pool: asyncpg.Pool, user_id: UUID) -> msgspec.Raw | None:
    return await fetch_one(pool, table="users", select=COLUMNS, where="id = $1", args=[user_id])


async def custom_roles(pool: asyncpg.Pool) -> list[dict[str, Any]]:
    rows = await pool.fetch("SELECT name, permissions FROM roles ORDER BY name")
    return [{"name": r["name"], "permissions": list(r["permissions"]), "builtin": False} for r in rows]


async def names(pool: asyncpg.Pool, ids: list[str]) -> dict[str, str]:
    """People by id as they are shown: full name, else username (ids that are no user: left out)."""
    rows = await pool.fetch(f"SELECT id::text, coalesce(full_name, username) AS name FROM users"
                            f" WHERE id = ANY(SELECT {as_id('k')} FROM unnest($1::text[]) k)", ids)
    return {row["id"]: row["name"] for row in rows}
