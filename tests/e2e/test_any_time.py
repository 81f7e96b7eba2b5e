"""A receipt, an order, a shift or a report never fails for a time stored in it, even at
the calendar's ends (sales recorded before offline sales had to fall inside their shift),
whatever the store's time zone."""

from datetime import UTC, datetime

import pytest

import commands.sales
from tests.support.http import API, new_product, post, shift_opened_at


class Clock(datetime):
    """The server's clock, set to `at` for one sale."""

    at = datetime.now(UTC)

    @classmethod
    def now(cls, tz=None):
        return cls.at


@pytest.mark.parametrize(("zone", "sold_at"), [
    ("America/Los_Angeles", "0001-01-01T00:30:00+00:00"), ("Pacific/Kiritimati", "9999-12-31T23:30:00+00:00")])
async def test_a_sale_at_the_ends_of_the_calendar_is_shown_everywhere(client, monkeypatch, zone, sold_at) -> None:
    bread = await new_product(client, price="1.00", tax_rate="0", stock=5)
    shift = await shift_opened_at(client, "0001-01-01T00:00:00Z" if sold_at.startswith("0001") else
                                  datetime.now(UTC).isoformat())
    monkeypatch.setattr(Clock, "at", datetime.fromisoformat(sold_at))
    monkeypatch.setattr(commands.sales, "datetime", Clock)
    sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "sold_at": sold_at, "items": [
        {"product_id": bread["id"], "quantity": 1}], "payments": [{"method": "cash", "amount": "1.00"}]}, 201)
    monkeypatch.undo()
    assert (await client.patch(f"{API}/settings", json={"timezone": zone})).status == 200
    day = sold_at[:10]
    for path, params in [
        (f"/orders/{sold['id']}/receipt", {}), (f"/orders/{sold['id']}/receipt", {"format": "pdf"}),
        (f"/orders/{sold['id']}", {}), (f"/shifts/{shift['id']}", {}), ("/orders", {}),
        ("/reports/daily", {"date": day}), ("/reports/daily", {"date": day, "format": "pdf"}),
        ("/reports/sales", {"from": day, "to": day, "group_by": "day"}), ("/reports/dashboard", {}),
        ("/audit", {}), ("/audit", {"format": "csv"}),
    ]:
        response = await client.get(API + path, params={**params, "min_position": str(sold["position"])})
        assert response.status < 500, (path, params, await response.text())
