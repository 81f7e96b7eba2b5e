"""The drawer rule, on the domain alone: a shift's money is moved by its own cashier or by
someone who manages every shift; a cash refund needs a drawer before anything is recorded."""

from decimal import Decimal

import pytest

from oms.domain.errors import NotFound, ShiftRequired
from oms.domain.ordering import move
from oms.domain.shift import Register, open_shift
from tests.unit.factories import product
from tests.unit.test_order import order_of


def test_a_shift_is_worked_by_its_cashier_and_by_whoever_manages_every_shift() -> None:
    shift = open_shift(Register(name="front"), Decimal("50.00"), "anna", "anna")
    shift.check_drawer("anna", every_shift=False)
    shift.check_drawer("the-manager", every_shift=True)
    with pytest.raises(NotFound):  # to another cashier there is no such shift
        shift.check_drawer("ben", every_shift=False)


def test_a_cash_refund_without_a_drawer_is_refused_before_it_is_recorded() -> None:
    bread = product(stock=5)
    order = order_of((bread, 2))  # paid by card
    for status in ("confirmed", "picked", "delivered"):
        move(order, status, None, {str(bread.id): bread}, "t")
    assert order.collect_events()  # placed, paid, handed over: saved
    with pytest.raises(ShiftRequired):
        order.refund({1: 1}, "cash", "stale", False, None, "t")
    assert order.refunds == [] and order.collect_events() == []  # nothing recorded, nothing to save
