"""API.md paging (?page=1&per_page=50, max 200) and the filtered, counted page query."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal, NamedTuple

import asyncpg
import msgspec

from oms.fields import Position


class Fresh(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Any read: `?min_position=N` waits until the read models have caught up to N."""

    min_position: Position | None = None


class Page(Fresh, frozen=True, forbid_unknown_fields=False):
    page: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)] = 1
    per_page: Annotated[int, msgspec.Meta(ge=1, le=200)] = 50
    format: Literal["json", "csv", "pdf"] = "json"  # csv: every row matching, streamed; pdf: the first rows

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Where:
    """Conditions joined by AND, with their values as asyncpg parameters."""

    def __init__(self, after: Where | None = None) -> None:
        """`after`: a Where whose parameters come first in the same statement."""
        self.clauses: list[str] = []
        self.args: list[Any] = []
        self.first = len(after.args) if after else 0

    def add(self, clause: str, **values: Any) -> None:
        """`add("name ILIKE {q} OR sku ILIKE {q}", q=...)`: each {name} becomes its $n."""
        numbers = {}
        for name, value in values.items():
            self.args.append(value)
            numbers[name] = f"${self.first + len(self.args)}"
        self.clauses.append(clause.format(**numbers))

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "true"


class ExportRequested(Exception):
    """A list asked for as a file (`Page.format`): the query of all its rows, unpaged."""

    def __init__(self, query: str, args: Sequence[Any], format: str) -> None:
        super().__init__(query)
        self.query, self.args, self.format = query, tuple(args), format


def as_id(column: str) -> str:
    """SQL for a text column as the uuid it names, or NULL (a key such as `quick-sell`,
    a category, or `setup` as an actor): compared with an id column, it uses its index."""
    return f"CASE WHEN {column} ~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-' THEN {column}::uuid END"


def like(text: str) -> str:
    """An ILIKE pattern that finds `text` anywhere, taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


EXACT_UP_TO = 1_000  # totals are counted up to this; past it, PostgreSQL's estimate


class Total(NamedTuple):
    n: int
    estimated: bool = False  # more than EXACT_UP_TO rows: `n` is the planner's estimate


async def fetch_page(pool: asyncpg.Pool, page: Page, where: Where, *, table: str, select: str,
                     order_by: str, joins: str = "", totals: tuple[str, Where] | None = None,
                     ) -> tuple[msgspec.Raw, Total]:
    """One page of rows as a JSON array rendered by PostgreSQL (`select` names the JSON
    fields), and the total, in one statement. The total is counted (without the joins) up
    to EXACT_UP_TO rows, past which PostgreSQL's estimate stands for it (counting every
    customer who has `example.com` in their email read 100,000 rows: 20 ms and more); or it
    is summed from the rows of a table of counts (column `n`) named in `totals`, whose
    Where was built `after` this one.

    The API process passes the array through untouched: decoding rows into Python and
    encoding them again cost more than the rest of a list request. json_agg keeps the
    order of the sorted subquery (as PostgREST relies on)."""
    if page.format != "json":
        raise ExportRequested(f"SELECT {select} FROM {table} {joins} WHERE {where.sql} ORDER BY {order_by}",
                              where.args, page.format)
    if totals is not None:
        counts, rows = totals
        total, args = f"SELECT coalesce(sum(n), 0) FROM {counts} WHERE {rows.sql}", [*where.args, *rows.args]
    else:
        total = f"SELECT count(*) FROM (SELECT FROM {table} WHERE {where.sql} LIMIT {EXACT_UP_TO + 1}) capped"
        args = where.args
    row = await pool.fetchrow(
        f"SELECT ({total}) AS total, (SELECT coalesce(json_agg(r), '[]')::text FROM (SELECT {select} FROM {table}"
        f" {joins} WHERE {where.sql} ORDER BY {order_by} LIMIT {page.per_page} OFFSET {page.offset}) r) AS items",
        *args,
    )
    items, counted = msgspec.Raw(row["items"].encode()), int(row["total"])
    if totals is not None or counted <= EXACT_UP_TO:
        return items, Total(counted)
    plan = await pool.fetchval(f"EXPLAIN (FORMAT JSON) SELECT FROM {table} WHERE {where.sql}", *where.args)
    return items, Total(max(int(json.loads(plan)[0]["Plan"]["Plan Rows"]), counted), estimated=True)


async def fetch_one(pool: asyncpg.Pool, *, table: str, select: str, where: str, args: Sequence[Any]
                    ) -> msgspec.Raw | None:
    """One row as a JSON object rendered by PostgreSQL, or None."""
    item = await pool.fetchval(f"SELECT row_to_json(r)::text FROM (SELECT {select} FROM {table} WHERE {where}) r",
                               *args)
    return msgspec.Raw(item.encode()) if item is not None else None


def paged(items: msgspec.Raw, page: Page, total: Total) -> dict[str, Any]:
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": total.n,
            "total_estimated": total.estimated}


def whole(items: list[Any]) -> dict[str, Any]:
    """A short list that needs no paging, in the page shape."""
    return {"items": items, "page": 1, "per_page": len(items), "total": len(items), "total_estimated": False}
