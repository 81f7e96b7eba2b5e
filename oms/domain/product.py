"""Product: catalog data and its stock. Available = stock - reserved, never below zero.

Guards run in the public verbs; the `@event` bodies only apply state, so replaying
years-old history never re-checks rules that may have changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from oms.domain.errors import InsufficientStock, ProductArchived, StockLimitExceeded
from oms.domain.money import cents
from oms.domain.record import Record, set_archived, set_fields

MAX_STOCK = 10_000_000  # units of one product: far beyond any shop, well within the read tables' integers
EDITABLE = ("sku", "name", "price", "cost", "barcode", "category", "brand", "tax_rate", "vendor_id")


def available(stock: int, reserved: int) -> int:
    """What can still be ordered: stock less what open orders hold, never below zero."""
    return max(stock - reserved, 0)


class Product(Record):
    kind = "product"
    editable = EDITABLE
    mutable = ("reservations",)

    class Created(Record.Created):
        """Version 2 carries `vendor_id` always (None for products made before vendors existed)."""

        class_version = 2
        sku: str
        name: str
        price: Decimal
        cost: Decimal
        category: str
        barcode: str | None
        brand: str | None
        tax_rate: Decimal
        stock: int
        actor: str
        vendor_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.setdefault("vendor_id", None)

    @event("Created")
    def __init__(
        self,
        sku: str,
        name: str,
        price: Decimal,
        cost: Decimal,
        category: str,
        barcode: str | None,
        brand: str | None,
        tax_rate: Decimal,
        stock: int,
        actor: str,
        vendor_id: str | None = None,
    ) -> None:
        """`vendor_id`: who supplies it (products created before vendors existed have none)."""
        self.sku = sku
        self.name = name
        self.price = price
        self.cost = cost
        self.category = category
        self.barcode = barcode
        self.brand = brand
        self.tax_rate = tax_rate
        self.stock = stock
        self.vendor_id = vendor_id
        self.reservations: dict[str, int] = {}
        self.reserved = 0  # the sum of the reservations, kept with them (a hot product has thousands)
        self.archived = False
        self.image: str | None = None

    @property
    def available(self) -> int:
        return available(self.stock, self.reserved)

    # -- catalog: update and archive are Record's verbs -------------------------
    _update = event("Updated")(set_fields)
    _archive = event("Archived")(set_archived)

    def set_image(self, image: str | None, actor: str) -> None:
        """`image`: the stored picture's name (its content's hash), None to show none."""
        self.check_not_archived()
        if image != self.image:
            self._set_image(image=image, actor=actor)

    @event("ImageSet")
    def _set_image(self, image: str | None, actor: str) -> None:
        self.image = image

    # -- stock ---------------------------------------------------------------
    def adjust_stock(self, delta: int, reason: str, actor: str) -> None:
        self.check_limit(delta)
        if self.stock + delta < self.reserved:
            raise InsufficientStock(
                "adjustment would leave less stock than is reserved",
                product_id=str(self.id), stock=self.stock, reserved=self.reserved, delta=delta,
            )
        self._adjust_stock(delta=delta, reason=reason, actor=actor)

    @event("StockAdjusted")
    def _adjust_stock(self, delta: int, reason: str, actor: str) -> None:
        self.stock += delta

    def receive(self, entry_id: UUID, quantity: int, unit_cost: Decimal, actor: str) -> None:
        """Goods in from a vendor: stock rises, and the cost becomes the average of what is
        on hand and what came in, weighted by units, to the cent (a moving average)."""
        self.check_not_archived()
        self.check_limit(quantity)
        cost = cents((self.stock * self.cost + quantity * unit_cost) / (self.stock + quantity))
        self._receive(entry_id=str(entry_id), quantity=quantity, unit_cost=unit_cost, cost=cost, actor=actor)

    @event("StockReceived")
    def _receive(self, entry_id: str, quantity: int, unit_cost: Decimal, cost: Decimal, actor: str) -> None:
        self.stock += quantity
        self.cost = cost

    def count(self, counted: int, reason: str, actor: str) -> None:
        """A stock count sets the level on hand. It cannot fall below what open orders hold:
        cancel or hand over those first (they would otherwise promise goods that are not there)."""
        if counted < self.reserved:
            raise InsufficientStock("the count is below what open orders hold", product_id=str(self.id),
                                    counted=counted, reserved=self.reserved)
        self._count(counted=counted, previous=self.stock, reason=reason, actor=actor)

    @event("StockCounted")
    def _count(self, counted: int, previous: int, reason: str, actor: str) -> None:
        self.stock = counted

    def check_limit(self, delta: int) -> None:
        if self.stock + delta > MAX_STOCK:
            raise StockLimitExceeded(f"a product holds at most {MAX_STOCK} units", product_id=str(self.id),
                                     stock=self.stock, delta=delta, limit=MAX_STOCK)

    def reserve(self, order_id: UUID, quantity: int, actor: str) -> None:
        self.check_not_archived()
        if quantity > self.available:
            raise InsufficientStock(
                f"only {self.available} of {self.name} available",
                lines=[self.shortage(quantity)],
            )
        self._reserve(order_id=str(order_id), quantity=quantity, actor=actor)

    def shortage(self, requested: int) -> dict[str, Any]:
        return {"product_id": str(self.id), "requested": requested, "available": self.available}

    @event("StockReserved")
    def _reserve(self, order_id: str, quantity: int, actor: str) -> None:
        self.reservations[order_id] = self.reservations.get(order_id, 0) + quantity
        self.reserved += quantity

    def release(self, order_id: UUID, actor: str) -> None:
        quantity = self.reservations.get(str(order_id), 0)
        if quantity:
            self._release(order_id=str(order_id), quantity=quantity, actor=actor)

    @event("ReservationReleased")
    def _release(self, order_id: str, quantity: int, actor: str) -> None:
        self.reserved -= self.reservations.pop(order_id)

    def hand_over(self, order_id: UUID, actor: str) -> None:
        """The goods leave the shop: the reservation becomes a stock decrease."""
        quantity = self.reservations.get(str(order_id), 0)
        if quantity:
            self._hand_over(order_id=str(order_id), quantity=quantity, actor=actor)

    @event("StockHandedOver")
    def _hand_over(self, order_id: str, quantity: int, actor: str) -> None:
        self.reserved -= self.reservations.pop(order_id)
        self.stock -= quantity

    def take_back(self, order_id: UUID, quantity: int, actor: str) -> None:
        """Goods handed over by mistake are back, held for their order again."""
        self.check_limit(quantity)
        self._take_back(order_id=str(order_id), quantity=quantity, actor=actor)

    @event("HandOverUndone")
    def _take_back(self, order_id: str, quantity: int, actor: str) -> None:
        self.stock += quantity
        self.reserved += quantity
        self.reservations[order_id] = self.reservations.get(order_id, 0) + quantity

    def sell(self, order_id: UUID, quantity: int, actor: str, *, offline: bool = False) -> None:
        """Goods sold at the counter leave at once (no reservation). An offline sale made
        when the shop thought it had the goods is recorded even beyond what is available:
        stock drops to what open orders hold, and the units beyond are the event's
        `shortfall`, listed as a stock discrepancy for staff to count."""
        self.check_not_archived()
        if not offline and quantity > self.available:
            raise InsufficientStock(f"only {self.available} of {self.name} available",
                                    lines=[self.shortage(quantity)])
        shortfall = max(quantity - self.available, 0)
        self._sell(order_id=str(order_id), quantity=quantity, shortfall=shortfall, actor=actor)

    @event("StockSold")
    def _sell(self, order_id: str, quantity: int, shortfall: int, actor: str) -> None:
        self.stock -= quantity - shortfall

    def restock(self, order_id: UUID, quantity: int, actor: str) -> None:
        """Refunded goods put back on the shelf."""
        self.check_limit(quantity)
        self._restock(order_id=str(order_id), quantity=quantity, actor=actor)

    @event("StockReturned")
    def _restock(self, order_id: str, quantity: int, actor: str) -> None:
        self.stock += quantity

    def check_not_archived(self) -> None:
        if self.archived:
            raise ProductArchived(f"{self.name} is archived", product_id=str(self.id))


def check_sellable(products: Mapping[UUID, Product], units: Mapping[UUID, int], *, stock: bool = True) -> None:
    """What an order or a sale checks of its products, all at once: none is archived, and
    every line's units are available (unless `stock` is False: an offline sale), else every
    short line is named."""
    for product in products.values():
        product.check_not_archived()
    short = [products[pid].shortage(n) for pid, n in units.items() if stock and n > products[pid].available]
    if short:
        raise InsufficientStock("not enough stock for every line", lines=short)
