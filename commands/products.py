"""Catalog and stock commands: CreateProduct, UpdateProduct, ArchiveProduct, AdjustStock."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.claims import claim
from commands.load import Aggregates, load
from commands.records import archive, values
from commands.settings import settings_of
from oms.domain.claim import Claim, claim_id
from oms.domain.product import Product
from oms.domain.vendor import Vendor
from oms.fields import Barcode, Money, Name, Percent, Reason, Sku, StockDelta, StockLevel, money


class CreateProduct(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    sku: Sku
    name: Name
    price: Money
    cost: Money
    category: Name
    barcode: Barcode | None = None
    brand: Name | None = None
    tax_rate: Percent = "0"
    stock: StockLevel = 0
    vendor_id: UUID | None = None  # who supplies it (purchase details: shown with the cost)


class UpdateProduct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    sku: Sku | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET
    price: Money | msgspec.UnsetType = msgspec.UNSET
    cost: Money | msgspec.UnsetType = msgspec.UNSET
    category: Name | msgspec.UnsetType = msgspec.UNSET
    barcode: Barcode | msgspec.UnsetType | None = msgspec.UNSET
    brand: Name | msgspec.UnsetType | None = msgspec.UNSET
    tax_rate: Percent | msgspec.UnsetType = msgspec.UNSET
    vendor_id: UUID | msgspec.UnsetType | None = msgspec.UNSET


class AdjustStock(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    delta: StockDelta
    reason: Reason

    def __post_init__(self) -> None:
        if self.delta == 0:  # the schema says so too (StockDelta)
            raise ValueError("delta must not be zero")


def create_product(app: Aggregates, actor: str, cmd: CreateProduct) -> Written[Product]:
    settings_of(app).check_tax_rate(Decimal(cmd.tax_rate))
    if cmd.vendor_id is not None:
        load(app, Vendor, cmd.vendor_id, "vendor").check_not_archived()
    product = Product(
        sku=cmd.sku, name=cmd.name, price=money(cmd.price), cost=money(cmd.cost),
        category=cmd.category, barcode=cmd.barcode, brand=cmd.brand,
        tax_rate=Decimal(cmd.tax_rate),
        stock=cmd.stock, actor=actor, vendor_id=str(cmd.vendor_id) if cmd.vendor_id else None,
    )
    claims = [claim(app, "sku", cmd.sku, product.id)]
    if cmd.barcode:
        claims.append(claim(app, "barcode", cmd.barcode, product.id))
    return saved(app, product, product, *claims)


def update_product(app: Aggregates, actor: str, product_id: UUID, cmd: UpdateProduct) -> Written[Product]:
    product = load(app, Product, product_id, "product")
    changes = values(cmd)
    if "tax_rate" in changes:
        settings_of(app).check_tax_rate(changes["tax_rate"])
    if changes.get("vendor_id"):
        load(app, Vendor, UUID(changes["vendor_id"]), "vendor").check_not_archived()
    claims: list[Claim] = []
    for kind in ("sku", "barcode"):
        old, new = getattr(product, kind), changes.get(kind, getattr(product, kind))
        if (new and claim_id(kind, new)) != (old and claim_id(kind, old)):
            if new:
                claims.append(claim(app, kind, new, product.id))
            if old:
                released = load(app, Claim, claim_id(kind, old), "claim")
                released.release()
                claims.append(released)
    product.update(changes, actor)
    return saved(app, product, product, *claims)


def set_image(app: Aggregates, actor: str, product_id: UUID, image: str | None) -> Written[Product]:
    product = load(app, Product, product_id, "product")
    product.set_image(image, actor)
    return saved(app, product, product)


def archive_product(app: Aggregates, actor: str, product_id: UUID) -> Written[Product]:
    return archive(app, actor, Product, product_id)


def adjust_stock(app: Aggregates, actor: str, product_id: UUID, cmd: AdjustStock) -> Written[Product]:
    product = load(app, Product, product_id, "product")
    product.adjust_stock(cmd.delta, cmd.reason, actor)
    return saved(app, product, product)
