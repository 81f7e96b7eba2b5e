"""Aggregates for unit tests."""

from __future__ import annotations

from decimal import Decimal

from oms.domain.product import Product


def product(stock: int = 10, price: str = "2.50", tax_rate: str = "7", name: str = "Croissant") -> Product:
    return Product(
        sku=f"SKU-{name}", name=name, price=Decimal(price), cost=Decimal("0.70"), category="Viennoiserie",
        barcode=None, brand=None, tax_rate=Decimal(tax_rate), stock=stock, actor="tester",
    )
