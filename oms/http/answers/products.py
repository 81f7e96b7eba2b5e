"""Products and their stock: the catalog, deliveries received, movements, discrepancies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from oms.http.answers.base import Answer, MoneyText


class Product(Answer, frozen=True):
    id: UUID
    sku: str
    name: str
    price: MoneyText
    barcode: str | None
    category: str
    brand: str | None
    tax_rate: str
    stock: int
    reserved: int
    available: int
    archived: bool
    image_url: str | None  # the product's picture (GET, cached for a year: a new picture has a new URL)
    version: int
    created_at: datetime
    updated_at: datetime
    cost: MoneyText | None = None
    vendor_id: UUID | None = None  # who supplies it: with the cost, for those who may see it
    position: int | None = None


class StockDiscrepancy(Answer, frozen=True):
    order_id: UUID
    product_id: UUID
    product_name: str
    quantity: int
    shortfall: int
    actor: str
    at: datetime


class StockEntryLine(Answer, frozen=True):
    product_id: UUID
    name: str
    quantity: int
    unit_cost: MoneyText


class StockEntry(Answer, frozen=True):
    id: UUID
    vendor_id: UUID
    vendor_name: str  # as it was when the goods came
    note: str | None
    lines: list[StockEntryLine]
    total: MoneyText
    actor: str
    created_at: datetime
    position: int | None = None


class StockMovement(Answer, frozen=True):
    version: int
    delta: int
    level: int  # stock on hand after this movement
    cause: Literal["created", "adjusted", "received", "counted", "sold", "handed_over", "returned"]
    reason: str | None
    reference: UUID | None  # the order or stock entry
    actor: str
    at: datetime


class Category(Answer, frozen=True):
    name: str
    products: int  # not archived

