"""/reports: the dashboard, sales, profit, the daily report, stock valuation and
movements, commissions, customer balances and the production list. Each reads the
Reports read model (or a read table), never the orders one by one; each but the
dashboard is also a CSV or PDF file (`?format=`, `oms.http.exports`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import asyncpg
from aiohttp import web

from oms.domain.settings import in_zone
from oms.domain.shift import Shift
from oms.http.answers import reports as answers
from oms.http.codec import ok, query
from oms.http.exports import report_answer
from oms.http.keys import POOL, STORE
from oms.http.openapi import schema
from oms.http.permissions import can, requires
from oms.http.reading import caught_up
from oms.http.render import shift_json
from queries.audit import chain_head
from queries.dashboard import ProductionQuery, dashboard, day_bounds, production
from queries.paging import Fresh
from queries.reports import (
    Day,
    FileQuery,
    Period,
    ProfitQuery,
    SalesQuery,
    commissions,
    customer_balances,
    grouped,
    profit,
    sales,
    store_zone,
    today,
    totals,
)
from queries.stock_reports import AsOf, MovementQuery, stock_movements, stock_valuation
from queries.users import names

routes = web.RouteTableDef()
Q = TypeVar("Q", bound=FileQuery)


class DailyQuery(FileQuery, frozen=True, forbid_unknown_fields=True):
    date: Day | None = None  # default: today


@routes.get("/api/v1/reports/dashboard")
@requires("reports.read")
@schema(query=Fresh, answer=answers.Dashboard)
async def get_dashboard(request: web.Request) -> web.Response:
    """Today at a glance; screens refetch on order, shift and stock messages of the live feed"""
    await caught_up(request, query(request, Fresh).min_position)
    return ok(await dashboard(request.app[POOL]))


@routes.get("/api/v1/reports/sales")
@requires("reports.read")
@schema(query=SalesQuery, answer=answers.SalesReport)
async def get_sales(request: web.Request) -> web.Response:
    """Sales for a period, grouped by time or by product, category, cashier, salesman, channel or tender"""
    q = query(request, SalesQuery)
    await caught_up(request, q.min_position)
    return await report_answer(request, f"sales-by-{q.group_by}", f"Sales by {q.group_by}",
                               await sales(request.app[POOL], q), q.format)


@routes.get("/api/v1/reports/profit")
@requires("reports.read")
@schema(query=ProfitQuery, answer=answers.ProfitReport)
async def get_profit(request: web.Request) -> web.Response:
    """Net sales less cost of goods less expenses, per day, week or month"""
    return await read_report(request, ProfitQuery, "profit", "Profit", profit)


@routes.get("/api/v1/reports/daily")
@requires("reports.daily")
@schema(query=DailyQuery, answer=answers.DailyReport)
async def get_daily(request: web.Request) -> web.Response:
    """A store day: every shift opened that day with its X or Z report, and the day's totals"""
    q, pool = query(request, DailyQuery), request.app[POOL]
    await caught_up(request, q.min_position)
    day = q.date or await today(pool)
    start, end = day_bounds(day, await store_zone(pool))
    ids = [r["id"] for r in await pool.fetch("SELECT id FROM shifts WHERE opened_at >= $1 AND opened_at < $2"
                                              " ORDER BY opened_at, id", start, end)]
    shifts = [shift_json(s) for s in await asyncio.to_thread(load_shifts, request, ids)]
    people = await names(pool, [s["cashier"] for s in shifts])
    for s in shifts:
        s["cashier_name"] = people.get(s["cashier"], s["cashier"])
    day_total = await totals(pool, day, day)
    report: dict[str, Any] = {"day": day, "shifts": shifts, "totals": day_total, "chain": await chain_head(pool),
                              "other_sales": other_sales(shifts, day_total),
                              **{name: await grouped(pool, dimension, day, day) for name, dimension in (
                                  ("tenders", "tender"), ("channels", "channel"), ("cashiers", "cashier"))}}
    if q.format == "json":
        return ok(report)
    zone = await store_zone(pool)
    rows = [{"register": s["register"], "cashier": s["cashier_name"],
             "opened_at": in_zone(s["opened_at"], zone.key).strftime("%H:%M"),
             **{k: v for k, v in s["report"].items() if not isinstance(v, dict)}} for s in shifts]
    other = report["other_sales"]
    rows.append({"register": "other sales", "cashier": other["note"], "sales_count": other["sales_count"],
                 "sales_total": other["sales_total"]})
    rows.append({"register": "day", "sales_count": day_total["orders"], "sales_total": day_total["total"],
                 "tax": day_total["tax"], "discounts": day_total["discount"], "refunds_total": day_total["refunds"]})
    chain = report["chain"]  # printed with the day: a copy of the audit chain's head outside the database
    rows.append({"register": "audit chain head", "cashier": f"{chain['position']}:{chain['hash']}"})
    columns = list(dict.fromkeys(c for r in rows for c in r))
    return await report_answer(request, "daily", f"Daily report {day}", report, q.format,
                               rows=[{c: r.get(c) for c in columns} for r in rows], totals={})


