"""What a receipt says about an order: its lines, discounts, tax per rate, tenders and
change, refunds. Shop details, the cashier's name and local time are the printer's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from oms.domain.order import Order, line_discount, line_total

ZERO = Decimal("0.00")


def tax_by_rate(lines: list[dict[str, Any]]) -> list[dict[str, Decimal]]:
    """Net and tax per tax rate, lowest rate first (the breakdown tax offices ask for)."""
    rates: dict[Decimal, dict[str, Decimal]] = {}
    for line in lines:
        row = rates.setdefault(Decimal(line["tax_rate"]), {"net": ZERO, "tax": ZERO})
        row["net"] += Decimal(line["net"])
        row["tax"] += Decimal(line["tax"])
    return [{"rate": rate, **sums} for rate, sums in sorted(rates.items())]


def tendered(payments: list[dict[str, Any]], change: Decimal | None) -> list[dict[str, Any]]:
    """What the customer handed over: the cash taken plus the change given back."""
    out = [{"method": p["method"], "amount": Decimal(p["amount"])} for p in payments]
    for payment in out:
        if payment["method"] == "cash" and change:
            payment["amount"] += Decimal(change)
            break
    return out


def receipt(order: Order) -> dict[str, Any]:
    sale = order.sale or {}
    return {
        "number": sale.get("invoice_number") or order.number,
        "lines": [{"name": line["name"], "quantity": line["quantity"], "unit_price": Decimal(line["unit_price"]),
                   "discount": line_discount(line), "total": line_total(line)} for line in order.lines],
        "discount": sum((line_discount(line) for line in order.lines), ZERO),
        "taxes": tax_by_rate(order.lines),
        "subtotal": order.subtotal, "tax": order.tax, "total": order.total,
        "payments": tendered(order.payments, sale.get("change_due")),
        "change_due": sale.get("change_due"),
        "refunds": [{"amount": Decimal(r["amount"]), "reason": r["reason"]} for r in order.refunds],
        "register": sale.get("register"),
    }
