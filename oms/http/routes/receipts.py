"""/orders/{id}/receipt: the receipt as printable HTML or PDF; `?duplicate=true` reprints
it marked DUPLICATE, and the reprint is kept in the order's history."""

from __future__ import annotations

import asyncio
from typing import Literal
from uuid import UUID

import msgspec
from aiohttp import web

from commands.orders import reprint_receipt
from commands.settings import settings_of
from oms.domain.errors import DomainError
from oms.domain.order import Order
from oms.domain.receipt import receipt
from oms.domain.user import User
from oms.history import read_state
from oms.http.codec import query, uuid_param
from oms.http.errors import ApiError
from oms.http.keys import BUS, STORE
from oms.http.openapi import schema
from oms.http.permissions import actor_of, can, requires
from oms.http.receipts import Printed, to_html, to_pdf
from oms.http.scopes import check_visible

routes = web.RouteTableDef()
MEDIA = {"text/html": {"type": "string"}, "application/pdf": {"type": "string", "format": "binary"}}


class ReceiptQuery(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    format: Literal["html", "pdf"] = "html"
    duplicate: bool = False


async def name_of(request: web.Request, actor: str) -> str:
    """The user's full name or username (an actor that is no user, e.g. `demo`, as is)."""
    try:
        user = await read_state(request.app[STORE], User, UUID(actor), "user")
    except (ValueError, DomainError):
        return actor
    return user.full_name or user.username


@routes.get("/api/v1/orders/{id}/receipt")
@requires("orders.read")
@schema(query=ReceiptQuery, answer=MEDIA)
async def get_receipt(request: web.Request) -> web.Response:
    """The receipt: HTML for an 80 mm printer, or PDF; a duplicate for reprints."""
    order_id, q = uuid_param(request), query(request, ReceiptQuery)
    await check_visible(request, order_id)
    if q.duplicate:
        if not can(request, "receipts.reprint"):
            raise ApiError(403, "forbidden", "reprinting receipts needs receipts.reprint")
        order = (await request.app[BUS].run(reprint_receipt, actor_of(request), order_id)).value
    else:
        order = await read_state(request.app[STORE], Order, order_id, "order")
    shop = await asyncio.to_thread(settings_of, request.app[STORE])
    local = shop.local((order.sale or {}).get("sold_at") or order.created_on)
    printed = Printed(receipt(order), {"name": shop["store_name"], "address": shop["address"],
                                       "header": shop["receipt_header"], "footer": shop["receipt_footer"],
                                       "currency": shop["currency"]},
                      await name_of(request, order.placed_by), local.strftime("%Y-%m-%d %H:%M"), q.duplicate)
    if q.format == "pdf":
        body = await asyncio.to_thread(to_pdf, printed)
        return web.Response(body=body, content_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="receipt-{printed.receipt["number"]}.pdf"'})
    page, policy = to_html(printed)
    return web.Response(text=page, content_type="text/html", headers={"Content-Security-Policy": policy,
                                                                              "X-Frame-Options": "SAMEORIGIN"})
