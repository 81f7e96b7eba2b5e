"""Custom order command: TakeCustomOrder (the specification, price, deposit, due time).
Cancelling one goes through `commands.order_status.change_order_status`."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates
from commands.orders import numbers
from commands.settings import settings_of
from commands.shifts import own_shift
from oms.domain import custom
from oms.domain.customer import put_on_account
from oms.domain.order import Order, PaymentMethod
from oms.fields import Instant, Money, Percent, Reason, money


class TakeCustomOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    customer_id: UUID
    specification: Reason  # "Chocolate cake, 24 cm, 'Happy birthday Lea' in white"
    price: Money
    due_at: Instant
    tax_rate: Percent = "0"
    deposit: Money = "0"
    deposit_method: PaymentMethod = "cash"
    fulfilment: Literal["pickup", "delivery"] = "pickup"
    shift_id: UUID | None = None  # a cash deposit goes into this shift's drawer


def take_custom_order(app: Aggregates, actor: str, cmd: TakeCustomOrder, prefix: str,
                      every_shift: bool = False) -> Written[Order]:
    customer = customer_of(app, cmd.customer_id)
    shift = own_shift(app, cmd.shift_id, actor, every_shift) if cmd.shift_id else None
    sequence = numbers(app, prefix)
    deposit = money(cmd.deposit)
    order = custom.take(
        number=sequence.next_number(), customer_id=customer.order_ref, specification=cmd.specification,
        price=money(cmd.price), tax_rate=Decimal(cmd.tax_rate), deposit=deposit, method=cmd.deposit_method,
        due_at=cmd.due_at, fulfilment=cmd.fulfilment, settings=settings_of(app), shift=shift,
        now=datetime.now(UTC), actor=actor)
    if deposit and cmd.deposit_method == "account":
        put_on_account(customer, order.id, deposit, actor)
    return saved(app, order, order, sequence, customer, *([shift] if shift else []))
