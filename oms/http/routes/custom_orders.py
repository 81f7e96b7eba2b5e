"""/custom-orders: the cake that must be ready Saturday 10:00 (see `oms.domain.custom`)."""

from __future__ import annotations

from uuid import UUID

import msgspec
from aiohttp import web

from commands.custom_orders import TakeCustomOrder, take_custom_order
from oms.http import answers
from oms.http.codec import ok, query, read
from oms.http.keys import BUS, CONFIG, POOL
from oms.http.openapi import schema
from oms.http.permissions import actor_of, every_shift, requires
from oms.http.reading import caught_up
from oms.http.render import answer, order_json
from oms.http.scopes import own_customer_id
from queries.orders import OrderFilter, list_orders

routes = web.RouteTableDef()


class CustomOrderFilter(OrderFilter, frozen=True, forbid_unknown_fields=True):
    """Custom orders by due time, soonest first; `from`/`to` bound the due time."""


@routes.post("/api/v1/custom-orders")
@requires("pos.sell")
@schema(body=TakeCustomOrder, answer=answers.Order, status=201)
async def take(request: web.Request) -> web.Response:
    """Take a custom order: specification, price, deposit and its tender, due time"""
    cmd = await read(request, TakeCustomOrder)
    result = await request.app[BUS].run(take_custom_order, actor_of(request), cmd, request.app[CONFIG].order_prefix,
                                        every_shift(request))
    return answer(result, order_json, status=201)


@routes.get("/api/v1/custom-orders")
@requires("orders.read")
@schema(query=CustomOrderFilter, answer=answers.Page[answers.Order])
async def list_(request: web.Request) -> web.Response:
    """Custom orders by due time, soonest first"""
    f = query(request, CustomOrderFilter)
    await caught_up(request, f.min_position)
    due = msgspec.structs.replace(f, channel="custom", sort="due")
    customer = own_customer_id(request)
    return ok(await list_orders(request.app[POOL], due, UUID(customer) if customer else None))
