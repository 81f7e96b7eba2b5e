"""Stock beyond adjusting: entries received from vendors, counts, and a product's movements."""

from __future__ import annotations

from aiohttp import web

from commands.stock import CountStock, ReceiveStock, count_stock, receive_stock
from oms.http import answers
from oms.http.codec import ok, query, read, uuid_param
from oms.http.keys import BUS, POOL
from oms.http.openapi import schema
from oms.http.permissions import actor_of, requires
from oms.http.reading import caught_up, found
from oms.http.render import answer, product_json, stock_entry_json
from queries.paging import Fresh, Page
from queries.stock import EntryFilter, get_entry, list_entries, list_movements

routes = web.RouteTableDef()


@routes.post("/api/v1/stock-entries")
@requires("stock.adjust")
@schema(body=ReceiveStock, answer=answers.StockEntry, status=201)
async def receive(request: web.Request) -> web.Response:
    """Receive goods from a vendor: stock rises and each product's cost follows"""
    cmd = await read(request, ReceiveStock)
    return answer(await request.app[BUS].run(receive_stock, actor_of(request), cmd), stock_entry_json, status=201)


@routes.get("/api/v1/stock-entries")
@requires("stock.read")
@schema(query=EntryFilter, answer=answers.Page[answers.StockEntry])
async def entries(request: web.Request) -> web.Response:
    f = query(request, EntryFilter)
    await caught_up(request, f.min_position)
    return ok(await list_entries(request.app[POOL], f))


@routes.get("/api/v1/stock-entries/{id}")
@requires("stock.read")
@schema(query=Fresh, answer=answers.StockEntry)
async def entry(request: web.Request) -> web.Response:
    entry_id, at = uuid_param(request), query(request, Fresh)
    await caught_up(request, at.min_position)
    return found(await get_entry(request.app[POOL], entry_id), "stock entry")


@routes.post("/api/v1/products/{id}/stock-count")
@requires("stock.adjust")
@schema(body=CountStock, answer=answers.Product, status=201)
async def count(request: web.Request) -> web.Response:
    """Set the stock on hand to what was counted"""
    product_id, cmd = uuid_param(request), await read(request, CountStock)
    return answer(await request.app[BUS].run(count_stock, actor_of(request), product_id, cmd), product_json, status=201)


@routes.get("/api/v1/products/{id}/stock-movements")
@requires("stock.read")
@schema(query=Page, answer=answers.Page[answers.StockMovement])
async def movements(request: web.Request) -> web.Response:
    """Every change of the product's stock on hand, newest first, with the level after it"""
    f = query(request, Page)
    await caught_up(request, f.min_position)
    return ok(await list_movements(request.app[POOL], uuid_param(request), f))
