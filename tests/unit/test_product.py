from decimal import Decimal
from uuid import uuid4

import pytest

from oms.domain.errors import InsufficientStock, InvalidTransition, ProductArchived
from tests.unit.factories import product


def test_available_is_stock_minus_reserved() -> None:
    p = product(stock=10)
    p.reserve(uuid4(), 3, "a")
    assert (p.stock, p.reserved, p.available) == (10, 3, 7)


def test_reserving_more_than_available_is_refused_and_changes_nothing() -> None:
    p = product(stock=2)
    with pytest.raises(InsufficientStock) as err:
        p.reserve(uuid4(), 3, "a")
    assert err.value.details["lines"][0]["available"] == 2
    assert (p.reserved, len(p.collect_events())) == (0, 1)  # only the Created event


def test_adjusting_below_zero_is_refused() -> None:
    p = product(stock=2)
    with pytest.raises(InsufficientStock):
        p.adjust_stock(-3, "breakage", "a")
    assert p.stock == 2


def test_adjusting_below_what_is_reserved_is_refused() -> None:
    p = product(stock=5)
    p.reserve(uuid4(), 4, "a")
    with pytest.raises(InsufficientStock):
        p.adjust_stock(-2, "breakage", "a")
    p.adjust_stock(-1, "breakage", "a")
    assert (p.stock, p.available) == (4, 0)


def test_handing_over_takes_the_reserved_units_out_of_stock() -> None:
    p, order = product(stock=5), uuid4()
    p.reserve(order, 2, "a")
    p.hand_over(order, "a")
    assert (p.stock, p.reserved, p.available) == (3, 0, 3)


def test_releasing_returns_the_reserved_units() -> None:
    p, order = product(stock=5), uuid4()
    p.reserve(order, 2, "a")
    p.release(order, "a")
    assert (p.stock, p.reserved, p.available) == (5, 0, 5)


def test_releasing_twice_releases_once() -> None:
    p, order = product(stock=5), uuid4()
    p.reserve(order, 2, "a")
    p.release(order, "a")
    p.release(order, "a")
    assert p.reserved == 0 and len(p.collect_events()) == 3


def test_an_archived_product_cannot_be_reserved_or_edited() -> None:
    p = product()
    p.archive("a")
    with pytest.raises(ProductArchived):
        p.reserve(uuid4(), 1, "a")
    with pytest.raises(ProductArchived):
        p.update({"price": Decimal("3.00")}, "a")


def test_archiving_twice_is_refused() -> None:
    p = product()
    p.archive("a")
    with pytest.raises(InvalidTransition):
        p.archive("a")


def test_an_update_records_only_what_changed() -> None:
    p = product(price="2.50")
    p.update({"price": Decimal("2.50"), "name": "Almond croissant"}, "a")
    events = p.collect_events()
    assert events[-1].changes == {"name": "Almond croissant"}


def test_an_update_that_changes_nothing_records_nothing() -> None:
    p = product()
    p.update({"name": p.name}, "a")
    assert len(p.collect_events()) == 1


def test_stock_cannot_be_adjusted_past_the_limit_the_read_tables_hold() -> None:
    import msgspec

    from oms.domain.errors import StockLimitExceeded
    from oms.domain.product import MAX_STOCK
    from oms.fields import StockLevel

    bun = product(stock=MAX_STOCK - 5)
    bun.adjust_stock(5, "count", "t")
    with pytest.raises(StockLimitExceeded):
        bun.adjust_stock(1, "count", "t")
    assert bun.stock == MAX_STOCK
    assert msgspec.convert(MAX_STOCK, StockLevel) == MAX_STOCK
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(MAX_STOCK + 1, StockLevel)
