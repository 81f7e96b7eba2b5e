"""ProductCatalog: the `products` read table (catalog fields, stock, reserved)."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from oms.domain.product import EDITABLE, Product
from projections.movements import movement
from projections.view import View, row_values, stamp


class ProductCatalogView(View):
    tables = ("products", "stock_discrepancies", "stock_movements")
    columns = frozenset({*EDITABLE, "stock", "image", "archived", "version", "updated_at"})


class ProductCatalog(Projection[ProductCatalogView]):
    name = "ProductCatalog"

    def moved(self, e: Any) -> None:
        """A row of the product's stock movements (`GET /products/{id}/stock-movements`)."""
        cause, delta, reference, reason = movement(e)
        self.view.insert("stock_movements", product_id=e.originator_id, version=e.originator_version, delta=delta,
                         cause=cause, reason=reason, reference=UUID(reference) if reference else None,
                         actor=e.actor, at=e.timestamp)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: Product.Created, tracking: Tracking) -> None:
        self.view.insert(
            id=e.originator_id, sku=e.sku, name=e.name, price=e.price, cost=e.cost,
            barcode=e.barcode, category=e.category, brand=e.brand, tax_rate=e.tax_rate, stock=e.stock,
            vendor_id=UUID(e.vendor_id) if e.vendor_id else None,
            version=e.originator_version, created_at=e.timestamp, updated_at=e.timestamp,
        )
        self.moved(e)

    @process_event.register
    def _(self, e: Product.Updated, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {**row_values(e.changes), **stamp(e)})

    @process_event.register
    def _(self, e: Product.ImageSet, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"image": e.image, **stamp(e)})

    @process_event.register
    def _(self, e: Product.Archived, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"archived": True, **stamp(e)})

    @process_event.register
    def _(self, e: Product.StockAdjusted, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"stock": e.delta})
        self.moved(e)

    @process_event.register
    def _(self, e: Product.StockReserved, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"reserved": e.quantity})

    @process_event.register
    def _(self, e: Product.ReservationReleased, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"reserved": -e.quantity})

    @process_event.register
    def _(self, e: Product.StockHandedOver, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"reserved": -e.quantity, "stock": -e.quantity})
        self.moved(e)

    @process_event.register
    def _(self, e: Product.HandOverUndone, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"reserved": e.quantity, "stock": e.quantity})
        self.moved(e)

    @process_event.register
    def _(self, e: Product.StockSold, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"stock": e.shortfall - e.quantity})
        self.moved(e)
        if e.shortfall:
            self.view.insert("stock_discrepancies", order_id=UUID(e.order_id), product_id=e.originator_id,
                             quantity=e.quantity, shortfall=e.shortfall, actor=e.actor, at=e.timestamp)

    @process_event.register
    def _(self, e: Product.StockReturned, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"stock": e.quantity})
        self.moved(e)

    @process_event.register
    def _(self, e: Product.StockReceived, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"cost": e.cost, **stamp(e)}, {"stock": e.quantity})
        self.moved(e)

    @process_event.register
    def _(self, e: Product.StockCounted, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"stock": e.counted, **stamp(e)})
        self.moved(e)
