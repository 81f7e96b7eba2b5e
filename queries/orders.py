"""Order reads from the OrderList tables: filters, text search, paging, lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

import asyncpg
import msgspec

from oms.fields import Instant, Line
from queries.paging import Page, Where, fetch_page, like, paged

LINES = (
    "(SELECT coalesce(json_agg(l), '[]') FROM (SELECT product_id, sku, name, quantity, unit_price::text AS unit_price,"
    " trim_scale(tax_rate)::text AS tax_rate, discount::text AS discount, net::text AS net, tax::text AS tax,"
    " (net + tax)::text AS total"
    " FROM order_lines WHERE order_id = o.id ORDER BY line) l)"
)
COLUMNS = (  # an order's JSON fields, its lines included
    "o.id, o.number, o.status, o.payment_status,"
    " o.channel, o.customer_id, coalesce(c.full_name, cu.full_name, u.full_name) AS customer_name,"
    " o.fulfilment, o.note, o.subtotal::text AS subtotal, o.tax::text AS tax, o.total::text AS total,"
    " o.paid::text AS paid, o.balance_due::text AS balance_due, o.discount::text AS discount,"
    " o.refunded::text AS refunded, o.invoice_number, o.shift_id, o.register, o.salesman_id,"
    " o.change_due::text AS change_due, api_time(o.pickup_at) AS pickup_at,"
    " api_time(o.sold_at) AS sold_at, o.item_count, o.version,"
    f" api_time(o.placed_at) AS created_at, api_time(o.updated_at) AS updated_at, {LINES} AS items"
)


ORDER = {"newest": "o.placed_at DESC, o.id DESC", "due": "o.pickup_at NULLS LAST, o.placed_at, o.id"}


class OrderFilter(Page, frozen=True, forbid_unknown_fields=True):
    shift_id: UUID | None = None
    salesman_id: UUID | None = None
    status: Literal["placed", "confirmed", "picked", "shipped", "delivered", "cancelled"] | None = None
    channel: Literal["online", "pos", "custom"] | None = None
    customer_id: UUID | None = None
    from_: Instant | None = msgspec.field(name="from", default=None)
    to: Instant | None = None
    q: Line | None = None
    sort: Literal["newest", "due"] = "newest"  # due: by pickup time, soonest first (custom and online orders)


def where(f: OrderFilter, only_customer: UUID | None) -> Where:
    w = Where()
    if only_customer is not None:
        w.add("o.customer_id = {me}", me=only_customer)
    if f.customer_id is not None:  # a signed-up customer's own orders name their user
        w.add("o.customer_id IN ({c}, (SELECT user_id FROM customers WHERE id = {c}))", c=f.customer_id)
    for column, value in (("o.status", f.status), ("o.channel", f.channel), ("o.shift_id", f.shift_id),
                          ("o.salesman_id", f.salesman_id)):
        if value is not None:
            w.add(column + " = {v}", v=value)
    when = "o.pickup_at" if f.sort == "due" else "o.placed_at"  # the period of what the list is sorted by
    if f.from_ is not None:
        w.add(when + " >= {t}", t=f.from_)
    if f.to is not None:
        w.add(when + " < {t}", t=f.to)
    if f.q:
        # Trigram-indexed searches, united: an OR across the joins would scan every order.
        w.add("o.id IN (SELECT id FROM orders WHERE search ILIKE {q} UNION SELECT o2.id"
              " FROM customers c2 JOIN orders o2 ON o2.customer_id IN (c2.id, c2.user_id) WHERE c2.full_name ILIKE {q}"
              " UNION"
              " SELECT o2.id FROM users u2 JOIN orders o2 ON o2.customer_id = u2.id WHERE u2.full_name ILIKE {q})",
              q=like(f.q.lower()))
    return w


def totals(f: OrderFilter, only_customer: UUID | None, after: Where) -> tuple[str, Where] | None:
    """For a list filtered at most by status and channel, the `order_counts` rows that
    hold its total (counting every order on each page view would scan the table)."""
    if only_customer or f.customer_id or f.shift_id or f.salesman_id or f.from_ or f.to or f.q:
        return None
    w = Where(after)
    for column, value in (("status", f.status), ("channel", f.channel)):
        if value is not None:
            w.add(column + " = {v}", v=value)
    return "order_counts", w


async def list_orders(pool: asyncpg.Pool, f: OrderFilter, only_customer: UUID | None) -> dict[str, Any]:
    conditions = where(f, only_customer)
    items, total = await fetch_page(
        pool, f, conditions, table="orders o", select=COLUMNS,
        joins="LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN customers cu ON cu.user_id = o.customer_id"
              " LEFT JOIN users u ON u.id = o.customer_id", order_by=ORDER[f.sort],
        totals=totals(f, only_customer, conditions),
    )
    return paged(items, f, total)


async def pickups_between(pool: asyncpg.Pool, start: datetime, end: datetime) -> list[datetime]:
    """When the open online orders of a period are to be collected (their places in slots)."""
    rows = await pool.fetch("SELECT pickup_at FROM orders WHERE pickup_at >= $1 AND pickup_at < $2"
                            " AND channel = 'online' AND status <> 'cancelled'", start, end)
    return [row["pickup_at"] for row in rows]
