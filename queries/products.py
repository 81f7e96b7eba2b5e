"""Product reads from the `products` table: list/search, one by id, one by barcode."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
import msgspec

from queries.paging import Page, paged

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


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def row(record: asyncpg.Record) -> dict[str, Any]:
    item = dict(record)
    item["tax_rate"] = format(item["tax_rate"].normalize(), "f")
    return item


async def list_products(pool: asyncpg.Pool, f: ProductFilter) -> dict[str, Any]:
    where, args = ["true"], []
    if not f.include_archived:
        where.append("NOT archived")
    if f.q:
        args.append("%" + like_escape(f.q) + "%")
        n = len(args)
        where.append(f"(name ILIKE ${n} OR sku ILIKE ${n} OR barcode = ${n + 1})")
        args.append(f.q)
    if f.category:
        args.append(f.category)
        where.append(f"category = ${len(args)}")
    if f.low_stock is not None:
        args.append(f.low_stock)
        where.append(f"stock - reserved <= ${len(args)}")
    condition = " AND ".join(where)
    total = await pool.fetchval(f"SELECT count(*) FROM products WHERE {condition}", *args)
    records = await pool.fetch(
        f"SELECT {COLUMNS} FROM products WHERE {condition} ORDER BY name, id"
        f" LIMIT {f.per_page} OFFSET {f.offset}",
        *args,
    )
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
