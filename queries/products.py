"""Product reads from the `products` table: list/search, one by id, one by barcode."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from queries.paging import Page, Where, fetch_page, like, paged

COLUMNS = (
    "id, sku, name, price, cost, barcode, category, brand, tax_rate, stock, reserved,"
    " greatest(stock - reserved, 0) AS available, archived, version, created_at, updated_at"
)


class ProductFilter(Page, frozen=True, forbid_unknown_fields=True):
    q: str | None = None
    category: str | None = None
    include_archived: bool = False
    low_stock: int | None = None
    min_position: int | None = None


def row(record: asyncpg.Record) -> dict[str, Any]:
    item = dict(record)
    item["tax_rate"] = format(item["tax_rate"].normalize(), "f")
    return item


async def list_products(pool: asyncpg.Pool, f: ProductFilter) -> dict[str, Any]:
    where = Where()
    if not f.include_archived:
        where.add("NOT archived")
    if f.q:
        where.add("(name ILIKE {q} OR sku ILIKE {q} OR barcode = {code})", q=like(f.q), code=f.q)
    if f.category:
        where.add("category = {c}", c=f.category)
    if f.low_stock is not None:
        where.add("stock - reserved <= {n}", n=f.low_stock)
    records, total = await fetch_page(pool, f, where, table="products", select=COLUMNS, order_by="name, id")
    return paged([row(r) for r in records], f, total)


async def get_product(pool: asyncpg.Pool, product_id: UUID) -> dict[str, Any] | None:
    record = await pool.fetchrow(f"SELECT {COLUMNS} FROM products WHERE id = $1", product_id)
    return row(record) if record else None


async def get_product_by_barcode(pool: asyncpg.Pool, code: str) -> dict[str, Any] | None:
    record = await pool.fetchrow(
        f"SELECT {COLUMNS} FROM products WHERE barcode = $1 AND NOT archived", code
    )
    return row(record) if record else None


def decode_filter(query: dict[str, str]) -> ProductFilter:
    return msgspec.convert(query, ProductFilter, strict=False)
