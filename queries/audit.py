"""Audit reads from the `audit_trail` table: the trail with its filters and paging (and
so its CSV, `?format=csv`), and the chain's head."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from oms.fields import Instant, Line
from queries.paging import Page, Where, as_id, fetch_page, paged

COLUMNS = ("position, api_time(at) AS at, type, entity, entity_id, version, actor,"
           f" (SELECT coalesce(u.full_name, u.username) FROM users u WHERE u.id = {as_id('actor')}) AS actor_name,"
           " summary, critical, encode(hash, 'hex') AS hash")


class AuditFilter(Page, frozen=True, forbid_unknown_fields=True):
    actor: Line | None = None  # a user id, or `setup`, `baker`, ...
    entity: Line | None = None  # order, product, shift, customer, settings, user, ...
    entity_id: UUID | None = None
    type: Line | None = None  # Order.Refunded
    from_: Instant | None = msgspec.field(name="from", default=None)
    to: Instant | None = None
    critical: bool | None = None  # only refunds, discounts, stock counts, price and role changes, ...


async def list_audit(pool: asyncpg.Pool, f: AuditFilter) -> dict[str, Any]:
    where = Where()
    for column, value in (("actor", f.actor), ("entity", f.entity), ("entity_id", f.entity_id), ("type", f.type)):
        if value is not None:
            where.add(column + " = {v}", v=value)
    if f.from_ is not None:
        where.add("at >= {t}", t=f.from_)
    if f.to is not None:
        where.add("at < {t}", t=f.to)
    if f.critical:
        where.add("critical")
    items, total = await fetch_page(pool, f, where, table="audit_trail", select=COLUMNS,
                                    order_by="position DESC")
    return paged(items, f, total)


async def chain_head(pool: asyncpg.Pool) -> dict[str, Any]:
    """The newest link, and how far the chain is behind the event store."""
    row = await pool.fetchrow(
        "SELECT coalesce((SELECT position FROM audit_trail ORDER BY position DESC LIMIT 1), 0) AS position,"
        " (SELECT encode(hash, 'hex') FROM audit_trail ORDER BY position DESC LIMIT 1) AS hash,"
        " coalesce((SELECT max(notification_id) FROM oms_events), 0) AS head")
    return {"position": row["position"], "hash": row["hash"], "behind": row["head"] - row["position"]}
