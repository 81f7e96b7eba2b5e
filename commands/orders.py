"""Order commands: PlaceOrder, ChangeOrderStatus, CancelOrder, RecordPayment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, find, find_or_new, load
from commands.settings import settings_of
from commands.shifts import own_shift
from oms.domain import custom, ordering, pickup
from oms.domain.customer import put_on_account
from oms.domain.order import Order, OrderNumbers, PaymentMethod, Status
from oms.domain.pickup import PickupSlot
from oms.domain.product import Product
from oms.domain.settings import Settings
from oms.domain.shift import Shift
from oms.fields import Instant, Money, Quantity, Text, money


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


class ChangeOrderStatus(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    status: Status
    note: Text | None = None
    shift_id: UUID | None = None  # cancelling a custom order whose cash deposit goes back: from this drawer


class CancelOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    reason: Text | None = None
    shift_id: UUID | None = None


class RecordPayment(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: PaymentMethod
    amount: Money
    shift_id: UUID | None = None  # cash taken at the counter goes into this (the caller's) drawer


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


def change_order_status(app: Aggregates, actor: str, order_id: UUID, cmd: ChangeOrderStatus) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    products = {pid: load(app, Product, UUID(pid), "product") for pid in order.quantities()
                } if ordering.moves_stock(cmd.status) else {}
    ordering.move(order, cmd.status, cmd.note, products, actor)
    returned = deposit_returned(app, order, cmd, actor) if cmd.status == "cancelled" else []
    slots = []
    if cmd.status == "cancelled" and order.pickup_at:  # its place in the slot is free again
        slot = find(app, PickupSlot.create_id(starts=pickup.slot_start(settings_of(app),
                                                                       datetime.fromisoformat(order.pickup_at))))
        if isinstance(slot, PickupSlot):
            slot.release(order.id, actor)
            slots.append(slot)
    return saved(app, order, order, *products.values(), *slots, *returned)


def deposit_returned(app: Aggregates, order: Order, cmd: ChangeOrderStatus, actor: str) -> list[object]:
    """A cancelled custom order's deposit, back to its tenders if the settings say so;
    answer what else changed (the drawer it left, the account it went back to)."""
    if not custom.returns_deposit(order, settings_of(app)):
        return []
    shift = load(app, Shift, cmd.shift_id, "shift") if cmd.shift_id else None
    customer = customer_of(app, UUID(order.customer_id)) if order.customer_id else None
    custom.deposit_back(order, shift, customer, actor)
    return [x for x in (shift, customer) if x is not None]


def cancel_order(app: Aggregates, actor: str, order_id: UUID, cmd: CancelOrder) -> Written[Order]:
    return change_order_status(app, actor, order_id, ChangeOrderStatus(status="cancelled", note=cmd.reason,
                                                                      shift_id=cmd.shift_id))


def record_payment(app: Aggregates, actor: str, order_id: UUID, cmd: RecordPayment) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    order.record_payment(cmd.method, money(cmd.amount), actor)
    if cmd.method == "cash" and cmd.shift_id is not None:
        shift = own_shift(app, cmd.shift_id, actor)
        shift.move_cash("in", money(cmd.amount), f"payment {order.number}", actor)
        return saved(app, order, order, shift)
    if cmd.method != "account":
        return saved(app, order, order)
    customer = customer_of(app, UUID(order.customer_id)) if order.customer_id else None
    put_on_account(customer, order.id, money(cmd.amount), actor)
    return saved(app, order, order, *([customer] if customer else []))


def reprint_receipt(app: Aggregates, actor: str, order_id: UUID) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    order.reprint_receipt(actor)
    return saved(app, order, order)
