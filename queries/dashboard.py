"""The owner's day: the dashboard (today's figures from the Reports read model, the
orders, shifts and stock that need attention now) and the bakery's production list."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import msgspec

from queries.paging import as_id
from queries.reports import Day, FileQuery, grouped, store_settings, store_zone, totals

OPEN = ["placed", "confirmed", "picked"]
SOON = timedelta(hours=48)  # custom orders due within
NEXT_HOURS = timedelta(hours=4)  # pickups within
DUE = ("o.id, o.number, o.status, o.channel, o.note, o.total::text AS total, o.balance_due::text AS balance_due,"
       " api_time(o.pickup_at) AS pickup_at, coalesce(c.full_name, u.full_name) AS customer_name,"
       " (SELECT string_agg(l.quantity || ' x ' || l.name, ', ' ORDER BY l.line) FROM order_lines l"
       " WHERE l.order_id = o.id) AS items")
CUSTOMER = ("LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.customer_id")


class ProductionQuery(FileQuery, frozen=True, forbid_unknown_fields=True):
    date: Day | None = None  # default: tomorrow (the bake list)


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The store day's first instant and the next day's (the calendar's last day runs to its end)."""
    start = datetime.combine(day, time(), zone)
    if day == date.max:
        return start, datetime.max.replace(tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(), zone)


async def due(pool: asyncpg.Pool, where: str, *args: Any) -> list[dict[str, Any]]:
    rows = await pool.fetch(f"SELECT {DUE} FROM orders o {CUSTOMER} WHERE o.status = ANY($1) AND {where}"
                            " ORDER BY o.pickup_at, o.id LIMIT 50", OPEN, *args)
    return [dict(r) for r in rows]


async def dashboard(pool: asyncpg.Pool) -> dict[str, Any]:
    settings = await store_settings(pool)
    zone, low_stock_level = ZoneInfo(settings["timezone"]), settings["low_stock_level"]
    now = datetime.now(zone)
    day = now.date()
    start, end = day_bounds(day, zone)
    by_status, figures, low, shifts, top, custom, pickups = await asyncio.gather(  # at once, on as many connections
        pool.fetch("SELECT status, count(*)::int AS n FROM orders WHERE placed_at >= $1 AND placed_at < $2"
                   " GROUP BY status", start, end),
        totals(pool, day, day),
        pool.fetch("SELECT id, name, sku, stock, reserved, available FROM products"
                   " WHERE NOT archived AND available <= $1 ORDER BY available, name LIMIT 20",
                   low_stock_level),
        pool.fetch("SELECT s.id, s.register, coalesce(u.full_name, u.username) AS cashier,"
                   " api_time(s.opened_at) AS opened_at, s.sales_count, s.sales_total::text AS sales_total"
                   " FROM shifts s LEFT JOIN users u ON u.id::text = s.cashier WHERE s.status = 'open'"
                   " ORDER BY s.opened_at"),
        grouped(pool, "product", day, day),
        due(pool, "o.channel = 'custom' AND o.pickup_at < $2", now + SOON),
        due(pool, "o.channel = 'online' AND o.pickup_at BETWEEN $2 AND $3", now - timedelta(hours=1),
            now + NEXT_HOURS))
    return {
        "day": day, "timezone": zone.key,
        "orders_by_status": {r["status"]: r["n"] for r in by_status},
        "sales": figures,
        "top_products": top[:5],
        "low_stock": [dict(r) for r in low], "low_stock_level": low_stock_level,
        "open_shifts": [dict(r) for r in shifts],
        "custom_orders_due": custom, "pickups_next": pickups,
    }


async def production(pool: asyncpg.Pool, q: ProductionQuery) -> dict[str, Any]:
    """Units to have ready on a day: the open online and custom orders due that day, per
    product and pickup slot, beside the units sold on the same weekday of the four weeks before."""
    zone = await store_zone(pool)
    day = q.date or datetime.now(zone).date() + timedelta(days=1)
    start, end = day_bounds(day, zone)
    weeks = [day - timedelta(days=7 * n) for n in range(1, 5)]
    rows = await pool.fetch(
        "WITH ordered AS (SELECT coalesce(l.product_id::text, o.number) AS key, l.name,"
        " CASE WHEN l.product_id IS NULL THEN o.note END AS note,"
        " to_char(o.pickup_at AT TIME ZONE $4, 'HH24:MI') AS slot, sum(l.quantity)::int AS units"
        " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status = ANY($1)"
        " AND o.pickup_at >= $2 AND o.pickup_at < $3 GROUP BY 1, 2, 3, 4),"
        " sold AS (SELECT key, day, (units - refunded_units)::int AS units FROM report_sales"
        " WHERE dimension = 'product' AND day = ANY($5) AND key NOT IN ('quick-sell', 'custom'))"
        " SELECT k.key, coalesce(min(o.name), p.name) AS label, min(o.note) AS note,"
        " coalesce(sum(o.units), 0)::int AS ordered,"
        " coalesce(jsonb_object_agg(o.slot, o.units) FILTER (WHERE o.slot IS NOT NULL), '{}')::text AS slots,"
        " (SELECT coalesce(array_agg(coalesce(s.units, 0) ORDER BY w.day DESC), '{}') FROM unnest($5::date[]) w(day)"
        "  LEFT JOIN sold s ON s.key = k.key AND s.day = w.day) AS same_weekday"
        " FROM (SELECT key FROM ordered UNION SELECT key FROM sold) k LEFT JOIN ordered o ON o.key = k.key"
        f" LEFT JOIN products p ON p.id = {as_id('k.key')}"
        " GROUP BY k.key, p.name ORDER BY label, k.key",
        OPEN, start, end, zone.key, weeks)
    items = []
    for r in rows:
        history = list(r["same_weekday"])
        items.append({"key": r["key"], "label": r["label"], "note": r["note"], "ordered": r["ordered"],
                      "slots": msgspec.json.decode(r["slots"]), "same_weekday": history,
                      "weekday_average": str(Decimal(sum(history)) / 4)})
    return {"date": day, "weeks": weeks, "rows": items}
