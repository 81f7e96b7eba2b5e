"""OrderList: the `orders`, `order_lines` and `order_counts` read tables behind lists,
search and boards."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import sql

from oms.domain.order import Order
from projections.view import View, stamp


class OrderListView(View):
    tables = ("orders", "order_lines", "order_counts")
    columns = frozenset({"status", "version", "updated_at"})

    def begin(self, curs: Any) -> None:
        super().begin(curs)
        self.counts: Counter[tuple[str, str]] = Counter()

    def flush(self) -> None:
        super().flush()
        counts, self.counts = self.counts, Counter()
        statement = self.statement(("counts", self.suffix), lambda: sql.SQL(
            "INSERT INTO {0} (status, channel, n) VALUES (%s, %s, %s)"
            " ON CONFLICT (status, channel) DO UPDATE SET n = {0}.n + excluded.n").format(self.t("order_counts")))
        rows = [(status, channel, n) for (status, channel), n in counts.items() if n]
        if rows:
            assert self.curs is not None
            self.curs.executemany(statement, rows)

    def status_changed(self, e: Order.StatusChanged) -> None:
        statement = self.statement(("status", self.suffix), lambda: sql.SQL(
            "UPDATE {} SET status = %(status)s, version = %(version)s, updated_at = %(updated_at)s"
            " WHERE id = %(id)s RETURNING channel").format(self.t()))
        row = self.cursor().execute(statement, {"status": e.status, "id": e.originator_id, **stamp(e)}).fetchone()
        if row is not None:
            self.counts[(e.previous, row["channel"])] -= 1
            self.counts[(e.status, row["channel"])] += 1

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
        self.counts[("placed", e.channel)] += 1
        for number, line in enumerate(e.lines, start=1):
            self.insert(
                "order_lines", order_id=e.originator_id, line=number, product_id=UUID(line["product_id"]),
                sku=line["sku"], name=line["name"], quantity=line["quantity"], unit_price=line["unit_price"],
                tax_rate=line["tax_rate"], net=line["net"], tax=line["tax"],
            )

    def paid(self, e: Order.PaymentRecorded) -> None:
        statement = self.statement(("paid", self.suffix), lambda: sql.SQL(
            "UPDATE {} SET paid = paid + %(amount)s,"
            " payment_status = CASE WHEN paid + %(amount)s >= total THEN 'paid' ELSE 'pending' END,"
            " version = %(version)s, updated_at = %(updated_at)s WHERE id = %(id)s").format(self.t()))
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
        self.view.status_changed(e)

    @process_event.register
    def _(self, e: Order.PaymentRecorded, tracking: Tracking) -> None:
        self.view.paid(e)
