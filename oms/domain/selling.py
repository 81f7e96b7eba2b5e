"""A sale at the counter: priced lines with discounts, tenders and change, stock that
leaves at once, and the shift whose drawer takes the money.

Money: Decimal, rounded half up to cents once per line (its gross, its discount, its
tax). An order discount is shared over the lines in proportion to their net, rounded
per line, the odd cents on the largest line, so each line's tax stays right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from oms.domain.errors import (
    AmountNotPositive,
    DiscountLimit,
    PaymentShort,
    SoldOutsideShift,
    TenderExceedsDue,
)
from oms.domain.money import cents, tax_lines
from oms.domain.order import Order, check_total, order_sums
from oms.domain.product import Product, check_sellable
from oms.domain.settings import Settings
from oms.domain.shift import Shift

DiscountKind = Literal["percent", "amount"]
ZERO = Decimal("0.00")
CLOCK_SKEW = timedelta(minutes=5)  # a till's clock may be this far from the server's


@dataclass(frozen=True)
class Discount:
    kind: DiscountKind
    value: Decimal

    def on(self, amount: Decimal) -> Decimal:
        """The discount on `amount`, never more than it."""
        off = cents(amount * self.value / 100) if self.kind == "percent" else self.value
        return min(off, amount)


@dataclass(frozen=True)
class SaleItem:
    """A catalog line (`product`) or a quick-sell line (`name`, `price`, `tax_rate`)."""

    quantity: int
    product: Product | None = None
    name: str = ""
    price: Decimal = ZERO
    tax_rate: Decimal = ZERO
    discount: Discount | None = None


def price_lines(items: Sequence[SaleItem], discount: Discount | None, prices_include_tax: bool = False,
                ) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for item in items:
        product = item.product
        price = product.price if product else item.price
        gross = cents(price * item.quantity)
        off = item.discount.on(gross) if item.discount else ZERO
        lines.append({
            "product_id": str(product.id) if product else None, "sku": product.sku if product else None,
            "name": product.name if product else item.name, "quantity": item.quantity, "unit_price": price,
            "tax_rate": product.tax_rate if product else item.tax_rate, "discount": off, "net": gross - off,
        })
    if discount is not None:
        share_order_discount(lines, discount)
    tax_lines(lines, prices_include_tax)
    return lines


def share_order_discount(lines: list[dict[str, Any]], discount: Discount) -> None:
    subtotal = sum((line["net"] for line in lines), ZERO)
    off = discount.on(subtotal)
    if not off:
        return
    shares = [cents(off * line["net"] / subtotal) for line in lines]
    largest = max(range(len(lines)), key=lambda i: lines[i]["net"])
    shares[largest] += off - sum(shares, ZERO)
    for line, share in zip(lines, shares, strict=True):
        line["discount"] += share
        line["net"] -= share


def check_discount(lines: list[dict[str, Any]], role: str, settings: Settings,
                   approver: tuple[str, str] | None = None) -> tuple[Decimal, str | None]:
    """The sale's discount, if the seller's role may give it (a percent of the subtotal the
    settings give each role), or else the approving manager's; and who approved it, when
    it took their approval."""
    given = sum((line["discount"] for line in lines), ZERO)
    # Both in the kind the prices are in (with tax, or without): as the till entered it.
    gross = sum((cents(line["unit_price"] * line["quantity"]) for line in lines), ZERO)
    paid = sum((line["net"] + (line["tax"] if settings["prices_include_tax"] else ZERO) for line in lines), ZERO)
    off = gross - paid
    limit = settings.discount_limit(role)
    if not off or off * 100 <= gross * limit:
        return given, None
    wider = settings.discount_limit(approver[1]) if approver else limit
    if off * 100 > gross * wider:
        raise DiscountLimit(f"a {role} may give at most {limit}% off" + (f", and the approval {wider}%" if approver
                                                                          else ": a manager may approve more"),
                            discount=str(off), subtotal=str(gross), limit_percent=str(limit),
                            approved_percent=str(wider) if approver else None)
    return given, approver[0] if approver else None


def settle(total: Decimal, payments: Sequence[tuple[str, Decimal]]) -> tuple[list[dict[str, Any]], Decimal]:
    """The tenders as taken (cash net of change) and the change due. Tenders are taken in
    the order given; a card or other tender may not exceed what is left to pay."""
    left, cash = total, ZERO
    taken: dict[str, Decimal] = {}
    for method, amount in payments:
        if amount <= 0:
            raise AmountNotPositive("a payment must be positive", method=method, amount=str(amount))
        if method != "cash" and amount > max(left, ZERO):
            raise TenderExceedsDue(f"a {method} payment cannot exceed what is left to pay", method=method,
                                   amount=str(amount), left_to_pay=str(max(left, ZERO)))
        taken[method] = taken.get(method, ZERO) + amount
        cash += amount if method == "cash" else ZERO
        left -= amount
    if left > 0:
        raise PaymentShort("the payments do not cover the total", total=str(total), left_to_pay=str(left))
    change = -left
    if change:
        taken["cash"] -= change
    return [{"method": m, "amount": a} for m, a in taken.items() if a], change


def made_offline(sold_at: datetime | None, shift: Shift, now: datetime) -> bool:
    """Whether a sale was made earlier, by a till that was offline: `sold_at` must fall
    inside its shift (opened, still open, not after now, give or take `CLOCK_SKEW`)."""
    if sold_at is None:
        return False
    if shift.created_on - sold_at > CLOCK_SKEW or sold_at - now > CLOCK_SKEW:  # (differences never overflow)
        raise SoldOutsideShift("a sale's time falls while its shift is open, and not after now",
                               sold_at=sold_at.isoformat(), shift_opened_at=shift.created_on.isoformat(),
                               now=now.isoformat())
    return now - sold_at > CLOCK_SKEW


def sell(*, number: str, shift: Shift, items: Sequence[SaleItem], discount: Discount | None,
         payments: Sequence[tuple[str, Decimal]], customer_id: str | None, salesman_id: str | None,
         role: str, actor: str, sold_at: datetime | None, settings: Settings, now: datetime,
         approver: tuple[str, str] | None = None) -> Order:
    """Record a paid, handed-over sale. One made offline (`made_offline`) is recorded even
    beyond the stock the server knows of: the goods are gone (`Product.sell`)."""
    shift.check_open()
    offline = made_offline(sold_at, shift, now)
    lines = price_lines(items, discount, settings["prices_include_tax"])
    if any(item.product is None for item in items):
        settings.check_service("quick_sell")
    for item in items:
        if item.product is None:
            settings.check_tax_rate(item.tax_rate)
    given, approved_by = check_discount(lines, role, settings, approver)
    _, tax, total = order_sums(lines)
    check_total(total)
    tenders, change = settle(total, payments)
    products = {item.product.id: item.product for item in items if item.product is not None}
    units = dict.fromkeys(products, 0)
    for item in items:
        if item.product is not None:
            units[item.product.id] += item.quantity
    check_sellable(products, units, stock=not offline)
    sale = {"invoice_number": number, "shift_id": str(shift.id), "register": shift.register,
            "change_due": change, "sold_at": sold_at, "salesman_id": salesman_id, "discount": given,
            **({"discount_approved_by": approved_by} if approved_by else {})}
    order = Order(number=number, channel="pos", lines=lines, customer_id=customer_id, fulfilment=None,
                  note=None, actor=actor, sale=sale, payments=tenders, pickup_at=None)
    for pid, quantity in units.items():
        products[pid].sell(order.id, quantity, actor, offline=offline)
    shift.record_sale({"order_id": str(order.id), "invoice_number": number, "total": total, "tax": tax,
                       "discount": given, "tenders": {t["method"]: t["amount"] for t in tenders}}, actor)
    return order
