"""/ws: live order and stock events (API.md "Real time")."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Callable

import msgspec
from aiohttp import WSCloseCode, WSMsgType, web

from oms.fields import Position
from oms.http.codec import encoder, query
from oms.http.errors import ApiError
from oms.http.keys import CONFIG, HUB
from oms.http.openapi import schema
from oms.http.permissions import principal_of, requires, scope_of
from oms.hub import OVERFLOW, wire
from projections.feed import ORDER, Live, Message

routes = web.RouteTableDef()
SLOW_CONSUMER = 4008
Sockets = weakref.WeakSet[web.WebSocketResponse]
SOCKETS = web.AppKey("sockets", Sockets)


async def close_sockets(app: web.Application) -> None:
    """On stop (ApiRunner.cleanup): end every live connection (1001, going away) so a stopping process
    stops at once; clients reconnect with `after` to another, or to this one restarted."""
    sockets: Sockets = app[SOCKETS]
    for ws in list(sockets):
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"server restarting: reconnect with after")


class Connect(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    after: Position | None = None
    token: str | None = None


PUBLIC_STOCK = ("product_id", "available", "archived")  # what a shop may show of a stock change


def audience(request: web.Request) -> Callable[[Message], bool]:
    """Staff see every message; a customer messages about their own orders, and what is
    available (`stock.changed` cut down to PUBLIC_STOCK when sent, see `encoded`)."""
    if scope_of(request) == "all":
        return lambda message: True
    me = principal_of(request).user_id
    return lambda message: message["type"] == Live.STOCK_CHANGED or (
        message["type"].startswith(ORDER) and message["data"].get("customer_id") == me)


def check_origin(request: web.Request) -> None:
    """A browser names the page that opens the socket: only the server's own origin and the
    configured ones may (else any site could read a signed-in user's feed through its
    cookie). Clients that are not browsers send no Origin."""
    origin = request.headers.get("Origin")
    if origin is None:
        return
    own = f"{request.scheme}://{request.host}"
    if origin.rstrip("/") != own and origin.rstrip("/") not in request.app[CONFIG].origins:
        raise ApiError(403, "forbidden", "this origin may not open the live feed", origin=origin[:200])


@routes.get("/api/v1/ws")
@requires("orders.read")
@schema(query=Connect, status=101)
async def live(request: web.Request) -> web.WebSocketResponse:
    params = query(request, Connect)
    check_origin(request)
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    request.app[SOCKETS].add(ws)
    async with request.app[HUB].connect(audience(request), params.after) as (client, backlog):
        sender = asyncio.create_task(send(ws, client.queue, backlog, params.after, scope_of(request) != "all"))
        try:
            async for msg in ws:  # the client may close; anything it sends is ignored
                if msg.type == WSMsgType.ERROR:
                    break
        finally:
            sender.cancel()
            # a send racing the close (a shutdown, a client gone) fails: the socket is closing anyway
            with contextlib.suppress(asyncio.CancelledError, ConnectionResetError):
                await sender
    return ws


async def send(ws: web.WebSocketResponse, queue: asyncio.Queue[Message], backlog: list[Message],
               after: int | None, public: bool) -> None:
    """The backlog, then live messages; one wake-up sends everything queued by then."""
    last = -1 if after is None else after
    pending = list(backlog)
    while True:
        for message in pending:
            if message is OVERFLOW:
                await ws.close(code=SLOW_CONSUMER, message=b"too slow: reconnect with after=<last position>")
                return
            if message["position"] > last:
                await ws.send_frame(encoded(message, public), WSMsgType.TEXT)
                last = message["position"]
        pending = [await queue.get()]
        while not queue.empty():
            pending.append(queue.get_nowait())


def encoded(message: Message, public: bool = False) -> bytes:
    """The JSON a client receives, encoded once however many clients receive it; `public`
    (customers): a stock change says only what a shop shows (no reserved units, no
    reasons, no orders)."""
    if public and message["type"] == Live.STOCK_CHANGED:
        data = message.get("_public")
        if data is None:
            shown = {k: v for k, v in message["data"].items() if k in PUBLIC_STOCK}
            data = message["_public"] = encoder.encode({**wire(message), "data": shown})
        return bytes(data)
    data = message.get("_wire")
    if data is None:
        data = message["_wire"] = encoder.encode(wire(message))
    return bytes(data)
