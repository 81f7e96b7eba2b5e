"""Order: lines, totals, lifecycle and payments (placing one, with its stock: `ordering`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, get_args
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import (
    AmountNotPositive,
    InvalidTransition,
    NotHandedOver,
    NothingToUndo,
    OrderCancelled,
    OrderTooLarge,
    Overpayment,
    PaymentDue,
    RefundExceedsSale,
    ShiftRequired,
)
from oms.domain.money import cents

OPEN = ("placed", "confirmed", "picked")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "placed": ("confirmed", "cancelled"),
    "confirmed": ("picked", "cancelled"),
    "picked": ("shipped", "delivered", "cancelled"),  # delivered from picked: a pickup collected
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}
MAX_ORDER_TOTAL = Decimal("9999999999.99")  # the most the books (numeric(12,2) columns) can hold
PaymentMethod = Literal["cash", "card", "other", "account"]  # account: charged to the customer
PAYMENT_METHODS: tuple[str, ...] = get_args(PaymentMethod)
RefundTender = Literal["original", "cash"]
HANDED_OVER = ("shipped", "delivered")
ZERO = Decimal("0.00")
Status = Literal["placed", "confirmed", "picked", "shipped", "delivered", "cancelled"]


def line_total(line: dict[str, Any]) -> Decimal:
    return Decimal(line["net"]) + Decimal(line["tax"])


def line_discount(line: dict[str, Any]) -> Decimal:
    return Decimal(line.get("discount", "0.00"))  # lines placed before discounts have none


def order_sums(lines: list[dict[str, Any]]) -> tuple[Decimal, Decimal, Decimal]:
    """An order's subtotal, tax and total from its lines: the one place they are worked out
    (the aggregate, the OrderList read model and the live feed all take them from here)."""
    subtotal = sum((Decimal(line["net"]) for line in lines), Decimal("0.00"))
    tax = sum((Decimal(line["tax"]) for line in lines), Decimal("0.00"))
    return subtotal, tax, subtotal + tax


def check_total(total: Decimal) -> None:
    """An order's total fits the books."""
    if total > MAX_ORDER_TOTAL:
        raise OrderTooLarge(f"an order's total is at most {MAX_ORDER_TOTAL}", total=str(total))


def placed_status(sale: dict[str, Any] | None) -> str:
    """Where an order starts: a POS sale (`sale`) is paid and handed over as it is placed."""
    return "delivered" if sale else "placed"


def payment_status(paid: Decimal, total: Decimal) -> str:
    """`paid` once payments cover the total (a free order is paid at once)."""
    return "paid" if paid >= total else "pending"


