"""/pos/sales: a sale at the counter, paid and handed over at once (see `oms.domain.selling`)."""

from __future__ import annotations

from aiohttp import web

from commands.sales import RecordSale, record_sale
from oms.auth.tokens import TokenError, check_approval
from oms.http import answers
from oms.http.codec import read
from oms.http.errors import ApiError
from oms.http.keys import BUS, CONFIG, TOKENS
from oms.http.openapi import schema
from oms.http.permissions import actor_of, every_shift, principal_of, requires
from oms.http.render import answer, order_json

routes = web.RouteTableDef()


@routes.post("/api/v1/pos/sales")
@requires("pos.sell")
@schema(body=RecordSale, answer=answers.Order, status=201)
async def sell(request: web.Request) -> web.Response:
    cmd, principal = await read(request, RecordSale), principal_of(request)
    approver = None
    if cmd.approval is not None:
        try:
            claims = check_approval(request.app[TOKENS].secret, cmd.approval, principal.user_id)
        except TokenError as exc:
            raise ApiError(403, "approval_invalid", f"the discount approval is not valid here ({exc})",
                           field="approval") from None
        approver = (str(claims.sub), claims.role)
    result = await request.app[BUS].run(record_sale, actor_of(request), principal.role, cmd,
                                        request.app[CONFIG].order_prefix, every_shift(request), approver)
    return answer(result, order_json, status=201)
