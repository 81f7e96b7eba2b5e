"""Feed: turns events into live messages and publishes each one after the read models
have committed it, so a screen that reacts to a message reads fresh tables.

`messages()` is the one mapping from events to messages, used by the live path and by
catch-up (which reads the event store, never Redis).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.utils import get_topic
from psycopg import Cursor, sql

from oms.domain.order import Order, order_sums, payment_status, placed_status
from oms.domain.product import Product, available
from oms.domain.settings import Settings
from oms.domain.shift import Shift
from oms.names import APPLICATION

Message = dict[str, Any]
Publish = Callable[[list[Message]], None]  # one batch of messages, in order
TRACKING = "feed_tracking"

class Live(StrEnum):
    """The live messages' types, as clients receive them (docs/events.md "Live messages");
    `web/src/live/feed.ts` reads the same names."""

    ORDER_PLACED = "order.placed"
    ORDER_SOLD = "order.sold"
    ORDER_STATUS_CHANGED = "order.status_changed"
    ORDER_PAYMENT_RECORDED = "order.payment_recorded"
    ORDER_REFUNDED = "order.refunded"
    PRODUCT_CREATED = "product.created"
    PRODUCT_UPDATED = "product.updated"
    PRODUCT_ARCHIVED = "product.archived"
    STOCK_CHANGED = "stock.changed"
    SHIFT_OPENED = "shift.opened"
    SHIFT_CLOSED = "shift.closed"
    SETTINGS_CHANGED = "settings.changed"


ORDER = "order."  # every order message's type starts so
ORDER_TYPES: dict[type, str] = {
    Order.Placed: Live.ORDER_PLACED, Order.StatusChanged: Live.ORDER_STATUS_CHANGED,
    Order.StatusChangeUndone: Live.ORDER_STATUS_CHANGED,
    Order.PaymentRecorded: Live.ORDER_PAYMENT_RECORDED, Order.Refunded: Live.ORDER_REFUNDED,
}
PRODUCT_TYPES: dict[type, str] = {
    Product.Created: Live.PRODUCT_CREATED, Product.Updated: Live.PRODUCT_UPDATED,
    Product.Archived: Live.PRODUCT_ARCHIVED,
    **dict.fromkeys((Product.StockAdjusted, Product.StockReserved, Product.ReservationReleased, Product.StockHandedOver,
                     Product.StockSold, Product.StockReturned, Product.HandOverUndone), Live.STOCK_CHANGED),
}
SHIFT_TYPES: dict[type, str] = {Shift.Opened: Live.SHIFT_OPENED, Shift.Closed: Live.SHIFT_CLOSED}
SETTINGS_TYPES: dict[type, str] = {Settings.Changed: Live.SETTINGS_CHANGED}


def relevant(event: Any) -> bool:
    return any(type(event) in types for types in (ORDER_TYPES, PRODUCT_TYPES, SHIFT_TYPES, SETTINGS_TYPES))


def kind_of(e: Any) -> str:
    """The message type: a POS sale is `order.sold`, though stored as `OrderPlaced`."""
    return Live.ORDER_SOLD if isinstance(e, Order.Placed) and e.sale else ORDER_TYPES[type(e)]


def order_data(e: Any, row: dict[str, Any] | None) -> dict[str, Any]:
    base = {"id": e.originator_id, "number": row and row["number"], "customer_id": row and row["customer_id"],
            "status": row and row["status"], "payment_status": row and payment_status(row["paid"], row["total"])}
    if isinstance(e, Order.Placed):
        _, _, total = order_sums(e.lines)
        placed = {**base, "number": e.number, "customer_id": UUID(e.customer_id) if e.customer_id else None,
                  "channel": e.channel, "fulfilment": e.fulfilment, "note": e.note, "total": total,
                  "items": [{"product_id": line["product_id"], "name": line["name"], "quantity": line["quantity"]}
                            for line in e.lines]}
        sale = e.sale
        return placed if not sale else {
            **placed, "status": placed_status(sale), "payment_status": "paid", "invoice_number": sale["invoice_number"],
            "shift_id": sale["shift_id"], "register": sale["register"], "payments": e.payments,
            "change_due": sale["change_due"]}
    if isinstance(e, Order.StatusChanged):
        return {**base, "status": e.status, "previous": e.previous, "note": e.note}
    if isinstance(e, Order.StatusChangeUndone):
        return {**base, "status": e.status, "previous": e.undone, "note": e.reason, "undone": True}
    if isinstance(e, Order.Refunded):
        return {**base, "amount": e.refund["amount"], "tenders": e.refund["tenders"],
                "shift_id": e.refund["shift_id"], "lines": e.refund["lines"]}
    return {**base, "method": e.method, "amount": e.amount}


def product_data(e: Any, row: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"product_id": e.originator_id, "cause": type(e).__name__}
    if row:
        data.update(sku=row["sku"], name=row["name"], price=row["price"], stock=row["stock"],
                    reserved=row["reserved"], available=available(row["stock"], row["reserved"]),
                    archived=row["archived"])
    for field in ("delta", "quantity", "order_id", "reason", "shortfall"):
        if hasattr(e, field):
            data[field] = getattr(e, field)
    return data


def shift_data(e: Any) -> dict[str, Any]:
    if isinstance(e, Shift.Opened):
        return {"shift_id": e.originator_id, "register": e.register, "cashier": e.cashier,
                "opening_float": e.opening_float}
    return {"shift_id": e.originator_id, "counted_cash": e.counted_cash, "closed_by": e.actor}


def rows(curs: Cursor[Any], table: str, columns: str, ids: set[UUID]) -> dict[UUID, dict[str, Any]]:
    if not ids:
        return {}
    curs.execute(sql.SQL("SELECT id, {} FROM {} WHERE id = ANY(%s)").format(sql.SQL(columns), sql.Identifier(table)),
                 (list(ids),))
    return {row["id"]: row for row in curs.fetchall()}


def messages(pairs: Sequence[tuple[Any, int]], curs: Cursor[Any]) -> list[Message]:
    """Messages for (event, position) pairs, in order; order/product rows give context."""
    pairs = [(e, p) for e, p in pairs if relevant(e)]
    orders = rows(curs, "orders", "number, customer_id, status, paid, total",
                  {e.originator_id for e, _ in pairs if type(e) in ORDER_TYPES})
    products = rows(curs, "products", "sku, name, price, stock, reserved, archived",
                    {e.originator_id for e, _ in pairs if type(e) in PRODUCT_TYPES})
    out = []
    for e, position in pairs:
        if type(e) in ORDER_TYPES:
            kind, data = kind_of(e), order_data(e, orders.get(e.originator_id))
        elif type(e) in SHIFT_TYPES:
            kind, data = SHIFT_TYPES[type(e)], shift_data(e)
        elif type(e) in SETTINGS_TYPES:
            kind, data = SETTINGS_TYPES[type(e)], {"changed": sorted(e.changes)}
        else:
            kind, data = PRODUCT_TYPES[type(e)], product_data(e, products.get(e.originator_id))
        out.append({"type": kind, "position": position, "at": e.timestamp, "data": data})
    return out


class Feed:
    """Publishes each committed batch's messages with `publish`, then records how far it
    got in `feed_tracking`. A crash between the two repeats messages (hubs drop what
    they delivered), never loses one; hubs also compare `feed_tracking` on their ticks."""

    name = "Feed"
    topics = {get_topic(cls) for cls in (*ORDER_TYPES, *PRODUCT_TYPES, *SHIFT_TYPES, *SETTINGS_TYPES)}

    def __init__(self, datastore: PostgresDatastore, publish: Publish) -> None:
        self.tracking = PostgresTrackingRecorder(datastore, tracking_table_name=TRACKING)
        self.publish = publish
        self.previous = self.position()

    def position(self) -> int:
        return self.tracking.max_tracking_id(APPLICATION) or 0

    def prepare(self, curs: Cursor[Any], pairs: Sequence[tuple[Any, int]]) -> list[Message]:
        return messages(pairs, curs)

    def send(self, prepared: list[Message], position: int) -> None:
        for message in prepared:
            message["prev"], self.previous = self.previous, message["position"]
        if prepared:
            self.publish(prepared)
        with self.tracking.datastore.transaction(commit=True) as curs:
            self.tracking._insert_tracking(curs, Tracking(APPLICATION, position))


def feed(publish: Publish) -> Callable[[PostgresDatastore], Feed]:
    return lambda datastore: Feed(datastore, publish)
