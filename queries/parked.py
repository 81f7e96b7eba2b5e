"""Parked sales from the `parked_sales` table: a register's waiting carts, oldest first."""

from __future__ import annotations

from typing import Any

import asyncpg

from oms.fields import RegisterName
from queries.paging import Page, Where, as_id, fetch_page, paged

COLUMNS = ("id, register, cart::json AS cart, note, parked_by, taken, version, api_time(parked_at) AS parked_at,"
           " api_time(updated_at) AS updated_at, (SELECT coalesce(u.full_name, u.username) FROM users u"
           f" WHERE u.id = {as_id('parked_sales.parked_by')}) AS parked_by_name")


class ParkedFilter(Page, frozen=True, forbid_unknown_fields=True):
    register: RegisterName | None = None


async def list_parked(pool: asyncpg.Pool, f: ParkedFilter) -> dict[str, Any]:
    where = Where()
    where.add("NOT taken")
    if f.register is not None:
        where.add("register = {r}", r=f.register)
    items, total = await fetch_page(pool, f, where, table="parked_sales", select=COLUMNS,
                                    order_by="parked_at, id")
    return paged(items, f, total)
