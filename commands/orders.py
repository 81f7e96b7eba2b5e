"""Order commands: PlaceOrder (with its pickup slot), and a receipt's reprint; its status:
`commands.order_status`; its payments: `commands.payments`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, find, find_or_new, load
from commands.settings import settings_of
from oms.domain import ordering, pickup
from oms.domain.order import Order, OrderNumbers
from oms.domain.pickup import PickupSlot
from oms.domain.product import Product
from oms.domain.settings import Settings
from oms.fields import Instant, Quantity, Text


class OrderItem(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    product_id: UUID
    quantity: Quantity


class PlaceOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    items: Annotated[list[OrderItem], msgspec.Meta(min_length=1, max_length=200)]
    channel: Literal["online", "pos"] = "online"
    customer_id: UUID | None = None
    fulfilment: Literal["pickup", "delivery"] | None = None
    note: Text | None = None
    pickup_at: Instant | None = None  # an online order's pickup (or delivery) time: books a pickup slot


def numbers(app: Aggregates, prefix: str) -> OrderNumbers:
    return find_or_new(app, OrderNumbers, OrderNumbers.create_id(prefix=prefix), lambda: OrderNumbers(prefix=prefix))


def place_order(app: Aggregates, actor: str, cmd: PlaceOrder, prefix: str, by_customer: UUID | None = None,
                ) -> Written[Order]:
    """`by_customer`: the signed-in customer placing an order for themselves."""
    customer = customer_of(app, cmd.customer_id) if cmd.customer_id is not None and by_customer is None else None
    products = {i.product_id: load(app, Product, i.product_id, "product") for i in cmd.items}
    sequence = numbers(app, prefix)
    settings, now = settings_of(app), datetime.now(UTC)
    online = cmd.channel == "online" or by_customer is not None
    pickup_at = scheduled(app, settings, cmd.pickup_at, now) if online else cmd.pickup_at
    order = ordering.place(
        number=sequence.next_number(),
        channel=cmd.channel,
        items=[(products[i.product_id], i.quantity) for i in cmd.items],
        customer_id=customer.order_ref if customer else None,
        fulfilment=cmd.fulfilment,
        note=cmd.note,
        actor=actor,
        by_customer=str(by_customer) if by_customer else None,
        pickup_at=pickup_at.astimezone(UTC).isoformat() if pickup_at else None,
        prices_include_tax=settings["prices_include_tax"],
        delivery=settings.delivery_fee(),
    )
    slots = book_pickup(app, settings, order, pickup_at, now, actor) if order.channel == "online" else []
    return saved(app, order, order, sequence, *products.values(), *([customer] if customer else []), *slots)


def book_pickup(app: Aggregates, settings: Settings, order: Order, pickup_at: datetime | None, now: datetime,
                actor: str) -> list[PickupSlot]:
    """Check an online order against the settings; answer the pickup slot it booked."""
    slot = None
    if pickup_at is not None:
        starts = pickup.slot_start(settings, pickup_at)
        slot = find_or_new(app, PickupSlot, PickupSlot.create_id(starts=starts),
                           lambda: PickupSlot(starts=starts, actor=actor))
    pickup.accept_online(settings, order_id=order.id, total=order.goods_total, fulfilment=order.fulfilment,
                         pickup_at=pickup_at, slot=slot, now=now, actor=actor)
    return [slot] if slot else []


def scheduled(app: Aggregates, settings: Settings, wanted: datetime | None, now: datetime) -> datetime | None:
    """When an online order will be ready. The time asked for (or now, without one), unless
    the shop is closed then or its slot is past or full and the settings say to take the
    order for the next opening (`out_of_hours`): then the first open slot after it with a
    place left, within two weeks. Otherwise the time asked for, which may be refused."""
    if settings["out_of_hours"] != "next_opening":
        return wanted
    at = max(wanted or now, now)
    if settings.is_open(settings.local(at)) and (wanted is None or has_room(app, settings, wanted, now)):
        return wanted
    for start in settings.upcoming_slots(at, days=14):
        if has_room(app, settings, start, now):
            return start.astimezone(UTC)
    return wanted


def has_room(app: Aggregates, settings: Settings, at: datetime, now: datetime) -> bool:
    """Whether the pickup slot of `at` is still to come and has a place left."""
    starts = pickup.slot_start(settings, at)
    slot = find(app, PickupSlot.create_id(starts=starts))
    return pickup.takes(settings, starts, slot if isinstance(slot, PickupSlot) else None, now)


def reprint_receipt(app: Aggregates, actor: str, order_id: UUID) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    order.reprint_receipt(actor)
    return saved(app, order, order)
