"""Settings: the shop's own rules and details, one per store, changed only by admins,
every change an event with its actor (so `?as_of=` shows them as they were).

Until an admin saves any, the defaults hold (the store's name and receipt texts come
from the environment on the first start). What each setting governs is decided here:
discount limits per role, which services are open, the delivery minimum, opening
hours and closed days, and the pickup slots."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import BelowDeliveryMinimum, ServiceDisabled, StoreClosed, TaxRateNotOffered
from oms.names import SETTINGS_ID

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULTS: dict[str, Any] = {
    "store_name": "OMS", "address": "", "timezone": "UTC", "receipt_header": "", "receipt_footer": "Thank you!",
    "discount_limits": {"admin": Decimal(100), "employee": Decimal(25), "cashier": Decimal(10)},
    "services": {"online_orders": True, "delivery": True, "quick_sell": True, "custom_orders": True},
    "delivery_fee": Decimal("0.00"), "delivery_minimum": Decimal("0.00"),
    "delivery_tax_rate": Decimal(0),  # percent, on the delivery fee
    "out_of_hours": "refuse",  # an online order for a closed, full or past time: "refuse" or "next_opening"
    "store_hours": {day: [] for day in WEEKDAYS},  # [{"opens": "07:00", "closes": "18:30"}]; none: open all day
    "closed_days": [],  # dates, "2026-12-25"
    "pickup_slots": {"minutes": 30, "capacity": 10},
    "default_theme": "system",
    "deposit_on_cancel": "keep",  # a cancelled custom order's deposit: "keep" or "refund"
    "low_stock_level": 5,  # the dashboard lists products with at most this many available
    "prices_include_tax": False,  # shelf prices include tax (the tax is the part of them the rate makes)
    "currency": "EUR",  # ISO 4217: what amounts are in (receipts and screens say it)
    "tax_rates": [],  # rates products and quick sales may have, [{"name": "reduced", "rate": "7"}]; none: any
}


def clock(text: str) -> time:
    return time(0) if text == "24:00" else time.fromisoformat(text)


def within(now: time, opens: str, closes: str) -> bool:
    """Whether `now` is in opening hours; closing at or before opening runs past midnight."""
    start, end = clock(opens), clock(closes)
    if start < end:
        return start <= now < end
    return now >= start or now < end



def in_zone(at: datetime, zone: str) -> datetime:
    """`at` in `zone`; as given at the calendar's ends, where the zone's offset would leave
    it (year 1 west of UTC, 9999 east of it), so that no stored time fails a reader."""
    try:
        return at.astimezone(ZoneInfo(zone))
    except OverflowError:
        return at

class Settings(Aggregate):
    @classmethod
    def create_id(cls, *_: Any, **__: Any) -> UUID:
        return SETTINGS_ID

    @event("Created")
    def __init__(self, values: dict[str, Any], actor: str) -> None:
        self.values = {**DEFAULTS, **values}

    def change(self, changes: dict[str, Any], actor: str) -> None:
        """Record the settings that differ from what is kept; a nested setting (services,
        pickup slots, store hours, discount limits) changes only the parts given."""
        merged = {k: ({**self.values[k], **v} if isinstance(v, dict) else v) for k, v in changes.items()}
        changed = {k: v for k, v in merged.items() if self.values.get(k) != v}
        if changed:
            self._change(changes=changed, actor=actor)

    @event("Changed")
    def _change(self, changes: dict[str, Any], actor: str) -> None:
        self.values = {**self.values, **changes}

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name, DEFAULTS[name])

    # -- what the settings decide -------------------------------------------------
    def discount_limit(self, role: str) -> Decimal:
        """The most a role may take off a sale, in percent of its subtotal (none: 0)."""
        return Decimal(self["discount_limits"].get(role, 0))

    def check_service(self, service: str) -> None:
        if not self["services"].get(service, True):
            raise ServiceDisabled(f"the shop has turned off {service.replace('_', ' ')}", service=service)

    def check_tax_rate(self, rate: Decimal) -> None:
        """A rate the shop offers (any, when it lists none)."""
        offered = [Decimal(str(t["rate"])) for t in self["tax_rates"]]
        if offered and rate not in offered:
            raise TaxRateNotOffered(f"the shop's tax rates are {', '.join(f'{r.normalize():f}' for r in offered)}",
                                    tax_rate=str(rate), offered=[f"{r.normalize():f}" for r in offered])

    def check_delivery(self, total: Decimal) -> None:
        self.check_service("delivery")
        minimum = Decimal(self["delivery_minimum"])
        if total < minimum:
            raise BelowDeliveryMinimum(f"delivery starts at orders of {minimum}", total=str(total),
                                       minimum=str(minimum))

    def delivery_fee(self) -> tuple[Decimal, Decimal]:
        """What a delivery adds to an online order, and the tax rate on it."""
        return Decimal(self["delivery_fee"]), Decimal(self["delivery_tax_rate"])

    def local(self, at: datetime) -> datetime:
        """`at` in the store's time zone."""
        return in_zone(at, self["timezone"])

    def is_open(self, at: datetime) -> bool:
        """Whether the shop is open at `at` (a time in the store's zone)."""
        if at.date().isoformat() in self["closed_days"]:
            return False
        hours = self["store_hours"].get(WEEKDAYS[at.weekday()], [])
        if not any(self["store_hours"].values()):
            return True  # no hours set: always open
        return any(within(at.time(), h["opens"], h["closes"]) for h in hours)

    def check_open(self, at: datetime) -> None:
        if not self.is_open(at):
            raise StoreClosed("the shop is closed then", at=at.isoformat())

    def slot_length(self) -> timedelta:
        return timedelta(minutes=int(self["pickup_slots"]["minutes"]))

    def upcoming_slots(self, now: datetime, days: int, most: int = 200) -> list[datetime]:
        """The starts (store time) of the pickup slots from the next one to `days` ahead in
        which the shop is open, at most `most` of them."""
        step, local = self.slot_length(), self.local(now)
        start = self.slot_of(local)
        slot = start if start >= local else start + step
        out: list[datetime] = []
        while slot < local + timedelta(days=days) and len(out) < most:
            if self.is_open(slot):
                out.append(slot)
            slot += step
        return out

    def slot_of(self, at: datetime) -> datetime:
        """The start of the pickup slot `at` falls in (slots start at midnight, store time)."""
        minutes = int(self["pickup_slots"]["minutes"])
        midnight = datetime.combine(at.date(), time(0), at.tzinfo)
        return midnight + timedelta(minutes=(at - midnight) // timedelta(minutes=1) // minutes * minutes)

