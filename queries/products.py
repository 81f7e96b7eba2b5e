"""Product reads from the `products` table: list/search, one by id, one by barcode."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from oms.fields import Line, StockLevel
from queries.paging import Page, Where, fetch_one, fetch_page, like, paged


def columns(cost: bool) -> str:
    """A product's JSON fields; the purchase cost only for those allowed to see it."""
    return (
        "id, sku, name, price::text AS price," + (" cost::text AS cost, vendor_id," if cost else "")
        + " barcode, category, brand, trim_scale(tax_rate)::text AS tax_rate, stock, reserved,"
        " available, archived, version,"
        " CASE WHEN image IS NULL THEN NULL ELSE '/api/v1/images/' || image END AS image_url,"
        " api_time(created_at) AS created_at, api_time(updated_at) AS updated_at"
    )


class ProductFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: Line | None = None
    category: Line | None = None
    include_archived: bool = False
    low_stock: StockLevel | None = None


async def list_products(pool: asyncpg.Pool, f: ProductFilter, cost: bool) -> dict[str, Any]:
    where = Where()
    if not f.include_archived:
        where.add("NOT archived")
    if f.q:
        where.add("(search LIKE {q} OR barcode = {code})", q=like(f.q.lower()), code=f.q)
    if f.category:
        where.add("category = {c}", c=f.category)
    if f.low_stock is not None:
        where.add("available <= {n}", n=f.low_stock)
    items, total = await fetch_page(pool, f, where, table="products", select=columns(cost), order_by="name, id")
    return paged(items, f, total)


async def get_product(pool: asyncpg.Pool, product_id: UUID, cost: bool) -> msgspec.Raw | None:
    return await fetch_one(pool, table="products", select=columns(cost), where="id = $1", args=[product_id])


async def get_product_by_barcode(pool: asyncpg.Pool, code: str, cost: bool) -> msgspec.Raw | None:
    return await fetch_one(pool, table="products", select=columns(cost), where="barcode = $1 AND NOT archived",
                           args=[code])


async def list_discrepancies(pool: asyncpg.Pool, f: Page) -> dict[str, Any]:
    """Offline sales that took more than the server knew was available, newest first."""
    items, total = await fetch_page(
        pool, f, Where(), table="stock_discrepancies d", joins="JOIN products p ON p.id = d.product_id",
        select="d.order_id, d.product_id, p.name AS product_name, d.quantity, d.shortfall, d.actor,"
               " api_time(d.at) AS at", order_by="d.at DESC, d.order_id, d.product_id")
    return paged(items, f, total)


async def categories(pool: asyncpg.Pool) -> list[dict[str, Any]]:
    """The catalog's categories with how many products each has (archived ones left out)."""
    rows = await pool.fetch("SELECT category AS name, count(*)::int AS products FROM products WHERE NOT archived"
                            " GROUP BY category ORDER BY category")
    return [dict(r) for r in rows]