def paid_by_method(payments: list[dict[str, Any]]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for payment in payments:
        sums[payment["method"]] = sums.get(payment["method"], ZERO) + Decimal(payment["amount"])
    return sums


def refund_tenders(amount: Decimal, tender: str, paid: dict[str, Decimal], refunded: dict[str, Decimal],
                   ) -> dict[str, Decimal]:
    """Where refunded money goes: all in cash, or back to the tenders the order was paid
    with (card and other first, then cash), each up to what it paid less earlier refunds."""
    if tender == "cash":
        return {"cash": amount}
    out: dict[str, Decimal] = {}
    for method in sorted(paid, key=lambda m: m == "cash"):
        share = min(amount, paid[method] - refunded.get(method, ZERO))
        if share > 0:
            out[method] = share
            amount -= share
    return out


class Order(Aggregate):
    mutable = ("payments", "refunds", "refunded_units", "refunded_amounts")

    class Placed(Aggregate.Created):
        """Version 2 carries `sale`, `payments` and `pickup_at` always (None when none)."""

        class_version = 2
        number: str
        channel: str
        lines: list[dict[str, Any]]
        customer_id: str | None
        fulfilment: str | None
        note: str | None
        actor: str
        sale: dict[str, Any] | None
        payments: list[dict[str, Any]] | None
        pickup_at: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Orders placed before POS sales and pickup times existed have none."""
            for name in ("sale", "payments", "pickup_at"):
                state.setdefault(name, None)

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
        sale: dict[str, Any] | None = None,
        payments: list[dict[str, Any]] | None = None,
        pickup_at: str | None = None,
    ) -> None:
        """`sale` and `payments`: a POS sale, paid and handed over as it is placed (see
        `selling`); orders placed before POS sales existed have neither. `pickup_at`: when
        an online order is to be collected or delivered (ISO 8601, UTC)."""
        self.number = number
        self.channel = channel
        self.lines = lines
        self.customer_id = customer_id
        self.fulfilment = fulfilment
        self.note = note
        self.placed_by = actor
        self.status = placed_status(sale)
        self.payments: list[dict[str, Any]] = list(payments or [])
        self.refunds: list[dict[str, Any]] = []
        self.refunded_units: dict[int, int] = {}  # line number -> units refunded
        self.refunded_amounts: dict[int, Decimal] = {}  # line number -> money refunded
        self.pickup_at = pickup_at
        self.sale = sale  # a POS sale's invoice number, shift, register, change due, sold_at, discount
        self.reprints = 0
        self.steps: tuple[tuple[str, str], ...] = ()  # status changes (from, to), the last one undoable
        # Lines never change once placed: their sums are worked out once.
        self.subtotal, self.tax, self.total = order_sums(lines)

    @property
    def paid(self) -> Decimal:
        return sum((Decimal(p["amount"]) for p in self.payments), Decimal("0.00"))

    @property
    def balance_due(self) -> Decimal:
        return self.total - self.paid

    @property
    def refunded(self) -> Decimal:
        return sum((Decimal(r["amount"]) for r in self.refunds), ZERO)

    @property
    def payment_status(self) -> str:
        return payment_status(self.paid, self.total)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def goods_total(self) -> Decimal:
        """The total of the catalog's goods in the order (not a delivery fee or a quick sale)."""
        return order_sums([line for line in self.lines if line["product_id"] is not None])[2]

    def quantities(self) -> dict[str, int]:
        """Units per catalog product (quick-sell lines have none)."""
        units: dict[str, int] = {}
        for line in self.lines:
            if line["product_id"] is not None:
                units[line["product_id"]] = units.get(line["product_id"], 0) + line["quantity"]
        return units

    def next_statuses(self) -> tuple[str, ...]:
        """Where the order may go from here: a delivery leaves the shop (shipped) before it
        is delivered; a pickup is collected (delivered) once ready, or shipped as before."""
        allowed = TRANSITIONS.get(self.status, ())
        if self.status == "picked" and self.fulfilment == "delivery":
            return tuple(s for s in allowed if s != "delivered")
        return allowed

    def hands_over(self, status: str) -> bool:
        """Whether moving to `status` hands the goods over (they leave the shop)."""
        return status == "shipped" or (status == "delivered" and self.status == "picked")

    def change_status(self, status: str, note: str | None, actor: str) -> None:
        if status not in self.next_statuses():
            raise InvalidTransition(
                f"an order that is {self.status} cannot become {status}",
                order_id=str(self.id), status=self.status, requested=status, allowed=list(self.next_statuses()),
            )
        if self.hands_over(status) and self.balance_due > 0:
            raise PaymentDue("take what is due, or charge the customer's account, before handing the order over",
                             order_id=str(self.id), balance_due=str(self.balance_due))
        self._change_status(status=status, previous=self.status, note=note, actor=actor)

    def last_step(self) -> tuple[str, str]:
        """The order's last status change that may be taken back: (from, to)."""
        steps = [s for s in self.steps if s[1] != "cancelled"]
        if not steps or steps[-1][1] != self.status or self.status == "cancelled":
            raise NothingToUndo(f"an order that is {self.status} has no step to take back", order_id=str(self.id),
                                status=self.status)
        return steps[-1]

    def undo_status(self, reason: str, actor: str) -> tuple[str, str]:
        """Take back the last step (a mistaken tap on the board); answer (from, to) as it was."""
        previous, status = self.last_step()
        self._undo_status(status=previous, undone=status, reason=reason, actor=actor)
        return previous, status

    @event("StatusChangeUndone")
    def _undo_status(self, status: str, undone: str, reason: str, actor: str) -> None:
        self.status = status
        self.steps = self.steps[:-1]

    @event("StatusChanged")
    def _change_status(self, status: str, previous: str, note: str | None, actor: str) -> None:
        self.status = status
        self.steps = (*self.steps, (previous, status))

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


    # -- refunds ----------------------------------------------------------------------
    def refund(self, units: dict[int, int], tender: str, reason: str, restock: bool, shift_id: str | None,
               actor: str) -> dict[str, Any]:
        """Refund `units` (line number -> units) of handed-over goods; answer the refund."""
        if self.status not in HANDED_OVER:
            raise NotHandedOver(f"an order that is {self.status} is cancelled, not refunded",
                                order_id=str(self.id), status=self.status)
        lines = [self.refund_line(number, quantity) for number, quantity in sorted(units.items())]
        amount = sum((line["amount"] for line in lines), ZERO)
        if amount > self.paid - self.refunded:
            raise RefundExceedsSale("the refund exceeds what was paid", amount=str(amount),
                                    refundable=str(self.paid - self.refunded))
        tenders = self.tenders_for(amount, tender)
        if shift_id is None and tenders.get("cash"):
            raise ShiftRequired("a cash refund is paid from an open shift's drawer: give shift_id")
        refund = {"lines": lines, "amount": amount, "reason": reason, "restock": restock, "shift_id": shift_id,
                  "tenders": tenders}
        self._refund(refund=refund, actor=actor)
        return refund

    def tenders_for(self, amount: Decimal, tender: str) -> dict[str, Decimal]:
        """Where `amount` of refunded money goes (`refund_tenders`), counting earlier refunds."""
        refunded = paid_by_method([{"method": m, "amount": a} for r in self.refunds for m, a in r["tenders"].items()])
        return refund_tenders(amount, tender, paid_by_method(self.payments), refunded)

    def return_payments(self, reason: str, shift_id: str | None, actor: str) -> dict[str, Any]:
        """Give back everything paid and not yet refunded, to its tenders, no goods involved
        (a custom order's deposit on cancelling); answer the refund."""
        amount = self.paid - self.refunded
        refund = {"lines": [], "amount": amount, "reason": reason, "restock": False, "shift_id": shift_id,
                  "tenders": self.tenders_for(amount, "original")}
        self._refund(refund=refund, actor=actor)
        return refund

    def lines_of(self, product_id: str, quantity: int) -> dict[int, int]:
        """`quantity` units of a product, taken from its lines in order (line number -> units)."""
        units: dict[int, int] = {}
        for number, line in enumerate(self.lines, start=1):
            if line["product_id"] == product_id and quantity > 0:
                take = min(quantity, line["quantity"] - self.refunded_units.get(number, 0))
                if take > 0:
                    units[number], quantity = take, quantity - take
        if quantity > 0:
            raise RefundExceedsSale("more units than were sold and not yet refunded", product_id=product_id,
                                    beyond=quantity)
        return units

    def refund_line(self, number: int, quantity: int) -> dict[str, Any]:
        if not 1 <= number <= len(self.lines):
            raise RefundExceedsSale(f"the order has no line {number}", line=number)
        line = self.lines[number - 1]
        left = line["quantity"] - self.refunded_units.get(number, 0)
        if quantity <= 0 or quantity > left:
            raise RefundExceedsSale(f"only {left} of {line['name']} can be refunded", line=number,
                                    requested=quantity, refundable=left)
        money_left = line_total(line) - self.refunded_amounts.get(number, ZERO)
        amount = money_left if quantity == left else min(cents(line_total(line) * quantity / line["quantity"]),
                                                          money_left)
        return {"line": number, "product_id": line["product_id"], "quantity": quantity, "amount": amount}

    def reprint_receipt(self, actor: str) -> None:
        """A reprint is marked DUPLICATE and kept in the order's history."""
        self._reprint(actor=actor)

    @event("ReceiptReprinted")
    def _reprint(self, actor: str) -> None:
        self.reprints += 1

    @event("Refunded")
    def _refund(self, refund: dict[str, Any], actor: str) -> None:
        self.refunds.append(refund)
        for line in refund["lines"]:
            number = line["line"]
            self.refunded_units[number] = self.refunded_units.get(number, 0) + line["quantity"]
            self.refunded_amounts[number] = self.refunded_amounts.get(number, ZERO) + Decimal(line["amount"])


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
