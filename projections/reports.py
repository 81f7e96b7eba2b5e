"""Reports: sales, refunds, money taken and stock movements summed per store day
(`report_sales`, `report_stock`, `report_costs`), so a report reads a few hundred rows
whatever the number of orders.

When a sale counts: a POS sale on the day it was made (`sold_at` for one made offline),
an online or custom order on the day it was handed over (shipped); a cancelled order
never. Its cost of goods is the product's cost at that moment. A refund counts on its
own day, against the sale's product, category, channel and salesman and the refunding
cashier. Tender rows follow the money: payments on the day taken, refunds on the day
given back. A day is the store's day in the time zone the settings had when the event
happened, so a closed period reads the same after any rebuild."""

from __future__ import annotations

from decimal import Decimal
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from oms.domain.money import cents
from oms.domain.order import HANDED_OVER, Order, line_discount
from oms.domain.product import Product
from oms.domain.salesman import Salesman
from oms.domain.settings import Settings, in_zone
from oms.names import SETTINGS_ID
from projections.movements import MOVEMENTS, movement
from projections.report_view import ReportsView
from projections.statements import pg_json

ZERO = Decimal("0.00")
KEPT_SETTINGS = frozenset({"timezone", "low_stock_level"})  # what reports read of the settings


def unlisted(channel: str) -> str:
    """The product key and category of a line without a catalog product."""
    return "custom" if channel == "custom" else "quick-sell"


