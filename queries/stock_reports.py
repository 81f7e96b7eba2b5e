"""Stock reports from the Reports read model: the stock's value at cost as of any store
day (`report_stock` levels, `report_costs` costs as they were), and the movements of a
period per product and cause, between the opening and the closing level."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg

from queries.reports import Day, FileQuery, Period, period, today

CAUSES = ("received", "sold", "handed_over", "returned", "adjusted", "counted", "created")


class AsOf(FileQuery, frozen=True, forbid_unknown_fields=True):
    """`as_of`: the valuation at the end of that store day (default: today)."""

    as_of: Day | None = None


class MovementQuery(Period, frozen=True, forbid_unknown_fields=True):
    product_id: UUID | None = None


async def stock_valuation(pool: asyncpg.Pool, q: AsOf) -> dict[str, Any]:
    day: date = q.as_of or await today(pool)
    rows = await pool.fetch(
        "WITH levels AS (SELECT product_id, sum(delta) AS stock FROM report_stock WHERE day <= $1 GROUP BY 1),"
        " costs AS (SELECT DISTINCT ON (product_id) product_id, cost FROM report_costs WHERE day <= $1"
        " ORDER BY product_id, day DESC)"
        " SELECT p.id::text AS key, p.name AS label, p.sku, p.category, l.stock::int AS stock,"
        " coalesce(c.cost, 0)::text AS cost, (l.stock * coalesce(c.cost, 0))::numeric(14,2)::text AS value"
        " FROM levels l JOIN products p ON p.id = l.product_id LEFT JOIN costs c USING (product_id)"
        " WHERE l.stock <> 0 ORDER BY l.stock * coalesce(c.cost, 0) DESC, p.name", day)
    items = [dict(r) for r in rows]
    value = sum((Decimal(r["value"]) for r in items), Decimal("0.00"))
    return {"as_of": day, "rows": items, "totals": {"stock": sum(r["stock"] for r in items), "value": str(value)}}


async def stock_movements(pool: asyncpg.Pool, q: MovementQuery) -> dict[str, Any]:
    start, end = await period(pool, q)
    causes = ", ".join(f"coalesce(sum(delta) FILTER (WHERE day >= $1 AND cause = '{c}'), 0)::int AS {c}"
                       for c in CAUSES)
    rows = await pool.fetch(
        f"SELECT p.id::text AS key, p.name AS label, p.sku,"
        f" coalesce(sum(delta) FILTER (WHERE day < $1), 0)::int AS opening, {causes},"
        f" sum(delta)::int AS closing FROM report_stock s JOIN products p ON p.id = s.product_id"
        f" WHERE day <= $2 AND ($3::uuid IS NULL OR s.product_id = $3) GROUP BY p.id, p.name, p.sku"
        f" HAVING bool_or(day >= $1) OR sum(delta) <> 0 ORDER BY p.name, p.id", start, end, q.product_id)
    return {"from": start, "to": end, "rows": [dict(r) for r in rows]}
