"""Report reads from the Reports read model (`report_sales`): sales grouped by time or
dimension with the previous period alongside, profit, commissions; and customer
balances. Every figure is summed from rows per store day, never from the orders.

Figures (docs/reports.md): `gross` before discounts and `net` after them, both without
tax; `total` = net + tax; `refunds` is money given back (tax included), `net_sales` =
net less the refunds' net; `cost_of_goods` = cost at the moment of sale less the cost
of refunded goods put back in stock; `gross_profit` = net_sales - cost_of_goods;
tender rows: `paid` taken, `refunds` given back, `taken` = paid - refunds."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import asyncpg
import msgspec

from oms.names import SETTINGS_ID
from queries.paging import Fresh, as_id

Format = Literal["json", "csv", "pdf"]
GroupBy = Literal["day", "week", "month", "product", "category", "cashier", "salesman", "channel", "tender"]
TIME = {"day": "day", "week": "date_trunc('week', day)::date", "month": "date_trunc('month', day)::date"}
COUNTS = {"orders": "orders", "units": "units", "refunded_units": "refunded_units"}
MONEY = {
    "gross": "gross", "discount": "discount", "net": "net", "tax": "tax", "total": "net + tax", "refunds": "refunds",
    "refunds_tax": "refunds_tax", "net_sales": "net - refunds + refunds_tax", "cost_of_goods": "cost - returned_cost",
    "gross_profit": "net - refunds + refunds_tax - cost + returned_cost", "commission": "commission", "paid": "paid",
    "taken": "paid - refunds",
}
FIGURES = ", ".join([*(f"coalesce(sum({sql}), 0)::int AS {name}" for name, sql in COUNTS.items()),
                     *(f"coalesce(sum({sql}), 0)::numeric(14,2)::text AS {name}" for name, sql in MONEY.items())])
AS_ID = as_id("g.key")
LABELS = {  # the name shown for a row's key
    "product": f"(SELECT name FROM products WHERE id = {AS_ID})",
    "cashier": f"(SELECT coalesce(full_name, username) FROM users WHERE id = {AS_ID})",
    "salesman": f"(SELECT name FROM salesmen WHERE id = {AS_ID})",
}
UNLISTED = "CASE g.key WHEN 'quick-sell' THEN 'Quick sale' WHEN 'custom' THEN 'Custom orders' END"
MAX_PERIOD = timedelta(days=3660)
Day = Annotated[date, msgspec.Meta(description="a store day (YYYY-MM-DD)")]


class FileQuery(Fresh, frozen=True, forbid_unknown_fields=True):
    format: Format = "json"  # csv or pdf: the report as a file


class Period(FileQuery, frozen=True, forbid_unknown_fields=True):
    """`from`..`to`, store days, both included (default: this month up to today)."""

    from_: Day | None = msgspec.field(name="from", default=None)
    to: Day | None = None

    def __post_init__(self) -> None:
        if self.from_ and self.to and not timedelta(0) <= self.to - self.from_ <= MAX_PERIOD:
            raise ValueError(f"`to` must be on or after `from`, at most {MAX_PERIOD.days} days later")


class SalesQuery(Period, frozen=True, forbid_unknown_fields=True):
    group_by: GroupBy = "day"


class ProfitQuery(Period, frozen=True, forbid_unknown_fields=True):
    group_by: Literal["day", "week", "month"] = "month"


async def store_settings(pool: asyncpg.Pool) -> dict[str, Any]:
    """The settings the reports know of (`timezone`, `low_stock_level`), as the Reports read model last saw them."""
    data = await pool.fetchval("SELECT data::text FROM report_refs WHERE id = $1", SETTINGS_ID)
    return {"timezone": "UTC", "low_stock_level": 5, **(msgspec.json.decode(data) if data else {})}


async def store_zone(pool: asyncpg.Pool) -> ZoneInfo:
    return ZoneInfo((await store_settings(pool))["timezone"])


async def today(pool: asyncpg.Pool) -> date:
    return datetime.now(await store_zone(pool)).date()


async def period(pool: asyncpg.Pool, p: Period) -> tuple[date, date]:
    to = p.to or await today(pool)
    return (p.from_ or to.replace(day=1)), to


def previous(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before (as far back as the calendar goes)."""
    back = min(end - start + timedelta(days=1), start - date.min)
    return start - back, max(start - timedelta(days=1), date.min) if back else start


