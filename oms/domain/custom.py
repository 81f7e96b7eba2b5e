"""Custom orders: the cake that must be ready Saturday 10:00. One line priced by hand,
the specification as its note, due at a time the shop is open, a deposit taken with its
tender; then the normal lifecycle on the board, the balance paid at pickup. Cancelling
after a deposit keeps it or gives it back, as the settings say (`deposit_on_cancel`)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from oms.domain.customer import Customer
from oms.domain.errors import AmountNotPositive, DueInThePast, Overpayment, ShiftRequired
from oms.domain.order import Order, check_total, order_sums
from oms.domain.selling import SaleItem, price_lines
from oms.domain.settings import Settings
from oms.domain.shift import Shift

NAME_LENGTH = 60


def take(*, number: str, customer_id: str | None, specification: str, price: Decimal, tax_rate: Decimal,
         deposit: Decimal, method: str, due_at: datetime, fulfilment: str, settings: Settings,
         shift: Shift | None, now: datetime, actor: str) -> Order:
    """The order, its deposit taken (cash into `shift`'s drawer)."""
    settings.check_service("custom_orders")
    settings.check_tax_rate(tax_rate)
    if due_at <= now:
        raise DueInThePast("a custom order is due in the future", due_at=due_at.isoformat())
    settings.check_open(settings.local(due_at))
    name = specification.strip().splitlines()[0][:NAME_LENGTH]
    lines = price_lines([SaleItem(quantity=1, name=name, price=price, tax_rate=tax_rate)], None,  # as quick sell
                        settings["prices_include_tax"])
    _, _, total = order_sums(lines)
    check_total(total)
    if deposit < 0:
        raise AmountNotPositive("a deposit cannot be negative", amount=str(deposit))
    if deposit > total:
        raise Overpayment("the deposit exceeds the price", amount=str(deposit), total=str(total))
    if deposit and method == "cash":
        if shift is None:
            raise ShiftRequired("a cash deposit goes into the drawer of an open shift: give shift_id")
        shift.check_open()
    order = Order(number=number, channel="custom", lines=lines, customer_id=customer_id, fulfilment=fulfilment,
                  note=specification, actor=actor, sale=None, pickup_at=due_at.astimezone(UTC).isoformat(),
                  payments=[{"method": method, "amount": deposit}] if deposit else None)
    if deposit and method == "cash" and shift is not None:
        shift.move_cash("in", deposit, f"deposit {number}", actor)
    return order


def returns_deposit(order: Order, settings: Settings) -> bool:
    """Whether cancelling `order` gives money back: a custom order holding a deposit,
    when the settings say deposits are refunded (else the shop keeps it)."""
    return order.channel == "custom" and order.paid > order.refunded and settings["deposit_on_cancel"] == "refund"


def deposit_back(order: Order, shift: Shift | None, customer: Customer | None, actor: str) -> dict[str, Any]:
    """Give a cancelled custom order's deposit back to its tenders: cash from `shift`'s
    drawer, an account charge back to `customer`; answer the refund."""
    tenders = order.tenders_for(order.paid - order.refunded, "original")
    if tenders.get("cash") and shift is None:
        raise ShiftRequired("the deposit goes back in cash from an open shift: give shift_id")
    refund = order.return_payments("deposit returned on cancelling", str(shift.id) if shift else None, actor)
    if shift is not None:
        shift.record_refund({"order_id": str(order.id), "amount": refund["amount"], "tenders": tenders}, actor)
    if tenders.get("account"):
        assert customer is not None, "an order paid on account names its customer"
        customer.credit(order.id, tenders["account"], actor)
    return refund
