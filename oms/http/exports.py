"""Every report and every list as CSV and as PDF (`?format=csv|pdf`).

A report is small (rows per day, product or shift) and is rendered from the dict the
JSON answer carries: its `rows`, then a `total` row. A list is streamed: its query
(`ExportRequested`, raised by `fetch_page` instead of reading a page) runs on a
server-side cursor and CSV goes out as rows arrive, so a year of orders never sits in
memory. A list's PDF holds its first `PDF_ROWS` rows and says so. Files are named
after the store, the report and the period."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from commands.settings import settings_of
from oms.http.codec import ok
from oms.http.keys import POOL, STORE
from oms.http.tables import table_pdf
from queries.paging import ExportRequested

PDF_ROWS = 2000
BLANK = ("", "0", "0.00")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
CHUNK = 1000
TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell that starts so


def text(value: Any) -> str:
    """A value as a table shows it: nothing for None, JSON for a list or a mapping."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def cell(value: Any) -> str:
    """A CSV cell. Text a spreadsheet would run as a formula (OWASP "CSV injection") is
    quoted with a leading apostrophe, which spreadsheets show as text; numbers, negative
    ones included, stay numbers. (A PDF shows the text as it is.)"""
    shown = text(value)
    if isinstance(value, str) and shown.startswith(FORMULA) and not NUMBER.fullmatch(shown):
        return "'" + shown
    return shown


def csv_lines(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([[cell(v) for v in row] for row in rows])
    return out.getvalue()


def filename(store: str, name: str, period: str, fmt: str) -> str:
    words = "-".join(part for part in (store, name, period) if part)
    words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()  # Bäckerei: backerei
    return re.sub(r"[^A-Za-z0-9._-]+", "-", words).strip("-").lower() + "." + fmt


def period_of(report: Mapping[str, Any]) -> str:
    if "from" in report:
        return f"{report['from']}_{report['to']}"
    return str(next((report[k] for k in ("as_of", "date", "day") if k in report), date.today()))


async def store_name(request: web.Request) -> str:
    return str((await asyncio.to_thread(settings_of, request.app[STORE]))["store_name"])


def headers(name: str, fmt: str) -> dict[str, str]:
    return {"Content-Type": TYPES[fmt], "Content-Disposition": f'attachment; filename="{name}"'}


def shown(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """The columns a page shows: not an id beside its label, not one that is nothing but
    zeros or blanks."""
    keep = [i for i, c in enumerate(columns)
            if not (c == "key" and "label" in columns) and any(text(r[i]) not in BLANK for r in rows)]
    return keep or list(range(len(columns)))


def pdf(title: str, subtitle: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], note: str = "") -> bytes:
    picked = shown(columns, rows)
    return table_pdf(title, subtitle + (f" — {note}" if note else ""), [columns[i] for i in picked],
                     [[text(row[i]) for i in picked] for row in rows])


async def report_answer(request: web.Request, name: str, title: str, report: dict[str, Any], fmt: str,
                        rows: list[dict[str, Any]] | None = None, totals: dict[str, Any] | None = None,
                        ) -> web.Response:
    """A report as JSON, or its `rows` (and a `total` row of its `totals`) as CSV or PDF."""
    if fmt == "json":
        return ok(report)
    table = report["rows"] if rows is None else rows
    totals = report.get("totals") if totals is None else totals
    columns = list(table[0]) if table else ["key"]
    lines = [[row.get(c) for c in columns] for row in table]
    if totals:
        lines.append([totals.get(c, "total" if c == columns[0] else None) for c in columns])
    store, period = await store_name(request), period_of(report)
    file = filename(store, name, period, fmt)
    if fmt == "csv":
        return web.Response(body=csv_lines([columns, *lines]).encode(), headers=headers(file, fmt))
    body = await asyncio.to_thread(pdf, f"{store} — {title}", period.replace("_", " to "), columns, lines)
    return web.Response(body=body, headers=headers(file, fmt))


async def stream_list(request: web.Request, export: ExportRequested) -> web.StreamResponse:
    name = request.path.rstrip("/").rsplit("/", 1)[-1]
    file = filename(await store_name(request), name, date.today().isoformat(), export.format)
    response = web.StreamResponse(headers=headers(file, export.format))
    async with request.app[POOL].acquire() as conn, conn.transaction(readonly=True):
        if export.format == "pdf":
            rows = await conn.fetch(f"{export.query} LIMIT {PDF_ROWS + 1}", *export.args)
            columns = list(rows[0].keys()) if rows else ["id"]
            note = f"the first {PDF_ROWS} rows; the CSV has them all" if len(rows) > PDF_ROWS else ""
            body = await asyncio.to_thread(pdf, name.replace("-", " ").capitalize(), file, columns,
                                           [list(r.values()) for r in rows[:PDF_ROWS]], note)
            response.content_length = len(body)
            await response.prepare(request)
            await response.write(body)
            return response
        response.enable_compression()
        await response.prepare(request)
        statement = await conn.prepare(export.query)
        chunk: list[Sequence[Any]] = [[a.name for a in statement.get_attributes()]]
        async for record in statement.cursor(*export.args, prefetch=CHUNK):
            chunk.append(list(record.values()))
            if len(chunk) >= CHUNK:
                await response.write(csv_lines(chunk).encode())
                chunk = []
        await response.write(csv_lines(chunk).encode())
    await response.write_eof()
    return response


@web.middleware
async def exports(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A list asked for as CSV or PDF: its query, streamed (`stream_list`)."""
    try:
        return await handler(request)
    except ExportRequested as export:
        return await stream_list(request, export)
