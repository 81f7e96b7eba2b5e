"""Stock reads: a product's movements (with the level after each) and stock entries."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from queries.paging import Page, Where, fetch_one, fetch_page, paged

ENTRY = ("e.id, e.vendor_id, e.vendor_name, e.note, e.lines, e.total::text AS total, e.actor,"
         " api_time(e.created_at) AS created_at")


class EntryFilter(Page, frozen=True, forbid_unknown_fields=True):
    vendor_id: UUID | None = None


async def list_movements(pool: asyncpg.Pool, product_id: UUID, f: Page) -> dict[str, Any]:
    """Newest first; `level` is the stock on hand after the movement (a running sum of
    the deltas from the product's opening stock)."""
    where = Where()
    where.add("product_id = {p}", p=product_id)
    items, total = await fetch_page(
        pool, f, where, order_by="version DESC",
        table="(SELECT *, sum(delta) OVER (ORDER BY version) AS level FROM stock_movements"
              " WHERE product_id = $1) m",
        select="version, delta, level, cause, reason, reference, actor, api_time(at) AS at")
    return paged(items, f, total)


async def list_entries(pool: asyncpg.Pool, f: EntryFilter) -> dict[str, Any]:
    where = Where()
    if f.vendor_id is not None:
        where.add("e.vendor_id = {v}", v=f.vendor_id)
    items, total = await fetch_page(pool, f, where, table="stock_entries e", select=ENTRY,
                                    order_by="e.created_at DESC, e.id DESC")
    return paged(items, f, total)


async def get_entry(pool: asyncpg.Pool, entry_id: UUID) -> msgspec.Raw | None:
    return await fetch_one(pool, table="stock_entries e", select=ENTRY,
                           where="e.id = $1", args=[entry_id])
