"""Settings commands: ChangeSettings (admin), and the settings every other command decides
with (`settings_of`: the defaults until an admin saves any)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

import msgspec
from eventsourcing.application import AggregateNotFoundError

from commands.bus import Written, saved
from commands.load import Aggregates, find
from oms.domain.settings import Settings
from oms.fields import Day, Money, Name, Percent, Text, matching, money
from oms.history import current
from oms.names import SETTINGS_ID
from oms.store import OMS

Clock = Annotated[str, matching(r"([01][0-9]|2[0-3]):[0-5][0-9]|24:00", "a time of day, 07:30")]
RoleName = Annotated[str, matching(r"[a-z][a-z0-9_-]{1,39}")]
ZONES = frozenset(available_timezones())
Zone = Annotated[str, msgspec.Meta(extra_json_schema={"enum": sorted(ZONES)}, description="an IANA time zone")]


class Hours(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Closing at or before the opening time runs past midnight (the same: all day)."""

    opens: Clock
    closes: Clock


Day_Hours = Annotated[list[Hours], msgspec.Meta(max_length=4)] | msgspec.UnsetType


class StoreHours(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    """Per weekday, when the shop is open; a day left out keeps what it had, [] is closed."""

    mon: Day_Hours = msgspec.UNSET
    tue: Day_Hours = msgspec.UNSET
    wed: Day_Hours = msgspec.UNSET
    thu: Day_Hours = msgspec.UNSET
    fri: Day_Hours = msgspec.UNSET
    sat: Day_Hours = msgspec.UNSET
    sun: Day_Hours = msgspec.UNSET


class Services(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    online_orders: bool | msgspec.UnsetType = msgspec.UNSET
    delivery: bool | msgspec.UnsetType = msgspec.UNSET
    quick_sell: bool | msgspec.UnsetType = msgspec.UNSET
    custom_orders: bool | msgspec.UnsetType = msgspec.UNSET


class PickupSlots(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    minutes: Annotated[int, msgspec.Meta(ge=5, le=240)] | msgspec.UnsetType = msgspec.UNSET
    capacity: Annotated[int, msgspec.Meta(ge=1, le=10_000)] | msgspec.UnsetType = msgspec.UNSET


class TaxRate(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: Name  # "reduced"
    rate: Percent  # "7"


class ChangeSettings(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    store_name: Name | msgspec.UnsetType = msgspec.UNSET
    address: Text | msgspec.UnsetType = msgspec.UNSET
    timezone: Zone | msgspec.UnsetType = msgspec.UNSET
    receipt_header: Text | msgspec.UnsetType = msgspec.UNSET
    receipt_footer: Text | msgspec.UnsetType = msgspec.UNSET
    discount_limits: Annotated[dict[RoleName, Percent], msgspec.Meta(max_length=64)] | msgspec.UnsetType = (
        msgspec.UNSET)
    services: Services | msgspec.UnsetType = msgspec.UNSET
    delivery_minimum: Money | msgspec.UnsetType = msgspec.UNSET
    delivery_fee: Money | msgspec.UnsetType = msgspec.UNSET  # added to an online order that is delivered
    delivery_tax_rate: Percent | msgspec.UnsetType = msgspec.UNSET  # on the fee; one of tax_rates when listed
    out_of_hours: Literal["refuse", "next_opening"] | msgspec.UnsetType = msgspec.UNSET
    store_hours: StoreHours | msgspec.UnsetType = msgspec.UNSET
    closed_days: Annotated[list[Day], msgspec.Meta(max_length=366)] | msgspec.UnsetType = msgspec.UNSET
    pickup_slots: PickupSlots | msgspec.UnsetType = msgspec.UNSET
    default_theme: Literal["light", "dark", "system"] | msgspec.UnsetType = msgspec.UNSET
    deposit_on_cancel: Literal["keep", "refund"] | msgspec.UnsetType = msgspec.UNSET
    prices_include_tax: bool | msgspec.UnsetType = msgspec.UNSET
    currency: Annotated[str, matching(r"[A-Z]{3}", "an ISO 4217 code, EUR")] | msgspec.UnsetType = msgspec.UNSET
    tax_rates: Annotated[list[TaxRate], msgspec.Meta(max_length=20)] | msgspec.UnsetType = msgspec.UNSET
    low_stock_level: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)] | msgspec.UnsetType = msgspec.UNSET

    def __post_init__(self) -> None:
        if isinstance(self.timezone, str) and self.timezone not in ZONES:
            raise ValueError(f"unknown time zone {self.timezone!r} (e.g. Europe/Paris)")


def settings_of(app: Aggregates | OMS, stored: bool = False) -> Settings:
    """The settings (the defaults before any change). `stored`: as stored now, for reads
    (the command cache may lag a change another process made)."""
    try:
        found = current(app, SETTINGS_ID) if stored and isinstance(app, OMS) else find(app, SETTINGS_ID)
    except AggregateNotFoundError:
        found = None
    return found if isinstance(found, Settings) else Settings(values={}, actor="defaults")


def domain_values(cmd: ChangeSettings) -> dict[str, Any]:
    """The settings given, as the domain keeps them: amounts and percentages as Decimal,
    days as ISO dates, nested settings as dicts of what was given."""
    out: dict[str, Any] = {}
    for name, value in msgspec.structs.asdict(cmd).items():
        if value is msgspec.UNSET:
            continue
        if name == "discount_limits":
            value = {role: Decimal(limit) for role, limit in value.items()}
        elif name in ("delivery_minimum", "delivery_fee"):
            value = money(value)
        elif name == "delivery_tax_rate":
            value = Decimal(value)
        elif name == "tax_rates":
            value = [{"name": t.name, "rate": t.rate} for t in value]
        elif name == "closed_days":
            value = sorted({day.isoformat() for day in value})
        elif name == "store_hours":
            value = {day: [msgspec.structs.asdict(h) for h in hours]
                     for day, hours in msgspec.structs.asdict(value).items() if hours is not msgspec.UNSET}
        elif isinstance(value, msgspec.Struct):
            value = {k: v for k, v in msgspec.structs.asdict(value).items() if v is not msgspec.UNSET}
        out[name] = value
    return out


def change_settings(app: Aggregates, actor: str, cmd: ChangeSettings) -> Written[Settings]:
    settings = settings_of(app)
    settings.change(domain_values(cmd), actor)
    fee, rate = settings.delivery_fee()
    if fee > 0:  # the fee is taxed at a rate the shop offers (also when the rates offered change)
        settings.check_tax_rate(rate)
    return saved(app, settings, settings)
