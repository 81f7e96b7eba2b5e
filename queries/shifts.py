"""Shift reads from the `shifts` table: lists by register, cashier and status."""

from __future__ import annotations

from typing import Any, Literal

import asyncpg

from oms.fields import Line
from queries.paging import Page, Where, fetch_page, paged

COLUMNS = (
    "id, register, cashier, status, opening_float::text AS opening_float, sales_count,"
    " sales_total::text AS sales_total, refunds_total::text AS refunds_total, counted_cash::text AS counted_cash,"
    " version, api_time(opened_at) AS opened_at, api_time(closed_at) AS closed_at, api_time(updated_at) AS updated_at"
)


class ShiftFilter(Page, frozen=True, forbid_unknown_fields=True):
    register: Line | None = None
    status: Literal["open", "closed"] | None = None
    cashier: Line | None = None


async def list_shifts(pool: asyncpg.Pool, f: ShiftFilter, only_cashier: str | None) -> dict[str, Any]:
    where = Where()
    for column, value in (("register", f.register), ("status", f.status), ("cashier", f.cashier),
                          ("cashier", only_cashier)):
        if value is not None:
            where.add(column + " = {v}", v=value)
    items, total = await fetch_page(pool, f, where, table="shifts", select=COLUMNS, order_by="opened_at DESC, id DESC")
    return paged(items, f, total)
