"""OrderList: the `orders`, `order_lines` and `order_counts` read tables behind lists,
search and boards. Written only through the view-writing contract (`projections.view`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import sql

from oms.domain.customer import Customer
from oms.domain.order import Order, line_discount, order_sums, placed_status
from projections.view import View, stamp


class OrderListView(View):
    tables = ("orders", "order_lines", "order_counts")
    columns = frozenset({"status", "version", "updated_at"})


class OrderList(Projection[OrderListView]):
    name = "OrderList"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: Order.Placed, tracking: Tracking) -> None:
        subtotal, tax, total = order_sums(e.lines)
        sale = e.sale or {}  # a POS sale, paid and handed over
        status = placed_status(e.sale)
        self.view.insert(
            "orders", id=e.originator_id, number=e.number, status=status, channel=e.channel,
            customer_id=UUID(e.customer_id) if e.customer_id else None, fulfilment=e.fulfilment,
            note=e.note, subtotal=subtotal, tax=tax, total=total,
            discount=sum((line_discount(line) for line in e.lines), Decimal("0.00")),
            item_count=sum(line["quantity"] for line in e.lines),
            search=" ".join([e.number, *(line["name"] for line in e.lines)]).lower(),
            placed_by=e.actor, version=e.originator_version, placed_at=e.timestamp, updated_at=e.timestamp,
            paid=sum((Decimal(p["amount"]) for p in e.payments or ()), Decimal("0.00")),
            invoice_number=sale.get("invoice_number"), shift_id=UUID(sale["shift_id"]) if sale else None,
            register=sale.get("register"), change_due=sale.get("change_due"), sold_at=sale.get("sold_at"),
            salesman_id=UUID(sale["salesman_id"]) if sale.get("salesman_id") else None,
            pickup_at=datetime.fromisoformat(e.pickup_at) if e.pickup_at else None,
        )
        self.view.count("order_counts", {"status": status, "channel": e.channel})
        for number, line in enumerate(e.lines, start=1):
            self.view.insert(
                "order_lines", order_id=e.originator_id, line=number,
                product_id=UUID(line["product_id"]) if line["product_id"] else None, sku=line["sku"],
                name=line["name"], quantity=line["quantity"], unit_price=line["unit_price"],
                tax_rate=line["tax_rate"], net=line["net"], tax=line["tax"], discount=line_discount(line),
            )

    @process_event.register
    def _(self, e: Customer.Forgotten, tracking: Tracking) -> None:
        """The notes of their orders were theirs (`oms.personal`): gone from the list too."""
        named = [e.originator_id, *([UUID(e.user_id)] if e.user_id else [])]
        self.view.cursor().execute(sql.SQL("UPDATE {} SET note = NULL WHERE customer_id = ANY(%s)").format(
            self.view.t("orders")), (named,))

    @process_event.register
    def _(self, e: Order.StatusChanged, tracking: Tracking) -> None:
        row = self.view.update(e.originator_id, {"status": e.status, **stamp(e)}, returning=("channel",))
        if row is not None:
            self.view.count("order_counts", {"status": e.previous, "channel": row["channel"]}, -1)
            self.view.count("order_counts", {"status": e.status, "channel": row["channel"]})

    @process_event.register
    def _(self, e: Order.StatusChangeUndone, tracking: Tracking) -> None:
        row = self.view.update(e.originator_id, {"status": e.status, **stamp(e)}, returning=("channel",))
        if row is not None:
            self.view.count("order_counts", {"status": e.undone, "channel": row["channel"]}, -1)
            self.view.count("order_counts", {"status": e.status, "channel": row["channel"]})

    @process_event.register
    def _(self, e: Order.PaymentRecorded, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"paid": e.amount})

    @process_event.register
    def _(self, e: Order.Refunded, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"refunded": e.refund["amount"]})
