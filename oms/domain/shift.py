"""Shift: a cashier's session on a register and its cash drawer; Register: one open shift
at a time, and the invoice series its sales are numbered in.

A shift's X report (any time) and Z report (once closed) are worked out by
`shift_report` from the shift's events alone: nothing editable holds a total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import AmountNotPositive, InsufficientCash, NotFound, ShiftAlreadyOpen, ShiftNotOpen
from oms.domain.order import PAYMENT_METHODS

CashKind = Literal["in", "out"]
TENDERS = PAYMENT_METHODS  # account: what the customers took on their accounts
ZERO = Decimal("0.00")


class Totals:
    """Running sums of sales or refunds: count, amount, per tender (and tax, discounts)."""

    __slots__ = ("amount", "by_tender", "count", "discount", "tax")

    def __init__(self) -> None:
        self.count, self.amount, self.tax, self.discount = 0, ZERO, ZERO, ZERO
        self.by_tender = dict.fromkeys(TENDERS, ZERO)

    def add(self, amount: Any, tenders: dict[str, Any], tax: Any = ZERO, discount: Any = ZERO) -> Totals:
        """A copy with one more sale or refund: copies of the shift share their Totals
        until one of them changes."""
        out = Totals()
        out.count, out.amount = self.count + 1, self.amount + Decimal(amount)
        out.tax, out.discount = self.tax + Decimal(tax), self.discount + Decimal(discount)
        out.by_tender = dict(self.by_tender)
        for method, value in tenders.items():
            out.by_tender[method] += Decimal(value)
        return out


class Shift(Aggregate):
    mutable = ("movements",)

    @event("Opened")
    def __init__(self, *, register: str, opening_float: Decimal, cashier: str, actor: str,
                 series: str | None) -> None:
        """`series`: the register's own invoice series when the shift opened (None: the
        store's); a series set later applies from the register's next shift."""
        self.register = register
        self.series = series
        self.opening_float = opening_float
        self.cashier = cashier
        self.status = "open"
        self.movements: list[dict[str, Any]] = []
        self.sales = Totals()  # replaced, never changed in place: copies of the shift share it
        self.refunds = Totals()
        self.counted_cash: Decimal | None = None
        self.closed_by: str | None = None

    @property
    def expected_cash(self) -> Decimal:
        """What the drawer should hold: the float, cash taken (less change), cash in and out,
        cash refunded."""
        moved = sum((Decimal(m["amount"]) * (1 if m["kind"] == "in" else -1) for m in self.movements), ZERO)
        return self.opening_float + self.sales.by_tender["cash"] - self.refunds.by_tender["cash"] + moved

    def check_drawer(self, actor: str, every_shift: bool) -> None:
        """The drawer rule: a shift's money moves (sales, payments, refunds, deposits, cash in
        and out, closing) by its own cashier, or by someone who manages every shift
        (`every_shift`); to anyone else there is no such shift."""
        if not every_shift and self.cashier != actor:
            raise NotFound("shift not found")

    def check_open(self) -> None:
        if self.status != "open":
            raise ShiftNotOpen("the shift is closed", shift_id=str(self.id))

    def check_cash(self, amount: Decimal) -> None:
        if amount > self.expected_cash:
            raise InsufficientCash("the drawer does not hold that much cash", amount=str(amount),
                                   expected_cash=str(self.expected_cash))

    def move_cash(self, kind: CashKind, amount: Decimal, reason: str, actor: str) -> None:
        self.check_open()
        if amount <= 0:
            raise AmountNotPositive("a cash movement must be positive", amount=str(amount))
        if kind == "out":
            self.check_cash(amount)
        self._move_cash(kind=kind, amount=amount, reason=reason, actor=actor)

    @event("CashMoved")
    def _move_cash(self, kind: str, amount: Decimal, reason: str, actor: str) -> None:
        self.movements.append({"kind": kind, "amount": amount, "reason": reason, "actor": actor})

    def record_sale(self, sale: dict[str, Any], actor: str) -> None:
        """`sale`: order_id, invoice_number, total, tax, discount, tenders (cash net of change)."""
        self.check_open()
        self._record_sale(sale=sale, actor=actor)

    @event("SaleRecorded")
    def _record_sale(self, sale: dict[str, Any], actor: str) -> None:
        self.sales = self.sales.add(sale["total"], sale["tenders"], sale["tax"], sale["discount"])

    def record_refund(self, refund: dict[str, Any], actor: str) -> None:
        """`refund`: order_id, amount, tenders; its cash leaves this drawer."""
        self.check_open()
        self.check_cash(Decimal(refund["tenders"].get("cash", ZERO)))
        self._record_refund(refund=refund, actor=actor)

    @event("RefundRecorded")
    def _record_refund(self, refund: dict[str, Any], actor: str) -> None:
        self.refunds = self.refunds.add(refund["amount"], refund["tenders"])

    def close(self, counted_cash: Decimal, actor: str) -> None:
        self.check_open()
        self._close(counted_cash=counted_cash, actor=actor)

    @event("Closed")
    def _close(self, counted_cash: Decimal, actor: str) -> None:
        self.status = "closed"
        self.counted_cash = counted_cash
        self.closed_by = actor


def shift_report(shift: Shift) -> dict[str, Any]:
    """The X report of an open shift, the Z report of a closed one."""
    sales, refunds = shift.sales, shift.refunds
    cash_in = sum((Decimal(m["amount"]) for m in shift.movements if m["kind"] == "in"), ZERO)
    cash_out = sum((Decimal(m["amount"]) for m in shift.movements if m["kind"] == "out"), ZERO)
    expected = shift.expected_cash
    counted = shift.counted_cash
    return {
        "kind": "Z" if shift.status == "closed" else "X",
        "sales_count": sales.count,
        "sales_total": sales.amount,
        "tax": sales.tax,
        "discounts": sales.discount,
        "sales_by_tender": sales.by_tender,
        "refunds_count": refunds.count,
        "refunds_total": refunds.amount,
        "refunds_by_tender": refunds.by_tender,
        "cash_in": cash_in,
        "cash_out": cash_out,
        "opening_float": shift.opening_float,
        "expected_cash": expected,
        "counted_cash": counted,
        "variance": None if counted is None else counted - expected,
    }


class Register(Aggregate):
    """A till, by name: the shift open on it, and its own invoice series if it has one
    (else its sales take the store's)."""

    @classmethod
    def create_id(cls, *, name: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"oms:register:{name}")

    @event("Started")
    def __init__(self, *, name: str) -> None:
        self.name = name
        self.series: str | None = None
        self.shift_id: str | None = None

    def open(self, shift_id: UUID) -> None:
        if self.shift_id is not None:
            raise ShiftAlreadyOpen(f"register {self.name} already has an open shift",
                                   register=self.name, shift_id=self.shift_id)
        self._open(shift_id=str(shift_id))

    @event("ShiftOpened")
    def _open(self, shift_id: str) -> None:
        self.shift_id = shift_id

    def release(self, shift_id: UUID) -> None:
        if self.shift_id == str(shift_id):
            self._release(shift_id=str(shift_id))

    @event("ShiftClosed")
    def _release(self, shift_id: str) -> None:
        self.shift_id = None

    def set_series(self, series: str | None, actor: str) -> None:
        if series != self.series:
            self._set_series(series=series, actor=actor)

    @event("SeriesSet")
    def _set_series(self, series: str | None, actor: str) -> None:
        self.series = series


def open_shift(register: Register, opening_float: Decimal, cashier: str, actor: str) -> Shift:
    if opening_float < 0:
        raise AmountNotPositive("the opening float cannot be negative", amount=str(opening_float))
    if register.shift_id is not None:
        register.open(UUID(register.shift_id))  # refuses, naming the open shift
    shift = Shift(register=register.name, opening_float=opening_float, cashier=cashier, actor=actor,
                  series=register.series)
    register.open(shift.id)
    return shift


def close_shift(shift: Shift, register: Register, counted_cash: Decimal, actor: str) -> None:
    shift.close(counted_cash, actor)
    register.release(shift.id)
