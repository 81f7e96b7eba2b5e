"""Feed: turns events into live messages and publishes each one after the read models
have committed it, so a screen that reacts to a message reads fresh tables.

`messages()` is the one mapping from events to messages, used by the live path and by
catch-up (which reads the event store, never Redis).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import Cursor, sql

from oms.domain.order import Order
from oms.domain.product import Product
from projections.runner import View
from queries.positions import positions_sql

Message = dict[str, Any]
Publish = Callable[[Message], None]

ORDER_TYPES: dict[type, str] = {
    Order.Placed: "order.placed", Order.StatusChanged: "order.status_changed",
    Order.PaymentRecorded: "order.payment_recorded",
}
PRODUCT_TYPES: dict[type, str] = {
    Product.Created: "product.created", Product.Updated: "product.updated", Product.Archived: "product.archived",
    Product.StockAdjusted: "stock.changed", Product.StockReserved: "stock.changed",
    Product.ReservationReleased: "stock.changed", Product.StockHandedOver: "stock.changed",
}
WAIT_FOR_READ_MODELS = 5.0


def relevant(event: Any) -> bool:
    return type(event) in ORDER_TYPES or type(event) in PRODUCT_TYPES


def order_data(e: Any, row: dict[str, Any] | None) -> dict[str, Any]:
    base = {"id": e.originator_id, "number": row and row["number"], "customer_id": row and row["customer_id"],
            "status": row and row["status"], "payment_status": row and row["payment_status"]}
    if isinstance(e, Order.Placed):
        total = sum((Decimal(line["net"]) + Decimal(line["tax"]) for line in e.lines), Decimal(0))
        return {**base, "number": e.number, "customer_id": UUID(e.customer_id) if e.customer_id else None,
                "channel": e.channel, "fulfilment": e.fulfilment, "note": e.note, "total": total,
                "items": [{"product_id": line["product_id"], "name": line["name"], "quantity": line["quantity"]}
                          for line in e.lines]}
    if isinstance(e, Order.StatusChanged):
        return {**base, "status": e.status, "previous": e.previous, "note": e.note}
    return {**base, "method": e.method, "amount": e.amount}


def product_data(e: Any, row: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"product_id": e.originator_id, "cause": type(e).__name__}
    if row:
        data.update(sku=row["sku"], name=row["name"], price=row["price"], stock=row["stock"],
                    reserved=row["reserved"], available=max(row["stock"] - row["reserved"], 0),
                    archived=row["archived"])
    for field in ("delta", "quantity", "order_id", "reason"):
        if hasattr(e, field):
            data[field] = getattr(e, field)
    return data


def rows(curs: Cursor[Any], table: str, columns: str, ids: set[UUID]) -> dict[UUID, dict[str, Any]]:
    if not ids:
        return {}
    curs.execute(sql.SQL("SELECT id, {} FROM {} WHERE id = ANY(%s)").format(sql.SQL(columns), sql.Identifier(table)),
                 (list(ids),))
    return {row["id"]: row for row in curs.fetchall()}


def messages(pairs: Sequence[tuple[Any, int]], curs: Cursor[Any]) -> list[Message]:
    """Messages for (event, position) pairs, in order; order/product rows give context."""
    pairs = [(e, p) for e, p in pairs if relevant(e)]
    orders = rows(curs, "orders", "number, customer_id, status, payment_status",
                  {e.originator_id for e, _ in pairs if type(e) in ORDER_TYPES})
    products = rows(curs, "products", "sku, name, price, stock, reserved, archived",
                    {e.originator_id for e, _ in pairs if type(e) in PRODUCT_TYPES})
    out = []
    for e, position in pairs:
        if type(e) in ORDER_TYPES:
            kind, data = ORDER_TYPES[type(e)], order_data(e, orders.get(e.originator_id))
        else:
            kind, data = PRODUCT_TYPES[type(e)], product_data(e, products.get(e.originator_id))
        out.append({"type": kind, "position": position, "at": e.timestamp, "data": data})
    return out


class FeedView(View):
    tables = ()
    columns = frozenset()
    read_models: ClassVar[tuple[str, ...]] = ()

    def wait_for_read_models(self, position: int) -> None:
        """Block (bounded) until every read model has committed `position`."""
        if not self.read_models:
            return
        statement = positions_sql(self.read_models)
        deadline = time.monotonic() + WAIT_FOR_READ_MODELS
        with self.datastore.get_connection() as conn:
            while time.monotonic() < deadline:
                row = conn.execute(statement).fetchone()
                conn.commit()
                if row and row["n"] >= position:
                    return
                time.sleep(0.002)

    def publish_batch(self, pairs: Sequence[tuple[Any, int]], publish: Publish, previous: int) -> int:
        """Publish the messages of a batch once the read models hold it; track its end.
        Publishing before the tracking commits: a crash repeats messages, never loses one."""
        wanted = [(e, p) for e, p in pairs if relevant(e)]
        if wanted:
            self.wait_for_read_models(wanted[-1][1])
        with self.datastore.transaction(commit=True) as curs:
            for message in messages(wanted, curs):
                message["prev"] = previous
                publish(message)
                previous = message["position"]
            self._insert_tracking(curs, Tracking("OMS", pairs[-1][1]))
        return previous


class Feed(Projection[FeedView]):
    """Subclassed per process by `bind` with the `publish` function to call."""

    name = "Feed"
    publish: ClassVar[Publish]
    previous: int | None = None

    def __init__(self, view: FeedView) -> None:
        super().__init__(view)
        self.previous = view.max_tracking_id("OMS") or 0

    def process_batch(self, pairs: Sequence[tuple[Any, int]]) -> None:
        self.previous = self.view.publish_batch(pairs, type(self).publish, self.previous or 0)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        self.process_batch([(domain_event, tracking.notification_id)])


def bind(publish: Publish, read_models: Sequence[str]) -> tuple[type[Feed], type[FeedView]]:
    """A Feed that publishes with `publish`, and a view that waits for `read_models`."""
    feed = type("Feed", (Feed,), {"publish": staticmethod(publish), "name": "Feed"})
    view = type("FeedView", (FeedView,), {"read_models": tuple(read_models)})
    return feed, view
