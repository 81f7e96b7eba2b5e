"""The caller of a request: who, which role, which permissions, from which login (family)."""

from __future__ import annotations

import asyncio
import time
from typing import Literal
from uuid import UUID

import asyncpg
import msgspec
from eventsourcing.application import AggregateNotFoundError

from oms.domain.roles import BUILTIN_ROLES, OWN
from oms.domain.user import Role, User, role_id
from oms.history import current
from oms.store import OMS

Scope = Literal["all", "own"]


class Principal(msgspec.Struct, frozen=True):
    user_id: UUID
    username: str
    role: str
    permissions: frozenset[str]
    family_id: UUID

    def scope(self, permission: str) -> Scope | None:
        if permission in self.permissions:
            return "all"
        if permission + OWN in self.permissions:
            return "own"
        return None


LOOKUP = """
SELECT u.username, u.role, u.active, r.permissions AS custom,
       (SELECT revoked_at IS NULL FROM token_families WHERE id = $2 AND user_id = $1) AS live
FROM users u LEFT JOIN roles r ON r.name = u.role
WHERE u.id = $1
"""


class Principals:
    """Who is behind (user, login), remembered for `ttl` seconds: one query per request
    was a third of a read's cost. Changes made in this process drop the entries at
    once; changes made by another process show within `ttl` (0 turns it off)."""

    def __init__(self, pool: asyncpg.Pool, store: OMS, ttl: float = 1.0) -> None:
        self.pool, self.store, self.ttl = pool, store, ttl
        self.known: dict[tuple[UUID, UUID], tuple[Principal | None, float]] = {}

    async def get(self, user_id: UUID, family_id: UUID) -> Principal | None:
        key, now = (user_id, family_id), time.monotonic()
        hit = self.known.get(key)
        if hit is not None and hit[1] > now:
            return hit[0]
        principal = await load_principal(self.pool, self.store, user_id, family_id)
        if self.ttl > 0:
            if len(self.known) > 50_000:
                self.known.clear()
            self.known[key] = (principal, now + self.ttl)
        return principal

    def forget(self, user_id: UUID | None = None) -> None:
        """Drop what is known about one user (or everyone, e.g. after a role changed)."""
        if user_id is None:
            self.known.clear()
        else:
            for key in [k for k in self.known if k[0] == user_id]:
                del self.known[key]


def permissions_of(role: str, custom: list[str] | None) -> frozenset[str]:
    return frozenset(BUILTIN_ROLES.get(role, ()) if role in BUILTIN_ROLES else custom or ())


async def load_principal(pool: asyncpg.Pool, store: OMS, user_id: UUID, family_id: UUID) -> Principal | None:
    """The active user behind a live login, or None. Falls back to the event store when the
    read model has not seen the user yet (a request right after sign-up)."""
    row = await pool.fetchrow(LOOKUP, user_id, family_id)
    if row is not None:
        if not (row["active"] and row["live"]):
            return None
        return Principal(user_id, row["username"], row["role"], permissions_of(row["role"], row["custom"]), family_id)
    live = await pool.fetchval(
        "SELECT revoked_at IS NULL FROM token_families WHERE id = $1 AND user_id = $2", family_id, user_id
    )
    user = await asyncio.to_thread(from_store, store, user_id)
    if not live or user is None or not user[0].active:
        return None
    return Principal(user_id, user[0].username, user[0].role, user[1], family_id)


def from_store(store: OMS, user_id: UUID) -> tuple[User, frozenset[str]] | None:
    try:
        user = current(store, user_id)
        if not isinstance(user, User):
            return None
        custom = None
        if user.role not in BUILTIN_ROLES:
            role = current(store, role_id(user.role))
            custom = role.permissions if isinstance(role, Role) else None
    except AggregateNotFoundError:
        return None
    return user, permissions_of(user.role, custom)
