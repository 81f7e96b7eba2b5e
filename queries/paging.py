"""API.md paging (?page=1&per_page=50, max 200) and the filtered, counted page query."""

from __future__ import annotations

from typing import Annotated, Any

import asyncpg
import msgspec


class Page(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    page: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)] = 1
    per_page: Annotated[int, msgspec.Meta(ge=1, le=200)] = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Where:
    """Conditions joined by AND, with their values as asyncpg parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.args: list[Any] = []

    def add(self, clause: str, **values: Any) -> None:
        """`add("name ILIKE {q} OR sku ILIKE {q}", q=...)`: each {name} becomes its $n."""
        numbers = {}
        for name, value in values.items():
            self.args.append(value)
            numbers[name] = f"${len(self.args)}"
        self.clauses.append(clause.format(**numbers))

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "true"


def like(text: str) -> str:
    """An ILIKE pattern that finds `text` anywhere, taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


async def fetch_page(pool: asyncpg.Pool, page: Page, where: Where, *, table: str, select: str,
                     order_by: str, joins: str = "") -> tuple[list[asyncpg.Record], int]:
    """One page of rows and the total count (counted without the joins)."""
    total = await pool.fetchval(f"SELECT count(*) FROM {table} WHERE {where.sql}", *where.args)
    records = await pool.fetch(
        f"SELECT {select} FROM {table} {joins} WHERE {where.sql} ORDER BY {order_by}"
        f" LIMIT {page.per_page} OFFSET {page.offset}", *where.args,
    )
    return records, int(total)


def paged(items: list[Any], page: Page, total: int) -> dict[str, Any]:
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": total}
