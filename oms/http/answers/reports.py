"""The JSON shapes reports answer with (`GET /reports/...`), for the OpenAPI document.
Money is an exact decimal string; figures are defined in `queries.reports`."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from oms.http.answers.base import Answer, ChainHead, MoneyText
from oms.http.answers.shifts import Shift

Date = date  # a field named `date` hides the type


class Figures(Answer, frozen=True):
    orders: int  # sales counted (handed over)
    units: int
    refunded_units: int
    gross: MoneyText  # before discounts, tax excluded
    discount: MoneyText
    net: MoneyText  # after discounts, tax excluded
    tax: MoneyText
    total: MoneyText  # net + tax
    refunds: MoneyText  # money given back, tax included
    refunds_tax: MoneyText
    net_sales: MoneyText  # net less the refunds' net
    cost_of_goods: MoneyText
    gross_profit: MoneyText
    commission: MoneyText
    paid: MoneyText  # tender rows: money taken
    taken: MoneyText  # tender rows: paid less refunds


class SalesRow(Figures, frozen=True, kw_only=True):
    key: str  # the day/week/month (YYYY-MM-DD), product or salesman id, category, cashier's user id, channel, tender
    label: str


class StoreFigures(Figures, frozen=True, kw_only=True):
    paid_in: MoneyText  # every tender's money taken
    average_ticket: MoneyText  # total / orders


class SalesPeriod(Answer, frozen=True):
    from_: date = msgspec.field(name="from")
    to: date
    rows: list[SalesRow]
    totals: StoreFigures


class SalesReport(SalesPeriod, frozen=True, kw_only=True):
    group_by: str
    previous: SalesPeriod  # the period of the same length just before


class ProfitFigures(Answer, frozen=True):
    net_sales: MoneyText
    cost_of_goods: MoneyText
    gross_profit: MoneyText
    expenses: MoneyText
    profit: MoneyText


class ProfitRow(ProfitFigures, frozen=True, kw_only=True):
    key: str  # the day, week or month


class ProfitReport(Answer, frozen=True):
    from_: date = msgspec.field(name="from")
    to: date
    group_by: str
    rows: list[ProfitRow]
    totals: ProfitFigures


class CommissionRow(Answer, frozen=True):
    key: str  # the salesman's id
    label: str
    orders: int
    net_sales: MoneyText
    commission: MoneyText  # at the rate each sale was made at


class CommissionTotals(Answer, frozen=True):
    commission: MoneyText


class CommissionReport(Answer, frozen=True):
    from_: date = msgspec.field(name="from")
    to: date
    rows: list[CommissionRow]
    totals: CommissionTotals


class BalanceRow(Answer, frozen=True):
    key: str  # the customer's id
    label: str
    email: str | None
    phone: str | None
    credit_limit: MoneyText
    balance: MoneyText


class BalanceTotals(Answer, frozen=True):
    balance: MoneyText


class BalancesReport(Answer, frozen=True):
    rows: list[BalanceRow]
    totals: BalanceTotals


class ValuationRow(Answer, frozen=True):
    key: str  # the product's id
    label: str
    sku: str
    category: str
    stock: int  # at the end of the day
    cost: MoneyText  # as it was then
    value: MoneyText


class ValuationTotals(Answer, frozen=True):
    stock: int
    value: MoneyText


class ValuationReport(Answer, frozen=True):
    as_of: date
    rows: list[ValuationRow]
    totals: ValuationTotals


class MovementRow(Answer, frozen=True):
    key: str
    label: str
    sku: str
    opening: int
    received: int
    sold: int
    handed_over: int
    returned: int
    adjusted: int
    counted: int
    created: int
    closing: int


class MovementReport(Answer, frozen=True):
    from_: date = msgspec.field(name="from")
    to: date
    rows: list[MovementRow]


class ProductionRow(Answer, frozen=True):
    key: str  # the product's id, or a custom order's number
    label: str
    note: str | None  # a custom order's specification
    ordered: int  # units in open orders due that day
    slots: dict[str, int]  # pickup time (HH:MM) -> units
    same_weekday: list[int]  # units sold on the same weekday, 1 to 4 weeks before
    weekday_average: str


class ProductionReport(Answer, frozen=True):
    date: Date
    weeks: list[Date]
    rows: list[ProductionRow]


class LowStock(Answer, frozen=True):
    id: UUID
    name: str
    sku: str
    stock: int
    reserved: int
    available: int


class OpenShift(Answer, frozen=True):
    id: UUID
    register: str
    cashier: str | None
    opened_at: datetime
    sales_count: int
    sales_total: MoneyText


class DueOrder(Answer, frozen=True):
    id: UUID
    number: str
    status: str
    channel: str
    note: str | None
    total: MoneyText
    balance_due: MoneyText
    pickup_at: datetime | None
    customer_name: str | None
    items: str | None


class Dashboard(Answer, frozen=True):
    day: date  # today, in the store's time zone
    timezone: str
    orders_by_status: dict[str, int]  # orders placed today
    sales: StoreFigures
    top_products: list[SalesRow]
    low_stock: list[LowStock]
    low_stock_level: int
    open_shifts: list[OpenShift]
    custom_orders_due: list[DueOrder]  # within 48 hours (or overdue)
    pickups_next: list[DueOrder]  # online orders to collect within 4 hours


class OtherSales(Answer, frozen=True):
    sales_count: int
    sales_total: MoneyText
    note: str


class DailyReport(Answer, frozen=True):
    day: date
    shifts: list[Shift]  # each with its X or Z report
    totals: StoreFigures
    tenders: list[SalesRow]
    channels: list[SalesRow]
    cashiers: list[SalesRow]
    chain: ChainHead  # the audit chain's head as the report was made (print it: a copy outside the database)
    other_sales: OtherSales | None = None  # what the totals hold beyond the shifts' sales
