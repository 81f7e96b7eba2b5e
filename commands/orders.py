"""Order commands: PlaceOrder, ChangeOrderStatus, CancelOrder, RecordPayment."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, find_or_new, load
from oms.domain import ordering
from oms.domain.customer import put_on_account
from oms.domain.order import Order, OrderNumbers, PaymentMethod, Status
from oms.domain.product import Product
from oms.fields import Money, Quantity, Text, money


class OrderItem(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    product_id: UUID
    quantity: Quantity


class PlaceOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    items: Annotated[list[OrderItem], msgspec.Meta(min_length=1, max_length=200)]
    channel: Literal["online", "pos"] = "online"
    customer_id: UUID | None = None
    fulfilment: Literal["pickup", "delivery"] | None = None
    note: Text | None = None


class ChangeOrderStatus(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    status: Status
    note: Text | None = None


class CancelOrder(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    reason: Text | None = None


class RecordPayment(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: PaymentMethod
    amount: Money


def numbers(app: Aggregates, prefix: str) -> OrderNumbers:
    return find_or_new(app, OrderNumbers, OrderNumbers.create_id(prefix=prefix), lambda: OrderNumbers(prefix=prefix))


def place_order(app: Aggregates, actor: str, cmd: PlaceOrder, prefix: str, by_customer: UUID | None = None,
                ) -> Written[Order]:
    """`by_customer`: the signed-in customer placing an order for themselves."""
    customer = customer_of(app, cmd.customer_id) if cmd.customer_id is not None and by_customer is None else None
    products = {i.product_id: load(app, Product, i.product_id, "product") for i in cmd.items}
    sequence = numbers(app, prefix)
    order = ordering.place(
        number=sequence.next_number(),
        channel=cmd.channel,
        items=[(products[i.product_id], i.quantity) for i in cmd.items],
        customer_id=str(cmd.customer_id) if cmd.customer_id else None,
        fulfilment=cmd.fulfilment,
        note=cmd.note,
        actor=actor,
        by_customer=str(by_customer) if by_customer else None,
    )
    return saved(app, order, order, sequence, *products.values(), *([customer] if customer else []))


def change_order_status(app: Aggregates, actor: str, order_id: UUID, cmd: ChangeOrderStatus) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    products = {pid: load(app, Product, UUID(pid), "product") for pid in order.quantities()
                } if ordering.moves_stock(cmd.status) else {}
    ordering.move(order, cmd.status, cmd.note, products, actor)
    return saved(app, order, order, *products.values())


def cancel_order(app: Aggregates, actor: str, order_id: UUID, cmd: CancelOrder) -> Written[Order]:
    return change_order_status(app, actor, order_id, ChangeOrderStatus(status="cancelled", note=cmd.reason))


def record_payment(app: Aggregates, actor: str, order_id: UUID, cmd: RecordPayment) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    order.record_payment(cmd.method, money(cmd.amount), actor)
    if cmd.method != "account":
        return saved(app, order, order)
    customer = customer_of(app, UUID(order.customer_id)) if order.customer_id else None
    put_on_account(customer, order.id, money(cmd.amount), actor)
    return saved(app, order, order, *([customer] if customer else []))


def reprint_receipt(app: Aggregates, actor: str, order_id: UUID) -> Written[Order]:
    order = load(app, Order, order_id, "order")
    order.reprint_receipt(actor)
    return saved(app, order, order)
