"""Custom orders on the domain alone: due in the future and in opening hours, a deposit
within the price, a cash deposit into an open drawer; given back on cancelling only when
the settings say so."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from oms.domain import custom
from oms.domain.errors import DueInThePast, Overpayment, ShiftRequired
from oms.domain.settings import Settings
from oms.domain.shift import Register, open_shift

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def cake(settings: Settings, *, deposit: str = "10.00", method: str = "cash", shift=None, due=timedelta(days=2)):
    return custom.take(number="B-000001", customer_id="c-1", specification="Birthday cake for 20\nchocolate",
                       price=Decimal("48.00"), tax_rate=Decimal(7), deposit=Decimal(deposit), method=method,
                       due_at=NOW + due, fulfilment="pickup", settings=settings, shift=shift, now=NOW, actor="t")


def test_a_custom_order_takes_its_cash_deposit_into_an_open_drawer() -> None:
    settings = Settings(values={}, actor="t")
    shift = open_shift(Register(name="front"), Decimal("50.00"), "anna", "anna")
    order = cake(settings, shift=shift)
    assert (order.channel, order.lines[0]["name"], order.paid) == ("custom", "Birthday cake for 20", Decimal("10.00"))
    assert shift.expected_cash == Decimal("60.00")
    with pytest.raises(ShiftRequired):
        cake(settings)  # cash, and no drawer
    with pytest.raises(Overpayment):
        cake(settings, deposit="51.37", method="card")  # 48.00 and 7 % tax: 51.36
    with pytest.raises(DueInThePast):
        cake(settings, method="card", due=timedelta(0))


def test_a_deposit_goes_back_on_cancelling_only_when_the_settings_say_so() -> None:
    kept, returned = Settings(values={}, actor="t"), Settings(values={"deposit_on_cancel": "refund"}, actor="t")
    order = cake(kept, method="card")
    assert not custom.returns_deposit(order, kept)
    assert custom.returns_deposit(order, returned)
