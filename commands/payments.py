"""Taking money for an order: RecordPayment, and the same payment taken as an order is
handed over (`commands.order_status`). Cash at the counter goes into the caller's open
drawer; an account payment is charged to the order's customer within their credit."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, load
from commands.shifts import own_shift
from oms.domain.customer import put_on_account
from oms.domain.order import Order, PaymentMethod
from oms.fields import Money, money


class RecordPayment(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: PaymentMethod
    amount: Money
    shift_id: UUID | None = None  # cash taken at the counter goes into this drawer (the drawer rule)


def take_payment(app: Aggregates, order: Order, cmd: RecordPayment, actor: str, every_shift: bool) -> list[Any]:
    """Record the payment on the order; answer what else it changed (the drawer, the account)."""
    amount = money(cmd.amount)
    order.record_payment(cmd.method, amount, actor)
    if cmd.method == "cash" and cmd.shift_id is not None:
        shift = own_shift(app, cmd.shift_id, actor, every_shift)
        shift.move_cash("in", amount, f"payment {order.number}", actor)
        return [shift]
    if cmd.method != "account":
        return []
    customer = customer_of(app, UUID(order.customer_id)) if order.customer_id else None
    put_on_account(customer, order.id, amount, actor)
    return [customer] if customer else []


def record_payment(app: Aggregates, actor: str, order_id: UUID, cmd: RecordPayment, every_shift: bool = False,
                   ) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    return saved(app, order, order, *take_payment(app, order, cmd, actor, every_shift))