class Reports(Projection[ReportsView]):
    name = "Reports"

    def day(self, at: Any) -> Any:
        return in_zone(at, self.view.ref(SETTINGS_ID).get("timezone", "UTC")).date()

    def add(self, day: Any, dimension: str, key: str | None, measures: dict[str, Any]) -> None:
        if key is not None:
            self.view.add("report_sales", {"dimension": dimension, "day": day, "key": key}, measures)

    def line(self, line: dict[str, Any], channel: str) -> dict[str, Any]:
        """An order line as the reports keep it: its product's category and cost as they are now."""
        ref = self.view.ref(UUID(line["product_id"])) if line["product_id"] else {}
        return {"product": line["product_id"] or unlisted(channel),
                "category": ref.get("category") or unlisted(channel),
                "quantity": line["quantity"], "net": str(line["net"]), "tax": str(line["tax"]),
                "discount": str(line_discount(line)), "unit_cost": ref.get("cost", "0.00")}

    def count_sale(self, order: dict[str, Any], day: Any, cashier: str, sign: int = 1) -> None:
        """Count the order's lines as sold on `day` (`sign` -1: a handing over taken back)."""
        everything: dict[str, Any] = {"orders": sign}
        for line in order["lines"]:
            net, discount, quantity = Decimal(line["net"]), Decimal(line["discount"]), line["quantity"]
            measures = {"orders": 1, "units": quantity, "gross": net + discount, "discount": discount, "net": net,
                        "tax": Decimal(line["tax"]), "cost": cents(Decimal(line["unit_cost"]) * quantity)}
            measures = {k: v * sign for k, v in measures.items()}
            self.add(day, "product", line["product"], measures)
            self.add(day, "category", line["category"], measures)
            everything.update({k: everything.get(k, 0) + v for k, v in measures.items() if k != "orders"})
        self.count_everywhere(order, day, cashier, everything, everything.get("net", ZERO))

    def count_everywhere(self, order: dict[str, Any], day: Any, cashier: str, measures: dict[str, Any],
                         net: Decimal) -> None:
        """Add to the store's, the channel's, the cashier's and the salesman's rows."""
        for dimension, key in (("store", ""), ("channel", order["channel"]), ("cashier", cashier)):
            self.add(day, dimension, key, measures)
        if order["salesman_id"]:
            rate = Decimal(order["rate"] or 0)
            self.add(day, "salesman", order["salesman_id"], {**measures, "commission": cents(net * rate / 100)})

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events the reports do not count."""

    @process_event.register
    def _(self, e: Settings.Created, tracking: Tracking) -> None:
        self.view.set_ref(SETTINGS_ID, **{k: v for k, v in e.values.items() if k in KEPT_SETTINGS})

    @process_event.register
    def _(self, e: Settings.Changed, tracking: Tracking) -> None:
        if KEPT_SETTINGS.intersection(e.changes):
            self.view.set_ref(SETTINGS_ID, **{k: v for k, v in e.changes.items() if k in KEPT_SETTINGS})

    def costed(self, e: Any, changes: dict[str, Any]) -> None:
        """A product's cost or category changed (from now on, sales take the new ones)."""
        known = {k: str(v) for k, v in changes.items() if k in ("cost", "category")}
        if known:
            self.view.set_ref(e.originator_id, **known)
        if "cost" in known:
            self.view.set_cost(e.originator_id, self.day(e.timestamp), known["cost"])

    def moved(self, e: Any, tracking: Tracking) -> None:
        """A stock event (`MOVEMENTS`), summed per product, day and cause."""
        cause, delta, _, _ = movement(e)
        self.view.add("report_stock", {"product_id": e.originator_id, "day": self.day(e.timestamp), "cause": cause},
                      {"delta": delta})
        if isinstance(e, Product.Created):
            self.costed(e, {"cost": e.cost, "category": e.category})
        elif isinstance(e, Product.StockReceived):
            self.costed(e, {"cost": e.cost})

    @process_event.register
    def _(self, e: Product.Updated, tracking: Tracking) -> None:
        self.costed(e, e.changes)

    @process_event.register
    def _(self, e: Salesman.Created, tracking: Tracking) -> None:
        self.view.set_ref(e.originator_id, rate=str(e.commission_rate))

    @process_event.register
    def _(self, e: Salesman.Updated, tracking: Tracking) -> None:
        if "commission_rate" in e.changes:
            self.view.set_ref(e.originator_id, rate=str(e.changes["commission_rate"]))

    @process_event.register
    def _(self, e: Order.Placed, tracking: Tracking) -> None:
        sale = e.sale or {}
        salesman = sale.get("salesman_id")
        order = {"id": e.originator_id, "channel": e.channel, "cashier": e.actor if sale else None,
                 "salesman_id": salesman, "rate": self.view.ref(UUID(salesman)).get("rate") if salesman else None,
                 "lines": [self.line(line, e.channel) for line in e.lines],
                 "sold_on": self.day(sale.get("sold_at") or e.timestamp) if sale else None}
        self.view.insert("report_orders", **{**order, "lines": pg_json(order["lines"])})
        if sale:
            self.count_sale(order, order["sold_on"], e.actor)
            for payment in e.payments or ():
                self.add(order["sold_on"], "tender", payment["method"], {"paid": Decimal(payment["amount"])})

    @process_event.register
    def _(self, e: Order.StatusChanged, tracking: Tracking) -> None:
        if e.status in HANDED_OVER and e.previous not in HANDED_OVER:
            order = self.view.order(e.originator_id)
            if order is not None and order["sold_on"] is None:
                day = self.day(e.timestamp)
                self.count_sale(order, day, e.actor)
                self.view.update(e.originator_id, {"sold_on": day, "cashier": e.actor})

    @process_event.register
    def _(self, e: Order.StatusChangeUndone, tracking: Tracking) -> None:
        if e.undone in HANDED_OVER and e.status not in HANDED_OVER:  # a handing over taken back
            order = self.view.order(e.originator_id)
            if order is not None and order["sold_on"] is not None:
                self.count_sale(order, order["sold_on"], order["cashier"], sign=-1)
                self.view.update(e.originator_id, {"sold_on": None, "cashier": None})

    @process_event.register
    def _(self, e: Order.PaymentRecorded, tracking: Tracking) -> None:
        self.add(self.day(e.timestamp), "tender", e.method, {"paid": Decimal(e.amount)})

    @process_event.register
    def _(self, e: Order.Refunded, tracking: Tracking) -> None:
        day, refund = self.day(e.timestamp), e.refund
        for method, amount in refund["tenders"].items():
            self.add(day, "tender", method, {"refunds": Decimal(amount)})
        order = self.view.order(e.originator_id)
        if order is None or not refund["lines"]:
            return
        everything: dict[str, Any] = {}
        for refunded in refund["lines"]:
            line = order["lines"][refunded["line"] - 1]
            amount, quantity = Decimal(refunded["amount"]), refunded["quantity"]
            total = Decimal(line["net"]) + Decimal(line["tax"])
            measures = {"refunded_units": quantity, "refunds": amount,
                        "refunds_tax": cents(amount * Decimal(line["tax"]) / total) if total else ZERO,
                        "returned_cost": cents(Decimal(line["unit_cost"]) * quantity) if refund["restock"] else ZERO}
            self.add(day, "product", line["product"], measures)
            self.add(day, "category", line["category"], measures)
            everything = {k: everything.get(k, 0) + v for k, v in measures.items()}
        self.count_everywhere(order, day, e.actor, everything, everything["refunds_tax"] - everything["refunds"])


for _event in MOVEMENTS:
    vars(Reports)["process_event"].register(_event, Reports.moved)
