"""Order: lines, totals, lifecycle and payments (placing one, with its stock: `ordering`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, get_args
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import AmountNotPositive, InvalidTransition, OrderCancelled, Overpayment

OPEN = ("placed", "confirmed", "picked")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "placed": ("confirmed", "cancelled"),
    "confirmed": ("picked", "cancelled"),
    "picked": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
MAX_ORDER_TOTAL = Decimal("9999999999.99")  # the most the books (numeric(12,2) columns) can hold
PaymentMethod = Literal["cash", "card", "other"]
PAYMENT_METHODS: tuple[str, ...] = get_args(PaymentMethod)
Status = Literal["placed", "confirmed", "picked", "shipped", "delivered", "cancelled"]


def line_total(line: dict[str, Any]) -> Decimal:
    return Decimal(line["net"]) + Decimal(line["tax"])


def order_sums(lines: list[dict[str, Any]]) -> tuple[Decimal, Decimal, Decimal]:
    """An order's subtotal, tax and total from its lines: the one place they are worked out
    (the aggregate, the OrderList read model and the live feed all take them from here)."""
    subtotal = sum((Decimal(line["net"]) for line in lines), Decimal("0.00"))
    tax = sum((Decimal(line["tax"]) for line in lines), Decimal("0.00"))
    return subtotal, tax, subtotal + tax


def payment_status(paid: Decimal, total: Decimal) -> str:
    """`paid` once payments cover the total (a free order is paid at once)."""
    return "paid" if paid >= total else "pending"


class Order(Aggregate):
    mutable = ("payments",)

    @event("Placed")
    def __init__(
        self,
        *,
        number: str,
        channel: str,
        lines: list[dict[str, Any]],
        customer_id: str | None,
        fulfilment: str | None,
        note: str | None,
        actor: str,
    ) -> None:
        self.number = number
        self.channel = channel
        self.lines = lines
        self.customer_id = customer_id
        self.fulfilment = fulfilment
        self.note = note
        self.placed_by = actor
        self.status = "placed"
        self.payments: list[dict[str, Any]] = []
        # Lines never change once placed: their sums are worked out once.
        self.subtotal, self.tax, self.total = order_sums(lines)

    @property
    def paid(self) -> Decimal:
        return sum((Decimal(p["amount"]) for p in self.payments), Decimal("0.00"))

    @property
    def balance_due(self) -> Decimal:
        return self.total - self.paid

    @property
    def payment_status(self) -> str:
        return payment_status(self.paid, self.total)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def quantities(self) -> dict[str, int]:
        return {line["product_id"]: line["quantity"] for line in self.lines}

    def change_status(self, status: str, note: str | None, actor: str) -> None:
        if status not in TRANSITIONS.get(self.status, ()):
            raise InvalidTransition(
                f"an order that is {self.status} cannot become {status}",
                order_id=str(self.id), status=self.status, requested=status,
                allowed=list(TRANSITIONS.get(self.status, ())),
            )
        self._change_status(status=status, previous=self.status, note=note, actor=actor)

    @event("StatusChanged")
    def _change_status(self, status: str, previous: str, note: str | None, actor: str) -> None:
        self.status = status

    def record_payment(self, method: str, amount: Decimal, actor: str) -> None:
        if method not in PAYMENT_METHODS:
            raise ValueError(f"unknown payment method {method!r}")
        if self.status == "cancelled":
            raise OrderCancelled("a cancelled order takes no payments", order_id=str(self.id))
        if amount <= 0:
            raise AmountNotPositive("a payment must be positive", amount=str(amount))
        if amount > self.balance_due:
            raise Overpayment(
                "the payment exceeds the balance due",
                amount=str(amount), balance_due=str(self.balance_due),
            )
        self._record_payment(method=method, amount=amount, actor=actor)

    @event("PaymentRecorded")
    def _record_payment(self, method: str, amount: Decimal, actor: str) -> None:
        self.payments.append({"method": method, "amount": amount})


class OrderNumbers(Aggregate):
    """The gap-free sequence of order numbers; saved with each order it numbers."""

    @classmethod
    def create_id(cls, *, prefix: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"oms:order-numbers:{prefix}")

    @event("Started")
    def __init__(self, *, prefix: str) -> None:
        self.prefix = prefix
        self.last = 0

    def next_number(self) -> str:
        self._issue(number=self.last + 1)
        return f"{self.prefix}-{self.last:06d}"

    @event("Issued")
    def _issue(self, number: int) -> None:
        self.last = number
