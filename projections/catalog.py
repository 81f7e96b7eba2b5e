"""ProductCatalog: the `products` read table (catalog fields, stock, reserved)."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import sql

from oms.domain.product import EDITABLE, Product
from projections.runner import View


class ProductCatalogView(View):
    def created(self, e: Product.Created, tracking: Tracking) -> None:
        with self.write(tracking) as curs:
            curs.execute(
                "INSERT INTO products (id, sku, name, price, cost, barcode, category, brand,"
                " tax_rate, stock, version, created_at, updated_at)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING",
                (e.originator_id, e.sku, e.name, e.price, e.cost, e.barcode, e.category, e.brand,
                 e.tax_rate, e.stock, e.originator_version, e.timestamp, e.timestamp),
            )

    def changed(self, e: Any, tracking: Tracking, **columns: Any) -> None:
        """Set columns (a value, or a (column, delta) increment) and bump the version."""
        sets = [sql.SQL("version = %(version)s"), sql.SQL("updated_at = %(at)s")]
        params: dict[str, Any] = {"id": e.originator_id, "version": e.originator_version, "at": e.timestamp}
        for column, value in columns.items():
            if column not in (*EDITABLE, "archived", "stock", "reserved"):
                continue
            if isinstance(value, Increment):
                sets.append(sql.SQL("{0} = {0} + %({1})s").format(sql.Identifier(column), sql.SQL(column)))
                params[column] = value.delta
            else:
                sets.append(sql.SQL("{0} = %({1})s").format(sql.Identifier(column), sql.SQL(column)))
                params[column] = value
        statement = sql.SQL("UPDATE products SET {} WHERE id = %(id)s").format(sql.SQL(", ").join(sets))
        with self.write(tracking) as curs:
            curs.execute(statement, params)

    def track(self, tracking: Tracking) -> None:
        with self.write(tracking):
            pass


class Increment:
    __slots__ = ("delta",)

    def __init__(self, delta: int) -> None:
        self.delta = delta


class ProductCatalog(Projection[ProductCatalogView]):
    name = "ProductCatalog"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.view.track(tracking)

    @process_event.register
    def _(self, e: Product.Created, tracking: Tracking) -> None:
        self.view.created(e, tracking)

    @process_event.register
    def _(self, e: Product.Updated, tracking: Tracking) -> None:
        self.view.changed(e, tracking, **e.changes)

    @process_event.register
    def _(self, e: Product.Archived, tracking: Tracking) -> None:
        self.view.changed(e, tracking, archived=True)

    @process_event.register
    def _(self, e: Product.StockAdjusted, tracking: Tracking) -> None:
        self.view.changed(e, tracking, stock=Increment(e.delta))

    @process_event.register
    def _(self, e: Product.StockReserved, tracking: Tracking) -> None:
        self.view.changed(e, tracking, reserved=Increment(e.quantity))

    @process_event.register
    def _(self, e: Product.ReservationReleased, tracking: Tracking) -> None:
        self.view.changed(e, tracking, reserved=Increment(-e.quantity))

    @process_event.register
    def _(self, e: Product.StockHandedOver, tracking: Tracking) -> None:
        self.view.changed(e, tracking, reserved=Increment(-e.quantity), stock=Increment(-e.quantity))
