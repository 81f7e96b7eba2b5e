"""Refund command: RefundOrder (lines by product or by line number, to the original
tenders or in cash, optionally back on the shelf)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, load
from commands.shifts import own_shift
from oms.domain import refunding
from oms.domain.order import Order, RefundTender
from oms.domain.product import Product
from oms.fields import Quantity, Reason

ONE_WAY_TO_NAME_A_LINE = {"oneOf": [
    {"required": ["product_id"], "not": {"required": ["line"]}},
    {"required": ["line"], "not": {"required": ["product_id"]}},
]}


class RefundLine(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    """Units of a product (spread over its lines), or of one line by number (quick-sell lines)."""

    quantity: Quantity
    product_id: UUID | msgspec.UnsetType = msgspec.UNSET
    line: Annotated[int, msgspec.Meta(ge=1, le=200)] | msgspec.UnsetType = msgspec.UNSET

    def __post_init__(self) -> None:
        if (self.product_id is msgspec.UNSET) == (self.line is msgspec.UNSET):
            raise ValueError("a refund line names product_id or line, not both")


class RefundOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    lines: Annotated[list[Annotated[RefundLine, msgspec.Meta(extra_json_schema=ONE_WAY_TO_NAME_A_LINE)]],
                     msgspec.Meta(min_length=1, max_length=200)]
    reason: Reason
    restock: bool = False
    tender: RefundTender = "original"
    shift_id: UUID | None = None


def units_of(order: Order, lines: list[RefundLine]) -> dict[int, int]:
    units: dict[int, int] = {}
    for line in lines:
        taken = ({line.line: line.quantity} if isinstance(line.line, int)
                 else order.lines_of(str(line.product_id), line.quantity))
        for number, quantity in taken.items():
            units[number] = units.get(number, 0) + quantity
    return units


def refund_order(app: Aggregates, actor: str, order_id: UUID, cmd: RefundOrder, every_shift: bool = False,
                 ) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    shift = own_shift(app, cmd.shift_id, actor, every_shift) if cmd.shift_id else None
    units = units_of(order, cmd.lines)
    products = {pid: load(app, Product, UUID(pid), "product") for pid in {
        order.lines[n - 1]["product_id"] for n in units if 1 <= n <= len(order.lines)} if pid} if cmd.restock else {}
    customer = (customer_of(app, UUID(order.customer_id))
                if order.customer_id and any(p["method"] == "account" for p in order.payments) else None)
    refunding.refund(order, units, tender=cmd.tender, reason=cmd.reason, restock=cmd.restock, shift=shift,
                     products=products, customer=customer, actor=actor)
    return saved(app, order, order, *([shift] if shift else []), *products.values(), *([customer] if customer else []))
