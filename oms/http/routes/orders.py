"""/orders: place, read (also as it was), move through the lifecycle, pay, history."""

from __future__ import annotations

import asyncio

from aiohttp import web

from commands.orders import (
    CancelOrder,
    ChangeOrderStatus,
    PlaceOrder,
    RecordPayment,
    cancel_order,
    change_order_status,
    place_order,
    record_payment,
)
from oms.domain.order import Order
from oms.history import history
from oms.http.codec import ok, query, read, uuid_param
from oms.http.keys import BUS, CONFIG, STORE
from oms.http.permissions import actor_of, requires
from oms.http.routes.reads import ReadAt, aggregate_at
from oms.http.views import order_json, written

routes = web.RouteTableDef()


@routes.post("/api/v1/orders")
@requires("orders.place")
async def place(request: web.Request) -> web.Response:
    cmd = await read(request, PlaceOrder)
    prefix = request.app[CONFIG].order_prefix
    result = await request.app[BUS].run(place_order, actor_of(request), cmd, prefix)
    return ok(written(order_json(result.value), result.position), status=201)


@routes.get("/api/v1/orders/{id}")
@requires("orders.read")
async def get(request: web.Request) -> web.Response:
    order_id, at = uuid_param(request), query(request, ReadAt)
    return ok(order_json(await aggregate_at(request, Order, order_id, "order", at)))


@routes.get("/api/v1/orders/{id}/history")
@requires("orders.read")
async def order_history(request: web.Request) -> web.Response:
    order_id = uuid_param(request)
    events = await asyncio.to_thread(history, request.app[STORE], Order, order_id, "order")
    return ok({"items": events})


@routes.patch("/api/v1/orders/{id}/status")
@requires("orders.manage")
async def change_status(request: web.Request) -> web.Response:
    order_id, cmd = uuid_param(request), await read(request, ChangeOrderStatus)
    result = await request.app[BUS].run(change_order_status, actor_of(request), order_id, cmd)
    return ok(written(order_json(result.value), result.position))


@routes.post("/api/v1/orders/{id}/cancel")
@requires("orders.place")
async def cancel(request: web.Request) -> web.Response:
    order_id = uuid_param(request)
    raw = await request.read()
    cmd = await read(request, CancelOrder) if raw.strip() else CancelOrder()
    result = await request.app[BUS].run(cancel_order, actor_of(request), order_id, cmd)
    return ok(written(order_json(result.value), result.position))


@routes.post("/api/v1/orders/{id}/payments")
@requires("orders.pay")
async def pay(request: web.Request) -> web.Response:
    order_id, cmd = uuid_param(request), await read(request, RecordPayment)
    result = await request.app[BUS].run(record_payment, actor_of(request), order_id, cmd)
    return ok(written(order_json(result.value), result.position), status=201)
