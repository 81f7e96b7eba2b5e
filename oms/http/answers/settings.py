"""The store's settings and what the public sees of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from oms.http.answers.base import Answer, MoneyText


class Hours(Answer, frozen=True):
    opens: str  # "07:00", store time
    closes: str


class Services(Answer, frozen=True):
    online_orders: bool
    delivery: bool
    quick_sell: bool
    custom_orders: bool


class PickupSlots(Answer, frozen=True):
    minutes: int
    capacity: int  # orders a slot takes


class PickupTime(Answer, frozen=True):
    starts: datetime
    ends: datetime
    free: int  # places left in the slot


class TaxRate(Answer, frozen=True):
    name: str
    rate: str  # percent


class Store(Answer, frozen=True):
    store_name: str
    address: str
    timezone: str
    services: Services
    delivery_minimum: MoneyText
    delivery_fee: MoneyText  # added to an online order that is delivered
    delivery_tax_rate: str  # percent, on the delivery fee
    out_of_hours: Literal["refuse", "next_opening"]  # an online order for a closed, full or past time
    store_hours: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], list[Hours]]  # none: open all day
    closed_days: list[date]
    pickup_slots: PickupSlots
    default_theme: Literal["light", "dark", "system"]
    deposit_on_cancel: Literal["keep", "refund"]  # a cancelled custom order's deposit
    prices_include_tax: bool  # shelf prices include tax
    currency: str  # ISO 4217
    tax_rates: list[TaxRate]  # the rates products and quick sales may have (none listed: any)


class Settings(Store, frozen=True, kw_only=True):
    receipt_header: str
    receipt_footer: str
    discount_limits: dict[str, str]  # percent of a sale's subtotal a role may take off
    low_stock_level: int  # the dashboard lists products with at most this many available
    version: int
    position: int | None = None

