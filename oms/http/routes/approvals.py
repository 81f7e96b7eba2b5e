"""A manager approves a discount over the cashier's limit at the till: their own sign-in,
checked as a login is (failures counted per address and account), gives an approval the
cashier's next sales carry; each such sale records its approver (`discount_approved_by`)."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import msgspec
from aiohttp import web

from commands.settings import settings_of
from oms.auth.tokens import APPROVAL_SECONDS, approval
from oms.fields import line
from oms.history import read_user_named
from oms.http.codec import ok, read
from oms.http.errors import ApiError, too_many
from oms.http.keys import HASHER, LIMITER, STORE, TOKENS
from oms.http.openapi import schema
from oms.http.permissions import principal_of, requires

routes = web.RouteTableDef()


class ApproveDiscount(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    username: Annotated[str, line(1, 64)]
    password: Annotated[str, msgspec.Meta(max_length=128)]


class Approval(msgspec.Struct, frozen=True):
    approval: str
    approver_id: str
    approver_name: str
    limit_percent: str  # the approver's discount limit, which the cashier's sales may now give
    expires_in: int


@routes.post("/api/v1/pos/discount-approvals")
@requires("pos.sell")
@schema(body=ApproveDiscount, answer=Approval, status=201)
async def approve(request: web.Request) -> web.Response:
    """A manager's approval of discounts beyond the cashier's limit, given at this till by their sign-in"""
    cmd, cashier = await read(request, ApproveDiscount), principal_of(request)
    limiter, address = request.app[LIMITER], str(request.remote)
    too_many(await limiter.refused(address, cmd.username))
    manager = await read_user_named(request.app[STORE], cmd.username)
    matched = await request.app[HASHER].verify(cmd.password, manager.password_hash if manager else None)
    if manager is None or not matched or not manager.active:
        await limiter.failed(address, cmd.username)
        raise ApiError(403, "wrong_password", "that username and password do not approve discounts here")
    settings = await asyncio.to_thread(settings_of, request.app[STORE])
    limit = settings.discount_limit(manager.role)
    if manager.id == cashier.user_id or limit <= settings.discount_limit(cashier.role):
        raise ApiError(403, "cannot_approve", "approval needs someone whose discount limit is above yours",
                       limit_percent=str(limit))
    token = approval(request.app[TOKENS].secret, manager.id, manager.role, cashier.user_id)
    answer: dict[str, Any] = {"approval": token, "approver_id": str(manager.id),
                              "approver_name": manager.full_name or manager.username,
                              "limit_percent": format(limit.normalize(), "f"), "expires_in": APPROVAL_SECONDS}
    return ok(answer, 201)
