"""A product's stock movements: for each stock event, its cause, the change of the level,
what caused it and why. The ProductCatalog lists them per product (`stock_movements`),
the Reports read model sums them per store day (`report_stock`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from oms.domain.product import Product


class Movement(NamedTuple):
    cause: str
    delta: int
    reference: str | None = None  # the order or stock entry
    reason: str | None = None


MOVEMENTS: dict[type[Any], Callable[[Any], Movement]] = {
    Product.Created: lambda e: Movement("created", e.stock),
    Product.StockAdjusted: lambda e: Movement("adjusted", e.delta, reason=e.reason),
    Product.StockHandedOver: lambda e: Movement("handed_over", -e.quantity, e.order_id),
    Product.HandOverUndone: lambda e: Movement("hand_over_undone", e.quantity, e.order_id),
    Product.StockSold: lambda e: Movement("sold", e.shortfall - e.quantity, e.order_id),
    Product.StockReturned: lambda e: Movement("returned", e.quantity, e.order_id),
    Product.StockReceived: lambda e: Movement("received", e.quantity, e.entry_id),
    Product.StockCounted: lambda e: Movement("counted", e.counted - e.previous, reason=e.reason),
}


def movement(e: Any) -> Movement:
    return MOVEMENTS[type(e)](e)
