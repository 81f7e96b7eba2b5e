"""An order's way over the board: ChangeOrderStatus (handing over takes what is due first,
in the same command), CancelOrder, and UndoOrderStatus for a mistaken tap."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, find, load
from commands.payments import RecordPayment, take_payment
from commands.settings import settings_of
from commands.shifts import own_shift
from oms.domain import custom, ordering, pickup
from oms.domain.order import Order, PaymentMethod, Status
from oms.domain.pickup import PickupSlot
from oms.domain.product import Product
from oms.fields import Money, Reason, Text


class Payment(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: PaymentMethod
    amount: Money


class ChangeOrderStatus(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    status: Status
    note: Text | None = None
    # Taken before the order moves (what is due, as it is handed over); cash into this drawer.
    payment: Payment | None = None
    shift_id: UUID | None = None  # the caller's drawer: cash taken, or a cancelled deposit paid back


class CancelOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    reason: Text | None = None
    shift_id: UUID | None = None


class UndoOrderStatus(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    reason: Reason = "tapped by mistake"


def products_of(app: Aggregates, order: Order) -> dict[str, Product]:
    return {pid: load(app, Product, UUID(pid), "product") for pid in order.quantities()}


def change_order_status(app: Aggregates, actor: str, order_id: UUID, cmd: ChangeOrderStatus,
                        every_shift: bool = False) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    paid = take_payment(app, order, RecordPayment(cmd.payment.method, cmd.payment.amount, cmd.shift_id), actor,
                        every_shift) if cmd.payment else []
    products = products_of(app, order) if ordering.moves_stock(order, cmd.status) else {}
    ordering.move(order, cmd.status, cmd.note, products, actor)
    returned = deposit_returned(app, order, cmd, actor, every_shift) if cmd.status == "cancelled" else []
    slots = []
    if cmd.status == "cancelled" and order.pickup_at:  # its place in the slot is free again
        slot = find(app, PickupSlot.create_id(starts=pickup.slot_start(settings_of(app),
                                                                       datetime.fromisoformat(order.pickup_at))))
        if isinstance(slot, PickupSlot):
            slot.release(order.id, actor)
            slots.append(slot)
    return saved(app, order, order, *paid, *products.values(), *slots, *returned)


def deposit_returned(app: Aggregates, order: Order, cmd: ChangeOrderStatus, actor: str, every_shift: bool,
                     ) -> list[object]:
    """A cancelled custom order's deposit, back to its tenders if the settings say so;
    answer what else changed (the drawer it left, the account it went back to)."""
    if not custom.returns_deposit(order, settings_of(app)):
        return []
    shift = own_shift(app, cmd.shift_id, actor, every_shift) if cmd.shift_id else None
    customer = customer_of(app, UUID(order.customer_id)) if order.customer_id else None
    custom.deposit_back(order, shift, customer, actor)
    return [x for x in (shift, customer) if x is not None]


def cancel_order(app: Aggregates, actor: str, order_id: UUID, cmd: CancelOrder, every_shift: bool = False,
                 ) -> Written[Order]:
    return change_order_status(app, actor, order_id, ChangeOrderStatus(status="cancelled", note=cmd.reason,
                                                                      shift_id=cmd.shift_id), every_shift)


def undo_order_status(app: Aggregates, actor: str, order_id: UUID, cmd: UndoOrderStatus) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    products = products_of(app, order) if ordering.undo_moves_stock(order) else {}
    ordering.undo(order, cmd.reason, products, actor)
    return saved(app, order, order, *products.values())
