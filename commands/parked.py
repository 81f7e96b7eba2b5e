"""Parked sales: ParkSale (the cart as the till holds it), and taking one back."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, load
from commands.sales import Discount, OneSaleLine
from oms.domain.parked import ParkedSale
from oms.fields import Line, RegisterName


class ParkSale(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    register: RegisterName
    items: Annotated[list[OneSaleLine], msgspec.Meta(min_length=1, max_length=200)]
    discount: Discount | None = None
    customer_id: UUID | None = None
    note: Line | None = None


def park_sale(app: Aggregates, actor: str, cmd: ParkSale) -> Written[ParkedSale]:
    cart = {k: v for k, v in msgspec.to_builtins(cmd).items()
            if k in ("items", "discount", "customer_id") and v is not None}  # as POST /pos/sales takes it
    parked = ParkedSale(register=cmd.register, cart=cart, note=cmd.note, actor=actor)
    return saved(app, parked, parked)


def take_parked(app: Aggregates, actor: str, parked_id: UUID) -> Written[ParkedSale]:
    parked = load(app, ParkedSale, parked_id, "parked sale")
    parked.take(actor)
    return saved(app, parked, parked)
