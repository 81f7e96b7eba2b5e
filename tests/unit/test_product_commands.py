"""Catalog and stock handlers against the in-memory application (no HTTP, no database)."""

import pytest

from commands.products import (
    AdjustStock,
    CreateProduct,
    UpdateProduct,
    adjust_stock,
    archive_product,
    create_product,
    update_product,
)
from oms.domain.errors import AlreadyArchived, Duplicate, InsufficientStock
from oms.store import OMS

BUN = CreateProduct(sku="BUN-1", name="Bun", price="1.00", cost="0.40", category="Bread", barcode="4001", stock=3)


@pytest.fixture
def app() -> OMS:
    return OMS()


def test_a_sku_and_a_barcode_belong_to_one_product_until_released(app) -> None:
    bun = create_product(app, "t", BUN).value
    with pytest.raises(Duplicate) as taken:
        create_product(app, "t", CreateProduct(sku="bun-1", name="Other", price="1.00", cost="0.40",
                                               category="Bread"))
    assert taken.value.code == "duplicate_sku"
    update_product(app, "t", bun.id, UpdateProduct(sku="BUN-2", barcode=None))
    again = create_product(app, "t", BUN).value  # the old SKU and barcode were released
    assert (again.sku, again.barcode) == ("BUN-1", "4001")


def test_stock_adjustments_keep_what_is_reserved_and_archiving_is_once(app) -> None:
    bun = create_product(app, "t", BUN).value
    assert adjust_stock(app, "t", bun.id, AdjustStock(delta=2, reason="delivery")).value.stock == 5
    with pytest.raises(InsufficientStock):
        adjust_stock(app, "t", bun.id, AdjustStock(delta=-6, reason="waste"))
    archive_product(app, "t", bun.id)
    with pytest.raises(AlreadyArchived):
        archive_product(app, "t", bun.id)
