"""Online orders against the shop's settings: the service must be on, delivery above its
minimum, the shop open at pickup time (or now, without one), and the pickup slot neither
past nor full. A PickupSlot holds the orders booked in it, so two orders racing for its
last place cannot both get it (the second decides on the first's booking, or conflicts)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import SlotFull, SlotPast
from oms.domain.settings import Settings

SLOTS = UUID("8f9e3a4d-1c2b-4e5f-a6b7-c8d9e0f1a2b3")  # namespace of slot ids


class PickupSlot(Aggregate):
    mutable = ("orders",)

    @classmethod
    def create_id(cls, *_: Any, starts: str, **__: Any) -> UUID:
        return uuid5(SLOTS, starts)

    @event("Opened")
    def __init__(self, starts: str, actor: str) -> None:
        """`starts`: the slot's start, ISO 8601 in UTC."""
        self.starts = starts
        self.orders: list[str] = []

    def has_room(self, capacity: int) -> bool:
        return len(self.orders) < capacity

    def book(self, order_id: UUID, capacity: int, actor: str) -> None:
        if not self.has_room(capacity):
            raise SlotFull("that pickup slot is full: choose another", starts=self.starts, capacity=capacity)
        self._book(order_id=str(order_id), actor=actor)

    @event("Booked")
    def _book(self, order_id: str, actor: str) -> None:
        self.orders.append(order_id)

    def release(self, order_id: UUID, actor: str) -> None:
        if str(order_id) in self.orders:
            self._release(order_id=str(order_id), actor=actor)

    @event("Released")
    def _release(self, order_id: str, actor: str) -> None:
        self.orders.remove(order_id)


def slot_start(settings: Settings, pickup_at: datetime) -> str:
    """The UTC start of the slot `pickup_at` falls in: what names its PickupSlot."""
    return settings.slot_of(settings.local(pickup_at)).astimezone(pickup_at.tzinfo).isoformat()


def accept_online(settings: Settings, *, order_id: UUID, total: Decimal, fulfilment: str | None,
                  pickup_at: datetime | None, slot: PickupSlot | None, now: datetime, actor: str) -> None:
    """Check an online order against the settings and book its pickup slot."""
    settings.check_service("online_orders")
    if fulfilment == "delivery":
        settings.check_delivery(total)
    settings.check_open(settings.local(pickup_at or now))
    if pickup_at is None or slot is None:
        return
    if is_over(settings, slot.starts, now):
        raise SlotPast("that pickup slot is over: choose a later one", starts=slot.starts)
    slot.book(order_id, capacity(settings), actor)


def capacity(settings: Settings) -> int:
    return int(settings["pickup_slots"]["capacity"])


def is_over(settings: Settings, starts: str, now: datetime) -> bool:
    return datetime.fromisoformat(starts) + settings.slot_length() <= now


def takes(settings: Settings, starts: str, slot: PickupSlot | None, now: datetime) -> bool:
    """Whether the slot starting at `starts` (its PickupSlot, if booked yet) can take one more order now."""
    return not is_over(settings, starts, now) and (slot is None or slot.has_room(capacity(settings)))