OTHER_SALES = "handed over at no shift opened this day: online and custom orders, a shift of another day"


def other_sales(shifts: list[dict[str, Any]], day_total: dict[str, Any]) -> dict[str, Any]:
    """What the day's totals hold beyond its shifts' sales, so the shift rows add up to the day."""
    count = day_total["orders"] - sum(s["report"]["sales_count"] for s in shifts)
    amount = Decimal(day_total["total"]) - sum((Decimal(s["report"]["sales_total"]) for s in shifts), Decimal(0))
    return {"sales_count": count, "sales_total": f"{amount:.2f}", "note": OTHER_SALES}


def load_shifts(request: web.Request, ids: list[Any]) -> list[Shift]:
    store = request.app[STORE]
    return [store.repository.get(i) for i in ids]


@routes.get("/api/v1/reports/stock-valuation")
@requires("reports.read")
@schema(query=AsOf, answer=answers.ValuationReport)
async def get_valuation(request: web.Request) -> web.Response:
    """The stock's value at cost at the end of a store day (today by default)"""
    return await read_report(request, AsOf, "stock-valuation", "Stock valuation", stock_valuation)


@routes.get("/api/v1/reports/stock-movements")
@requires("reports.read")
@schema(query=MovementQuery, answer=answers.MovementReport)
async def get_movements(request: web.Request) -> web.Response:
    """Each product's stock over a period: opening level, movements by cause, closing level"""
    return await read_report(request, MovementQuery, "stock-movements", "Stock movements", stock_movements)


@routes.get("/api/v1/reports/commissions")
@requires("reports.read")
@schema(query=Period, answer=answers.CommissionReport)
async def get_commissions(request: web.Request) -> web.Response:
    """Each salesman's net sales and commission over a period"""
    return await read_report(request, Period, "commissions", "Commissions", commissions)


@routes.get("/api/v1/reports/customer-balances")
@requires("reports.read")
@schema(query=FileQuery, answer=answers.BalancesReport)
async def get_balances(request: web.Request) -> web.Response:
    """Who owes what on account"""
    contact = can(request, "customers.contact")
    return await read_report(request, FileQuery, "customer-balances", "Customer balances",
                             lambda pool, _: customer_balances(pool, contact))


@routes.get("/api/v1/reports/production")
@requires("reports.read")
@schema(query=ProductionQuery, answer=answers.ProductionReport)
async def get_production(request: web.Request) -> web.Response:
    """What to have ready on a day (tomorrow by default): open orders due, per pickup slot, and past same weekdays"""
    return await read_report(request, ProductionQuery, "production", "Production list", production)


async def read_report(request: web.Request, query_type: type[Q], name: str, title: str,
                      build: Callable[[asyncpg.Pool, Q], Awaitable[dict[str, Any]]]) -> web.Response:
    """A report read once the caller's writes are in (`min_position`), as JSON or a file."""
    q = query(request, query_type)
    await caught_up(request, q.min_position)
    return await report_answer(request, name, title, await build(request.app[POOL], q), q.format)

