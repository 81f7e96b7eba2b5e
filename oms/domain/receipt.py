"""What a receipt says about an order: its lines, discounts, tax per rate, tenders and
change, refunds. Shop details, the cashier's name and local time are the printer's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from oms.domain.money import cents
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


def priced_with_tax(lines: list[dict[str, Any]]) -> bool:
    """Whether the order's prices included tax: with prices net of tax, each line's price
    times its quantity is its net and discount; with tax included, that holds for none
    that is taxed."""
    return any(cents(Decimal(line["unit_price"]) * line["quantity"]) != Decimal(line["net"]) + line_discount(line)
               for line in lines)


def receipt_line(line: dict[str, Any], gross: bool) -> dict[str, Any]:
    """A line as the receipt prints it: its amount and discount of the same kind as its
    price (both with tax when prices include it, both without otherwise)."""
    before = cents(Decimal(line["unit_price"]) * line["quantity"])
    total = line_total(line) if gross else Decimal(line["net"])
    return {"name": line["name"], "quantity": line["quantity"], "unit_price": Decimal(line["unit_price"]),
            "discount": before - total, "total": total}


def receipt(order: Order) -> dict[str, Any]:
    sale = order.sale or {}
    gross = priced_with_tax(order.lines)
    lines = [receipt_line(line, gross) for line in order.lines]
    return {
        "number": sale.get("invoice_number") or order.number,
        "prices_include_tax": gross,
        "lines": lines,
        "discount": sum((line["discount"] for line in lines), ZERO),
        "taxes": tax_by_rate(order.lines),
        "subtotal": order.subtotal, "tax": order.tax, "total": order.total,
        "payments": tendered(order.payments, sale.get("change_due")),
        "change_due": sale.get("change_due"),
        "refunds": [{"amount": Decimal(r["amount"]), "reason": r["reason"]} for r in order.refunds],
        "register": sale.get("register"),
    }
