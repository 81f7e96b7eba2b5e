"""Stock commands beyond adjusting: ReceiveStock (a stock entry from a vendor) and
CountStock (a count sets the level on hand)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, load
from oms.domain import stock_entry
from oms.domain.product import Product
from oms.domain.stock_entry import StockEntry
from oms.domain.vendor import Vendor
from oms.fields import Money, Quantity, Reason, StockLevel, Text, money


class EntryLine(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    product_id: UUID
    quantity: Quantity
    unit_cost: Money


class ReceiveStock(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    vendor_id: UUID
    lines: Annotated[list[EntryLine], msgspec.Meta(min_length=1, max_length=200)]
    note: Text | None = None


class CountStock(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    counted: StockLevel
    reason: Reason = "stock count"


def receive_stock(app: Aggregates, actor: str, cmd: ReceiveStock) -> Written[StockEntry]:
    vendor = load(app, Vendor, cmd.vendor_id, "vendor")
    products = {line.product_id: load(app, Product, line.product_id, "product") for line in cmd.lines}
    entry = stock_entry.receive(vendor, [(products[line.product_id], line.quantity, money(line.unit_cost))
                                         for line in cmd.lines], cmd.note, actor)
    return saved(app, entry, entry, *products.values())


def count_stock(app: Aggregates, actor: str, product_id: UUID, cmd: CountStock) -> Written[Product]:
    product = load(app, Product, product_id, "product")
    product.count(cmd.counted, cmd.reason, actor)
    return saved(app, product, product)
