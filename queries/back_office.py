"""Back-office record reads (vendors, salesmen, customers, expenses) from the BackOffice
tables: search, filters, paging, one by id; and the totals of expenses."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from oms.fields import Day, Line
from queries.paging import Page, Where, fetch_one, fetch_page, like, paged

STAMPS = "archived, version, api_time(created_at) AS created_at, api_time(updated_at) AS updated_at"
SELECT = {
    "vendors": f"id, name, contact, email, phone, address, {STAMPS}",
    "salesmen": f"id, name, trim_scale(commission_rate)::text AS commission_rate, {STAMPS}",
    "customers": "id, full_name, email, phone, billing_address, delivery_address, credit_limit::text AS credit_limit,"
                 f" balance::text AS balance, user_id, {STAMPS}",
    "expenses": f"id, category, amount::text AS amount, date, note, vendor_id, {STAMPS}",
}
CONTACT = ("email", "phone", "billing_address", "delivery_address")  # a customer's, for `customers.contact`
SEARCHED = {"vendors": ("name", "contact", "email", "phone"), "salesmen": ("name",),
            "expenses": ("category", "note")}
ORDER = {"vendors": "lower(name), id", "salesmen": "lower(name), id", "customers": "lower(full_name), id",
         "expenses": "date DESC, id DESC"}


class RecordFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: Line | None = None
    include_archived: bool = False


class CustomerFilter(RecordFilter, frozen=True, forbid_unknown_fields=True):
    owing: bool = False  # only customers with a balance (who owe, or are owed)


class ExpenseFilter(RecordFilter, frozen=True, forbid_unknown_fields=True):
    category: Line | None = None
    vendor_id: UUID | None = None
    from_: Day | None = msgspec.field(name="from", default=None)
    to: Day | None = None  # inclusive


def where(table: str, f: RecordFilter) -> Where:
    w = Where()
    if not f.include_archived:
        w.add("NOT archived")
    if f.q:
        if table == "customers":  # name, email and phone in one lower-cased, trigram-indexed text
            w.add("search LIKE {q}", q=like(f.q.lower()))
        else:
            w.add("(" + " OR ".join(f"{c} ILIKE {{q}}" for c in SEARCHED[table]) + ")", q=like(f.q))
    if isinstance(f, CustomerFilter) and f.owing:
        w.add("balance <> 0")
    if isinstance(f, ExpenseFilter):
        for clause, value in (("category = {v}", f.category), ("vendor_id = {v}", f.vendor_id),
                              ("date >= {v}", f.from_), ("date <= {v}", f.to)):
            if value is not None:
                w.add(clause, v=value)
    return w


def select_of(table: str, hidden: tuple[str, ...] = ()) -> str:
    """The table's answer columns; `hidden` ones read as null (contact details the caller may not see)."""
    select = SELECT[table]
    for column in hidden:
        select = select.replace(f" {column},", f" NULL::text AS {column},")
    return select


async def list_records(pool: asyncpg.Pool, table: str, f: RecordFilter, hidden: tuple[str, ...] = ()
                       ) -> dict[str, Any]:
    items, total = await fetch_page(pool, f, where(table, f), table=table, select=select_of(table, hidden),
                                    order_by=ORDER[table])
    return paged(items, f, total)


async def get_record(pool: asyncpg.Pool, table: str, record_id: UUID, hidden: tuple[str, ...] = ()
                     ) -> msgspec.Raw | None:
    return await fetch_one(pool, table=table, select=select_of(table, hidden), where="id = $1", args=[record_id])


async def expense_totals(pool: asyncpg.Pool, f: ExpenseFilter) -> dict[str, Any]:
    """The filtered expenses' total, and per category."""
    w = where("expenses", f)
    rows = await pool.fetch(f"SELECT category, sum(amount) AS total, count(*) AS n FROM expenses WHERE {w.sql}"
                            " GROUP BY category ORDER BY category", *w.args)
    return {"total": str(sum((r["total"] for r in rows), 0) or "0.00"),
            "categories": [{"category": r["category"], "total": str(r["total"]), "count": r["n"]} for r in rows]}
