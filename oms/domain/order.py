"""Order: lines, totals, lifecycle and payments; placing one reserves every line's stock."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import InsufficientStock, InvalidTransition, PaymentRefused
from oms.domain.money import cents, tax_on
from oms.domain.product import Product

OPEN = ("placed", "confirmed", "picked")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "placed": ("confirmed", "cancelled"),
    "confirmed": ("picked", "cancelled"),
    "picked": ("shipped", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
PAYMENT_METHODS = ("cash", "card", "other")


def price_line(product: Product, quantity: int) -> dict[str, Any]:
    net = cents(product.price * quantity)
    return {
        "product_id": str(product.id),
        "sku": product.sku,
        "name": product.name,
        "quantity": quantity,
        "unit_price": product.price,
        "tax_rate": product.tax_rate,
        "net": net,
        "tax": tax_on(net, product.tax_rate),
    }


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
        self.subtotal = sum((Decimal(line["net"]) for line in lines), Decimal("0.00"))
        self.tax = sum((Decimal(line["tax"]) for line in lines), Decimal("0.00"))
        self.total = self.subtotal + self.tax

    @property
    def paid(self) -> Decimal:
        return sum((Decimal(p["amount"]) for p in self.payments), Decimal("0.00"))

    @property
    def balance_due(self) -> Decimal:
        return self.total - self.paid

    @property
    def payment_status(self) -> str:
        return "paid" if self.paid >= self.total else "pending"

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
        if self.status == "cancelled":
            raise PaymentRefused("a cancelled order takes no payments", order_id=str(self.id))
        if amount <= 0:
            raise PaymentRefused("a payment must be positive", amount=str(amount))
        if amount > self.balance_due:
            raise PaymentRefused(
                "the payment exceeds the balance due",
                amount=str(amount), balance_due=str(self.balance_due),
            )
        self._record_payment(method=method, amount=amount, actor=actor)

    @event("PaymentRecorded")
    def _record_payment(self, method: str, amount: Decimal, actor: str) -> None:
        self.payments.append({"method": method, "amount": amount})


def place_order(
    *,
    number: str,
    channel: str,
    items: Sequence[tuple[Product, int]],
    customer_id: str | None = None,
    fulfilment: str | None = None,
    note: str | None = None,
    actor: str,
) -> Order:
    """All or nothing: every line's units are reserved, or nothing is and the shortages are named."""
    quantities: dict[UUID, int] = {}
    products: dict[UUID, Product] = {}
    for product, quantity in items:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        product.check_not_archived()
        quantities[product.id] = quantities.get(product.id, 0) + quantity
        products[product.id] = product
    short = [products[pid].shortage(q) for pid, q in quantities.items() if q > products[pid].available]
    if short:
        raise InsufficientStock("not enough stock for every line", lines=short)
    lines = [price_line(products[pid], q) for pid, q in quantities.items()]
    order = Order(
        number=number, channel=channel, lines=lines,
        customer_id=customer_id, fulfilment=fulfilment, note=note, actor=actor,
    )
    for pid, quantity in quantities.items():
        products[pid].reserve(order.id, quantity, actor)
    return order


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
