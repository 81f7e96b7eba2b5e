"""/pos/sales: a sale at the counter, paid and handed over at once (see `oms.domain.selling`)."""

from __future__ import annotations

from aiohttp import web

from commands.sales import RecordSale, record_sale
from oms.http import answers
from oms.http.codec import read
from oms.http.keys import BUS, CONFIG
from oms.http.openapi import schema
from oms.http.permissions import actor_of, principal_of, requires
from oms.http.render import answer, order_json
from oms.http.routes.shifts import shift_keeper

routes = web.RouteTableDef()


@routes.post("/api/v1/pos/sales")
@requires("pos.sell")
@schema(body=RecordSale, answer=answers.Order, status=201)
async def sell(request: web.Request) -> web.Response:
    cmd = await read(request, RecordSale)
    result = await request.app[BUS].run(record_sale, actor_of(request), principal_of(request).role, cmd,
                                        request.app[CONFIG].order_prefix, shift_keeper(request))
    return answer(result, order_json, status=201)
