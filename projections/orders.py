"""OrderList: the `orders` and `order_lines` read tables behind lists, search and boards."""

from __future__ import annotations

from decimal import Decimal
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import sql

from oms.domain.order import Order
from projections.runner import View, stamp


class OrderListView(View):
    tables = ("orders", "order_lines")
    columns = frozenset({"status", "version", "updated_at"})

    def placed(self, e: Order.Placed) -> None:
        net = sum((Decimal(line["net"]) for line in e.lines), Decimal(0))
        tax = sum((Decimal(line["tax"]) for line in e.lines), Decimal(0))
        search = " ".join([e.number, *(line["name"] for line in e.lines)]).lower()
        self.insert(
            "orders", id=e.originator_id, number=e.number, status="placed",
            payment_status="paid" if net + tax == 0 else "pending", channel=e.channel,
            customer_id=UUID(e.customer_id) if e.customer_id else None, fulfilment=e.fulfilment,
            note=e.note, subtotal=net, tax=tax, total=net + tax,
            item_count=sum(line["quantity"] for line in e.lines), search=search,
            placed_by=e.actor, version=e.originator_version, placed_at=e.timestamp, updated_at=e.timestamp,
        )
        for number, line in enumerate(e.lines, start=1):
            self.insert(
                "order_lines", order_id=e.originator_id, line=number, product_id=UUID(line["product_id"]),
                sku=line["sku"], name=line["name"], quantity=line["quantity"], unit_price=line["unit_price"],
                tax_rate=line["tax_rate"], net=line["net"], tax=line["tax"],
            )

    def paid(self, e: Order.PaymentRecorded) -> None:
        statement = sql.SQL(
            "UPDATE {} SET paid = paid + %(amount)s,"
            " payment_status = CASE WHEN paid + %(amount)s >= total THEN 'paid' ELSE 'pending' END,"
            " version = %(version)s, updated_at = %(updated_at)s WHERE id = %(id)s"
        ).format(self.t())
        self.cursor().execute(statement, {"amount": e.amount, "id": e.originator_id, **stamp(e)})


class OrderList(Projection[OrderListView]):
    name = "OrderList"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: Order.Placed, tracking: Tracking) -> None:
        self.view.placed(e)

    @process_event.register
    def _(self, e: Order.StatusChanged, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"status": e.status, **stamp(e)})

    @process_event.register
    def _(self, e: Order.PaymentRecorded, tracking: Tracking) -> None:
        self.view.paid(e)
