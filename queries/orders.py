"""Order reads from the OrderList tables: filters, text search, paging, lines."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

import asyncpg
import msgspec

from queries.paging import Page, Where, fetch_page, like, paged

COLUMNS = (
    "o.id, o.number, o.status, o.payment_status, o.channel, o.customer_id, u.full_name AS customer_name,"
    " o.fulfilment, o.note, o.subtotal, o.tax, o.total, o.paid, o.total - o.paid AS balance_due,"
    " o.item_count, o.version, o.placed_at AS created_at, o.updated_at"
)
LINE_COLUMNS = "order_id, product_id, sku, name, quantity, unit_price, tax_rate, net, tax, net + tax AS total"


class OrderFilter(Page, frozen=True, forbid_unknown_fields=True):
    status: Literal["placed", "confirmed", "picked", "shipped", "delivered", "cancelled"] | None = None
    channel: Literal["online", "pos"] | None = None
    customer_id: UUID | None = None
    from_: datetime | None = msgspec.field(name="from", default=None)
    to: datetime | None = None
    q: str | None = None
    min_position: int | None = None


def where(f: OrderFilter, only_customer: UUID | None) -> Where:
    w = Where()
    if only_customer is not None:
        w.add("o.customer_id = {me}", me=only_customer)
    for column, value in (("o.status", f.status), ("o.channel", f.channel), ("o.customer_id", f.customer_id)):
        if value is not None:
            w.add(column + " = {v}", v=value)
    if f.from_ is not None:
        w.add("o.placed_at >= {t}", t=f.from_)
    if f.to is not None:
        w.add("o.placed_at < {t}", t=f.to)
    if f.q:
        # Two trigram-indexed searches, united: an OR across the join would scan every order.
        w.add("o.id IN (SELECT id FROM orders WHERE search ILIKE {q} UNION SELECT o2.id"
              " FROM users u2 JOIN orders o2 ON o2.customer_id = u2.id WHERE u2.full_name ILIKE {q})",
              q=like(f.q.lower()))
    return w


def row(record: asyncpg.Record, lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {**dict(record), "items": lines}


async def lines_of(pool: asyncpg.Pool, order_ids: list[UUID]) -> dict[UUID, list[dict[str, Any]]]:
    grouped: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    if order_ids:
        for line in await pool.fetch(
            f"SELECT {LINE_COLUMNS} FROM order_lines WHERE order_id = ANY($1) ORDER BY order_id, line", order_ids
        ):
            item = dict(line)
            order_id = item.pop("order_id")
            item["tax_rate"] = format(item["tax_rate"].normalize(), "f")
            grouped[order_id].append(item)
    return grouped


async def list_orders(pool: asyncpg.Pool, f: OrderFilter, only_customer: UUID | None) -> dict[str, Any]:
    records, total = await fetch_page(
        pool, f, where(f, only_customer), table="orders o", select=COLUMNS,
        joins="LEFT JOIN users u ON u.id = o.customer_id", order_by="o.placed_at DESC, o.id DESC",
    )
    lines = await lines_of(pool, [r["id"] for r in records])
    return paged([row(r, lines[r["id"]]) for r in records], f, total)
