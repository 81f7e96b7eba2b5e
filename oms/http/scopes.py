"""Ownership scopes: what a caller whose permission reaches only their own objects may see
or touch (a customer their orders, a cashier their shifts). Others' objects are 404."""

from __future__ import annotations

from uuid import UUID

from aiohttp import web

from oms.domain.errors import NotFound
from oms.domain.order import Order
from oms.history import read_state
from oms.http.keys import STORE
from oms.http.permissions import actor_of, principal_of, scope_of


def own_customer_id(request: web.Request) -> str | None:
    """The caller, when this route's permission is theirs for their own orders only."""
    return str(principal_of(request).user_id) if scope_of(request) == "own" else None


async def check_visible(request: web.Request, order_id: UUID) -> None:
    """404 for an order the caller may not see (no existence leak)."""
    customer = own_customer_id(request)
    if customer is not None:
        order = await read_state(request.app[STORE], Order, order_id, "order")
        if order.customer_id != customer:
            raise NotFound("order not found")


def own_cashier(request: web.Request) -> str | None:
    """For reading shifts: the caller, when `shifts.read` is theirs for their own shifts only."""
    return actor_of(request) if scope_of(request) == "own" else None
