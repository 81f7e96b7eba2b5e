"""The demo bakery's last two weeks, so the dashboard, the reports and the bake list have
a past to show. Each day: at 6:00 the shelves are counted back to their usual levels
(the morning's bake), the cashier opens the front till, sells from 7:00 to 18:30 (more
on Saturdays, cash and card, now and then a discount) and closes the till. Made with
the same commands as the API's, the event clock set to each moment (`clock_at`)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from commands.bus import CommandBus
from commands.sales import PercentOff, RecordSale, SaleLine, Tender, discount_of, record_sale
from commands.settings import settings_of
from commands.shifts import CloseShift, OpenShift, close_shift, open_shift
from commands.stock import CountStock, count_stock
from oms.domain.order import order_sums
from oms.domain.product import Product
from oms.domain.selling import SaleItem, price_lines
from oms.store import clock_at

DAYS = 14
SALES = 18  # on a weekday; a Saturday sells half as much again


def days_ago(zone: ZoneInfo, days: int, at: time) -> datetime:
    return datetime.combine(datetime.now(zone).date() - timedelta(days=days), at, zone)


def seed_past(bus: CommandBus, prefix: str, cashier: UUID, products: Mapping[str, Product],
              levels: Mapping[str, int]) -> int:
    """Two weeks of till days before today; answer the number of sales."""
    settings = settings_of(bus.app)
    zone, gross = ZoneInfo(settings["timezone"]), bool(settings["prices_include_tax"])
    rng, sold, skus = random.Random(2026), 0, [s for s, level in levels.items() if level >= 10]
    now = [days_ago(zone, DAYS, time(6))]
    with clock_at(now):
        for ago in range(DAYS, -1, -1):
            now[0] = min(days_ago(zone, ago, time(6)), datetime.now(zone))
            for sku in skus:  # the morning's bake: the shelf back to its usual level
                bus.run_sync(count_stock, "baker", products[sku].id, CountStock(counted=levels[sku],
                                                                                reason="morning bake"))
            if ago == 0:
                break  # today is the demo's present
            now[0] += timedelta(minutes=45)
            shift = bus.run_sync(open_shift, str(cashier), OpenShift(register="Front till",
                                                                     opening_float="150.00")).value
            count = SALES * 3 // 2 if now[0].weekday() == 5 else SALES
            for i in range(count):
                now[0] = days_ago(zone, ago, time(7)) + timedelta(minutes=15 + i * 690 // count)
                bus.run_sync(record_sale, str(cashier), "cashier", a_sale(rng, shift.id, products, skus, i, gross),
                             prefix)
                sold += 1
            now[0] = days_ago(zone, ago, time(18, 45))
            expected: Decimal = bus.app.repository.get(shift.id).expected_cash
            bus.run_sync(close_shift, str(cashier), shift.id, CloseShift(counted_cash=str(expected)))
    return sold


def a_sale(rng: random.Random, shift_id: UUID, products: Mapping[str, Product], skus: list[str], i: int,
           prices_include_tax: bool) -> RecordSale:
    """One to three products, one or two of each; every ninth sale 10 % off; cash (with
    change) or card (the exact total)."""
    chosen = [(products[sku], rng.randint(1, 2)) for sku in rng.sample(skus, rng.randint(1, 3))]
    discount = PercentOff(value="10") if i % 9 == 4 else None
    lines = price_lines([SaleItem(quantity=q, product=p) for p, q in chosen], discount_of(discount),
                        prices_include_tax)
    _, _, total = order_sums(lines)
    cash = rng.random() < 0.6
    paid = (total // 5 + 1) * 5 if cash else total
    return RecordSale(shift_id=shift_id, items=[SaleLine(product_id=p.id, quantity=q) for p, q in chosen],
                      payments=[Tender(method="cash" if cash else "card", amount=str(paid))], discount=discount)