async def grouped(pool: asyncpg.Pool, group_by: str, start: date, end: date) -> list[dict[str, Any]]:
    dimension, key = ("store", TIME[group_by]) if group_by in TIME else (group_by, "key")
    label = f"coalesce({LABELS.get(group_by, 'NULL')}, {UNLISTED}, g.key)"
    ranked = "g.taken" if group_by == "tender" else "g.net_sales"
    order = "g.key" if group_by in TIME else f"{ranked}::numeric DESC"  # money as numbers, not as text
    rows = await pool.fetch(
        f"SELECT g.key, {label} AS label, g.* FROM (SELECT {key}::text AS key, {FIGURES} FROM report_sales"
        f" WHERE dimension = $1 AND day BETWEEN $2 AND $3 GROUP BY 1) g ORDER BY {order}, g.key",
        dimension, start, end)
    return [dict(row) for row in rows]


async def totals(pool: asyncpg.Pool, start: date, end: date) -> dict[str, Any]:
    """The store's figures over a period; money taken and given back from the tender rows."""
    row = await pool.fetchrow(
        f"SELECT {FIGURES}, coalesce(round(sum(net + tax) / nullif(sum(orders), 0), 2), 0)::numeric(14,2)::text"
        " AS average_ticket, (SELECT coalesce(sum(paid), 0)::text FROM report_sales WHERE dimension = 'tender'"
        f" AND day BETWEEN $1 AND $2) AS paid_in FROM report_sales WHERE dimension = 'store' AND day BETWEEN $1 AND $2",
        start, end)
    return dict(row)


async def sales(pool: asyncpg.Pool, q: SalesQuery) -> dict[str, Any]:
    start, end = await period(pool, q)
    before = previous(start, end)
    rows, sums, rows_before, sums_before = await asyncio.gather(  # four queries at once, on four connections
        grouped(pool, q.group_by, start, end), totals(pool, start, end), grouped(pool, q.group_by, *before),
        totals(pool, *before))
    return {"from": start, "to": end, "group_by": q.group_by, "rows": rows, "totals": sums,
            "previous": {"from": before[0], "to": before[1], "rows": rows_before, "totals": sums_before}}


async def profit(pool: asyncpg.Pool, q: ProfitQuery) -> dict[str, Any]:
    """Net sales less cost of goods less expenses, per day, week or month."""
    start, end = await period(pool, q)
    unit = q.group_by
    rows = await pool.fetch(
        f"WITH s AS (SELECT {TIME[unit]} AS at, sum(net - refunds + refunds_tax) AS net_sales,"
        " sum(cost - returned_cost) AS cost_of_goods FROM report_sales WHERE dimension = 'store'"
        f" AND day BETWEEN $1 AND $2 GROUP BY 1), e AS (SELECT {TIME[unit].replace('day', 'date')} AS at,"
        " sum(amount) AS expenses FROM expenses WHERE NOT archived AND date BETWEEN $1 AND $2 GROUP BY 1),"
        " r AS (SELECT coalesce(s.at, e.at) AS at, coalesce(net_sales, 0) AS net_sales,"
        " coalesce(cost_of_goods, 0) AS cost_of_goods, coalesce(expenses, 0) AS expenses FROM s FULL JOIN e USING (at))"
        " SELECT at::text AS key, net_sales::text, cost_of_goods::text,"
        " (net_sales - cost_of_goods)::text AS gross_profit,"
        " expenses::text, (net_sales - cost_of_goods - expenses)::text AS profit FROM r ORDER BY at", start, end)
    items = [dict(row) for row in rows]
    sums = {k: str(sum((Decimal(r[k]) for r in items), Decimal("0.00")))
            for k in ("net_sales", "cost_of_goods", "gross_profit", "expenses", "profit")}
    return {"from": start, "to": end, "group_by": unit, "rows": items, "totals": sums}


async def commissions(pool: asyncpg.Pool, p: Period) -> dict[str, Any]:
    start, end = await period(pool, p)
    rows = await grouped(pool, "salesman", start, end)
    items = [{"key": r["key"], "label": r["label"], "orders": r["orders"], "net_sales": r["net_sales"],
              "commission": r["commission"]} for r in rows]
    return {"from": start, "to": end, "rows": items,
            "totals": {"commission": str(sum((Decimal(r["commission"]) for r in items), Decimal("0.00")))}}


async def customer_balances(pool: asyncpg.Pool, contact: bool = True) -> dict[str, Any]:
    """Who owes what; their email and phone for those who may see contact details."""
    columns = "email, phone" if contact else "NULL::text AS email, NULL::text AS phone"
    rows = await pool.fetch(
        f"SELECT id::text AS key, full_name AS label, {columns}, credit_limit::text, balance::text"
        " FROM customers WHERE balance <> 0 ORDER BY balance DESC, id")
    total = await pool.fetchval("SELECT coalesce(sum(balance), 0)::text FROM customers WHERE balance <> 0")
    return {"rows": [dict(r) for r in rows], "totals": {"balance": total}}
