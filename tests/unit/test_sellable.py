"""One rule for what an order and a POS sale check of their products (`check_sellable`):
none archived; every line's units available, all short lines named at once; an offline
sale takes what it took, whatever the server knew."""

import pytest

from oms.domain.errors import InsufficientStock, ProductArchived
from oms.domain.product import check_sellable
from tests.unit.factories import product


def test_every_short_line_is_named_at_once() -> None:
    bread, cake, tea = product(stock=5, name="bread"), product(stock=1, name="cake"), product(stock=0, name="tea")
    products = {p.id: p for p in (bread, cake, tea)}
    with pytest.raises(InsufficientStock) as err:
        check_sellable(products, {bread.id: 5, cake.id: 2, tea.id: 1})
    assert [line["product_id"] for line in err.value.details["lines"]] == [str(cake.id), str(tea.id)]
    check_sellable(products, {bread.id: 5, cake.id: 1})


def test_an_offline_sale_skips_the_stock_but_never_an_archived_product() -> None:
    cake, gone = product(stock=0, name="cake"), product(stock=9, name="gone")
    gone.archive("tester")
    check_sellable({cake.id: cake}, {cake.id: 3}, stock=False)
    with pytest.raises(ProductArchived):
        check_sellable({cake.id: cake, gone.id: gone}, {cake.id: 1, gone.id: 1}, stock=False)
