"""The store's settings on the domain alone: a change keeps what it does not name (nested
settings too), only what differs is recorded, and the rules they decide."""

from datetime import datetime
from decimal import Decimal

import pytest

from oms.domain.errors import BelowDeliveryMinimum, ServiceDisabled, TaxRateNotOffered
from oms.domain.settings import Settings


def test_a_change_records_only_what_differs_and_keeps_the_rest_of_a_nested_setting() -> None:
    settings = Settings(values={"store_name": "Morgenrot"}, actor="t")
    settings.collect_events()
    settings.change({"store_name": "Morgenrot", "services": {"delivery": False}}, "t")
    [changed] = settings.collect_events()
    assert changed.changes == {"services": {**settings["services"], "delivery": False}}
    assert settings["services"]["online_orders"] is True  # untouched
    settings.change({"store_name": "Morgenrot"}, "t")
    assert settings.collect_events() == []  # nothing differs: nothing recorded


def test_the_rules_the_settings_decide() -> None:
    settings = Settings(values={"tax_rates": [{"rate": "7"}, {"rate": "19"}], "delivery_minimum": "20.00",
                                "timezone": "Europe/Berlin", "closed_days": ["2026-12-25"],
                                "store_hours": {"tue": [{"opens": "07:00", "closes": "18:00"}]}}, actor="t")
    settings.check_tax_rate(Decimal("7"))
    with pytest.raises(TaxRateNotOffered):
        settings.check_tax_rate(Decimal("0"))
    with pytest.raises(BelowDeliveryMinimum):
        settings.check_delivery(Decimal("19.99"))
    assert settings.discount_limit("cashier") == Decimal(10) and settings.discount_limit("viewer") == 0
    tuesday = settings.local(datetime.fromisoformat("2026-12-08T16:30:00+00:00"))  # 17:30 in Berlin
    assert (tuesday.hour, settings.is_open(tuesday)) == (17, True)
    assert not settings.is_open(settings.local(datetime.fromisoformat("2026-12-08T17:30:00+00:00")))
    settings.change({"services": {"delivery": False}}, "t")
    with pytest.raises(ServiceDisabled):
        settings.check_delivery(Decimal("50.00"))
