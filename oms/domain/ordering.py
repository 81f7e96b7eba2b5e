"""The rules that span an order and its products: placing one reserves every line's
stock, all or nothing; cancelling releases it; shipping hands the goods over; a
customer orders for themselves, online."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from oms.domain.money import cents, tax_lines
from oms.domain.order import Order, check_total, order_sums
from oms.domain.product import Product, check_sellable


def price_line(product: Product, quantity: int) -> dict[str, Any]:
    """A line at the product's price, its tax still to set (`tax_lines`, over the whole order)."""
    return {"product_id": str(product.id), "sku": product.sku, "name": product.name, "quantity": quantity,
            "unit_price": product.price, "tax_rate": product.tax_rate, "net": cents(product.price * quantity)}


DELIVERY_SKU = "DELIVERY"


def delivery_line(fee: Decimal, tax_rate: Decimal) -> dict[str, Any]:
    """The delivery fee as a line of the order (no product: it moves no stock), taxed and
    counted like the goods in its totals, receipts and reports."""
    return {"product_id": None, "sku": DELIVERY_SKU, "name": "Delivery", "quantity": 1, "unit_price": fee,
            "tax_rate": tax_rate, "net": cents(fee)}


def place(
    *,
    number: str,
    channel: str,
    items: Sequence[tuple[Product, int]],
    customer_id: str | None = None,
    fulfilment: str | None = None,
    note: str | None = None,
    actor: str,
    by_customer: str | None = None,
    pickup_at: str | None = None,
    prices_include_tax: bool = False,
    delivery: tuple[Decimal, Decimal] | None = None,
) -> Order:
    """All or nothing: every line's units are reserved, or nothing is and the shortages are named.
    `by_customer`: a customer placing the order themselves; it is then theirs, and online.
    `delivery`: the fee and its tax rate, charged when an online order is delivered."""
    if by_customer is not None:
        customer_id, channel = by_customer, "online"
    quantities: dict[UUID, int] = {}
    products: dict[UUID, Product] = {}
    for product, quantity in items:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        quantities[product.id] = quantities.get(product.id, 0) + quantity
        products[product.id] = product
    check_sellable(products, quantities)
    lines = [price_line(products[pid], q) for pid, q in quantities.items()]
    if delivery and delivery[0] > 0 and fulfilment == "delivery" and channel == "online":
        lines.append(delivery_line(*delivery))
    tax_lines(lines, prices_include_tax)
    _, _, total = order_sums(lines)
    check_total(total)
    order = Order(
        number=number, channel=channel, lines=lines,
        customer_id=customer_id, fulfilment=fulfilment, note=note, actor=actor, sale=None, payments=None,
        pickup_at=pickup_at,
    )
    for pid, quantity in quantities.items():
        products[pid].reserve(order.id, quantity, actor)
    return order


def stock_move(order: Order, status: str) -> Callable[[Product, UUID, str], None] | None:
    """What moving the order to `status` does to its products: cancelling releases the
    reservations; handing over (shipping, or collecting a pickup) turns them into stock
    that left the shop."""
    if status == "cancelled":
        return Product.release
    return Product.hand_over if order.hands_over(status) else None


def moves_stock(order: Order, status: str) -> bool:
    """Whether moving the order to `status` changes its products' stock (load them first)."""
    return stock_move(order, status) is not None


def move(order: Order, status: str, note: str | None, products: Mapping[str, Product], actor: str) -> None:
    """Move the order to `status`. `products`: the order's products by id, when it moves stock."""
    effect = stock_move(order, status)
    order.change_status(status, note, actor)
    if effect is not None:
        for product_id in order.quantities():
            effect(products[product_id], order.id, actor)


def undo_moves_stock(order: Order) -> bool:
    """Whether taking back the order's last step puts goods back on the shelf."""
    previous, status = order.last_step()
    return status == "shipped" or (status == "delivered" and previous == "picked")


def undo(order: Order, reason: str, products: Mapping[str, Product], actor: str) -> None:
    """Take back the order's last step on the board; goods it handed over are held for the
    order again. Money taken meanwhile stays taken (a refund gives it back)."""
    handed_back = undo_moves_stock(order)
    order.undo_status(reason, actor)
    if handed_back:
        for product_id, quantity in order.quantities().items():
            products[product_id].take_back(order.id, quantity, actor)
