"""/orders: place, read (also as it was), move through the lifecycle, pay, history.

Callers whose permission is limited to their own orders (customers) place orders for
themselves only and see only theirs: anyone else's answers 404, as if it did not exist.
"""

from __future__ import annotations

from uuid import UUID

from aiohttp import web

from commands.order_status import (
    CancelOrder,
    ChangeOrderStatus,
    UndoOrderStatus,
    cancel_order,
    change_order_status,
    undo_order_status,
)
from commands.orders import PlaceOrder, place_order
from commands.payments import RecordPayment, record_payment
from commands.refunds import RefundOrder, refund_order
from oms.domain.order import Order
from oms.history import read_history
from oms.http import answers
from oms.http.codec import ok, query, read, read_or_default, uuid_param
from oms.http.keys import BUS, CONFIG, POOL, STORE
from oms.http.openapi import schema
from oms.http.permissions import actor_of, every_shift, requires
from oms.http.reading import ReadAt, aggregate_at, caught_up
from oms.http.render import answer, order_json
from oms.http.scopes import check_visible, own_customer_id
from queries.orders import OrderFilter, list_orders

routes = web.RouteTableDef()


@routes.post("/api/v1/orders")
@requires("orders.place")
@schema(body=PlaceOrder, answer=answers.Order, status=201)
async def place(request: web.Request) -> web.Response:
    cmd, customer = await read(request, PlaceOrder), own_customer_id(request)
    result = await request.app[BUS].run(place_order, actor_of(request), cmd, request.app[CONFIG].order_prefix,
                                        UUID(customer) if customer else None)
    return answer(result, order_json, status=201)


@routes.get("/api/v1/orders")
@requires("orders.read")
@schema(query=OrderFilter, answer=answers.Page[answers.Order])
async def list_(request: web.Request) -> web.Response:
    f = query(request, OrderFilter)
    await caught_up(request, f.min_position)
    customer = own_customer_id(request)
    return ok(await list_orders(request.app[POOL], f, UUID(customer) if customer else None))


@routes.get("/api/v1/orders/{id}")
@requires("orders.read")
@schema(query=ReadAt, answer=answers.Order)
async def get(request: web.Request) -> web.Response:
    order_id, at = uuid_param(request), query(request, ReadAt)
    await check_visible(request, order_id)
    return ok(order_json(await aggregate_at(request, Order, order_id, "order", at)))


@routes.get("/api/v1/orders/{id}/history")
@requires("orders.read")
@schema(answer=answers.History)
async def order_history(request: web.Request) -> web.Response:
    order_id = uuid_param(request)
    await check_visible(request, order_id)
    events = await read_history(request.app[STORE], Order, order_id, "order")
    return ok({"items": events})


@routes.patch("/api/v1/orders/{id}/status")
@requires("orders.manage")
@schema(body=ChangeOrderStatus, answer=answers.Order)
async def change_status(request: web.Request) -> web.Response:
    order_id, cmd = uuid_param(request), await read(request, ChangeOrderStatus)
    result = await request.app[BUS].run(change_order_status, actor_of(request), order_id, cmd, every_shift(request))
    return answer(result, order_json)


@routes.post("/api/v1/orders/{id}/status/undo")
@requires("orders.manage")
@schema(body=UndoOrderStatus, answer=answers.Order, body_required=False)
async def undo_status(request: web.Request) -> web.Response:
    """Take back the order's last step on the board (a mistaken tap): it is where it was, goods it
    handed over are held for it again; kept in its history. A cancellation cannot be taken back"""
    order_id, cmd = uuid_param(request), await read_or_default(request, UndoOrderStatus)
    result = await request.app[BUS].run(undo_order_status, actor_of(request), order_id, cmd)
    return answer(result, order_json)


@routes.post("/api/v1/orders/{id}/cancel")
@requires("orders.cancel")
@schema(body=CancelOrder, answer=answers.Order, body_required=False)
async def cancel(request: web.Request) -> web.Response:
    order_id = uuid_param(request)
    cmd = await read_or_default(request, CancelOrder)
    await check_visible(request, order_id)
    result = await request.app[BUS].run(cancel_order, actor_of(request), order_id, cmd, every_shift(request))
    return answer(result, order_json)


@routes.post("/api/v1/orders/{id}/payments")
@requires("orders.pay")
@schema(body=RecordPayment, answer=answers.Order, status=201)
async def pay(request: web.Request) -> web.Response:
    order_id, cmd = uuid_param(request), await read(request, RecordPayment)
    result = await request.app[BUS].run(record_payment, actor_of(request), order_id, cmd, every_shift(request))
    return answer(result, order_json, status=201)


@routes.post("/api/v1/orders/{id}/refunds")
@requires("orders.refund")
@schema(body=RefundOrder, answer=answers.Order, status=201)
async def refund(request: web.Request) -> web.Response:
    """Cash goes out of an open shift's drawer (`shift_id`): the refunding cashier's own, or
    any shift's for those who manage every shift."""
    order_id, cmd = uuid_param(request), await read(request, RefundOrder)
    result = await request.app[BUS].run(refund_order, actor_of(request), order_id, cmd, every_shift(request))
    return answer(result, order_json, status=201)
