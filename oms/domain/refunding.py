"""A refund spans the order (what was sold and paid), the refunding cashier's shift
(cash leaves its drawer) and, when the goods go back on the shelf, their products."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oms.domain.customer import Customer
from oms.domain.order import Order
from oms.domain.product import Product
from oms.domain.shift import Shift


def refund(order: Order, units: dict[int, int], *, tender: str, reason: str, restock: bool, shift: Shift | None,
           products: Mapping[str, Product], customer: Customer | None, actor: str) -> dict[str, Any]:
    """Refund `units` (line number -> units); `products`: the lines' products when restocking;
    `customer`: whose account an account sale's refund goes back to."""
    record = order.refund(units, tender, reason, restock, str(shift.id) if shift else None, actor)
    if shift is not None:
        shift.record_refund({"order_id": str(order.id), "amount": record["amount"], "tenders": record["tenders"]},
                            actor)
    if record["tenders"].get("account"):
        assert customer is not None, "an order paid on account names its customer"
        customer.credit(order.id, record["tenders"]["account"], actor)
    if restock:
        for line in record["lines"]:
            if line["product_id"] is not None:
                products[line["product_id"]].restock(order.id, line["quantity"], actor)
    return record
